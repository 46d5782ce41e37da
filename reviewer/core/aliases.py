"""Which source a claimant is: names matched ignoring case and punctuation, with aliases."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reviewer.core.vocabulary import plain_words

__all__ = ["DEFAULT_ALIASES", "Attribution", "normalize_name", "source_named_in"]

# Each group names one source; a claimant and a source in the same group are the same.
DEFAULT_ALIASES: dict[str, tuple[str, ...]] = {
    "CJTF-OIR": ("CJTF-OIR", "CJTF OIR", "CJTF", "Combined Joint Task Force",
                 "Combined Joint Task Force – Operation Inherent Resolve", "Operation Inherent Resolve", "OIR",
                 "the coalition", "coalition", "US-led coalition",
                 "the US-led coalition", "international coalition", "Pentagon", "the Pentagon", "US military",
                 "US Central Command", "CENTCOM", "Department of Defense", "DoD", "coalition officials"),
    "Airwars": ("Airwars", "Air Wars", "airwars.org", "Airwars monitoring group"),
    "Amnesty International": ("Amnesty International", "Amnesty", "AI"),
    "Iraq Body Count": ("Iraq Body Count", "IBC"),
    "ACLED": ("ACLED", "Armed Conflict Location & Event Data Project", "Armed Conflict Location and Event Data"),
    "UCDP": ("UCDP", "Uppsala Conflict Data Program", "UCDP GED", "GED"),
    "Human Rights Watch": ("Human Rights Watch", "HRW"),
    "SOHR": ("SOHR", "Syrian Observatory for Human Rights", "Syrian Observatory"),
    "UN": ("UN", "United Nations", "UNAMI", "OHCHR", "UN human rights office"),
    "JHU CSSE": ("JHU CSSE", "JHU", "Johns Hopkins University", "Johns Hopkins", "Johns Hopkins CSSE",
                 "Johns Hopkins University CSSE", "CSSE", "Center for Systems Science and Engineering"),
    "Robert Koch Institute": ("Robert Koch Institute", "RKI", "Robert Koch-Institut", "Robert Koch Institut",
                              "Robert-Koch-Institut"),
    "World Health Organization": ("World Health Organization", "WHO", "World Health Organisation"),
    "Gaza Ministry of Health": ("Gaza Ministry of Health", "MoH", "Ministry of Health", "Gaza MoH",
                                "Gaza Health Ministry", "Palestinian Ministry of Health", "Gaza's Health Ministry",
                                "the Health Ministry in Gaza", "Hamas-run health ministry", "Tech for Palestine"),
    "Our World in Data": ("Our World in Data", "OWID", "OurWorldInData"),
    "World Bank": ("World Bank", "WDI", "World Development Indicators", "The World Bank"),
    "Eurostat": ("Eurostat", "European Statistical Office"),
}

def normalize_name(name: str) -> str:
    return plain_words(name)


# Words that name a source in a sentence but, in a file's name, may mean anything.
_TOO_COMMON_FOR_NAMES = {"coalition", "the coalition", "international coalition", "coalition officials", "pentagon",
                         "the pentagon", "us military", "department of defense"}


def source_named_in(name: str, *, common_words: bool = False) -> str | None:
    """The known source a file or sheet name mentions among other words: "airwars_export" is Airwars,
    "ibc-incidents" Iraq Body Count, "cjtf_monthly" CJTF-OIR. A name that is only an alias is left as
    the user wrote it (the caller keeps it), and common words ("coalition") name nothing unless
    ``common_words`` (a column header such as "Coalition deaths")."""
    padded = f" {normalize_name(name)} "
    found = [(padded.find(f" {normal} "), -len(normal), canonical) for normal, canonical in _NORMAL_ALIASES
             if (common_words or normal not in _TOO_COMMON_FOR_NAMES) and f" {normal} " in padded]
    return min(found)[2] if found else None


# Each known source's spellings, normalized once: a wide sheet asks for every one of its column names.
_NORMAL_ALIASES = [(normal, canonical) for canonical, members in DEFAULT_ALIASES.items()
                   for normal in sorted({normalize_name(m) for m in (canonical, *members)}) if len(normal) >= 3]


# How publishers name the files they release: a download keeps its publisher's name pattern.
def _strip_article(name: str) -> str:
    return name[4:] if name.startswith("the ") else name


class Attribution:
    """Matches claimants to the sources of a workbook."""

    def __init__(self, sources: Iterable[str], aliases: Mapping[str, Iterable[str]] | None = None) -> None:
        groups = {k: list(v) for k, v in DEFAULT_ALIASES.items()}
        for name, extra in (aliases or {}).items():
            groups.setdefault(name, [name]).extend(extra)
        self._group_of: dict[str, str] = {}
        for name, members in groups.items():
            for member in [name, *members]:
                self._group_of.setdefault(_strip_article(normalize_name(member)), name)
        self.sources = list(dict.fromkeys(sources))
        self._by_group: dict[str, str] = {}
        self._normal = {s: _strip_article(normalize_name(s)) for s in self.sources}
        for source, normal in self._normal.items():
            # "Coalition (acknowledged)" is a CJTF-OIR series: a claim by "the coalition" finds it.
            group = self._group_of.get(normal) or source_named_in(source, common_words=True) or normal
            self._by_group.setdefault(group, source)
        self._cache: dict[str, str | None] = {}
        self._names_in_text: list[tuple[str, str]] | None = None

    def source_for(self, claimant: str) -> str | None:
        """The workbook's source this claimant names, or None."""
        if claimant in self._cache:
            return self._cache[claimant]
        result = self._match(claimant)
        self._cache[claimant] = result
        return result

    def source_in_text(self, text: str) -> str | None:
        """The source a claim's own words name first ("Airwars estimates ... coalition strikes" is Airwars)."""
        padded = f" {normalize_name(text)} "
        found: list[tuple[int, int, str]] = []
        if self._names_in_text is None:  # worked out once: ten thousand claims ask
            self._names_in_text = [(f" {n} ", s) for s, n in self._normal.items() if len(n) > 2]
            self._names_in_text += [(f" {alias} ", self._by_group[g]) for alias, g in self._group_of.items()
                                    if g in self._by_group and len(alias) > 3]
        for spaced, source in self._names_in_text:
            name = spaced[1:-1]
            position = padded.find(spaced)
            if position >= 0:
                found.append((position, -len(name), source))
        return min(found)[2] if found else None

    def _match(self, claimant: str) -> str | None:
        normal = _strip_article(normalize_name(claimant))
        if not normal:
            return None
        for source, source_normal in self._normal.items():
            if normal == source_normal:
                return source
        group = self._group_of.get(normal)
        if group is not None and group in self._by_group:
            return self._by_group[group]
        # "Airwars, the monitoring group" or "according to the coalition": a whole-word mention.
        padded = f" {normal} "
        candidates = [(len(n), s) for s, n in self._normal.items() if len(n) > 2 and f" {n} " in padded]
        candidates += [(len(alias), self._by_group[g]) for alias, g in self._group_of.items()
                       if g in self._by_group and len(alias) > 3 and f" {alias} " in padded]
        if candidates:
            return max(candidates)[1]
        return None
