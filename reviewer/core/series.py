"""Series: one source's observations of one measure for one place, of one kind, sorted by date once.

Which of a source's series answers a claim: the one of the claim's measure and place; with no place,
the source's own total (World, a national total, "All"); for a country the source gives only by its
parts (JHU's Canada by province), the sum of those parts. Never a sum across countries, never the
first place listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reviewer.core.fields import DEATH_WORDS
from reviewer.core.frames import each_distinct
from reviewer.core.measures import PERCENT, read_measure
from reviewer.core.places import COUNTRY, SUBNATIONAL, TOTAL_NAME, WORLD_NAME, is_territory, names_only, read_place

__all__ = [
    "ALL_PLACES",
    "DEATHS",
    "INJURIES",
    "KINDS",
    "Series",
    "Target",
    "all_places",
    "build_series",
    "claim_harm",
    "places_named",
    "primary_series",
    "series_rows",
    "target",
]

DEATHS, INJURIES = "deaths", "injuries"
KINDS = ("cumulative", "incident", "level")
_INJURY_WORDS = re.compile(r"injur|wound", re.IGNORECASE)
_TOTAL_METRIC = re.compile(r"^\s*(?:grand\s+)?(?:total|all|overall)\b", re.IGNORECASE)
# "Total", "palestine_total", "All deaths": the whole count among its parts.
_TOTAL_IN_NAME = re.compile(r"(?:^|[\s_])(?:grand[\s_]+)?(?:total|all|overall)(?:$|[\s_])", re.IGNORECASE)
_HARM_NOT_DEATH = re.compile(r"injur|wound|hurt|displac|missing|detain|arrest|casualt", re.IGNORECASE)


@dataclass(slots=True)
class Series:
    """One source's observations of one measure for one place, of one kind, sorted by date."""

    source: str
    kind: str
    measure: str
    place: str
    unit: str
    sheet: np.ndarray
    rows: np.ndarray
    dates: np.ndarray  # int64 nanoseconds
    value: np.ndarray
    lo: np.ndarray  # the lower end each row states (value when exact)
    hi: np.ndarray  # the upper end, inf when open above
    texts: np.ndarray  # each figure as the source wrote it
    ends: np.ndarray  # int64 nanoseconds: the end of the period each figure covers (its date when a day)
    note: str = ""  # how the series was made, when not as published ("sum of 13 provinces")
    # Of a sum of running totals, the rows added up at each date (one row stands for each figure otherwise).
    part_rows: np.ndarray | None = None
    rows_repeat: bool = False  # a row stands for several figures (a count per day across, summed over parts)

    @property
    def periods_in_turn(self) -> bool:
        """Whether the figures cover periods one after another (a count per month or per year), so that
        a figure counts for a claim only when its whole period lies inside the claim's."""
        return bool(len(self.ends) and np.any(self.ends > self.dates) and np.all(self.ends[:-1] < self.dates[1:]))


def _counts_injuries(text: str) -> bool:
    return bool(_INJURY_WORDS.search(text)) and not DEATH_WORDS.search(text)


def claim_harm(text: str, figure_text: str = "", metric: str = "") -> str:
    """What a claim counts: injuries when its metric column ("Type: injured"), else its figure ("over
    1,000 wounded"), else its words speak of the injured or wounded and not of deaths; deaths
    otherwise, as almost every claim does."""
    for words in (metric, figure_text):
        if _INJURY_WORDS.search(words) or DEATH_WORDS.search(words):
            return INJURIES if _counts_injuries(words) else DEATHS
    return INJURIES if _counts_injuries(text) else DEATHS


def primary_series(references: pd.DataFrame) -> pd.DataFrame:
    """For each source and kind, the rows of its main metric: a total if it has one, else the one with
    the most rows; of a source's places, its own total (World, "All") when it gives one. A source may
    publish several series (Airwars' "likely" and "alleged" deaths); adding or comparing across them
    would mix different counts."""
    if references.empty:
        return references
    counts = references.groupby(["source", "kind", "metric"], sort=False, dropna=False).size().reset_index(name="n")
    counts["partial"] = ~counts["metric"].astype(str).str.match(_TOTAL_METRIC)
    counts["not_deaths"] = counts["metric"].astype(str).str.contains(_HARM_NOT_DEATH) & \
        ~counts["metric"].astype(str).str.contains(DEATH_WORDS)
    counts = counts.sort_values(["source", "kind", "partial", "not_deaths", "n"],
                                ascending=[True, True, True, True, False], kind="stable")
    chosen = counts.drop_duplicates(["source", "kind"])
    keep = references.merge(chosen[["source", "kind", "metric"]], on=["source", "kind", "metric"], how="left",
                            indicator=True)["_merge"].eq("both").to_numpy()
    main = references[keep]
    place = _text(main, "place")
    total = place.isin([WORLD_NAME, TOTAL_NAME]).to_numpy()
    if total.any() and not total.all():
        # A source that gives its own total besides its places ("World" beside 190 countries): the total.
        has_total = main.loc[total, ["source", "kind"]].drop_duplicates()
        of_those = main.merge(has_total, on=["source", "kind"], how="left", indicator=True)["_merge"].eq(
            "both").to_numpy()
        main = main[~of_those | total]
    return main


def _of_injuries(metrics: pd.Series) -> np.ndarray:
    return each_distinct(metrics, _counts_injuries).astype(bool)


def series_rows(references: pd.DataFrame, harm: str = DEATHS) -> pd.DataFrame:
    """The rows of each source's main series of ``harm`` (deaths or injuries), per source and kind: what
    the plot draws."""
    dated = references[references["date"].notna()]
    if dated.empty:
        return dated
    of_injuries = _of_injuries(dated["metric"])
    if harm == INJURIES and not of_injuries.any():
        return dated[of_injuries]
    main = primary_series(dated)
    main_counts_injuries = _of_injuries(main["metric"])
    if harm == DEATHS:
        return main[~main_counts_injuries]
    injured = dated[of_injuries]
    counts = injured.groupby(["source", "kind", "metric"], sort=False, dropna=False).size().reset_index(name="n")
    chosen = pd.concat([main[main_counts_injuries][["source", "kind", "metric"]].drop_duplicates(),
                        counts.sort_values("n", ascending=False, kind="stable")[["source", "kind", "metric"]]])
    chosen = chosen.drop_duplicates(["source", "kind"])
    keep = injured.merge(chosen, on=["source", "kind", "metric"], how="left",
                         indicator=True)["_merge"].eq("both").to_numpy()
    return injured[keep]


_KEYS = ["source", "measure", "place", "kind"]


def _main_metric_rows(dated: pd.DataFrame) -> pd.DataFrame:
    """Of each (source, measure, place, kind), the rows of one metric: a total if there is one, else the
    one with the most rows ("likely" and "alleged" deaths are two counts, never added up)."""
    counts = dated.groupby([*_KEYS, "metric"], sort=False, dropna=False).size().reset_index(name="n")
    if len(counts) == len(counts.drop_duplicates(_KEYS)):
        return dated
    counts["partial"] = ~counts["metric"].astype(str).str.contains(_TOTAL_IN_NAME)
    counts = counts.sort_values([*_KEYS, "partial", "n"], ascending=[True] * 5 + [False], kind="stable")
    chosen = counts.drop_duplicates(_KEYS)[[*_KEYS, "metric"]]
    keep = dated.merge(chosen, on=[*_KEYS, "metric"], how="left", indicator=True)["_merge"].eq("both").to_numpy()
    return dated[keep]


def _intervals(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    value = frame["value"].to_numpy(dtype=float)
    low = frame["low"].to_numpy(dtype=float)
    high = frame["high"].to_numpy(dtype=float)
    lo = np.where(np.isnan(low), value, low)
    hi = np.where(np.isnan(high), np.where(np.isnan(value) & ~np.isnan(low), np.inf, value), high)
    lo = np.where(np.isnan(lo) & ~np.isnan(hi), 0.0, lo)  # "up to N" states 0..N
    return lo, hi


def _ends(group: pd.DataFrame) -> np.ndarray:
    dates = group["date"].to_numpy("datetime64[ns]")
    if "period_end" not in group:
        return dates.view(np.int64)
    ends = group["period_end"].to_numpy("datetime64[ns]")
    return np.where(np.isnat(ends) | (ends < dates), dates, ends).view(np.int64)


def _one(group: pd.DataFrame, source: str, measure: str, place: str, kind: str, note: str = "") -> Series | None:
    lo, hi = _intervals(group)
    known = ~np.isnan(lo) | ~np.isnan(hi)
    if not known.any():
        return None
    group, lo, hi = group[known], lo[known], hi[known]
    units = group["unit"].astype(str)
    rows = group["row"].to_numpy(dtype=np.int64)
    # A row that holds a figure per date (a place across, its days along) stands for many of them.
    repeat = bool((np.diff(rows) == 0).any())
    return Series(source, kind, measure, place, str(units.iloc[0]) if len(units) else "",
                  group["sheet"].to_numpy(dtype=object), rows,
                  group["date"].to_numpy("datetime64[ns]").view(np.int64), group["value"].to_numpy(dtype=float),
                  lo, hi, group["figure_text"].astype(str).to_numpy(dtype=object), _ends(group), note,
                  rows_repeat=repeat)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].fillna("").astype(str)


# Names of a count's variants, never of places: "likely" and "alleged" deaths, a range's ends.
_VARIANT = re.compile(r"likely|alleged|confirmed|probable|possible|reported|estimate|\bbest\b|\bmin|\bmax|\blow\b|"
                      r"\bhigh\b|\bcumulative|\bdaily|\bcivilian|\bsection|\bsheet|\bdata\b",
                      re.IGNORECASE)


def places_named(references: pd.DataFrame) -> list[str]:
    """Every place the references name, parts of countries as places of their own ("Alberta, Canada")."""
    if references.empty:
        return []
    frame = references.assign(**{c: _text(references, c) for c in ("measure", "place", "metric")})
    return sorted(set(_parts_as_places(frame)["place"].unique()))


def _parts_as_places(dated: pd.DataFrame) -> pd.DataFrame:
    """A country's rows told apart by a part of it ("Canada" with "Alberta", "Ontario" …; "France" with
    its own row and "Martinique"), as JHU CSSE's table gives them: each part a place within the country
    ("Alberta, Canada"), the country's own row the country's."""
    if not (dated["metric"] != "").any():
        return dated
    # A country's own row named by the country ("France" among "Martinique", "Mayotte") is the country's.
    pairs = dated[["metric", "place"]].astype(str).drop_duplicates()
    owned = {(m, p) for m, p in pairs.itertuples(index=False) if m and p and names_only(m, p)}
    own = pd.Series([(m, p) in owned for m, p in zip(dated["metric"].astype(str), dated["place"].astype(str),
                                                      strict=True)], index=dated.index) if owned else \
        pd.Series(False, index=dated.index)
    if own.any():
        dated = dated.copy()
        dated.loc[own, "metric"] = ""
    named = dated["metric"] != ""
    if not named.any():
        return dated
    keys = ["source", "measure", "place"]
    pairs = dated.loc[named, [*keys, "metric"]].drop_duplicates()
    counts = pairs.groupby(keys, sort=False).size()
    candidates = counts[counts >= 2].index
    if not len(candidates):
        return dated
    split = set()
    for key in candidates:
        place = read_place(str(key[2]))
        metrics = pairs.loc[(pairs[keys] == pd.Series(key, index=keys)).all(axis=1), "metric"].astype(str)
        if place.scope == "country" and not any(_VARIANT.search(m) or read_measure(m).name or
                                                _TOTAL_IN_NAME.search(m) for m in metrics):
            split.add(key)
    if not split:
        return dated
    index = pd.MultiIndex.from_frame(dated[keys])
    parts = named.to_numpy() & index.isin(list(split))
    dated = dated.copy()
    dated.loc[parts, "place"] = dated.loc[parts, "metric"].astype(str) + ", " + dated.loc[parts, "place"].astype(str)
    dated.loc[parts, "metric"] = ""
    return dated


def build_series(references: pd.DataFrame) -> list[Series]:
    """Every series of the references, and for a country a source gives only by its parts, their sum."""
    dated = references[references["date"].notna()]
    if dated.empty:
        return []
    # Frames built by hand (a notebook, a test) may lack the newer columns: their rows are of one series.
    dated = dated.assign(**{c: _text(dated, c) for c in ("measure", "place", "unit", "metric", "figure_text")})
    dated = _main_metric_rows(_parts_as_places(dated))
    group_id = dated.groupby(_KEYS, sort=False, dropna=False).ngroup().to_numpy()
    order = np.lexsort((dated["row"].to_numpy(), dated["date"].to_numpy("datetime64[ns]").view(np.int64), group_id))
    ordered = dated.iloc[order]
    bounds = np.flatnonzero(np.diff(group_id[order])) + 1
    result: list[Series] = []
    for positions in np.split(np.arange(len(ordered)), bounds):
        group = ordered.iloc[positions]
        first = group.iloc[0]
        made = _one(group, str(first["source"]), str(first["measure"]), str(first["place"]), str(first["kind"]))
        if made is not None:
            result.append(made)
    return result + _sums_of_parts(result)


def _sums_of_parts(series: list[Series]) -> list[Series]:
    """A country's series made of its parts' (Canada's provinces), where the source has no row for the
    country itself. Levels (a population, a rate) are never added up."""
    have = {(s.source, s.measure, s.kind, s.place) for s in series}
    parts: dict[tuple[str, str, str, str], list[Series]] = {}
    for s in series:
        place = read_place(s.place)
        if s.kind == "level" or place.scope != SUBNATIONAL or not place.country:
            continue
        if (s.source, s.measure, s.kind, place.country) in have:
            continue
        parts.setdefault((s.source, s.measure, s.kind, place.country), []).append(s)
    made = []
    for (source, measure, kind, country), members in parts.items():
        if len(members) < 2:
            continue
        note = f"sum of {len(members)} sub-national rows ({members[0].place.split(',')[0]}, …): the source " \
               f"gives no row for {country} itself"
        made.append(_summed(members, source, measure, kind, country, note))
    return made


def _summed(members: list[Series], source: str, measure: str, kind: str, country: str, note: str) -> Series:
    sheet = np.concatenate([m.sheet for m in members])
    rows = np.concatenate([m.rows for m in members])
    dates = np.concatenate([m.dates for m in members])
    if kind == "incident":  # counts add up as they are: the rows of all parts, in date order
        order = np.argsort(dates, kind="stable")
        parts = [np.concatenate([getattr(m, f) for m in members])[order] for f in ("value", "lo", "hi", "ends")]
        texts = np.concatenate([m.texts for m in members])[order]
        return Series(source, kind, measure, country, members[0].unit, sheet[order], rows[order], dates[order],
                      parts[0], parts[1], parts[2], texts, parts[3].astype(np.int64), note,
                      rows_repeat=len(np.unique(rows)) < len(rows))
    # Running totals: at each date, every part's latest figure, added up.
    days = np.unique(dates)
    total = {f: np.zeros(len(days)) for f in ("value", "lo", "hi")}
    added = np.full((len(members), len(days)), -1, dtype=np.int64)
    for position, m in enumerate(members):
        index = np.searchsorted(m.dates, days, side="right") - 1
        ok = index >= 0
        for f in total:
            picked = np.where(ok, getattr(m, f)[np.maximum(index, 0)], 0.0)
            total[f] += picked
        added[position] = np.where(ok, m.rows[np.maximum(index, 0)], -1)
    last = {d: (s, r) for d, s, r in zip(dates, sheet, rows, strict=True)}
    texts = np.array([f"{v:,.0f}" for v in total["value"]], dtype=object)
    # A total is cited by every row it adds up ("rows 42-57"), not by the last part's alone.
    part_rows = np.empty(len(days), dtype=object)
    part_rows[:] = [np.unique(column[column >= 0]) for column in added.T]
    return Series(source, kind, measure, country, members[0].unit,
                  np.array([last[d][0] for d in days], dtype=object), np.array([last[d][1] for d in days]),
                  days, total["value"], total["lo"], total["hi"], texts, days.copy(), note, part_rows)


ALL_PLACES = "all places"


def all_places(series: list[Series], source: str, measure: str) -> Series | None:
    """A source's counts (incident) of one measure in every place it names, together: the answer to a
    claim that names no place, when the source gives no total of its own."""
    members = [s for s in series if s.source == source and s.measure == measure and s.kind == "incident"
               and not s.note and s.place != ALL_PLACES]
    if len(members) < 2:
        return None
    made = _summed(members, source, measure, "incident", ALL_PLACES,
                   f"the counts of its {len(members):,} places together, as the claim names no place")
    return made


@dataclass(frozen=True, slots=True)
class Target:
    """Which series of a source answers a claim: its measure and place, or why none does."""

    measure: str | None
    place: str | None
    reason: str = ""


def _measure_for(measures: dict[str, str], measure: str, unit: str) -> tuple[str | None, str]:
    """The source's measure a claim of ``measure`` and ``unit`` is compared with (measures: name -> unit)."""
    fits = {m: u for m, u in measures.items() if (u == PERCENT) == (unit == PERCENT) or (not u and unit != PERCENT)}
    if not fits:
        return None, "the claim is a percent and the source gives no percent or rate" if unit == PERCENT else \
            "the source gives only percents or rates"
    if measure == "rate" and measure not in fits:
        measure = ""  # a percent that does not say of what: the source's one rate, if it has one
    if measure:
        if measure in fits:
            return measure, ""
        if "" in fits:
            return "", ""
        return None, f"the source gives no figures of {measure}"
    if DEATHS in fits:
        return DEATHS, ""
    # A claim that does not say what it counts is of a count (as almost all are), never of a population.
    named = [m for m in fits if m and m != "injured" and (unit == PERCENT or not read_measure(m).level)]
    if "" in fits:
        return "", ""
    if len(named) == 1 and len(fits) == 1:
        return named[0], ""
    return None, f"the claim does not say what it counts; the source gives {', '.join(sorted(m for m in fits if m))}"


def _place_for(places: set[str], place: str) -> tuple[str | None, str]:
    if places == {""}:
        return "", ""
    if place:
        if place in places:
            return place, ""
        wanted = read_place(place)
        if wanted.scope == "subnational":
            short = place.split(",")[0].strip().lower()
            for p in places:
                if p.split(",")[0].strip().lower() == short:
                    return p, ""
        # "Greenland, Denmark" and "Hong Kong SAR, China" are how JHU and the World Bank name territories
        # that claims name alone; "Georgia, United States" is no answer to a claim about Georgia.
        if wanted.scope == COUNTRY and is_territory(wanted.name):
            for p in sorted(places):
                if "," in p and read_place(p.rsplit(",", 1)[0]).name == wanted.name:
                    return p, ""
        if "" in places:
            return "", ""
        scopes = {read_place(p).scope for p in places}
        if wanted.scope == "country" and TOTAL_NAME in places and scopes <= {SUBNATIONAL, "total"}:
            return TOTAL_NAME, ""  # a country's table of its governorates: its total is the country's
        return None, f"the source gives no figures for {place}"
    if len(places) == 1:
        return next(iter(places)), ""
    for total in (WORLD_NAME, TOTAL_NAME, ""):
        if total in places:
            return total, ""
    # A country's table of its regions with a row for the whole country ("England | Wales | United Kingdom").
    read = {p: read_place(p) for p in places}
    countries = [p for p, r in read.items() if r.scope == "country"]
    if len(countries) == 1 and all(r.scope == SUBNATIONAL and r.country in {"", countries[0]}
                                   for p, r in read.items() if p != countries[0]):
        return countries[0], ""
    # Counts of events or of a day in each place add up to the count in all of them; running totals and
    # levels of different places do not, so only a source's counts are answered by all its places.
    return ALL_PLACES, f"the claim names no place, and the source gives {len(places):,} places and no total"


def target(measures: dict[str, str], places_of: dict[str, set[str]], measure: str, place: str,
           unit: str) -> Target:
    """The series of a source (its measures with their units, and the places of each) a claim answers to."""
    chosen, reason = _measure_for(measures, measure, unit)
    if chosen is None:
        return Target(None, None, reason)
    where, reason = _place_for(places_of[chosen], place)
    return Target(chosen, where, reason)
