"""The annotated workbook: the original data plus the review, written safely with openpyxl.

Written in openpyxl's write-only mode (rows streamed, not kept as cell objects), to a temporary file
in the target folder that is flushed and then renamed into place: the previous file is intact until
the new one is complete. Every text from the input is written as text: never a formula, never an
error cell.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from openpyxl.styles.numbers import is_date_format

from reviewer.core.assessments import NO_DATA
from reviewer.core.check import primary_series
from reviewer.core.errors import ExportError
from reviewer.core.figures import interval_label, value_or_low
from reviewer.core.verdicts import VerdictScale
from reviewer.core.workbook import Workbook
from reviewer.io.annotated import ADDED_COLUMNS, LISTS_SHEET, METADATA_SHEET, VERDICTS_SHEET, note_digest
from reviewer.io.atomic import atomic_write, check_destination, write_error
from reviewer.io.excel_text import is_plain_text, safe_text
from reviewer.version import __version__

if TYPE_CHECKING:
    from reviewer.core.session import ReviewSnapshot

__all__ = ["export_workbook"]

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?$")
_CANONICAL_NUMBER = re.compile(r"^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?$")
Progress = Callable[[int, int, str], None]


class _Cells:
    """Makes write-only cells: text stays text, canonical numbers from the source stay numbers."""

    def __init__(self, sheet: Any) -> None:
        from openpyxl.cell import WriteOnlyCell

        self._make = WriteOnlyCell
        self.sheet = sheet

    def text(self, value: object, style: Any = None, font: Any = None) -> Any:
        if style is None and font is None and isinstance(value, str) and is_plain_text(value):
            return value  # openpyxl writes it as text as it is; a cell object would only cost time
        cell = self._make(self.sheet, value=None)
        cell._value = safe_text(value)  # set directly: openpyxl would read "=..." as a formula, "#N/A" as an error
        cell.data_type = "s"
        if style is not None:
            cell.fill = style
        if font is not None:
            cell.font = font
        return cell

    def source(self, value: str, number_format: str | None = None) -> Any:
        """A cell of the original sheet: numbers as numbers (without leading zeros), dates in a date-formatted
        column as dates, all else as text; with the column's number format where the source had one."""
        if not value:
            return None
        typed: Any = None
        if _CANONICAL_NUMBER.match(value):
            number = float(value)
            typed = int(number) if number.is_integer() and "." not in value else number
        elif number_format and _ISO_DAY.match(value) and is_date_format(number_format):
            typed = dt.datetime.fromisoformat(value)
        if typed is None:
            return self.text(value)
        if not number_format:
            return typed
        cell = self._make(self.sheet, value=typed)
        cell.number_format = number_format
        return cell


def _fill(colour: str) -> Any:
    from openpyxl.styles import PatternFill

    hex_colour = colour.lstrip("#").upper()
    return PatternFill(fill_type="solid", start_color=hex_colour, end_color=hex_colour)


def _number(value: float) -> float | int | None:
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return None
    return int(value) if float(value).is_integer() else float(value)


def _column_widths(sheet: Any, rows: list[list[str]], count: int, source: dict[int, float] | None = None) -> None:
    """The widths the source file had; else sized from the header and the first rows (sizing from
    every row costs time and says little more)."""
    from openpyxl.utils import get_column_letter

    for index in range(count):
        if source and index in source:
            width = source[index]
        else:
            longest = max((len(str(r[index])) for r in rows[:200] if index < len(r)), default=8)
            width = max(8, min(60, longest + 2))
        sheet.column_dimensions[get_column_letter(index + 1)].width = width


def _source_look(book: Workbook, file: str, sheet: str) -> tuple[dict[int, float], dict[int, str]]:
    """The source sheet's column widths and number formats, keyed by the table's column positions."""
    from reviewer.io.xlsx_columns import column_formats, column_widths

    info = next((s for s in book.sheets if s.file == file and s.sheet == sheet), None)
    for source in book.files:
        if Path(source.path).name == file and source.format == "xlsx" and info is not None:
            first_data_row = (info.header_row or 0) + 1
            widths = column_widths(source.path, sheet)
            formats = column_formats(source.path, sheet, first_data_row)
            return ({c - info.first_col: w for c, w in widths.items() if c >= info.first_col},
                    {c - info.first_col: f for c, f in formats.items() if c >= info.first_col})
    return {}, {}


def _claim_rows(review: ReviewSnapshot, checked: pd.DataFrame, overall: pd.Series) -> dict[str, list[object]]:
    """The added cells for each claim key."""
    attributed = checked.loc[checked["attributed"].astype(bool)].drop_duplicates("key")
    sources = {row.key: row for row in attributed.itertuples(index=False)}
    verdicts = review.verdicts
    assessments = overall.to_dict()
    added: dict[str, list[object]] = {}
    for key in review.book.claims["key"]:
        verdict = verdicts.get(key)
        source = sources.get(key)
        figure = date = name = None
        if source is not None:
            name = source.source
            figure = source.figure_text or interval_label(source.value, source.low, source.high) or None
            date = source.date.date() if not pd.isna(source.date) else None
        added[key] = [verdict.verdict if verdict else None, verdict.note if verdict else None,
                      verdict.reviewer if verdict else None, verdict.time if verdict else None,
                      assessments.get(key, NO_DATA), name, figure, date]
    return added


def _landscape(sheet: Any) -> None:
    """Printed or saved as PDF, the sheet fits the width of landscape pages."""
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def _write_claims_sheet(book: Any, review: ReviewSnapshot, file: str, sheet_name: str, title: str,
                        added: dict[str, list[object]], scale: VerdictScale) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book.create_sheet(title)
    _landscape(sheet)
    claims = review.book.claims
    mine = claims[(claims["file"] == file) & (claims["sheet"] == sheet_name)]
    table = review.book.tables.get((file, sheet_name))
    original = table.astype(str).to_numpy().tolist() if table is not None else [["Key", "Claim", "Figure"]]
    if table is None:
        original += [[k, t, f] for k, t, f in zip(mine["key"], mine["text"], mine["figure_text"], strict=True)]
    header, body = original[0], original[1:]
    width = len(header)
    widths, formats = _source_look(review.book, file, sheet_name)
    _column_widths(sheet, original, width, widths)
    for offset, name in enumerate(ADDED_COLUMNS):
        sheet.column_dimensions[get_column_letter(width + offset + 1)].width = 28 if name == "Note" else 16
    sheet.freeze_panes = "A2"
    cells = _Cells(sheet)
    bold = Font(bold=True)
    header_cells = []
    for name in [*header, *ADDED_COLUMNS]:
        cell = cells.text(name, font=bold)
        header_cells.append(cell)
    sheet.append(header_cells)
    fills = {label: _fill(scale.colour(label)) for label in scale.labels}
    for row, key in zip(body, mine["key"], strict=False):
        extra = added.get(key, [None] * len(ADDED_COLUMNS))
        verdict, note, who, when, assessment, source, figure, date = extra
        sheet.append([
            *(cells.source(value, formats.get(index)) for index, value in enumerate(row)),
            cells.text(verdict, fills.get(str(verdict))) if verdict else None,
            cells.text(note) if note else None, cells.text(who) if who else None,
            cells.text(when) if when else None, cells.text(assessment), cells.text(source) if source else None,
            cells.text(figure) if figure else None, date,
        ])
    last = len(body) + 1
    verdict_column = get_column_letter(width + 1)
    validation = DataValidation(type="list", formula1=f"'{LISTS_SHEET}'!$A$1:$A${len(scale.labels)}",
                                allow_blank=True, showErrorMessage=True, errorTitle="Verdict",
                                error="Pick a verdict from the list (the review's scale).")
    validation.add(f"{verdict_column}2:{verdict_column}{max(last, 2)}")
    sheet.data_validations.append(validation)
    sheet.auto_filter.ref = f"A1:{get_column_letter(width + len(ADDED_COLUMNS))}{max(last, 1)}"


def _write_reference_sheet(book: Any, table: pd.DataFrame, title: str,
                           look: tuple[dict[int, float], dict[int, str]]) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet(title)
    _landscape(sheet)
    rows = table.astype(str).to_numpy().tolist()
    widths, formats = look
    _column_widths(sheet, rows, len(rows[0]) if rows else 0, widths)
    sheet.freeze_panes = "A2"
    cells = _Cells(sheet)
    bold = Font(bold=True)
    if rows:
        header = []
        for name in rows[0]:
            cell = cells.text(name, font=bold)
            header.append(cell)
        sheet.append(header)
    for row in rows[1:]:
        sheet.append([cells.source(value, formats.get(index)) for index, value in enumerate(row)])


def _write_summary(book: Any, review: ReviewSnapshot, overall: pd.Series) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet("Summary", 0)
    _landscape(sheet)
    cells = _Cells(sheet)
    bold = Font(bold=True)
    sheet.column_dimensions["A"].width = 30
    for letter in "BCDEFGHIJKL":
        sheet.column_dimensions[letter].width = 15
    verdicts = review.verdicts
    claims = review.book.claims
    labels = [verdicts[k].verdict if k in verdicts and verdicts[k].verdict else "Not reviewed" for k in claims["key"]]
    reviewed, total = review.progress
    # Rows are gathered first: a write-only sheet does not count them, and the chart must point at its table.
    rows: list[list[Any]] = []

    def heading(text: str) -> None:
        rows.append([cells.text(text, font=bold)])

    heading(f"Review of {review.book.name}")
    rows += [[cells.text("Claims"), total], [cells.text("Reviewed"), reviewed], []]
    heading("Verdicts")
    counts = pd.Series(labels, dtype=object).value_counts()
    for label in [*review.scale.labels, *[x for x in counts.index if x not in review.scale.labels]]:
        rows.append([cells.text(label, _fill(review.scale.colour(label)) if label in review.scale.labels else None),
                     int(counts.get(label, 0))])
    rows.append([])
    heading("Verdicts by claimant")
    frame = pd.DataFrame({"claimant": claims["claimant"].replace("", "(none)").to_numpy(), "verdict": labels})
    table = pd.crosstab(frame["claimant"], frame["verdict"]) if len(frame) else pd.DataFrame()
    columns = [c for c in [*review.scale.labels, "Not reviewed"] if c in table.columns]
    rows.append([cells.text("Claimant"), *(cells.text(c) for c in columns)])
    for claimant, row in table.iterrows():
        rows.append([cells.text(claimant), *(int(row[c]) for c in columns)])
    rows.append([])
    heading("Assessments (what the attributed source said)")
    assessed = overall.value_counts()
    for name in ("match", "claim higher", "claim lower", "no data"):
        rows.append([cells.text(name), int(assessed.get(name, 0))])
    rows.append([])
    chart = _chart_rows(review.book, cells, rows, heading)
    for row in rows:
        sheet.append(row)
    if chart is not None:
        sheet.add_chart(_line_chart(sheet, *chart), "E2")


def _chart_rows(book: Workbook, cells: _Cells, rows: list[list[Any]],
                heading: Callable[[str], None]) -> tuple[int, int, int] | None:
    """The cumulative sources' figures by date, as rows; returns (header row, last row, series count)."""
    refs = primary_series(book.references[book.references["date"].notna()])
    refs = refs[refs["kind"] == "cumulative"]
    if refs.empty:
        return None
    level = value_or_low(refs)
    table = (pd.DataFrame({"date": refs["date"].dt.normalize(), "source": refs["source"], "level": level})
             .pivot_table(index="date", columns="source", values="level", aggfunc="last").sort_index())
    heading("Figures over time (cumulative sources; lower end where a range or 'at least')")
    header_row = len(rows) + 1
    rows.append([cells.text("Date"), *(cells.text(str(s)) for s in table.columns)])
    for date, row in table.iterrows():
        rows.append([date.date(), *(_number(v) for v in row.to_numpy())])
    return header_row, header_row + len(table), len(table.columns)


def _line_chart(sheet: Any, header_row: int, last_row: int, series: int) -> Any:
    """A native Excel line chart of the table at header_row..last_row (dates in column A)."""
    from openpyxl.chart import LineChart, Reference
    from openpyxl.chart.axis import DateAxis

    chart = LineChart()
    chart.title = "Published figures over time"
    chart.y_axis.title = "Figure"
    chart.x_axis = DateAxis(crossAx=100)
    chart.x_axis.number_format = "yyyy-mm"
    chart.x_axis.majorTimeUnit = "months"
    chart.x_axis.title = "Date"
    chart.add_data(Reference(sheet, min_col=2, max_col=1 + series, min_row=header_row, max_row=last_row),
                   titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last_row))
    for line in chart.series:
        line.smooth = False
    chart.display_blanks = "span"
    chart.height, chart.width = 9, 18
    return chart


def _write_metadata(book: Any, review: ReviewSnapshot, titles: dict[tuple[str, str], str]) -> None:
    meta = book.create_sheet(METADATA_SHEET)
    meta.sheet_state = "hidden"
    cells = _Cells(meta)
    roles = {titles[(s.file, s.sheet)]: s.role for s in review.book.sheets if (s.file, s.sheet) in titles}
    rows = {
        "format": "reviewer-annotated-workbook/1",
        "application": f"Reviewer {__version__}",
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "files": json.dumps([{"name": Path(f.path).name, "format": f.format, "sha256": f.sha256}
                             for f in review.book.files], ensure_ascii=False),
        "scale": json.dumps(review.scale.to_json(), ensure_ascii=False),
        "tolerance": str(review.settings.tolerance),
        "aliases": json.dumps(review.settings.alias_lists(), ensure_ascii=False),
        "roles": json.dumps(roles, ensure_ascii=False),
        "added_columns": json.dumps(ADDED_COLUMNS),
        "reviewer": review.reviewer,
    }
    for key, value in rows.items():
        meta.append([cells.text(key), cells.text(value)])
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_cells = _Cells(lists)
    for label in review.scale.labels:
        lists.append([list_cells.text(label)])
    # What each verdict was at export, one small cell per claim, so that a change made in Excel can be
    # told apart from Reviewer's own verdict when the file comes back.
    exported = book.create_sheet(VERDICTS_SHEET)
    exported.sheet_state = "hidden"
    verdict_cells = _Cells(exported)
    exported.append([verdict_cells.text("[key, verdict, note digest]")])
    for key, verdict in review.verdicts.items():
        exported.append([verdict_cells.text(json.dumps([key, verdict.verdict or "", note_digest(verdict.note)],
                                                       ensure_ascii=False))])


def _sheet_titles(book: Workbook) -> dict[tuple[str, str], str]:
    """A unique title of 31 characters or fewer for every sheet written, as Excel requires."""
    titles: dict[tuple[str, str], str] = {}
    used = {"summary", METADATA_SHEET, LISTS_SHEET, VERDICTS_SHEET}
    for info in book.sheets:
        if info.role == "other" or (info.file, info.sheet) not in book.tables:
            continue
        base = re.sub(r"[\[\]:*?/\\]", "_", info.sheet).strip("'") or "Sheet"
        base = base[:31]
        title, n = base, 2
        while title.lower() in used:
            suffix = f" ({n})"
            title, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(title.lower())
        titles[(info.file, info.sheet)] = title
    return titles


def _check_target(review: ReviewSnapshot, path: Path) -> None:
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        raise ExportError(f"{path.name} does not end in .xlsx; the annotated workbook is an Excel file, so give it a "
                          "name ending in .xlsx")
    check_destination(path, [source.path for source in review.book.files])


def export_workbook(review: ReviewSnapshot, path: Path, *, progress: Progress | None = None) -> Path:
    """Write the annotated workbook. Raises ExportError with a sentence; the review is never touched."""
    path = Path(path).expanduser()
    _check_target(review, path)

    def step(done: int, message: str) -> None:
        if progress:
            progress(done, 5, message)

    try:
        _build_and_save(review, path, step)
    except OSError as error:  # write-only sheets spool to temporary files: a full disk can strike there too
        raise write_error(error, path) from None
    step(5, "Done")
    return path


def _build_and_save(review: ReviewSnapshot, path: Path, step: Callable[[int, str], None]) -> None:
    from openpyxl import Workbook as ExcelWorkbook

    step(0, "Checking claims")
    checked, overall = review.checked, review.overall
    added = _claim_rows(review, checked, overall)
    book = ExcelWorkbook(write_only=True)
    try:
        _write_sheets(book, review, added, overall, step)
        step(4, "Saving")
        atomic_write(path, book.save, suffix=".xlsx")
    except BaseException:
        for sheet in book.worksheets:  # close the sheets' spool files now, not when collected
            with contextlib.suppress(Exception):
                sheet.close()
        raise


def _write_sheets(book: Any, review: ReviewSnapshot, added: dict[str, list[object]], overall: pd.Series,
          step: Callable[[int, str], None]) -> None:
    titles = _sheet_titles(review.book)
    step(1, "Writing the summary")
    _write_summary(book, review, overall)
    step(2, "Writing the claims")
    for info in review.book.sheets:
        title = titles.get((info.file, info.sheet))
        if title and info.role == "claims":
            _write_claims_sheet(book, review, info.file, info.sheet, title, added, review.scale)
    step(3, "Writing the reference sheets")
    for info in review.book.sheets:
        title = titles.get((info.file, info.sheet))
        if title and info.role == "reference":
            _write_reference_sheet(book, review.book.tables[(info.file, info.sheet)], title,
                                   _source_look(review.book, info.file, info.sheet))
    _write_metadata(book, review, titles)


