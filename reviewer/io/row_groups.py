"""Rows that belong together: a year, a month and a day read as one date, and the rows of a table under
each of its headings ("Iraq" over its months, then "Syria" over its own).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from reviewer.core.dates import holds_months
from reviewer.core.fields import normalize_header
from reviewer.core.frames import repeated
from reviewer.io.header_rows import is_texty
from reviewer.io.raw_sheet import RawSheet

__all__ = ["MONTH_HEADERS", "NOTE_START", "YEAR_HEADERS", "date_part_columns", "first_text", "section_labels"]

# How a note under a table, or over a part of it, starts: never a section's heading.
NOTE_START = re.compile(r"^\s*(?:source|sources|note|notes|\*|†|‡|n\.b\.|nb|footnote|data|compiled|last updated|"
                        r"updated|figures|\(\d\)|\[\d\])", re.IGNORECASE)


def first_text(cells: pd.DataFrame, position: int) -> str:
    """The first filled cell of a row, as a note under a table is written."""
    return next((c for c in cells.iloc[position] if str(c).strip()), "")


YEAR_HEADERS, MONTH_HEADERS, DAY_HEADERS = {"year", "yr"}, {"month", "mon", "month name"}, {"day"}


def date_part_columns(headers: list[str], mapping: dict[str, int], data: pd.DataFrame) -> tuple[int, ...]:
    """Columns of a year, a month and maybe a day that together date each row ("Year | Month |
    Fatalities"), when no other column gives a date; () otherwise. A column headed "Month" that holds
    whole dates ("2017-03") is a date of its own."""
    names = [normalize_header(h) for h in headers]
    year = next((i for i, n in enumerate(names) if n in YEAR_HEADERS), None)
    month = next((i for i, n in enumerate(names) if n in MONTH_HEADERS), None)
    if year is None or month is None or not holds_months(data[month]) or any(
            f in mapping for f in ("period", "period_start", "period_end", "as_of")):
        return ()
    day = next((i for i, n in enumerate(names) if n in DAY_HEADERS), None)
    parts = (year, month) if day is None else (year, month, day)
    if mapping.get("date", parts[0]) not in parts:
        return ()  # a real date column dates the rows
    return parts


def _heading(cells: pd.DataFrame, position: int, filled: np.ndarray) -> str | None:
    """The row's text when it is a heading: one short cell of words, no figure, no date."""
    if position < 0 or filled[position] != 1:
        return None
    text = str(first_text(cells, position)).strip()
    return text if len(text) <= 60 and is_texty(text) and not NOTE_START.match(text) else None


def section_labels(raw: RawSheet, positions: np.ndarray, filled: np.ndarray, header_position: int | None,
              warnings: list[str]) -> tuple[np.ndarray, np.ndarray | None]:
    """Rows that head sections of one table ("Iraq" over its months, then "Syria" over its own), as a
    monitor stacks places or kinds in one sheet: the data rows without them, and each row's heading.
    The first section's heading may stand above the column names; a sheet's title there is longer."""
    cells = raw.cells
    single = np.flatnonzero(filled[positions[:-1]] == 1)  # rows of one cell: few, in any sheet
    heads = {int(positions[i]): h for i in single if (h := _heading(cells, int(positions[i]), filled)) is not None}
    # A heading has rows of its own under it: the next data row is not another heading.
    after = {int(positions[i]): int(positions[i + 1]) for i in single}
    heads = {p: h for p, h in heads.items() if after[p] not in heads}
    above = _heading(cells, header_position - 1, filled) if header_position else None
    first = above if above is not None and len(above.split()) <= 3 else None
    if len(heads) + (first is not None) < 2:
        return positions, None
    labels = repeated(first or "", len(positions))
    starts = np.searchsorted(positions, list(heads))
    for start, name in zip(starts.tolist(), heads.values(), strict=True):
        labels[start:] = name
    kept = ~np.isin(positions, list(heads))
    rows = ([header_position - 1] if first and header_position else []) + list(heads)
    names = ([first] if first else []) + list(heads.values())
    warnings.append(f"sheet {raw.name!r}: the rows {', '.join(str(raw.row_number(p)) for p in rows[:5])} head sections "
                    f"({', '.join(repr(n) for n in names[:5])}); each section's rows are read as a series")
    return positions[kept], labels[kept]
