"""The annotated workbook: the original data plus the review, written safely with openpyxl.

Written in openpyxl's write-only mode (rows streamed, not kept as cell objects), to a temporary file
in the target folder that is flushed and then renamed into place: the previous file is intact until
the new one is complete. Every text from the input is written as text: never a formula, never an
error cell.
"""

from __future__ import annotations

import contextlib
import json
import re
import traceback
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.core.errors import ExportError
from reviewer.core.verdicts import now_iso
from reviewer.core.workbook import Workbook
from reviewer.io.annotated import ADDED_COLUMNS, LISTS_SHEET, METADATA_SHEET, VERDICTS_SHEET, note_digest
from reviewer.io.atomic import atomic_write, check_destination, write_error
from reviewer.io.export_cells import DAY_FORMAT, Cells, column_widths, days, print_setup
from reviewer.io.export_claims import claim_rows, column_of, source_look, write_claims_sheet
from reviewer.io.export_summary import write_summary
from reviewer.version import __version__

if TYPE_CHECKING:
    from reviewer.core.session import ReviewSnapshot

__all__ = ["export_workbook"]

Progress = Callable[[int, int, str], None]


def _write_reference_sheet(excel: Any, book: Workbook, file: str, sheet_name: str, title: str) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = excel.create_sheet(title)
    rows = book.tables[(file, sheet_name)].astype(str).to_numpy().tolist()
    widths, formats = source_look(book, file, sheet_name)
    print_setup(sheet, widths=column_widths(sheet, rows, len(rows[0]) if rows else 0, widths))
    sheet.freeze_panes = "A2"
    cells = Cells(sheet)
    bold = cells.style(font=Font(bold=True), alignment=Alignment(wrap_text=True, vertical="bottom"))
    if not rows:
        return
    sheet.append([cells.text(name, bold) for name in rows[0]])
    # The column of dates, as date cells where a text names one day (a real date cell already is one).
    info = next((s for s in book.sheets if s.file == file and s.sheet == sheet_name), None)
    header = info.mapping.get("date") if info is not None else None
    column = column_of(rows[0], header)
    dated = days([row[column] for row in rows[1:]]) if column is not None and not formats.get(column) else []
    day_style = cells.style(number_format=DAY_FORMAT)
    for index, row in enumerate(rows[1:]):
        written = [cells.source(value, formats.get(position)) for position, value in enumerate(row)]
        if dated and dated[index] is not None:
            written[column] = cells.date(dated[index], day_style)  # type: ignore[index]
        sheet.append(written)


def _write_metadata(excel: Any, review: ReviewSnapshot, titles: dict[tuple[str, str], str]) -> None:
    book, verdicts, scale = review.book, review.verdicts, review.scale
    meta = excel.create_sheet(METADATA_SHEET)
    meta.sheet_state = "hidden"
    cells = Cells(meta)
    roles = {titles[(s.file, s.sheet)]: s.role for s in book.sheets if (s.file, s.sheet) in titles}
    # Where each sheet came from, and whose figures it holds: the file's name says what JHU's figures count
    # and names a source, so the workbook read again gives the answers it was exported with.
    named = book.references.groupby(["file", "sheet"], sort=False)["source"].unique().to_dict() \
        if len(book.references) else {}
    origins = {}
    for s in book.sheets:
        if (s.file, s.sheet) in titles:
            sources = named.get((s.file, s.sheet), [])  # the rows keep the workbook's own name
            origins[titles[(s.file, s.sheet)]] = {"file": s.origin or s.file,
                                                  "source": str(sources[0]) if len(sources) == 1 else ""}
    rows = {
        "format": "reviewer-annotated-workbook/1",
        "application": f"Reviewer {__version__}",
        "exported_at": now_iso(),
        "files": json.dumps([{"name": Path(f.path).name, "format": f.format, "sha256": f.sha256}
                             for f in book.files], ensure_ascii=False),
        "scale": json.dumps(scale.to_json(), ensure_ascii=False),
        "tolerance": str(review.settings.tolerance),
        "aliases": json.dumps(review.settings.alias_lists(), ensure_ascii=False),
        "roles": json.dumps(roles, ensure_ascii=False),
        "origins": json.dumps(origins, ensure_ascii=False),
        "added_columns": json.dumps(ADDED_COLUMNS),
        "reviewer": review.reviewer,
    }
    for key, value in rows.items():
        meta.append([cells.text(key), cells.text(value)])
    lists = excel.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_cells = Cells(lists)
    for label in scale.labels:
        lists.append([list_cells.text(label)])
    # What each verdict was at export, one small cell per claim, so that a change made in Excel can be
    # told apart from Reviewer's own verdict when the file comes back.
    exported = excel.create_sheet(VERDICTS_SHEET)
    exported.sheet_state = "hidden"
    verdict_cells = Cells(exported)
    exported.append([verdict_cells.text("[key, verdict, note digest]")])
    for key, verdict in verdicts.items():
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


def _check_target(book: Workbook, path: Path) -> None:
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        raise ExportError(f"{path.name} does not end in .xlsx; the annotated workbook is an Excel file, so give it a "
                          "name ending in .xlsx")
    check_destination(path, [source.path for source in book.files])


def export_workbook(review: ReviewSnapshot, path: Path, *, progress: Progress | None = None) -> Path:
    """Write the annotated workbook. Raises ExportError with a sentence; the review is never touched."""
    path = Path(path).expanduser()
    _check_target(review.book, path)

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

    book, verdicts, scale = review.book, review.verdicts, review.scale
    step(0, "Checking claims")
    excel = ExcelWorkbook(write_only=True)
    try:
        titles = _sheet_titles(book)
        step(1, "Writing the summary")
        write_summary(excel, book, verdicts, scale, review.overall, review.settings.aliases)
        step(2, "Writing the claims")
        added = claim_rows(book, review.checked, review.overall)
        for info in book.sheets:
            title = titles.get((info.file, info.sheet))
            if title and info.role == "claims":
                write_claims_sheet(excel, book, info.file, info.sheet, title, added, verdicts, scale)
        step(3, "Writing the reference sheets")
        for info in book.sheets:
            title = titles.get((info.file, info.sheet))
            if title and info.role == "reference":
                _write_reference_sheet(excel, book, info.file, info.sheet, title)
        _write_metadata(excel, review, titles)
        step(4, "Saving")
        atomic_write(path, lambda handle: _save(excel, handle), suffix=".xlsx")
    except BaseException:
        for sheet in excel.worksheets:  # close the sheets' spool files now, not when collected
            with contextlib.suppress(Exception):
                sheet.close()
        raise


def _save(excel: Any, handle: Any) -> None:
    try:
        excel.save(handle)
    except OSError as error:
        _close_archives(error)
        raise


def _close_archives(error: BaseException) -> None:
    """Close, quietly, the zip archives a failed save left open (openpyxl's, inside the workbook's save):
    collected later, each would try again to write to the full disk and print a stray "Exception ignored
    in ZipFile.__del__" after the sentence the editor already has."""
    for frame, _line in traceback.walk_tb(error.__traceback__):
        for value in list(frame.f_locals.values()):
            if isinstance(value, zipfile.ZipFile):
                with contextlib.suppress(Exception):
                    value._writing = False  # type: ignore[attr-defined]  # an entry cut off by the error
                    value.close()
                value.fp = None
