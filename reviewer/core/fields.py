"""The fields a column can hold, and the header names real data comes with."""

from __future__ import annotations

import re

__all__ = ["CLAIM_FIELDS", "REFERENCE_FIELDS", "ROLES", "SYNONYMS", "normalize_header"]

ROLES = ("claims", "reference", "other")

CLAIM_FIELDS = ("key", "text", "claimant", "figure", "low", "high", "period", "period_start", "period_end",
                "as_of", "date", "url", "outlet")
REFERENCE_FIELDS = ("source", "date", "period", "period_start", "period_end", "figure", "value", "low", "high",
                    "kind", "metric", "url")

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
              "reported deaths", "killed best"),
    "low": ("low", "min", "minimum", "reported minimum", "low estimate", "lower", "lower bound",
            "civilian non combatants killed min", "deaths min", "killed min", "civilians killed min", "min deaths"),
    "high": ("high", "max", "maximum", "reported maximum", "high estimate", "upper", "upper bound",
             "civilian non combatants killed max", "deaths max", "killed max", "civilians killed max", "max deaths"),
    "period": ("period", "time period", "period covered", "covering", "timeframe", "time frame", "date range",
               "for period", "covers", "span", "period of figure"),
    "period_start": ("start date", "date start", "period start", "start", "from", "from date", "begin",
                     "beginning"),
    "period_end": ("end date", "date end", "period end", "end", "to", "to date", "until"),
    "as_of": ("as of", "as at", "as of date", "data as of", "figure as of", "reference date", "date of figure",
              "valid as of", "asof"),
    "date": ("date", "event date", "published", "date published", "publication date", "date of claim",
             "report date", "published on", "date reported", "datepublished", "day", "incident date",
             "date of publication", "reported on", "release date", "month", "year", "week", "week ending",
             "month ending", "period ending", "reporting date", "data date"),
    "url": ("url", "link", "source url", "citation", "source link", "web", "href", "permalink", "reference url"),
    "source": ("source", "organisation", "organization", "publisher", "reported by", "monitor", "source name",
               "agency", "data source"),
    "kind": ("kind", "figure kind", "series kind", "type of count"),
    "metric": ("metric", "measure", "indicator", "category", "variable", "series"),
}

_LOOKUP: dict[str, str] = {}
for _field, _names in SYNONYMS.items():
    for _name in _names:
        _LOOKUP.setdefault(_name, _field)

_NON_WORD = re.compile(r"[^0-9a-z]+")
_FIGURE_WORDS = ("death", "killed", "casualt", "fatalit", "dead", "victim")


def normalize_header(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def is_known_header(text: str) -> bool:
    """Whether the header is one of the names listed for a field (not just a word inside it)."""
    return normalize_header(text) in _LOOKUP


def field_for_header(text: str) -> str | None:
    """The field a header names, by its normalized name or a suffix that carries the meaning."""
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
    if any(word.startswith(_FIGURE_WORDS) for word in words):
        return "figure"  # "Cumulative civilian deaths acknowledged", "Civilians killed"
    if "url" in words or "link" in words:
        return "url"
    if name.startswith("as of"):
        return "as_of"
    if words[-1] == "date" or name.startswith("date "):
        return "date"
    return None
