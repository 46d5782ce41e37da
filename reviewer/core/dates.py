"""Dates and periods as spreadsheets hold them.

Accepted: real dates (as ISO text from the reader), Excel serial numbers in a date column, ISO text,
"3 May 2017", "June 2, 2017", "Sept. 26, 2019", "30/08/2018" (day-first unless the column shows
month-first), a month or a year as a period ("March 2017", "2016"), and periods written as two of
those ("23 Sep 2014 - Aug 2016", "September 2014 to August 2016", "since Aug 2014").

The rules are strict on purpose: a general date guesser reads "March" as this year's March and "5"
as the fifth of this month, which is exactly what an editor must not be shown.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reviewer.core.figures import quote
from reviewer.core.frames import Coded, repeated, table

__all__ = ["Period", "date_from_parts", "detect_day_first", "holds_months", "numeric_date_order",
           "parse_period", "parse_periods", "period_label"]

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
# The months of desks that write in German, French or Spanish, accents folded ("März" is "marz").
_MONTHS |= {
    "januar": 1, "janner": 1, "februar": 2, "marz": 3, "mrz": 3, "mai": 5, "juni": 6, "juli": 7, "okt": 10,
    "oktober": 10, "dez": 12, "dezember": 12,
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "juin": 6,
    "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "dic": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.)?"  # "17th", "1er avril", "17. März"
_YEAR = r"(?P<year>\d{4})"

# A time of day after an ISO date, with its zone ("T10:00:00Z", " 00:00:00+00:00", " 10:00 UTC"): the day stays.
_TIME_OF_DAY = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?"

_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^(?P<year>\d{{4}})-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}}){_TIME_OF_DAY}$", re.IGNORECASE), "day"),
    (re.compile(r"^(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})$"), "day"),
    (re.compile(r"^(?P<month>\d{1,2})/(?P<year>\d{4})$"), "month"),
    (re.compile(rf"^{_DAY}[ -]{_MONTH},?[ -]{_YEAR}$", re.IGNORECASE), "day"),
    (re.compile(rf"^{_MONTH} {_DAY},? {_YEAR}$", re.IGNORECASE), "day"),
    (re.compile(rf"^{_MONTH},? {_YEAR}$", re.IGNORECASE), "month"),
    (re.compile(rf"^{_MONTH}-(?P<year>\d{{2}}|\d{{4}})$", re.IGNORECASE), "month"),
    (re.compile(rf"^{_DAY}-{_MONTH}-(?P<year>\d{{2}})$", re.IGNORECASE), "day"),  # Excel's 17-Mar-17
    (re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"), "month"),
    (re.compile(r"^(?P<year>\d{4})$"), "year"),
]
_NUMERIC_DMY = re.compile(r"^(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>\d{4}|\d{2})$")
_QUARTER = re.compile(r"^(?:Q(?P<q1>[1-4])[ -]?(?P<y1>\d{4})|(?P<y2>\d{4})[ -]?Q(?P<q2>[1-4]))$", re.IGNORECASE)
_SERIAL = re.compile(r"^\d{1,6}(?:\.\d+)?$")
_HALF = re.compile(r"^(?:H(?P<h>[12])[ -]?|(?P<word>first|second) half(?: of)? )(?P<year>\d{4})$", re.IGNORECASE)
_COMPACT = re.compile(r"^(?P<year>(?:18|19|20|21)\d\d)(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])$")
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
# "Aug 2014 - present", "Apr 2017 to date": from a date with no end yet.
_OPEN_END = re.compile(r"^(?P<rest>.+?)\s*(?:-|–|—|to|until)\s*(?:present|date|now|today)$|"
                       r"^(?P<onwards>.+?)\s+onwards?$", re.IGNORECASE)
_SHORT_YEAR_RANGE = re.compile(r"^(?P<first>\d{4})\s*[-–—/]\s*(?P<last>\d{2})$")
_RANGE_SPLIT = re.compile(r"\s+(?:-|to|until|till|through|thru)\s+|(?:(?<=[a-z\d])|(?<=[a-z]\.))\s*[-–—]\s*"
                          r"(?=[a-z\d])", re.IGNORECASE)  # "Jan.–Mar. 2017" too
_EDGE_OF = re.compile(r"^(?:by\s+)?(?:the\s+)?(?P<edge>end|start|beginning)\s+of\s+(?P<rest>.+)$", re.IGNORECASE)
_WEEK_ENDING = re.compile(r"^(?:w/e|w\.e\.|week ending|week to)\s+(?P<rest>.+)$", re.IGNORECASE)
_SINCE = re.compile(r"^(?:since|from|after|starting)\s+(?P<rest>.+)$", re.IGNORECASE)
_UNTIL = re.compile(r"^(?:until|till|through|up to|to|by|as of|as at)\s+(?P<rest>.+)$", re.IGNORECASE)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_PART_OF_MONTH = re.compile(r"^(?:in\s+)?(?:the\s+)?(?P<part>early|mid|middle|late)(?:\s*-\s*|\s+)(?:of\s+)?"
                            r"(?P<rest>.+)$", re.IGNORECASE)


def _part_of_month(part: str, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """"early", "mid" and "late" December: its first, middle and last third (1-10, 11-20, 21-31)."""
    if part == "early":
        return first, first.replace(day=10)
    if part in {"mid", "middle"}:
        return first.replace(day=11), first.replace(day=20)
    return first.replace(day=21), last
# Years a figure can be dated in; also keeps every date inside numpy's nanosecond range.
_FIRST_YEAR, _LAST_YEAR = 1800, 2199


@dataclass(frozen=True, slots=True)
class Period:
    """What a date cell states: a day, a month, a year, or a span between two of them."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None  # day, month, year, period
    problem: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.start is None and self.end is None


def _year(token: str) -> int:
    year = int(token)
    if len(token) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _span(year: int, month: int | None, day: int | None) -> tuple[dt.date, dt.date]:
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day_date = dt.date(year, month, day)
    return day_date, day_date


def _single(text: str, day_first: bool, serial_ok: bool) -> tuple[dt.date, dt.date, str] | None:
    for pattern, precision in _FORMS:
        match = pattern.match(text)
        if not match:
            continue
        parts = match.groupdict()
        month_token = parts.get("month")
        month = None
        if month_token is not None:
            month = int(month_token) if month_token.isdigit() else _MONTHS[month_token.lower().rstrip(".")]
        day = int(parts["day"]) if parts.get("day") else None
        year = _year(parts["year"])
        if not _FIRST_YEAR <= year <= _LAST_YEAR:
            return None
        start, end = _span(year, month, day)
        return start, end, precision
    if match := _NUMERIC_DMY.match(text):
        a, b = int(match["a"]), int(match["b"])
        day, month = (a, b) if day_first else (b, a)
        year = _year(match["year"])
        if not _FIRST_YEAR <= year <= _LAST_YEAR:
            return None
        start, end = _span(year, month, day)
        return start, end, "day"
    if half := _HALF.match(text):  # "H1 2017", "first half of 2017"
        second_half = (half["h"] or half["word"]).lower() in {"2", "second"}
        year = int(half["year"])
        if _FIRST_YEAR <= year <= _LAST_YEAR:
            return (dt.date(year, 7, 1), dt.date(year, 12, 31), "half") if second_half else (
                dt.date(year, 1, 1), dt.date(year, 6, 30), "half")
    if compact := _COMPACT.match(text):  # 20170430
        year = int(compact["year"])
        if _FIRST_YEAR <= year <= _LAST_YEAR:
            day_date = dt.date(year, int(compact["month"]), int(compact["day"]))
            return day_date, day_date, "day"
    if quarter := _QUARTER.match(text):
        number = int(quarter["q1"] or quarter["q2"])
        year = int(quarter["y1"] or quarter["y2"])
        if _FIRST_YEAR <= year <= _LAST_YEAR:
            first, _ = _span(year, 3 * number - 2, None)
            _, last = _span(year, 3 * number, None)
            return first, last, "quarter"
    if serial_ok and _SERIAL.match(text):
        serial = float(text)
        if 1 <= serial < 109574:  # up to the year 2199
            day_date = _EXCEL_EPOCH + dt.timedelta(days=int(serial))
            return day_date, day_date, "day"
    return None


# What may follow a date without changing it: a footnote mark ("2017-04-30*", "March 2017 [1]"), a note
# in brackets ("30 April 2017 (updated 2 May)"), a time of day ("30 April 2017, 14:00").
_DATE_NOTE = re.compile(r"(?:\s*(?:\*+|[†‡§]+|\[(?:\d{1,2}|[a-z])\]|\([^()]*\)))+$", re.IGNORECASE)
_TIME_AFTER = re.compile(r",?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|h)?$", re.IGNORECASE)
_NOTE_ENDS = frozenset("*†‡§])0123456789mMhH")


def _without_notes(text: str) -> str:
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()  # "(30 April 2017)"
    bare = _DATE_NOTE.sub("", text).strip()
    if bare and bare != text:
        text = bare
    if not _ISO_PREFIX.match(text):  # ISO times are read with their date
        text = _TIME_AFTER.sub("", text).strip() or text
    return text


_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]")
_SPANISH_OF = re.compile(r"(?<=[\d\w])\s+de\s+(?=[\w\d])", re.IGNORECASE)


def _folded(text: str) -> str:
    """The text with accents off its letters ("März" is "Marz", "février" "fevrier"); dashes and other
    signs stay."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse_period(text: object, *, day_first: bool = True, serial_ok: bool = False) -> Period:
    """Read a date or a period. Never raises: what cannot be read comes back with ``problem`` set."""
    raw = "" if text is None or (isinstance(text, float) and text != text) else str(text)
    cleaned = " ".join(raw.replace("\u00a0", " ").split()).strip(" ,;")
    if not cleaned.isascii():
        cleaned = _folded(cleaned)
    if " de " in cleaned.lower():  # "17 de marzo de 2017"
        cleaned = _SPANISH_OF.sub(" ", cleaned)
    if cleaned and (cleaned[-1] in _NOTE_ENDS or cleaned[0] == "("):
        cleaned = _without_notes(cleaned)
    if not cleaned or cleaned.lower() in {"n/a", "na", "unknown", "-", "none", "?", "nan"}:
        return Period(raw)
    try:
        cleaned = _WEEKDAY.sub("", cleaned)  # "Sunday, 30 April 2017"
        if (years := _SHORT_YEAR_RANGE.match(cleaned)) and "/" not in cleaned and (
                "-" not in cleaned or int(years["last"]) > 12):
            # "2014–17" is 2014 to 2017 ("2014-12" is a month); "2016/17" may be a financial year, and
            # is not guessed.
            first_year, last_year = int(years["first"]), int(years["first"][:2] + years["last"])
            if first_year < last_year:
                return Period(raw, dt.date(first_year, 1, 1), dt.date(last_year, 12, 31), "period")
        single = _single(cleaned, day_first, serial_ok)
        if single:
            return Period(raw, *single)
        if match := _OPEN_END.match(cleaned):
            start = _single(match["rest"] or match["onwards"], day_first, False)
            if start:
                return Period(raw, start[0], None, "period")
        if (match := _PART_OF_MONTH.match(cleaned)) and (month := _single(match["rest"], day_first, False)) and \
                month[2] == "month":
            return Period(raw, *_part_of_month(match["part"].lower(), month[0], month[1]), "period")
        if match := _EDGE_OF.match(cleaned):  # "end of April 2017" is its last day, "start of 2016" its first
            inner = _single(match["rest"], day_first, False)
            if inner:
                day = inner[1] if match["edge"].lower() == "end" else inner[0]
                return Period(raw, day, day, "day")
        if match := _WEEK_ENDING.match(cleaned):  # "w/e 30 April 2017": the seven days to that day
            last = _single(match["rest"], day_first, False)
            if last and last[2] == "day":
                return Period(raw, last[1] - dt.timedelta(days=6), last[1], "period")
        if match := _SINCE.match(cleaned):
            start = _single(match["rest"], day_first, False)
            if start:
                return Period(raw, start[0], None, "period")
        if match := _UNTIL.match(cleaned):
            end = _single(match["rest"], day_first, False)
            if end:
                return Period(raw, None, end[1], "period")
        for split in _RANGE_SPLIT.finditer(cleaned):
            left, right = cleaned[: split.start()].strip(), cleaned[split.end():].strip()
            first = _single(left, day_first, False)
            second = _single(right, day_first, False)
            if first is None and second is not None:
                # "3 - 7 May 2017", "Sep - Dec 2016": the left side borrows the right side's year.
                first = _single(f"{left} {second[0].year}", day_first, False)
                if first is None and re.fullmatch(r"\d{1,2}", left):
                    first = _single(f"{left} {second[0]:%B %Y}", day_first, False)
            if first and second and first[0] <= second[1]:
                return Period(raw, first[0], second[1], "period")
    except ValueError:  # a day or month out of range: 31/02/2017
        return Period(raw, problem=f"{quote(raw)} is not a real date")
    return Period(raw, problem=f"could not read a date in {quote(raw)}")


def detect_day_first(texts: pd.Series) -> bool | None:
    """Whether a column's numeric dates (03/04/2017) are day-first: True, False, or None if nothing shows it."""
    return numeric_date_order(texts)[0]


def numeric_date_order(texts: pd.Series | Coded) -> tuple[bool | None, str | None]:
    """The column's numeric date order (True for day-first, None when nothing shows it), and, when it
    is None, a numeric date whose order cannot be told, for the warning."""
    distinct = [t for t in texts.texts if t is not None] if isinstance(texts, Coded) else \
        pd.unique(texts.dropna().astype(object))
    uniques = pd.Series(distinct, dtype=object).astype(str)
    sample = uniques.str.extract(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\s*$").dropna()
    if sample.empty:
        return None, None
    first, second = sample[0].astype(int), sample[1].astype(int)
    if (first > 12).any() and not (second > 12).any():
        return True, None
    if (second > 12).any() and not (first > 12).any():
        return False, None
    return None, str(uniques[sample.index[0]]).strip()


# A day in ISO form, with any time of day and zone: the day is read from its first ten characters.
_ISO_DAY = re.compile(rf"^\s*\d{{4}}-\d{{2}}-\d{{2}}{_TIME_OF_DAY}\s*$", re.IGNORECASE)


def parse_periods(texts: pd.Series | Coded, *, day_first: bool = True, serial_ok: bool = False) -> pd.DataFrame:
    """Read a column of dates: columns start, end (datetime64), precision, problem.

    Each distinct text is read once; ISO days (what the reader makes of real date cells) are
    converted together in one vectorized call.
    """
    coded = (texts if isinstance(texts, Coded) else Coded.of(texts)).mapped(lambda t: "" if pd.isna(t) else t)
    codes = coded.codes
    unique_texts = coded.texts
    k = len(unique_texts)
    start = np.full(k, np.datetime64("NaT"), dtype="datetime64[ns]")
    end = start.copy()
    precision = np.full(k, None, dtype=object)
    problem = np.full(k, None, dtype=object)
    iso = np.array([bool(_ISO_DAY.match(str(t))) for t in unique_texts], dtype=bool)
    if iso.any():
        heads = pd.Series([str(t).strip()[:10] for t in unique_texts[iso]], dtype=object)
        values = pd.to_datetime(heads, format="%Y-%m-%d", errors="coerce").to_numpy(dtype="datetime64[ns]")
        start[iso] = end[iso] = values
        day = repeated("day", len(values))
        day[np.isnat(values)] = None
        precision[iso] = day
        for i in np.flatnonzero(iso)[np.isnat(values)]:
            problem[i] = f"{quote(str(unique_texts[i]))} is not a real date"
    for i in np.flatnonzero(~iso):
        reading = parse_period(unique_texts[i], day_first=day_first, serial_ok=serial_ok)
        start[i], end[i] = _ns(reading.start), _ns(reading.end)
        precision[i], problem[i] = reading.precision, reading.problem
    return table({"start": start[codes], "end": end[codes], "precision": precision[codes],
                  "problem": problem[codes]}, coded.index)


def _ns(day: dt.date | None) -> np.datetime64:
    return np.datetime64(day, "ns") if day is not None else np.datetime64("NaT", "ns")


def period_label(start: dt.date, end: dt.date, *, short: bool = False) -> str:
    """A span as people name it: "2016", "Q1 2017", "March 2017", "17 March 2017", "2–19 March 2017".
    ``short`` is for narrow columns: "2016", "2016–2018", "2017-03", "2017-03-17", "2017-03-02 – 2017-03-19"."""
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    whole_years = whole_months and (start.month, end.month) == (1, 12)
    if short:
        if start == end:
            return f"{start:%Y-%m-%d}"
        if whole_years:
            return f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
        if whole_months:
            same = (start.year, start.month) == (end.year, end.month)
            return f"{start:%Y-%m}" if same else f"{start:%Y-%m} – {end:%Y-%m}"
        return f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if whole_months and start.year == end.year:
        if (start.month, end.month) == (1, 12):
            return str(start.year)
        if start.month == end.month:
            return f"{start:%B %Y}"
        if end.month - start.month == 2 and start.month % 3 == 1:
            return f"Q{start.month // 3 + 1} {start.year}"
        if (start.month, end.month) in {(1, 6), (7, 12)}:
            return f"H{1 if start.month == 1 else 2} {start.year}"
    if whole_years:
        return f"{start.year} to {end.year}"
    if whole_months:
        return f"{start:%B %Y} to {end:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"


_MONTH_CELL = re.compile(r"^\s*(?:0?[1-9]|1[0-2]|" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s*$",
                         re.IGNORECASE)


def holds_months(texts: pd.Series) -> bool:
    """Whether a column holds months alone ("March", "Mar", "3"), as beside a column of years."""
    filled = texts[texts.astype(str).str.strip() != ""].astype(str).head(200)
    return bool(len(filled)) and bool(filled.map(lambda t: _MONTH_CELL.match(t) is not None).all())


def date_from_parts(year: pd.Series, month: pd.Series, day: pd.Series | None = None) -> pd.Series:
    """One date text per row from a year, a month and maybe a day column ("2017" "March" "17"), as
    ``parse_period`` reads it: "17 March 2017", "March 2017"; a month given as a number is named so
    that "3" is never read as a day."""
    def month_name(text: str) -> str:
        text = text.strip().rstrip(".")
        return calendar.month_name[int(text)] if text.isdigit() and 1 <= int(text) <= 12 else text

    months = month.astype(str).map(month_name)
    years = year.astype(str).str.strip()
    texts = months + " " + years
    if day is not None:
        days = day.astype(str).str.strip()
        texts = texts.where(days == "", days + " " + texts)
    return texts.where((years != "") & (months != ""), years)
