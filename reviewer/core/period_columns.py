"""Tables with a column per period: "Governorate | 2014 | 2015 | 2016", "Year | Jan | Feb | … | Dec", a
column per day ("Province/State | Country/Region | Lat | Long | 1/22/20 | 1/23/20 …"), or a statistics
office's "Country Name | Indicator Name | 1960 | … " and "2021 [note 2]".

Agencies and monitors publish counts this way. Each cell under a period is one observation: its
period is the column's (with the row's year when the columns are months alone) and its series is the
row's label ("Ninewa"), so that a claim about 2016 meets the 2016 figure and places stay apart. The
columns before the periods say each row's place and measure; coordinates and codes are neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

import numpy as np
import pandas as pd

from reviewer.core.dates import numeric_date_order, parse_period, parse_periods
from reviewer.core.fields import field_for_header, normalize_header, place_rank
from reviewer.core.vocabulary import MONTH_ABBREVIATIONS, RUNNING_TOTAL_WORDS

__all__ = ["PeriodColumns", "find_period_columns", "is_cumulative", "melt", "without_codes", "without_flags"]

_YEAR = re.compile(r"^(?:19|20)\d{2}$")
# "2021 [note 2]", "2019 (p)", "2018*": a year with the note a statistics office hangs on it.
_NOTED_YEAR = re.compile(r"^((?:19|20)\d{2})\s*(?:\[[^\]]{1,30}\]|\([^)]{1,30}\)|\*{1,3}|[a-z]\b)?$", re.IGNORECASE)
_NUMERIC_DAY = re.compile(r"^(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})$")
_FEWEST_DAYS = 7  # a week of days side by side; three dates in a row of data are no header
_COORDINATES = {"lat", "latitude", "long", "lon", "lng", "longitude", "x", "y"}
_MONTH_ALONE = re.compile(r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$", re.IGNORECASE)
_MONTH_INDEX = {m: i + 1 for i, m in enumerate(MONTH_ABBREVIATIONS)}
_TOTAL = re.compile(r"^\s*(?:grand\s+)?(?:total|totals|sum|overall|all)\b", re.IGNORECASE)
_MOST_DATED_COLUMNS = 400  # months or quarters side by side; a row of names is never wider
_CUMULATIVE = re.compile(RUNNING_TOTAL_WORDS, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PeriodColumns:
    columns: dict[int, str]  # position -> the period its header names ("2014", "Jan", "Jan 2017", "2020-01-22")
    label: int | None  # the column that names each row's series (a place, a province, a category, or a year)
    months_alone: bool  # "Jan | Feb | …": the year is the row's label
    totals: list[int]  # "Total" columns: the sum of the others, left out
    labels: dict[str, int] = field(default_factory=dict)  # "place", "measure": the columns that say them
    skipped: list[int] = field(default_factory=list)  # coordinates and codes: neither figures nor labels
    dimensions: tuple[str, ...] = ()  # Eurostat's "unit,geo\\time": the label column holds these, comma-separated
    measure: str | None = None  # what the columns' shared name says they measure ("POPESTIMATE2020": POPESTIMATE)


def find_period_columns(headers: list[str]) -> PeriodColumns | None:
    """The header's period columns, when at least three consecutive years, months or quarters, or a week
    of days, name them."""
    cells = [h.strip() for h in headers]
    measure = None
    columns = _years(cells) or _months_alone(cells) or _days(cells) or _dated(cells)
    if columns is None and (shared := _named_years(cells)) is not None:
        measure, columns = shared
    if columns is None:
        return None
    months_alone = all(_MONTH_ALONE.match(text) for text in columns.values())
    others = [i for i, text in enumerate(cells) if i not in columns and text and not text.startswith("Column ")]
    totals = [i for i in others if _TOTAL.match(cells[i])]
    before = [i for i in others if i not in totals and i < min(columns)]
    skipped = [i for i in before if normalize_header(cells[i]) in _COORDINATES or
               (field_for_header(cells[i]) == "key" and len(before) > 1)]
    named = [i for i in before if i not in skipped]
    labels: dict[str, int] = {}
    places = sorted((i for i in named if field_for_header(cells[i]) == "place"), key=lambda i: place_rank(cells[i]))
    if places:
        labels["place"] = places[0]  # of "Province/State | Country/Region", the country
    measures = [i for i in named if field_for_header(cells[i]) == "measure"]
    if measures:
        labels["measure"] = measures[0]
    # The series label: the finest place (a province within its country), else the first name.
    label = places[-1] if places else next((i for i in named if i not in labels.values()), None)
    if label is None and named:
        label = named[0]
    dimensions = _dimensions(cells[label]) if label is not None else ()
    return PeriodColumns(columns, label, months_alone, totals, labels, skipped, dimensions, measure)


def without_codes(found: PeriodColumns, cells: pd.DataFrame, positions: np.ndarray) -> PeriodColumns:
    """The period columns without the label columns that hold codes, not names ("REGION": 3, "STATE":
    01): such a column is neither the rows' place nor their label."""
    codes = [c for c in {*found.labels.values(), *([found.label] if found.label is not None else [])}
             if _holds_codes(cells[c].to_numpy(dtype=object)[positions[:200]])]
    if not codes:
        return found
    labels = {name: c for name, c in found.labels.items() if c not in codes}
    label = found.label
    if label in codes:
        others = [c for c in range(min(found.columns)) if c not in codes and c not in found.skipped and
                  c not in found.totals and not _holds_codes(cells[c].to_numpy(dtype=object)[positions[:200]])]
        label = labels.get("place", others[0] if others else None)
    return replace(found, labels=labels, label=label, skipped=sorted({*found.skipped, *codes}))


def _holds_codes(values: np.ndarray) -> bool:
    texts = [str(v).strip() for v in values if str(v).strip()]
    return bool(texts) and sum(1 for t in texts if t.replace(".", "").isdigit()) >= 0.8 * len(texts)


def _dimensions(header: str) -> tuple[str, ...]:
    """Eurostat's bulk files name the label column's parts before a backslash: "unit,geo\\time"."""
    if "\\" not in header:
        return ()
    names = tuple(part.strip().lower() for part in header.split("\\", 1)[0].split(","))
    return names if all(names) else ()


def _years(cells: list[str]) -> dict[int, str] | None:
    years = [(i, int(found[1])) for i, text in enumerate(cells) if (found := _NOTED_YEAR.match(text))]
    steps = {b - a for (_, a), (_, b) in pairwise(years)}
    if len(years) >= 3 and steps in ({1}, {-1}):  # counts in a row are never a run of consecutive years
        return {i: str(year) for i, year in years}
    return None


_NAMED_YEAR = re.compile(r"^(?P<name>.*?[A-Za-z].*?)[\s_\-]*(?P<year>(?:19|20)\d{2})$")


def _named_years(cells: list[str]) -> tuple[str, dict[int, str]] | None:
    """Years after a name the columns share ("POPESTIMATE2020 | POPESTIMATE2021", "deaths_2019 |
    deaths_2020"): the name, and each column's year. A run of three consecutive years at least."""
    by_name: dict[str, list[tuple[int, int]]] = {}
    for i, text in enumerate(cells):
        # The pattern's two lazy runs take time growing with the square of a cell's length: a cell of
        # 32,767 characters would hold the open for half a minute. No column name is that long.
        found = _NAMED_YEAR.match(text) if len(text) <= 256 else None
        if found:
            by_name.setdefault(found["name"], []).append((i, int(found["year"])))
    for name, years in by_name.items():
        steps = {b - a for (_, a), (_, b) in pairwise(years)}
        if len(years) >= 3 and steps in ({1}, {-1}):
            return name.strip(" _-"), {i: str(year) for i, year in years}
    return None


def _months_alone(cells: list[str]) -> dict[int, str] | None:
    months = {i: text for i, text in enumerate(cells) if _MONTH_ALONE.match(text)}
    order = [_MONTH_INDEX[text[:3].lower()] for text in months.values()]
    # In calendar order, once round at most (a year from April): "Mayor | Decision" are no months.
    wraps = sum(1 for a, b in pairwise(order) if b <= a)
    return months if len(months) >= 3 and wraps <= 1 else None


def _days(cells: list[str]) -> dict[int, str] | None:
    """A column per day in numbers ("1/22/20 | 1/23/20 | …", JHU CSSE's time series), in the order the
    days show, as ISO days."""
    found = [(i, text) for i, text in enumerate(cells) if _NUMERIC_DAY.match(text)]
    if len(found) < _FEWEST_DAYS:
        return None
    texts = pd.Series([text for _, text in found], dtype=object)
    day_first, _ = numeric_date_order(texts)
    # "3/1/20 | 3/2/20 | …" shows no day above 12: the order that makes the days follow each other is meant.
    orders = [day_first] if day_first is not None else [False, True]
    readings = [parse_periods(texts, day_first=order)["start"] for order in orders]
    readings = [r for r in readings if r.notna().all() and (r.diff().dropna() < pd.Timedelta(0)).mean() <= 0.1]
    if not readings:
        return None  # dates out of order are a row of data, not a header
    starts = min(readings, key=lambda r: r.diff().dropna().median())
    return {i: day.date().isoformat() for (i, _), day in zip(found, starts, strict=True)}


def _dated(cells: list[str]) -> dict[int, str] | None:
    """"Jan 2017 | Feb 2017", "2017-01 | 2017-02", "Q1 2017 | Q2 2017", or month starts as dates."""
    found: dict[int, str] = {}
    for i, text in enumerate(cells[:_MOST_DATED_COLUMNS]):
        if not text or re.fullmatch(r"[\d,.\s]+", text):
            continue  # counts, and years (read above only as a run)
        period = parse_period(text)
        if period.start is None or period.problem:
            continue
        if period.precision == "day" and period.start.day == 1:
            text = period.start.strftime("%b %Y")  # a month's first day, as Excel stores "Jan-17"
        elif period.precision not in {"month", "quarter", "half", "year"}:
            continue
        found[i] = text
    return found if len(found) >= 3 else None


# Eurostat's flags after a figure ("148175 p": provisional) and ":" for a figure not available.
_FLAGGED = re.compile(r"^\s*(-?[\d.,]+)\s*[a-z]{1,3}\s*$", re.IGNORECASE)
_NOT_AVAILABLE = re.compile(r"^\s*:\s*[a-z]{0,3}\s*$", re.IGNORECASE)


def without_flags(figures: np.ndarray) -> np.ndarray:
    """Figures without the flags a statistics office writes after them; ":" is no figure."""
    codes, uniques = pd.factorize(figures)
    cleaned = []
    for text in uniques:
        value = str(text)
        flagged = _FLAGGED.match(value)
        cleaned.append("" if _NOT_AVAILABLE.match(value) else flagged[1] if flagged else value)
    return np.array(cleaned, dtype=object)[codes] if len(uniques) else figures


def melt(cells: pd.DataFrame, positions: np.ndarray, first_row: int, found: PeriodColumns, label_header: str,
         ) -> tuple[pd.DataFrame, np.ndarray, list[str], dict[str, int]]:
    """One row per cell under a period: columns label, period, figure, and the row's place and measure
    when columns say them; their spreadsheet row numbers; headers; and the mapping (metric from the
    label, unless the labels are the years). Eurostat's flags after figures are left out."""
    labels = (cells[found.label].to_numpy(dtype=object)[positions] if found.label is not None
              else np.full(len(positions), "", dtype=object))
    label_is_year = found.months_alone and all(_YEAR.match(str(v).strip()) for v in labels if str(v).strip())
    extra = {name: cells[column].to_numpy(dtype=object)[positions] for name, column in found.labels.items()}
    if "place" in found.labels and found.label != found.labels["place"]:
        # A province's rows are its own series; its country's row is the country's ("France", "French Guiana").
        labels = np.where(pd.Series(labels, dtype=object).astype(str).str.strip().to_numpy() == "",
                          extra["place"], labels)
    if found.dimensions:
        extra.update(_split_dimensions(labels, found.dimensions))
    parts = []
    for column, period in found.columns.items():
        figures = cells[column].to_numpy(dtype=object)[positions]
        if found.dimensions:
            figures = without_flags(figures)
        if found.months_alone:
            month = _MONTH_INDEX[period.strip()[:3].lower()]
            when = [f"{year.strip()}-{month:02d}" if label_is_year and str(year).strip() else "" for year in labels]
        else:
            when = [period] * len(positions)
        columns: dict[object, np.ndarray] = {0: labels, 1: np.array(when, dtype=object), 2: figures}
        columns.update({3 + k: values for k, values in enumerate(extra.values())})
        columns["_row"] = positions + first_row
        parts.append(pd.DataFrame(columns))
    long = pd.concat(parts, ignore_index=True)
    long = long[long[2].astype(str).str.strip() != ""].sort_values("_row", kind="stable")
    rows = long.pop("_row").to_numpy(dtype=np.int64)
    long.index = range(len(long))
    mapping = {"period": 1, "figure": 2} if label_is_year else {"metric": 0, "period": 1, "figure": 2}
    mapping.update({name: 3 + k for k, name in enumerate(extra)})
    headers = [label_header or "Label", "Period", "Figure", *(_EXTRA_HEADERS[name] for name in extra)]
    return long, rows, headers, mapping


_EXTRA_HEADERS = {"place": "Place", "measure": "Measure"}


def _split_dimensions(labels: np.ndarray, dimensions: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Each row's place (the "geo" part) and measure (the other parts) from a label such as "NR,AT"."""
    parts = [str(label).split(",") for label in labels]
    geo = dimensions.index("geo") if "geo" in dimensions else None
    found: dict[str, np.ndarray] = {}
    if geo is not None:
        found["place"] = np.array([p[geo].strip() if geo < len(p) else "" for p in parts], dtype=object)
    others = [i for i in range(len(dimensions)) if i != geo]
    if others:
        found["measure"] = np.array([",".join(p[i].strip() for i in others if i < len(p)) for p in parts],
                                    dtype=object)
    return found


def is_cumulative(title: str) -> bool:
    return _CUMULATIVE.search(title) is not None
