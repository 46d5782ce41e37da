"""The cells of the annotated workbook: text stays text, numbers and dates become number and date cells,
and the page set-up a person printing the sheet expects.

Styled cells share one style per kind (a bold header, a wrapped note, a date): openpyxl would otherwise look
every cell's font, fill and alignment up again, which is most of the time an export takes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd
from openpyxl.cell import Cell
from openpyxl.styles.numbers import is_date_format

from reviewer.io.excel_text import is_plain_text, safe_text

__all__ = ["DATETIME_FORMAT", "DAY_FORMAT", "Cells", "column_widths", "day_numbers", "days", "fill", "number",
           "print_setup", "reviewed_at", "row_height"]

DAY_FORMAT = "d mmm yyyy"  # "30 Apr 2017": no day-month order to guess
# The review store keeps times in UTC; Excel has no time zone, so the cell says which one it is.
DATETIME_FORMAT = 'yyyy-mm-dd hh:mm "UTC"'
_EPOCH = dt.datetime(1899, 12, 30)  # Excel's day 0, in the 1900 date system openpyxl writes
_EPOCH_DAY = _EPOCH.date()
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?$")
_CANONICAL_NUMBER = re.compile(r"^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?$")
_NUMERIC_DAY = r"^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\s*$"
_LINE_HEIGHT = 15.0  # points, one line of the default 11-point font
_MOST_LINES = 27  # Excel's tallest row is 409 points; a longer note scrolls within its cell
# Columns of this total width (in characters) fill a landscape page at about 70%: smaller is hard to read.
_WIDTH_PER_PAGE = 200


def fill(colour: str) -> Any:
    from openpyxl.styles import PatternFill

    hex_colour = colour.lstrip("#").upper()
    return PatternFill(fill_type="solid", start_color=hex_colour, end_color=hex_colour)


def number(value: object) -> float | int | None:
    """A number for a number cell, or None (an empty cell) for a missing or infinite one."""
    if value is None or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else float(value)


def reviewed_at(stamp: str | None) -> dt.datetime | None:
    """The store's ISO time ("2026-11-30T08:23:31Z") as a naive UTC datetime for a date-time cell."""
    if not stamp:
        return None
    try:
        when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when.replace(microsecond=0)


class _StyledCell(Cell):
    """A cell as openpyxl makes one, described in one word: a write-only sheet takes an appended cell by
    first failing to read it as a value, and its failure message would describe the cell in full."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<Cell>"


class Cells:
    """Makes write-only cells for one sheet: text stays text, canonical numbers from the source stay numbers."""

    def __init__(self, sheet: Any) -> None:
        self._make = _StyledCell
        self.sheet = sheet
        self._styles: dict[tuple[Any, ...], Any] = {}
        self._heights: dict[float, Any] = {}

    def style(self, *, font: Any = None, fill: Any = None, alignment: Any = None, number_format: str | None = None,
              key: object = None) -> Any:
        """A style to give cells; made once for each ``key`` (by default, the arguments themselves)."""
        lookup = (key,) if key is not None else (font, fill, alignment, number_format)
        found = self._styles.get(lookup)
        if found is None:
            template = self._make(self.sheet)
            if font is not None:
                template.font = font
            if fill is not None:
                template.fill = fill
            if alignment is not None:
                template.alignment = alignment
            if number_format is not None:
                template.number_format = number_format
            found = self._styles[lookup] = template._style
        return found

    def _cell(self, value: object, data_type: str, style: Any) -> Any:
        cell = self._make(self.sheet)
        cell._value = value  # set directly: openpyxl would read "=..." as a formula, "#N/A" as an error
        cell.data_type = data_type
        if style is not None:
            cell._style = style  # shared, never changed afterwards
        return cell

    def text(self, value: object, style: Any = None) -> Any:
        if style is None and isinstance(value, str) and is_plain_text(value):
            return value  # openpyxl writes it as text as it is; a cell object would only cost time
        return self._cell(safe_text(value), "s", style)

    def number(self, value: object, style: Any = None) -> Any:
        figure = number(value)
        if figure is None:
            return None
        return figure if style is None else self._cell(figure, "n", style)

    def date(self, value: dt.date | dt.datetime | None, style: Any) -> Any:
        """A date or date-time cell (style: one with a date number format). Written as Excel itself stores
        a date, a day count with a date format: openpyxl's own conversion costs more than the whole cell."""
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            delta = value - _EPOCH
            serial: float = delta.days + delta.seconds / 86_400
        else:
            serial = (value - _EPOCH_DAY).days
        if serial <= 60:  # before March 1900, where Excel counts a 29 February that never was
            return self._cell(value, "d", style)
        return self._cell(serial, "n", style)

    def day_number(self, serial: float | None, style: Any) -> Any:
        """A date cell from its day count (see ``day_numbers``)."""
        return None if serial is None else self._cell(serial, "n", style)

    def set_height(self, row: int, height: float | None) -> None:
        """Give a row (1-based, not yet written) a height. A write-only sheet only copies a row's entry
        into its element, so one plain entry per height serves every row of that height: openpyxl's
        own row description costs more to write than the row's cells."""
        if height is None:
            return
        shared = self._heights.get(height)
        if shared is None:
            shared = self._heights[height] = {"ht": f"{height:g}", "customHeight": "1"}
        self.sheet.row_dimensions[row] = shared

    def source(self, value: str, number_format: str | None = None) -> Any:
        """A cell of the original sheet: numbers as numbers (without leading zeros), dates in a date-formatted
        column as dates, all else as text; with the column's number format where the source had one."""
        if not value:
            return None
        typed: Any = None
        if _CANONICAL_NUMBER.match(value):
            figure = float(value)
            typed = int(figure) if figure.is_integer() and "." not in value else figure
        elif number_format and _ISO_DAY.match(value) and is_date_format(number_format):
            typed = dt.datetime.fromisoformat(value)
        if typed is None:
            return self.text(value)
        if not number_format:
            return typed
        return self._cell(typed, "d" if isinstance(typed, dt.datetime) else "n",
                          self.style(number_format=number_format))


def row_height(texts: Iterable[tuple[str, float]]) -> float | None:
    """The height a row needs for its wrapped (text, column width) cells, or None for one line.

    A write-only sheet cannot measure text, and neither Excel nor LibreOffice grows a row for wrapped
    text when it opens a file, so the lines are estimated: a character of text is taken as one unit of
    column width, which errs towards a line too many rather than a line cut."""
    lines = 1
    for text, width in texts:
        if not text:
            continue
        per_line = max(1, int(width) - 1)
        if len(text) <= per_line and "\n" not in text and "\r" not in text:
            continue
        lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in text.splitlines() or [""]))
    return min(lines, _MOST_LINES) * _LINE_HEIGHT if lines > 1 else None


def day_numbers(days: pd.Series) -> list[float | None]:
    """Dates (datetime64) as Excel's day counts, all at once; None for a missing one."""
    counts = (days - _EPOCH).dt.total_seconds() / 86_400
    return [None if math.isnan(c) or c <= 60 else c for c in counts.tolist()]


def days(texts: list[str]) -> list[dt.date | None]:
    """Each text's day where it names one day unambiguously ("30 April 2017", "2017-04-30"), else None: a
    month stays as written, and so does "03/04/2017", whose order only the column as a whole tells."""
    from reviewer.core.dates import parse_periods

    if not texts:
        return []
    series = pd.Series(texts, dtype=object)
    read = parse_periods(series)
    unambiguous = (read["precision"] == "day") & ~series.str.match(_NUMERIC_DAY, na=False)
    return [start.date() if ok else None for start, ok in zip(read["start"], unambiguous, strict=True)]


def column_widths(sheet: Any, rows: list[list[str]], count: int, source: dict[int, float] | None = None,
                  widest: float = 60) -> list[float]:
    """The widths the source file had; else sized from the header and the first rows (sizing from
    every row costs time and says little more), up to ``widest``. Returns them, by column."""
    from openpyxl.utils import get_column_letter

    widths = []
    for index in range(count):
        if source and index in source:
            width = source[index]
        else:
            longest = max((len(str(r[index])) for r in rows[:200] if index < len(r)), default=8)
            width = max(8, min(widest, longest + 2))
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
        widths.append(width)
    return widths


def print_setup(sheet: Any, *, title_rows: str | None = "1:1", grid: bool = True,
                widths: Iterable[float] = ()) -> None:
    """Printed or saved as PDF: landscape, fitted to the page width and as many pages long as it takes
    (never shrunk to one page), the header row on every page. A table too wide to read on one page width
    (``widths``, the columns' widths) is spread over as many pages wide as keep it legible, its first
    column repeated on each. Call before the first row is written: a write-only sheet writes its
    properties with the first row."""
    pages_wide = max(1, math.ceil(sum(widths) / _WIDTH_PER_PAGE))
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = pages_wide
    sheet.page_setup.fitToHeight = 0  # 0: as many pages as needed
    sheet.print_options.gridLines = grid
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "&A, page &P of &N"
    if title_rows:
        sheet.print_title_rows = title_rows
    if pages_wide > 1:
        sheet.print_title_cols = "A:A"
