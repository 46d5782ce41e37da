"""The claims sheets of the annotated workbook: the sheet as it was, then the review's columns."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from reviewer.core.assessments import NO_DATA
from reviewer.core.dates import parse_periods
from reviewer.core.figures import interval_label
from reviewer.core.verdicts import Verdict, VerdictScale
from reviewer.core.workbook import Workbook
from reviewer.io.annotated import ADDED_COLUMNS, LISTS_SHEET
from reviewer.io.export_cells import (
    DATETIME_FORMAT,
    DAY_FORMAT,
    Cells,
    column_widths,
    day_numbers,
    fill,
    print_setup,
    reviewed_at,
    row_height,
)

__all__ = ["SourceFigure", "claim_rows", "column_of", "source_look", "write_claims_sheet"]

_WIDEST = 45
_ADDED_WIDTHS = {"Verdict": 15, "Note": 40, "Reviewer": 12, "Reviewed at": 21, "Assessment": 12,
                 "Attributed source": 16, "Source's figure": 10, "Source's figure, upper end": 10,
                 "Source's figure as written": 16, "Source's figure dated": 11}
_PLAIN_FIGURE = re.compile(r"^\s*[0-9][0-9,.\s]*\s*$")


@dataclass(frozen=True, slots=True)
class SourceFigure:
    """What the attributed source said, as cells: a number (the lower end of a range or of "at least N"), the
    upper end of a range, the figure as written where a number alone would not say it, and its date."""

    source: str | None
    figure: float | None
    upper: float | None
    written: str | None
    dated: Any


def _finite(value: object) -> float | None:
    if value is None or not isinstance(value, int | float) or math.isnan(value) or math.isinf(value):
        return None
    return float(value)


def source_figure(row: Any) -> SourceFigure:
    """One attributed check row as cells; a source with no figure gives empty cells, never 'nan'."""
    value, low, high = _finite(row.value), _finite(row.low), _finite(row.high)
    exact = value is not None and (low is None or high is None or low == high)
    figure = value if exact else (low if low is not None else high)
    upper = high if not exact and low is not None and high is not None and high != low else None
    text = row.figure_text if isinstance(row.figure_text, str) and row.figure_text.strip() else None
    if text is None and figure is not None:
        text = interval_label(*(float("nan") if v is None else float(v) for v in (row.value, row.low, row.high)))
        text = text or None
    # "1,335" needs no words beside 1335; "over 3,000", "804 to 1,213" or "about 50" do.
    written = None if text is None or (exact and _PLAIN_FIGURE.match(text)) else text
    dated = row.date.date() if not pd.isna(row.date) else None
    return SourceFigure(str(row.source) if row.source else None, figure, upper, written, dated)


def claim_rows(book: Workbook, checked: pd.DataFrame, overall: pd.Series) -> dict[str, tuple[str, SourceFigure | None]]:
    """Each claim's overall assessment and what its attributed source said."""
    attributed = checked.loc[checked["attributed"].astype(bool)].drop_duplicates("key")
    sources = {row.key: source_figure(row) for row in attributed.itertuples(index=False)}
    assessments = overall.to_dict()
    return {key: (str(assessments.get(key, NO_DATA)), sources.get(key)) for key in book.claims["key"]}


def source_look(book: Workbook, file: str, sheet: str) -> tuple[dict[int, float], dict[int, str]]:
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


def _as_of_days(mine: pd.DataFrame, body: list[list[str]], column: int | None) -> list[float | None]:
    """The as-of cell of each row as a day count where it names one day ("30 April 2017"), else None (the
    text stays: "June 2017" is a month, not its last day)."""
    if column is None or not len(body):
        return [None] * len(body)
    texts = pd.Series([row[column] if column < len(row) else "" for row in body], dtype=object)
    is_day = (parse_periods(texts)["precision"] == "day").to_numpy()
    serials = day_numbers(pd.Series(mine["as_of"].to_numpy()[: len(body)]))
    return [serials[i] if i < len(serials) and is_day[i] else None for i in range(len(body))]


def write_claims_sheet(excel: Any, book: Workbook, file: str, sheet_name: str, title: str,
                       added: Mapping[str, tuple[str, SourceFigure | None]], verdicts: Mapping[str, Verdict],
                       scale: VerdictScale) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.styles.numbers import is_date_format
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = excel.create_sheet(title)
    claims = book.claims
    mine = claims[(claims["file"] == file) & (claims["sheet"] == sheet_name)]
    table = book.tables.get((file, sheet_name))
    original = table.astype(str).to_numpy().tolist() if table is not None else [["Key", "Claim", "Figure"]]
    if table is None:
        original += [[k, t, f] for k, t, f in zip(mine["key"], mine["text"], mine["figure_text"], strict=True)]
    header, body = original[0], original[1:]
    width = len(header)
    source_widths, formats = source_look(book, file, sheet_name)
    # Printed to the width of a page, every character of width costs legibility: long texts wrap instead.
    widths = column_widths(sheet, original, width, source_widths, widest=_WIDEST)
    # The verdict column as wide as the scale's longest label: "Accurate but needs context" in full.
    added_widths = _ADDED_WIDTHS | {"Verdict": min(30, max(12, *(len(label) + 2 for label in scale.labels)))}
    # A figure column as wide as its widest number, thousands separated: "7,442,135,578", never "###".
    for name, field in (("Source's figure", "figure"), ("Source's figure, upper end", "upper")):
        numbers = [getattr(found, field) for _, found in added.values() if found is not None]
        shown = [len(f"{n:,.0f}") + 2 for n in numbers if n is not None]
        added_widths[name] = min(40, max([added_widths[name], *shown]))  # Excel's columns end at 255
    for offset, name in enumerate(ADDED_COLUMNS):
        widths.append(added_widths.get(name, 16))
        sheet.column_dimensions[get_column_letter(width + offset + 1)].width = widths[-1]
    print_setup(sheet, widths=widths)
    sheet.freeze_panes = "A2"
    cells = Cells(sheet)
    bold = cells.style(font=Font(bold=True), alignment=Alignment(wrap_text=True, vertical="bottom"))
    wrapped = cells.style(alignment=Alignment(wrap_text=True))
    when_style = cells.style(number_format=DATETIME_FORMAT)
    day_style = cells.style(number_format=DAY_FORMAT)
    thousands = cells.style(number_format="#,##0")
    fills = {label: cells.style(fill=fill(scale.colour(label)), key=label) for label in scale.labels}
    info = next((s for s in book.sheets if s.file == file and s.sheet == sheet_name), None)
    as_of_column, text_column = (column_of(header, info.mapping.get(field) if info else None)
                                 for field in ("as_of", "text"))
    note_width = widths[width + ADDED_COLUMNS.index("Note")]
    text_width = widths[text_column] if text_column is not None else 0
    as_of_days = _as_of_days(mine, body, as_of_column)
    as_of_format = formats.get(as_of_column) if as_of_column is not None else None
    if as_of_format and is_date_format(as_of_format):
        day_style = cells.style(number_format=as_of_format)
    names = [*header, *ADDED_COLUMNS]
    times: dict[str, Any] = {}  # a verdict given to many claims at once has one time: read it once
    cells.set_height(1, row_height(zip(names, widths, strict=True)))
    sheet.append([cells.text(name, bold) for name in names])
    for index, (row, key) in enumerate(zip(body, mine["key"], strict=False)):
        assessment, figure = added.get(key, (NO_DATA, None))
        verdict = verdicts.get(key)
        original_cells = [cells.source(value, formats.get(column)) for column, value in enumerate(row)]
        if as_of_days[index] is not None:
            original_cells[as_of_column] = cells.day_number(as_of_days[index], day_style)  # type: ignore[index]
        claim_text = row[text_column] if text_column is not None and text_column < len(row) else ""
        note = verdict.note if verdict else ""
        height = row_height(((claim_text, text_width), (note, note_width)))
        if height and claim_text:  # a claim that fits on its line needs no wrapping (nor its cost)
            original_cells[text_column] = cells.text(claim_text, wrapped)  # type: ignore[index]
        cells.set_height(index + 2, height)
        label = verdict.verdict if verdict else None
        if verdict is not None and verdict.time not in times:
            times[verdict.time] = reviewed_at(verdict.time)
        sheet.append([
            *original_cells,
            cells.text(label, fills.get(label)) if label else None,
            cells.text(note, wrapped) if note else None,
            cells.text(verdict.reviewer) if verdict and verdict.reviewer else None,
            cells.date(times[verdict.time], when_style) if verdict else None,
            cells.text(assessment),
            *(_figure_cells(cells, figure, thousands, day_style) if figure else ()),
        ])
    last = len(body) + 1
    verdict_column = get_column_letter(width + 1)
    validation = DataValidation(type="list", formula1=f"'{LISTS_SHEET}'!$A$1:$A${len(scale.labels)}",
                                allow_blank=True, showErrorMessage=True, errorTitle="Verdict",
                                error="Pick a verdict from the list (the review's scale).")
    validation.add(f"{verdict_column}2:{verdict_column}{max(last, 2)}")
    sheet.data_validations.append(validation)
    sheet.auto_filter.ref = f"A1:{get_column_letter(width + len(ADDED_COLUMNS))}{max(last, 1)}"


def column_of(header: list[str], name: str | None) -> int | None:
    """Where the header names ``name``, or None."""
    return header.index(name) if name is not None and name in header else None


def _figure_cells(cells: Cells, figure: SourceFigure, thousands: Any, day_style: Any) -> list[Any]:
    def amount(value: float | None) -> Any:
        # Whole numbers with thousands separators, as the app shows them; a rate keeps its decimals.
        return cells.number(value, thousands if value is not None and value.is_integer() else None)

    return [cells.text(figure.source) if figure.source else None, amount(figure.figure), amount(figure.upper),
            cells.text(figure.written) if figure.written else None, cells.date(figure.dated, day_style)]
