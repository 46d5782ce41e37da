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
from numpy.dtypes import StringDType

from reviewer.core.frames import Coded, table
from reviewer.core.vocabulary import MONTH_WORD

__all__ = ["Figure", "distinct_figures", "figure_ends", "figure_in_text", "format_number", "interval_label",
           "parse_figure", "parse_figures", "readable_figure", "value_or_low"]


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
    "passed": "more than", "surpassed": "more than", "topped": "more than", "exceeded": "more than",
    "exceeding": "more than", "has passed": "more than", "has surpassed": "more than", "has topped": "more than",
    "has exceeded": "more than",
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
    "c.": "about", "ca.": "about", "circa": "about", "more or less": "about", "≈": "about",
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
_MONTH_WORD = re.compile(rf"^{MONTH_WORD}(?:\s|,|$)")
# "3.000" is three thousand in much of Europe and three elsewhere: it is never guessed.
_AMBIGUOUS_POINT = re.compile(r"^\d{1,3}\.\d{3}$")
_POINT_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")  # "1.335.000" can only be thousands
_COMMA_DECIMAL = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d+$")  # "2.500,5": points group, the comma is decimal
_COMMA_DECIMAL_SCALED = re.compile(r"^\d{1,3},\d{1,2}\s*(?:thousand|million|mn|bn|billion)$", re.IGNORECASE)
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


_FOOTNOTE_MARK = re.compile(r"(?<=[\d+])(?:\*+|[†‡§]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$")
_NOTE_REFERENCE = re.compile(r"(?<=\d)\s*[\[(](?:\d{1,2}|[a-z])[\])]$", re.IGNORECASE)
_ESTIMATE_TAIL = re.compile(r"^\(?(?P<word>est\.?|estimated?|estimate|approx\.?|approximately|approximate)\)?$")
_PERCENT_SIGN = re.compile(r"(?<=\d)\s*%(?=\s|$)")
_PLUS_WORD = re.compile(r"(?<=\d)\s*-?\s*plus$", re.IGNORECASE)
# Words after a figure that bound it: "3,000 or more" is at least 3,000.
_TAIL_KIND = {
    "or more": ("lower", "at least"), "and more": ("lower", "at least"), "or over": ("lower", "at least"),
    "and over": ("lower", "at least"), "and above": ("lower", "at least"), "or above": ("lower", "at least"),
    "at least": ("lower", "at least"), "or less": ("upper", "at most"), "or fewer": ("upper", "at most"),
    "at most": ("upper", "at most"), "and under": ("upper", "at most"), "or so": ("approx", "about"),
    "or thereabouts": ("approx", "about"),
}
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


# A period said after the figure ("6,000 civilians since 2014", "1,000 in March 2017"): its year is
# no figure, and the period is the period column's or the claim's words' to give.
_PERIOD_AFTER = re.compile(r"\s+(?:since|in|by|as of|as at|until|till|through|during|from|between|over)\s+"
                           r"(?:[a-z.,]+\s+){0,3}(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:[a-z]+\.?\s+)?(?:19|20)\d\d\b.*$",
                           re.IGNORECASE)


def parse_figure(text: object) -> Figure:
    """Read one figure. Never raises: what cannot be read comes back with ``problem`` set."""
    raw = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
    try:
        figure = _parse(raw)
        if figure.problem and (period := _PERIOD_AFTER.search(raw)) and period.start() > 0:
            head = _parse(raw[: period.start()])
            if not head.problem and not head.is_empty:
                return Figure(raw, head.value, head.low, head.high, head.qualifier)
        return figure
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
    # "2,500*", "1,234¹", "352 [1]": the mark points to a note under the table.
    body = _FOOTNOTE_MARK.sub("", _NOTE_REFERENCE.sub("", body))
    body = _PERCENT_SIGN.sub("", body)  # "14.57%" is 14.57, in percent (the measure's unit says so)
    body = _PLUS_WORD.sub("+", body)  # "3,000-plus" is "3,000+"
    match = _TAIL_RE.match(body)
    if match:
        body = _FOOTNOTE_MARK.sub("", match.group("head").strip())
        tail = (match.group("tail") or "").strip().lower()
        if _MONTH_WORD.match(tail):  # "12 May" is a date, not a figure
            return Figure(raw, problem=f"{quote(raw)} looks like a date, not a figure")
        if kind == "exact" and not _RANGE_RE.match(body) and tail in _TAIL_KIND:
            kind, qualifier = _TAIL_KIND[tail]  # "3,000 or more", "300 or so"
        elif kind == "exact" and not _RANGE_RE.match(body) and (estimate := _ESTIMATE_TAIL.match(tail)):
            kind, qualifier = "approx", "estimated" if estimate["word"].startswith("est") else "about"
    if _COMMA_DECIMAL_SCALED.match(body):
        body = body.replace(",", ".", 1)  # "1,3 million": a comma before one or two digits is a decimal
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
    if number_match:
        value = _number(number_match["num"])
    elif (spelled := _spelled_number(body)) is not None:
        value = spelled
    else:
        return Figure(raw, problem=f"could not read a figure in {quote(raw)}")
    if number_match is not None and number_match["sign"]:
        value = -value
    return _bounded(raw, value, kind, qualifier, plus=number_match is not None and bool(number_match["plus"]))


_UNITS = {word: n for n, word in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"))}
_TENS = {word: 10 * n for n, word in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                                "ninety"), 2)}
_WORD_SCALES = {"thousand": 1_000, "million": 1_000_000}


def _spelled_number(text: str) -> float | None:
    """A number written in words, as a figure column may hold one: "two", "twenty-three", "a dozen",
    "three hundred and twenty", "two thousand". Vague words ("dozens", "hundreds") are not numbers."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    if words[0] in {"a", "an"} and len(words) > 1 and words[1] in {"dozen", "hundred", *_WORD_SCALES}:
        words[0] = "one"
    total, current, seen = 0, 0, False
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _WORD_SCALES:
            total += max(current, 1) * _WORD_SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def _bounded(raw: str, value: float, kind: str, qualifier: str | None, *, plus: bool) -> Figure:
    """The reading of one number with what its words say of it: exact, a bound, or about."""
    if not math.isfinite(value):
        return Figure(raw, problem=f"the figure {quote(raw)} is too large")
    if plus:  # "3,000+" states a lower bound
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


def parse_figures(texts: pd.Series | Coded) -> pd.DataFrame:
    """Read a column of figures: columns value, low, high, qualifier, problem. Each distinct text is
    read once (a million incident rows hold a few hundred distinct counts): see ``distinct_figures``."""
    coded = texts if isinstance(texts, Coded) else Coded.of(texts)
    read = distinct_figures(coded.texts)
    return table({name: coded.each(values) for name, values in read.items()}, coded.index)


def distinct_figures(texts: np.ndarray) -> dict[str, np.ndarray]:
    """The figure each text states, a value per text: value, low, high, qualifier and problem. The
    common forms are read together with vectorized string operations, and only the rest goes through
    ``parse_figure`` one text at a time."""
    unique_texts = np.array([t if isinstance(t, str) else "" for t in texts], dtype=object)  # missing: empty
    k = len(unique_texts)
    value = np.full(k, np.nan)
    low = np.full(k, np.nan)
    high = np.full(k, np.nan)
    qualifier = np.full(k, None, dtype=object)
    problem = np.full(k, None, dtype=object)
    done = _read_common_forms(unique_texts, value, low, high, qualifier)
    rest = np.flatnonzero(~done)
    numbers = pd.to_numeric(pd.Series(unique_texts[rest], dtype=object), errors="coerce").to_numpy(dtype=float)
    # to_numeric also accepts "inf", "1e5" and "nan", which are not how people write counts; and
    # "3.000" may be three or three thousand, unless the column shows its points group thousands
    # ("1.335.000", "2.500,5" beside it), as a European spreadsheet writes them.
    point_thousands = any(_POINT_THOUSANDS.match(t.strip()) or _COMMA_DECIMAL.match(t.strip())
                          for t in unique_texts[rest])
    for i, number in zip(rest, numbers, strict=True):
        text = unique_texts[i]
        if point_thousands and (_AMBIGUOUS_POINT.match(text.strip()) or _COMMA_DECIMAL.match(text.strip())):
            value[i] = low[i] = high[i] = float(text.strip().replace(".", "").replace(",", "."))
            continue
        if math.isfinite(number) and _PLAIN_RE.match(text) and not _AMBIGUOUS_POINT.match(text.strip()):
            value[i] = low[i] = high[i] = number
            continue
        reading = parse_figure(text)
        value[i] = np.nan if reading.value is None else reading.value
        low[i] = np.nan if reading.low is None else reading.low
        high[i] = np.nan if reading.high is None else reading.high
        qualifier[i], problem[i] = reading.qualifier, reading.problem
    return {"value": value, "low": low, "high": high, "qualifier": qualifier, "problem": problem}


_PLAIN_RE = re.compile(r"^\s*-?\d+(?:\.\d+)?\s*$")
# The qualifiers the column reader knows; any other goes through parse_figure.
_COMMON_PHRASES = ("at least", "over", "more than", "about", "around", "nearly", "some", "up to")


def _read_common_forms(texts: np.ndarray, value: np.ndarray, low: np.ndarray, high: np.ndarray,
                       qualifier: np.ndarray) -> np.ndarray:
    """Fill in place the readings of the forms most cells take ("1139", "1,139", "at least 352",
    "804 to 1,213", "3 - 7"), and return which texts were read.

    Whole-column string operations in numpy, a few nanoseconds a text, where a pattern per text takes
    a microsecond and the general reader ten. Whatever is not plainly one of these forms (signs,
    decimals, "3,000+", a qualifier with a range, "7 to 3") is left for parse_figure.
    """
    strings = np.strings
    done = np.zeros(len(texts), dtype=bool)
    if not len(texts):
        return done
    body = strings.lower(strings.strip(np.asarray(texts, dtype=StringDType())))
    phrase_of = np.full(len(texts), -1)
    for index, phrase in enumerate(_COMMON_PHRASES):
        hit = np.flatnonzero((phrase_of < 0) & strings.startswith(body, phrase))
        after = strings.slice(body[hit], len(phrase), None)
        after_space = strings.lstrip(after)
        # "overall 5" is not "over 5": the phrase must be followed by a space.
        spaced = strings.str_len(after_space) < strings.str_len(after)
        phrase_of[hit[spaced]] = index
        body[hit[spaced]] = after_space[spaced]
    first, second = body.copy(), np.full(len(texts), "", dtype=StringDType())
    ranged = np.zeros(len(texts), dtype=bool)
    for separator in ("to", "–", "-"):
        before, found, after = strings.partition(first[~ranged], np.array(separator, dtype=StringDType()))
        split = np.flatnonzero(~ranged)[found != ""]
        first[split] = strings.rstrip(before[found != ""])
        second[split] = strings.lstrip(after[found != ""])
        ranged[split] = True
    good = _thousands_form(first) & (~ranged | _thousands_form(second)) & ~(ranged & (phrase_of >= 0))
    a = np.full(len(texts), np.nan)
    b = np.full(len(texts), np.nan)
    a[good] = strings.replace(first[good], ",", "").astype(np.float64)
    b[good & ranged] = strings.replace(second[good & ranged], ",", "").astype(np.float64)
    good &= ~(ranged & (a > b))  # "7 to 3" needs the full reader's sentence
    exact = good & ~ranged & (phrase_of < 0)
    value[exact] = low[exact] = high[exact] = a[exact]
    between = good & ranged
    low[between], high[between] = a[between], b[between]
    for index, phrase in enumerate(_COMMON_PHRASES):
        stated = good & (phrase_of == index)
        if not stated.any():
            continue
        kind, normal = _PHRASE_KIND[phrase]
        qualifier[stated] = normal
        (low if kind == "lower" else high if kind == "upper" else value)[stated] = a[stated]
    done[good] = True
    return done


def _thousands_form(numbers: np.ndarray) -> np.ndarray:
    """Which texts are digits, plain or in thousands groups ("1139", "1,139", "12,000,000"; not "1,33")."""
    strings = np.strings
    digits = strings.replace(numbers, ",", "")
    ok = strings.isdecimal(digits) & (strings.str_len(digits) > 0)
    commas = strings.count(numbers, ",")
    length = strings.str_len(numbers)
    lead = length - 4 * commas
    ok &= (commas == 0) | ((lead >= 1) & (lead <= 3))
    for k in range(1, int(commas.max(initial=0)) + 1):
        grouped = ok & (commas >= k)
        at = length[grouped] - 4 * k
        ok[grouped] &= strings.slice(numbers[grouped], at, at + 1) == ","
    return ok


_COMMON_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_MONTH_NAMES = MONTH_WORD
# A number in a sentence: "1,335", "1.2 million", "12k" (a point is a decimal point only before more digits).
_SENTENCE_NUMBER = rf"(?:{_COMMON_NUMBER})(?:\.\d+)?(?:\s*(?:k|thousand|million|mn|bn|billion)\b)?"
_IN_TEXT = re.compile(
    r"(?P<figure>(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|fewer than|between|"
    r"an estimated|approximately|roughly|passed|surpassed|topped|exceeded)\s+)?"
    rf"(?:{_SENTENCE_NUMBER})(?:\s*(?:-|–|to|and)\s*(?:{_SENTENCE_NUMBER}))?\+?)",
    re.IGNORECASE,
)
# What makes a number no count: "25 per cent", "the 2nd strike".
_PERCENT_AFTER = re.compile(r"^\s*(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
_NOT_A_COUNT_AFTER = re.compile(r"^(?:\s*(?:%|per\s?cent\b|percent\b)|(?:st|nd|rd|th)\b)", re.IGNORECASE)


def figure_in_text(text: str) -> str | None:
    """The figure a claim's sentence states, for sheets without a figure column.

    "acknowledged at least 352 civilian deaths since 2014" gives "at least 352": years and the
    numbers of dates ("3 May 2017") are passed over, and the first other figure is taken.
    """
    percent = None
    for match in _IN_TEXT.finditer(text):
        phrase = match.group("figure").strip()
        digits = re.sub(r"[^\d]", "", phrase)
        bare_year = re.fullmatch(r"(?:1[89]|20|21)\d\d", phrase) is not None
        before = text[max(0, match.start() - 12):match.start()].lower()
        after = text[match.end():match.end() + 12].lower()
        in_date = re.match(rf"^\s*{_MONTH_NAMES}", after) is not None or re.search(rf"{_MONTH_NAMES}\s*$", before)
        if percent is None and digits and _PERCENT_AFTER.match(after):
            percent = f"{phrase}%"  # a claim about a rate states it in percent: taken when no count is stated
        if bare_year or in_date or not digits or _NOT_A_COUNT_AFTER.match(after):
            continue
        return phrase
    return percent


def format_number(x: float) -> str:
    """A figure as people read it, everywhere Reviewer writes one: 352 -> "352", 1139 -> "1,139",
    2.5 -> "2.5", 14.5678 -> "14.5678"."""
    if float(x).is_integer():
        return f"{x:,.0f}"
    return f"{x:,.4f}".rstrip("0").rstrip(".")


_BARE_NUMBER = re.compile(r"\d{4,}(\.\d+)?")


def readable_figure(text: str) -> str:
    """A bare number as every number on screen is written ("1139" -> "1,139"); any other wording as it is.
    Only a source's own table shows its figure exactly as written."""
    return format_number(float(text)) if _BARE_NUMBER.fullmatch(text.strip()) else text


def value_or_low(frame: pd.DataFrame) -> pd.Series:
    """One number per figure: its value, else the low end of its range ("at least 352" is 352)."""
    return frame["value"].where(frame["value"].notna(), frame["low"])


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


def figure_ends(value: float, low: float, high: float) -> tuple[float, float]:
    """The two ends of a figure as a claim states it: its range, else its value at both ends; an end
    the figure leaves open ("at least 352" has no upper end) stays NaN."""
    return (value if math.isnan(low) else low), (value if math.isnan(high) else high)
