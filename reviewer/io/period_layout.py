"""The layout of a table with a column per period: its labels, notes, totals, source and measure."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from reviewer.core.period_columns import PeriodColumns, without_codes
from reviewer.core.publishers import Publisher, publisher_for
from reviewer.io.raw_sheet import RawSheet
from reviewer.io.row_groups import NOTE_START, first_text
from reviewer.io.sheet_layout import SheetLayout
from reviewer.io.table_edges import footer_positions, source_in_notes, without_footer, without_totals

__all__ = ["period_layout"]


def period_layout(raw: RawSheet, cells: pd.DataFrame, header_position: int | None, headers: list[str],
                   positions: np.ndarray, filled: np.ndarray, found: PeriodColumns,
                   warnings: list[str], file_name: str) -> SheetLayout:
    """A sheet with a column per period: each cell under a period is one figure."""
    positions, notes = without_footer(raw, positions, footer_positions(cells, positions, filled, len(found.columns)),
                                       header_position, warnings)
    if found.months_alone:
        # "Year | Jan | … | Dec" with a "Total" row: that row adds up years, and is no year of its own.
        positions = without_totals(raw, positions, {}, warnings)
    elif len(positions):
        found = without_codes(found, cells, positions)
    names = [headers[c] for c in found.columns]
    warnings.append(f"sheet {raw.name!r}: each of the columns {', '.join(repr(n) for n in names[:4])}"
                    f"{' …' if len(names) > 4 else ''} is read as one period's figures")
    for column in found.totals:
        warnings.append(f"sheet {raw.name!r}: column {headers[column]!r} adds up the periods and was left out")
    # The label names each row's series ("Ninewa"), or its year when the columns are months.
    mapping = {"date" if found.months_alone else "metric": found.label} if found.label is not None else {}
    mapping.update(found.labels)
    if found.dimensions and found.label is not None:
        mapping.setdefault("place", found.label)  # "unit,geo\time": the place is a part of each row's label
    for column in found.skipped:
        warnings.append(f"sheet {raw.name!r}: column {headers[column]!r} holds codes or coordinates, not figures, and "
                        "was left out")
    header_row = raw.row_number(header_position) if header_position is not None else None
    publisher = publisher_for(headers)
    return SheetLayout(raw.name, "reference" if len(positions) else "other", header_position, header_row, headers,
                       mapping, positions, warnings=warnings, by_period=found,
                       source=publisher.name if publisher else source_in_notes(notes),
                       kind=publisher.kind if publisher else None,
                       measure_name=_measure_in_file_name(publisher, file_name) or found.measure or (
                           None if "measure" in found.labels or found.dimensions else _title(cells, header_position)))


def _measure_in_file_name(publisher: Publisher | None, file_name: str) -> str | None:
    """What a publisher's figures count, when only its file's name says ("…_deaths_global.csv")."""
    if publisher is None or publisher.measure_in_file_name is None:
        return None
    found = publisher.measure_in_file_name.search(file_name)
    return found[0] if found else None


_TABLE_NUMBER = re.compile(r"^\s*table\s*[\w.]{1,6}\s*[:.\-–]\s*", re.IGNORECASE)


def _title(cells: pd.DataFrame, header_position: int | None) -> str | None:
    """A table's title, which says what its figures measure ("Table 4: Unemployment rate by region")."""
    for position in range(header_position or 0):
        text = first_text(cells, position).strip()
        if text and not NOTE_START.match(text) and len(text) <= 120:
            return _TABLE_NUMBER.sub("", text) or None
    return None
