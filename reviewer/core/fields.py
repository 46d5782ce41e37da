"""The fields a column can hold, and the header names real data comes with."""

from __future__ import annotations

import re

from reviewer.core.vocabulary import plain_words

__all__ = ["CLAIM_FIELDS", "DEATH_WORDS", "REFERENCE_FIELDS", "ROLES", "SYNONYMS", "normalize_header", "place_rank"]

ROLES = ("claims", "reference", "other")

CLAIM_FIELDS = ("key", "text", "claimant", "figure", "qualifier", "low", "high", "period", "period_start",
                "period_end", "as_of", "date", "url", "outlet", "place", "measure")
REFERENCE_FIELDS = ("source", "date", "period", "period_start", "period_end", "figure", "value", "low", "high",
                    "kind", "metric", "url", "place", "measure")

# Normalized header -> field. Normalizing lowercases and turns punctuation and underscores into
# spaces, so "Figure quoted", "figure_quoted" and "FIGURE-QUOTED" are one entry.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "key": ("key", "id", "claim id", "claim no", "claim number", "claim ref", "ref", "reference", "code",
            "claim code", "row id", "uid", "no", "n"),
    "text": ("claim", "claim text", "text", "quote", "quotation", "statement", "sentence", "excerpt", "wording",
             "claim as published", "claim reviewed", "claimreviewed", "what was said", "passage", "quoted text"),
    "claimant": ("claimant", "attributed to", "attribution", "said by", "speaker", "according to", "who said",
                 "source of figure", "source of claim", "cited source", "figure source", "attributed source",
                 "author"),
    "outlet": ("outlet", "publication", "media", "newspaper", "publisher of claim", "medium", "article",
               "where published"),
    "figure": ("figure", "figure quoted", "figure claimed", "claimed figure", "quoted figure", "number quoted",
               "figure text", "figure as published", "reported figure", "number", "count", "estimate",
               "deaths", "civilian deaths", "killed", "toll", "death toll", "casualties", "total", "amount",
               "figure in claim", "number in claim", "claimed number", "number claimed", "figure stated",
               "stated figure", "number cited", "cited figure"),
    "value": ("best", "best estimate", "value", "fatalities", "deaths best", "civilian deaths best",
              "reported deaths", "killed best", "obs value", "observation value"),
    "low": ("low", "min", "minimum", "reported minimum", "low estimate", "lower", "lower bound",
            "civilian non combatants killed min", "deaths min", "killed min", "civilians killed min", "min deaths"),
    "high": ("high", "max", "maximum", "reported maximum", "high estimate", "upper", "upper bound",
             "civilian non combatants killed max", "deaths max", "killed max", "civilians killed max", "max deaths"),
    "period": ("period", "time period", "period covered", "covering", "timeframe", "time frame", "date range",
               "for period", "covers", "span", "period of figure", "reporting period", "period reported",
               "period of report", "month covered", "months covered", "period covered by report"),
    "period_start": ("start date", "date start", "period start", "start", "from", "from date", "begin",
                     "beginning"),
    "period_end": ("end date", "date end", "period end", "end", "to", "to date", "until"),
    "as_of": ("as of", "as at", "as of date", "data as of", "figure as of", "reference date", "date of figure",
              "valid as of", "asof"),
    "date": ("date", "event date", "published", "date published", "publication date", "date of claim",
             "report date", "published on", "date reported", "datepublished", "day", "incident date",
             "date of publication", "reported on", "release date", "month", "year", "week", "week ending",
             "month ending", "period ending", "reporting date", "data date", "time", "ref date", "reference period"),
    "url": ("url", "link", "source url", "citation", "source link", "web", "href", "permalink", "reference url"),
    "source": ("source", "organisation", "organization", "publisher", "reported by", "monitor", "source name",
               "agency", "data source"),
    "kind": ("kind", "figure kind", "series kind", "type of count"),
    "qualifier": ("qualifier", "figure qualifier", "qualifier of figure", "approximation", "precision"),
    "metric": ("metric", "category", "series", "type", "casualty type", "victim type", "harm", "count type",
               "figure type"),
    # Countries first: of "Province/State | Country/Region" the country is the place, the province a part of it.
    "place": ("country", "country name", "country region", "countries", "nation", "entity", "geo", "country or area",
              "country territory", "countries and territories", "location", "place", "area", "area name",
              "region", "governorate", "province", "province state", "state", "district", "city", "territory",
              "admin1", "adm1", "admin 1", "admin1 name", "adm1 name", "municipality", "county", "locality",
              "admin2", "adm2", "admin 2", "combined key"),
    "measure": ("measure", "indicator", "indicator name", "variable", "measure name", "statistic", "unit of measure"),
}

# Of two place columns, the one for the wider place is the place; the other names a part of it.
_WIDE_PLACES = {"country", "country name", "country region", "countries", "nation", "entity", "geo",
                "country or area", "country territory", "countries and territories"}
_NARROW_PLACES = {"admin2", "adm2", "admin 2", "county", "district", "city", "municipality", "locality",
                  "combined key"}

_LOOKUP: dict[str, str] = {}
for _field, _names in SYNONYMS.items():
    for _name in _names:
        _LOOKUP.setdefault(_name, _field)

_FIGURE_WORDS = ("death", "killed", "casualt", "fatalit", "dead", "victim", "injur", "wounded")
# Words for deaths, as against other harm: a claim's figure is almost always of deaths.
DEATH_WORDS = re.compile(r"death|dead|kill|fatalit", re.IGNORECASE)




def normalize_header(text: str) -> str:
    """"Figure_quoted", "FIGURE-QUOTED" and "figureQuoted" are all "figure quoted"."""
    return plain_words(text, split_camel_case=True)


def place_rank(header: str) -> int:
    """How wide a place column's name says its places are: a country 0, a province or region 1, a
    county or city 2, a place named with all its parents ("Autauga, Alabama, US") 3."""
    name = normalize_header(header)
    return 0 if name in _WIDE_PLACES else 3 if name == "combined key" else 2 if name in _NARROW_PLACES else 1


def is_known_header(text: str) -> bool:
    """Whether the header is one of the names listed for a field (not just a word inside it)."""
    return normalize_header(text) in _LOOKUP


def field_for_header(text: str) -> str | None:
    """The field a header names, by its normalized name or the words that carry the meaning.

    Desks name columns in their own words ("Who said it", "When said", "Figure (as quoted)",
    "Claim #"), so after the listed names the words decide, in an order that keeps "Date of claim" a
    date and "Claim ID" a key.
    """
    stripped = text.strip()
    if stripped in {"#", "№"} or stripped.endswith((" #", " №")) or stripped.lower() in {"no.", "nr.", "no"}:
        return "key"
    name = normalize_header(text)
    if not name:
        return None
    if name in _LOOKUP:
        return _LOOKUP[name]
    words = name.split()
    if words[-1] in {"min", "minimum", "low", "lower"} or name.startswith(("min ", "minimum ")):
        return "low"
    if words[-1] in {"max", "maximum", "high", "upper"} or name.startswith(("max ", "maximum ")):
        return "high"
    if words[-1] in {"id", "ref", "code", "key", "uid"} and len(words) <= 3:
        return "key"  # "Claim ID", "Row ref"
    if "url" in words or "link" in words or "hyperlink" in words:
        return "url"
    if name.startswith("as of") or name.startswith("as at"):
        return "as_of"
    if words[-1] in {"date", "on"} or name.startswith("date ") or words[0] == "when":
        return "date"  # "Date of claim", "Claim date", "When said", "Said on"
    if stripped.startswith("WHO") and not stripped[3:4].isalpha():
        return None  # the World Health Organization's figures or regions ("WHO_region"), not who said something
    if words[0] == "who" or words[:2] == ["source", "who"] or name in _SPEAKERS:
        return "claimant"  # "Who said it", "Source (who said it)"
    if words[0] == "where" and (len(words) == 1 or words[1] in {"said", "published", "reported", "it", "made"}):
        return "outlet"  # "Where said", "Where published"; not UCDP's "where_prec"
    if any(word.startswith(_FIGURE_WORDS) for word in words):
        return "figure"  # "Cumulative civilian deaths acknowledged", "Civilians killed", "Official death toll"
    if "figure" in words or "figures" in words:
        return "figure"  # "Figure (as quoted)", "Headline figure", "Official figure"
    if len(words) <= 3 and words[0] in _SPEAKERS:
        return "claimant"  # "Speaker (organisation)", "Official's name"
    if words[0] in {"claim", "quote", "statement", "quotation"} and len(words) <= 4:
        return "text"  # "Claim (verbatim)", "Quote as published"
    return None


_SPEAKERS = {"speaker", "spokesperson", "spokesman", "spokeswoman", "politician", "official", "person", "claimed by",
             "made by", "claim by", "claim made by", "stated by", "attributed", "claim source",
             "source of the claim", "claimant name"}
