"""Tables with a column per period: "Governorate | 2014 | 2015 | 2016" or "Year | Jan | Feb | … | Dec".

Agencies and monitors publish counts this way. Each cell under a period is one observation: its
period is the column's (with the row's year when the columns are months alone) and its series is the
row's label ("Ninewa"), so that a claim about 2016 meets the 2016 figure and places stay apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd

from reviewer.core.dates import parse_period

__all__ = ["PeriodColumns", "find_period_columns", "is_cumulative", "melt"]

_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_MONTH_ALONE = re.compile(r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$", re.IGNORECASE)
_MONTH_INDEX = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                                   "nov", "dec"))}
_TOTAL = re.compile(r"^\s*(?:grand\s+)?(?:total|totals|sum|overall|all)\b", re.IGNORECASE)
_MOST_DATED_COLUMNS = 400  # a year of days side by side; a row of names is never wider
_CUMULATIVE = re.compile(r"cumulative|running total|to date|so far", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PeriodColumns:
    columns: dict[int, str]  # position -> the period its header names ("2014", "Jan", "Jan 2017")
    label: int | None  # the column that names each row (a place, a category, or a year)
    months_alone: bool  # "Jan | Feb | …": the year is the row's label
    totals: list[int]  # "Total" columns: the sum of the others, left out


def find_period_columns(headers: list[str]) -> PeriodColumns | None:
    """The header's period columns, when at least three consecutive years, months or quarters name them."""
    cells = [h.strip() for h in headers]
    columns = _years(cells) or _months_alone(cells) or _dated(cells)
    if columns is None:
        return None
    months_alone = all(_MONTH_ALONE.match(text) for text in columns.values())
    others = [i for i, text in enumerate(cells) if i not in columns and text and not text.startswith("Column ")]
    totals = [i for i in others if _TOTAL.match(cells[i])]
    labels = [i for i in others if i not in totals and i < min(columns)]
    return PeriodColumns(columns, labels[0] if labels else None, months_alone, totals)


def _years(cells: list[str]) -> dict[int, str] | None:
    years = [(i, int(text)) for i, text in enumerate(cells) if _YEAR.match(text)]
    steps = {b - a for (_, a), (_, b) in pairwise(years)}
    if len(years) >= 3 and steps in ({1}, {-1}):  # counts in a row are never a run of consecutive years
        return {i: str(year) for i, year in years}
    return None


def _months_alone(cells: list[str]) -> dict[int, str] | None:
    months = {i: text for i, text in enumerate(cells) if _MONTH_ALONE.match(text)}
    order = [_MONTH_INDEX[text[:3].lower()] for text in months.values()]
    # In calendar order, once round at most (a year from April): "Mayor | Decision" are no months.
    wraps = sum(1 for a, b in pairwise(order) if b <= a)
    return months if len(months) >= 3 and wraps <= 1 else None


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


def melt(cells: pd.DataFrame, positions: np.ndarray, first_row: int, found: PeriodColumns,
         label_header: str) -> tuple[pd.DataFrame, np.ndarray, list[str], dict[str, int]]:
    """One row per cell under a period: columns label, period, figure; their spreadsheet row numbers;
    headers; and the mapping (metric from the label, unless the labels are the years)."""
    labels = (cells[found.label].to_numpy(dtype=object)[positions] if found.label is not None
              else np.full(len(positions), "", dtype=object))
    label_is_year = found.months_alone and all(_YEAR.match(str(v).strip()) for v in labels if str(v).strip())
    parts = []
    for column, period in found.columns.items():
        figures = cells[column].to_numpy(dtype=object)[positions]
        if found.months_alone:
            month = _MONTH_INDEX[period.strip()[:3].lower()]
            when = [f"{year.strip()}-{month:02d}" if label_is_year and str(year).strip() else "" for year in labels]
        else:
            when = [period] * len(positions)
        parts.append(pd.DataFrame({0: labels, 1: np.array(when, dtype=object), 2: figures,
                                   "_row": positions + first_row}))
    long = pd.concat(parts, ignore_index=True)
    long = long[long[2].astype(str).str.strip() != ""].sort_values("_row", kind="stable")
    rows = long.pop("_row").to_numpy(dtype=np.int64)
    long.index = range(len(long))
    mapping = {"period": 1, "figure": 2} if label_is_year else {"metric": 0, "period": 1, "figure": 2}
    return long, rows, [label_header or "Label", "Period", "Figure"], mapping


def is_cumulative(title: str) -> bool:
    return _CUMULATIVE.search(title) is not None
