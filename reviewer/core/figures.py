"""Figures as people write them: "at least 352", "804 to 1,213", "about 300", "6,500–10,000".

A reading keeps the text and says what it states: an exact number gives ``low = high = value``;
"at least / over / more than N" gives ``low = N`` with ``high`` open; "up to N" the reverse; a range
gives ``low`` and ``high`` with ``value`` empty; "about / some / nearly N" keeps ``value = N`` and the
qualifier. What cannot be read stays text, with a reason, and is never guessed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Figure", "figure_in_text", "format_number", "interval_label", "parse_figure", "parse_figures"]


@dataclass(frozen=True, slots=True)
class Figure:
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    problem: str | None = None  # a sentence when the text holds a figure Reviewer could not read

    @property
    def is_empty(self) -> bool:
        return self.value is None and self.low is None and self.high is None


# Qualifiers that make the figure a lower bound, an upper bound, or an approximation. Longer phrases
# first so that "more than" wins over a bare "more".
_LOWER = {
    "at least": "at least", "over": "over", "more than": "more than", "above": "over",
    "in excess of": "more than", "upwards of": "more than", "no fewer than": "at least",
    "no less than": "at least", "minimum of": "at least", "a minimum of": "at least",
    "greater than": "more than", ">=": "at least", "≥": "at least", ">": "more than",
}
_UPPER = {
    "up to": "up to", "at most": "at most", "fewer than": "fewer than", "less than": "fewer than",
    "under": "fewer than", "no more than": "at most", "maximum of": "at most", "a maximum of": "at most",
    "<=": "at most", "≤": "at most", "<": "fewer than",
}
_APPROX = {
    "about": "about", "around": "about", "approximately": "about", "approx.": "about", "approx": "about",
    "roughly": "about", "some": "some", "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "an estimated": "estimated", "estimated": "estimated", "est.": "estimated", "~": "about",
    "c.": "about", "ca.": "about", "circa": "about", "more or less": "about",
}
_UNKNOWN = {
    "", "unknown", "n/a", "na", "n.a.", "none", "-", "--", "—", "–", "?", "??", "not known", "unclear",
    "not available", "nil", "no data", "tbc", "tbd", "null", "nan", "#n/a", "not reported", "undetermined",
}

_PHRASE_KIND = {k.lower(): ("lower", v) for k, v in _LOWER.items()}
_PHRASE_KIND |= {k.lower(): ("upper", v) for k, v in _UPPER.items()}
_PHRASE_KIND |= {k.lower(): ("approx", v) for k, v in _APPROX.items()}
# Longest phrase first so that "more than" wins over "more"; a word phrase must end at a word boundary.
_PHRASE_RE = re.compile(
    "^(?:" + "|".join(re.escape(p) + (r"(?![a-z])" if p[-1].isalpha() else "")
                      for p in sorted(_PHRASE_KIND, key=len, reverse=True)) + r")\s*",
    re.IGNORECASE,
)

_DASHES = str.maketrans({"–": "-", "—": "-", "‒": "-", "−": "-", "‐": "-", "‑": "-", "\u00a0": " ",
                         "\u2009": " ", "\u202f": " ", "\u2007": " "})

# A number with optional thousands separators (comma, space or apostrophe groups of three), decimals,
# and a scale word. "1,335" and "1335" are the same; "1,33" is not a thousands form and is refused.
_NUMBER = r"(?:\d{1,3}(?:[,' ]\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:k|thousand|m|mn|million|bn|billion)\b)?"
_NUM_RE = re.compile(rf"^(?P<sign>-)?(?P<num>{_NUMBER})(?P<plus>\s*\+)?$", re.IGNORECASE)
_RANGE_RE = re.compile(
    rf"^(?:between\s+|from\s+)?(?P<a>{_NUMBER})\s*(?:-|to|and)\s*(?P<b>{_NUMBER})$", re.IGNORECASE
)
# Words that may follow a figure in a figure column ("352 civilians", "3,000 deaths").
_TAIL_RE = re.compile(r"^(?P<head>.*?\d(?:\s*(?:k|thousand|m|mn|million|bn|billion)\b)?\+?)(?P<tail>\s+[^\d]*)?$",
                      re.IGNORECASE)
_MONTH_WORD = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s|,|$)")
# "3.000" is three thousand in much of Europe and three elsewhere: it is never guessed.
_AMBIGUOUS_POINT = re.compile(r"^\d{1,3}\.\d{3}$")
_POINT_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")  # "1.335.000" can only be thousands
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


_SCALED = re.compile(r"^(?P<digits>.*?\d)\s*(?P<scale>k|thousand|mn|m|million|bn|billion)$")
_SEPARATORS = str.maketrans("", "", ", '")


def _number(token: str) -> float:
    token = token.strip().lower()
    scale = 1.0
    if token[-1:].isalpha() and (scaled := _SCALED.match(token)):
        token, scale = scaled["digits"], _SCALES[scaled["scale"]]
    return float(token.translate(_SEPARATORS)) * scale


def quote(text: str, limit: int = 60) -> str:
    """The text as a warning shows it: quoted, and cut short if long."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _clean(text: str) -> str:
    return " ".join(text.translate(_DASHES).split())


def parse_figure(text: object) -> Figure:
    """Read one figure. Never raises: what cannot be read comes back with ``problem`` set."""
    raw = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
    try:
        return _parse(raw)
    except (ValueError, OverflowError):
        return Figure(raw, problem=f"could not read a figure in {quote(raw)}")


def _parse(raw: str) -> Figure:
    text = _clean(raw)
    lowered = text.lower()
    if lowered in _UNKNOWN:
        return Figure(raw, qualifier="unknown" if lowered else None)
    kind, qualifier = "exact", None
    body = text
    if phrase := _PHRASE_RE.match(text):
        kind, qualifier = _PHRASE_KIND[phrase.group(0).strip().lower()]
        body = text[phrase.end():].strip()
    match = _TAIL_RE.match(body)
    if match:
        body = match.group("head").strip()
        tail = (match.group("tail") or "").strip().lower()
        if _MONTH_WORD.match(tail):  # "12 May" is a date, not a figure
            return Figure(raw, problem=f"{quote(raw)} looks like a date, not a figure")
    if range_match := _RANGE_RE.match(body):
        low, high = _number(range_match["a"]), _number(range_match["b"])
        if kind == "exact" and low <= high:
            return Figure(raw, None, low, high, None)
        return Figure(raw, problem=f"could not read the range in {quote(raw)}")
    if _POINT_THOUSANDS.match(body) and kind == "exact":
        number = float(body.replace(".", ""))
        return Figure(raw, number, number, number, None)
    if _AMBIGUOUS_POINT.match(body):
        return Figure(raw, problem=f"{quote(raw)} could be a decimal or thousands written with a point; write it "
                                   f"as {body.replace('.', ',')} or {float(body):g}")
    number_match = _NUM_RE.match(body)
    if not number_match:
        return Figure(raw, problem=f"could not read a figure in {quote(raw)}")
    value = _number(number_match["num"])
    if number_match["sign"]:
        value = -value
    if not math.isfinite(value):
        return Figure(raw, problem=f"the figure {quote(raw)} is too large")
    if number_match["plus"]:  # "3,000+" states a lower bound
        if kind != "exact":
            return Figure(raw, problem=f"could not read a figure in {quote(raw)}")
        kind, qualifier = "lower", "at least"
    if kind == "lower":
        return Figure(raw, None, value, None, qualifier)
    if kind == "upper":
        return Figure(raw, None, None, value, qualifier)
    if kind == "approx":
        return Figure(raw, value, None, None, qualifier)
    return Figure(raw, value, value, value, None)


def parse_figures(texts: pd.Series) -> pd.DataFrame:
    """Read a column of figures: columns value, low, high, qualifier, problem.

    Each distinct text is read once (a million incident rows hold a few hundred distinct counts);
    plain numbers among them are converted in one vectorized call.
    """
    codes, uniques = pd.factorize(texts.astype(object).where(texts.notna(), ""), use_na_sentinel=False)
    unique_texts = np.asarray(uniques, dtype=object)
    k = len(unique_texts)
    value = np.full(k, np.nan)
    low = np.full(k, np.nan)
    high = np.full(k, np.nan)
    qualifier = np.full(k, None, dtype=object)
    problem = np.full(k, None, dtype=object)
    numbers = pd.to_numeric(pd.Series(unique_texts, dtype=object), errors="coerce").to_numpy(dtype=float)
    # to_numeric also accepts "inf", "1e5" and "nan", which are not how people write counts.
    plain = ~np.isnan(numbers) & np.isfinite(numbers)
    ambiguous = np.array([bool(_AMBIGUOUS_POINT.match(t)) if p and isinstance(t, str) else False
                          for t, p in zip(unique_texts, plain, strict=True)], dtype=bool)
    plain &= ~ambiguous
    plain &= np.array([bool(_PLAIN_RE.match(t)) if p else False for t, p in zip(unique_texts, plain, strict=True)],
                      dtype=bool)
    value[plain] = low[plain] = high[plain] = numbers[plain]
    done = plain.copy()
    _read_common_forms(unique_texts, done, value, low, high, qualifier)
    for i in np.flatnonzero(~done):
        reading = parse_figure(unique_texts[i])
        value[i] = np.nan if reading.value is None else reading.value
        low[i] = np.nan if reading.low is None else reading.low
        high[i] = np.nan if reading.high is None else reading.high
        qualifier[i], problem[i] = reading.qualifier, reading.problem
    return pd.DataFrame(
        {"value": value[codes], "low": low[codes], "high": high[codes], "qualifier": qualifier[codes],
         "problem": problem[codes]},
        index=texts.index,
    )


_PLAIN_RE = re.compile(r"^\s*-?\d+(?:\.\d+)?\s*$")
_COMMON_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
# The forms most cells take ("1,139", "at least 352", "804 to 1,213"), read together; anything else,
# including every qualifier this pattern does not list, goes through parse_figure.
_COMMON_RE = re.compile(
    rf"^\s*(?:(?P<q>at least|over|more than|about|around|nearly|some|up to)\s+)?(?P<a>{_COMMON_NUMBER})"
    rf"(?:\s*(?:-|–|to)\s*(?P<b>{_COMMON_NUMBER}))?\s*$",
    re.IGNORECASE,
)


def _read_common_forms(texts: np.ndarray, done: np.ndarray, value: np.ndarray, low: np.ndarray,
                       high: np.ndarray, qualifier: np.ndarray) -> None:
    """Fill the readings of the common forms in place and mark them done.

    One compiled pattern per text and plain float conversion: about a microsecond each, where the
    general reader takes ten.
    """
    match = _COMMON_RE.match
    for index in np.flatnonzero(~done):
        text = texts[index]
        found = match(text) if isinstance(text, str) else None
        if found is None:
            continue
        first = float(found["a"].replace(",", ""))
        second_text, phrase = found["b"], found["q"]
        if second_text is not None:
            second = float(second_text.replace(",", ""))
            if phrase is not None or first > second:
                continue  # "at least 3 to 5" and "7 to 3" need the full reader
            low[index], high[index] = first, second
        elif phrase is None:
            value[index] = low[index] = high[index] = first
        else:
            kind, normal = _PHRASE_KIND[phrase.lower()]
            qualifier[index] = normal
            if kind == "lower":
                low[index] = first
            elif kind == "upper":
                high[index] = first
            else:
                value[index] = first
        done[index] = True


_MONTH_NAMES = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_IN_TEXT = re.compile(
    r"(?P<figure>(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|fewer than|between|"
    r"an estimated|approximately|roughly)\s+)?"
    rf"(?:{_COMMON_NUMBER})(?:\s*(?:-|–|to|and)\s*(?:{_COMMON_NUMBER}))?\+?)",
    re.IGNORECASE,
)


def figure_in_text(text: str) -> str | None:
    """The figure a claim's sentence states, for sheets without a figure column.

    "acknowledged at least 352 civilian deaths since 2014" gives "at least 352": years and the
    numbers of dates ("3 May 2017") are passed over, and the first other figure is taken.
    """
    for match in _IN_TEXT.finditer(text):
        phrase = match.group("figure").strip()
        digits = re.sub(r"[^\d]", "", phrase)
        bare_year = re.fullmatch(r"(?:1[89]|20|21)\d\d", phrase) is not None
        before = text[max(0, match.start() - 12):match.start()].lower()
        after = text[match.end():match.end() + 12].lower()
        in_date = re.match(rf"^\s*{_MONTH_NAMES}", after) is not None or re.search(rf"{_MONTH_NAMES}\s*$", before)
        if bare_year or in_date or not digits or re.match(r"^\s*%", after):
            continue
        return phrase
    return None


def format_number(x: float) -> str:
    """352 -> "352", 1139 -> "1,139", 2.5 -> "2.50"."""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def interval_label(value: float, low: float, high: float) -> str:
    """A computed figure in words: "1,139", "804 to 1,213", "at least 352", "up to 50", or ""."""
    if not math.isnan(value) and (math.isnan(low) or math.isnan(high) or low == high):
        return format_number(value)
    if not math.isnan(low) and not math.isnan(high):
        if math.isinf(high):
            return f"at least {format_number(low)}"
        return f"{format_number(low)} to {format_number(high)}"
    if not math.isnan(low):
        return f"at least {format_number(low)}"
    if not math.isnan(high) and not math.isinf(high):
        return f"up to {format_number(high)}"
    return ""
