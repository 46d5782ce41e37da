"""Country names inside column headings ("killed_in_lebanon", "United_Kingdom", "Iraq killed").

The spellings are country_converter's own table of patterns, read once; this module only finds where
a heading names a country, as published. Making names canonical is the domain's job.
"""

from __future__ import annotations

import csv
import importlib.resources
import re
from functools import lru_cache

__all__ = ["place_in_header", "without_place"]

_SEPARATORS = re.compile(r"[\s_\-./,()]+")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    try:
        table = importlib.resources.files("country_converter").joinpath("country_data.tsv")
        with table.open(encoding="utf-8") as handle:
            return tuple(re.compile(row["regex"], re.IGNORECASE) for row in csv.DictReader(handle, delimiter="\t")
                         if row.get("regex"))
    except (ModuleNotFoundError, OSError, re.error):
        return ()


@lru_cache(maxsize=4096)
def _span(header: str) -> tuple[int, int] | None:
    """Where the heading names a country: the fewest whole words a pattern meets ("Germany" of
    "killed in Germany", where the pattern itself would take the whole heading)."""
    text = _SEPARATORS.sub(" ", header).strip()
    if not text or len(text) > 80:
        return None
    words = text.split(" ")
    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    for size in range(1, min(4, len(words)) + 1):
        for first in range(len(words) - size + 1):
            window = " ".join(words[first:first + size])
            if any(pattern.search(window) for pattern in _patterns()):
                return starts[first], starts[first] + len(window)
    return None


def place_in_header(header: str) -> str | None:
    """The words of a heading that name a country, as written ("lebanon" of "killed_in_lebanon")."""
    span = _span(header)
    if span is None:
        return None
    text = _SEPARATORS.sub(" ", header).strip()
    return header.strip() if span == (0, len(text)) else text[span[0]:span[1]]


_LINKS = re.compile(r"^(?:in|of|for|at)\s+|\s+(?:in|of|for|at)$", re.IGNORECASE)


def without_place(header: str) -> str:
    """The heading without the words that name its country: what the column counts ("killed")."""
    span = _span(header)
    text = _SEPARATORS.sub(" ", header).strip()
    if span is None:
        return text
    rest = f"{text[:span[0]]} {text[span[1]:]}".strip()
    return " ".join(_LINKS.sub("", rest).split())
