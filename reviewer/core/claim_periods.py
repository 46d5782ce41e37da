"""The period a claim's own words give ("since 2014", "in March 2021", "between May and June 2017"), as
text ``reviewer.core.dates.parse_period`` reads, and what kind of period it is."""

from __future__ import annotations

import re

from reviewer.core.vocabulary import MONTH_WORD

__all__ = ["period_in_text", "period_phrase"]

_TEXT_MONTH = MONTH_WORD
_TEXT_DATE = rf"(?:(?:early|mid|late)[\s-]+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_TEXT_MONTH}\s+)?(?:19|20)\d\d"
# Period phrases in a claim's words: a span, a start, an end ("by the end of 2016"), a period named.
_TEXT_SPAN = re.compile(rf"\b(?:between|from)\s+(?P<a>{_TEXT_DATE})\s+(?:and|to|until|till)\s+(?P<b>{_TEXT_DATE})\b",
                        re.IGNORECASE)
_TEXT_SINCE = re.compile(rf"\bsince\s+(?P<a>{_TEXT_DATE})\b", re.IGNORECASE)
_TEXT_BY = re.compile(rf"\b(?:by|as of|as at|until|till)\s+(?:the\s+)?(?:end\s+of\s+)?(?P<a>{_TEXT_DATE})\b",
                      re.IGNORECASE)
_TEXT_NAMED = [
    (re.compile(rf"\b(?:in|during|throughout|over)\s+(?:the\s+)?(?P<a>(?:first|second)\s+half\s+of\s+(?:19|20)\d\d|"
                rf"q[1-4]\s+(?:19|20)\d\d|{_TEXT_DATE})\b", re.IGNORECASE), "named"),
    (re.compile(rf"\bon\s+(?:the\s+)?(?P<a>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_TEXT_MONTH}\s+(?:19|20)\d\d|"
                rf"{_TEXT_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)\b", re.IGNORECASE), "day"),
]


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[str, str]]:
    """The different phrases of this kind in the text, each as its date and its second date or ""."""
    return sorted({(re.sub(r"(\d(?:st|nd|rd|th)?)\s+of\s+", r"\1 ", m["a"]), m.groupdict().get("b") or "")
                   for m in pattern.finditer(text)})  # "the 17th of March 2017" reads as "17th March 2017"


def period_in_text(text: str) -> str | None:
    """The period a claim's own words give, as text parse_period reads: "since 2014", "by 2016",
    "2014 to April 2017", "March 2017". None when the words name no period, or two different ones of
    the same kind (nothing is guessed)."""
    found = period_phrase(text)
    return found[0] if found is not None else None


def period_phrase(text: str) -> tuple[str, str] | None:
    """``period_in_text``'s phrase and its kind: "span" (between two dates), "since", "by" (an end
    alone), "named" (a period named: "in March 2021"), "day" (a day named: "on 31 March 2021"), or
    "reached" (a running total reached in a period named: "the toll passed 100,000 in April 2021" is as
    of April's end, not April's count)."""
    span = _found(_TEXT_SPAN, text)
    if span:
        return (f"{span[0][0]} to {span[0][1]}", "span") if len(span) == 1 else None
    since, by = _found(_TEXT_SINCE, text), _found(_TEXT_BY, text)
    if len(since) > 1 or len(by) > 1:
        return None
    if since and by:
        return f"{since[0][0]} to {by[0][0]}", "span"  # "since 2014 ... by April 2017"
    if since:
        return f"since {since[0][0]}", "since"
    if by:
        return f"by {by[0][0]}", "by"
    for pattern, kind in _TEXT_NAMED:
        named = _found(pattern, text)
        if len(named) > 1:
            return None
        if named:
            first = pattern.search(text)
            if first is not None and _SINCE_BEFORE.search(text[:first.start()]):
                # "since the air war began in 2014": a start, not a period of its own
                return f"since {named[0][0]}", "since"
            return named[0][0], "reached" if _REACHED.search(text) else kind
    return None


_SINCE_BEFORE = re.compile(r"\b(?:since|from)\b[^.;]*$", re.IGNORECASE)


# A running total reached, not a count over the period the words name: verbs of passing a mark. Not
# "rose to" or "hit", which a month's own count does as well, nor "so far" ("so far in 2024" is a count).
_REACHED = re.compile(r"\b(?:pass(?:ed|es)|reach(?:ed|es)|topped|tops|surpass(?:ed|es)|cross(?:ed|es)|"
                      r"exceed(?:ed|s)|cumulative(?:ly)?)\b", re.IGNORECASE)
