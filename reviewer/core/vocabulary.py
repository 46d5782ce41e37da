"""Words Reviewer reads in many places, written once: month names, words for a running total, and the
plain form of a name or a column heading that look-ups compare."""

from __future__ import annotations

import re

__all__ = ["MONTH_ABBREVIATIONS", "MONTH_WORD", "RUNNING_TOTAL_WORDS", "counted", "plain_words"]

MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# An English month as written in dates and sentences: "Mar", "March", "Sept.", "sept".
MONTH_WORD = rf"(?:{'|'.join(MONTH_ABBREVIATIONS)})[a-z]*\.?"
# What says a figure is a running total rather than a count for its day or period.
RUNNING_TOTAL_WORDS = r"cumulative|running total|to date|so far"

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def plain_words(text: str, *, split_camel_case: bool = False) -> str:
    """Lowercase words separated by one space: "Figure_quoted", "FIGURE-QUOTED" are "figure quoted"; with
    ``split_camel_case``, "figureQuoted" too; "&" is "and"."""
    if split_camel_case:
        text = _CAMEL.sub(" ", text)
    return _NON_WORD.sub(" ", text.lower().replace("&", " and ")).strip()


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """"1 warning", "2 warnings", "1,200 claims": a count as a person writes it."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
