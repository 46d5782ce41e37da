"""The annotated workbook: the original data plus the review, written safely with openpyxl.

Written in openpyxl's write-only mode (rows streamed, not kept as cell objects), to a temporary file
in the target folder that is flushed and then renamed into place: the previous file is intact until
the new one is complete. Every text from the input is written as text: never a formula, never an
error cell.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import hashlib
import json
import math
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from reviewer import __version__
from reviewer.core.check import NO_DATA, check, claim_assessments, primary_series
from reviewer.core.errors import ExportError, LoadError
from reviewer.core.figures import interval_label
from reviewer.core.verdicts import Verdict, VerdictScale
from reviewer.core.workbook import Workbook
from reviewer.io.annotated import METADATA_SHEET

if TYPE_CHECKING:
    from reviewer.session import Review

__all__ = ["ADDED_COLUMNS", "annotated_verdicts", "export_claimreview", "export_csv", "export_workbook",
           "read_summary", "safe_text"]

ADDED_COLUMNS = ["Verdict", "Note", "Reviewer", "Reviewed at", "Assessment", "Attributed source",
                 "Source's figure", "Source's figure dated"]
VERDICTS_SHEET = "_reviewer_verdicts"
LISTS_SHEET = "_reviewer_lists"
EXCEL_TEXT_LIMIT = 32_767
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ERROR_TEXTS = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"))


def _PLAIN_TEXT(value: str) -> bool:
    """Text openpyxl would write unchanged as text: no formula start, no error code, nothing to escape."""
    return (not value.startswith("=") and value not in _ERROR_TEXTS and len(value) <= EXCEL_TEXT_LIMIT
            and _ILLEGAL.search(value) is None)


_CANONICAL_NUMBER = re.compile(r"^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?$")
Progress = Callable[[int, int, str], None]


def safe_text(text: object) -> str:
    """Text Excel can hold: control characters made visible, cut to Excel's 32,767 characters."""
    value = "" if text is None else str(text)
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else "\ufffd", value)
    if len(value) > EXCEL_TEXT_LIMIT:
        marker = f"… [cut: {len(value) - EXCEL_TEXT_LIMIT + 40:,} more characters in Reviewer]"
        value = value[: EXCEL_TEXT_LIMIT - len(marker)] + marker
    return value


class _Cells:
    """Makes write-only cells: text stays text, canonical numbers from the source stay numbers."""

    def __init__(self, sheet: Any) -> None:
        from openpyxl.cell import WriteOnlyCell

        self._make = WriteOnlyCell
        self.sheet = sheet

    def text(self, value: object, style: Any = None, font: Any = None) -> Any:
        if style is None and font is None and isinstance(value, str) and _PLAIN_TEXT(value):
            return value  # openpyxl writes it as text as it is; a cell object would only cost time
        cell = self._make(self.sheet, value=None)
        cell._value = safe_text(value)  # set directly: openpyxl would read "=..." as a formula, "#N/A" as an error
        cell.data_type = "s"
        if style is not None:
            cell.fill = style
        if font is not None:
            cell.font = font
        return cell

    def source(self, value: str) -> Any:
        """A cell of the original sheet: numbers as numbers (without leading zeros), all else as text."""
        if value and _CANONICAL_NUMBER.match(value):
            number = float(value)
            return int(number) if number.is_integer() and "." not in value else number
        return self.text(value) if value else None


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


def _source_widths(book: Workbook, file: str, sheet: str) -> dict[int, float]:
    from reviewer.io.xlsx_columns import column_widths

    for source in book.files:
        if Path(source.path).name == file and source.format == "xlsx":
            return column_widths(source.path, sheet)
    return {}


def _claim_rows(review: Review, checked: pd.DataFrame, overall: pd.Series) -> dict[str, list[object]]:
    """The added cells for each claim key."""
    attributed = checked.loc[checked["attributed"].astype(bool)].drop_duplicates("key")
    sources = {row.key: row for row in attributed.itertuples(index=False)}
    verdicts = review.verdicts()
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


def _write_claims_sheet(book: Any, review: Review, file: str, sheet_name: str, title: str,
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
    _column_widths(sheet, original, width, _source_widths(review.book, file, sheet_name))
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
            *(cells.source(value) for value in row),
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


def _write_reference_sheet(book: Any, table: pd.DataFrame, title: str, widths: dict[int, float]) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet(title)
    _landscape(sheet)
    rows = table.astype(str).to_numpy().tolist()
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
        sheet.append([cells.source(value) for value in row])


def _write_summary(book: Any, review: Review, overall: pd.Series) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet("Summary", 0)
    _landscape(sheet)
    cells = _Cells(sheet)
    bold = Font(bold=True)
    sheet.column_dimensions["A"].width = 30
    for letter in "BCDEFGHIJKL":
        sheet.column_dimensions[letter].width = 15
    verdicts = review.verdicts()
    claims = review.book.claims
    labels = [verdicts[k].verdict if k in verdicts and verdicts[k].verdict else "Not reviewed" for k in claims["key"]]
    reviewed, total = review.progress()
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
    level = refs["value"].where(refs["value"].notna(), refs["low"])
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


def _write_metadata(book: Any, review: Review, tolerance: float, titles: dict[tuple[str, str], str]) -> None:
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
        "tolerance": str(tolerance),
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
    for key, verdict in review.verdicts().items():
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


def _check_target(review: Review, path: Path) -> None:
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        raise ExportError(f"{path.name} does not end in .xlsx; the annotated workbook is an Excel file, so give it a "
                          "name ending in .xlsx")
    resolved = path.resolve()
    for source in review.book.files:
        if Path(source.path).resolve() == resolved:
            raise ExportError(f"{path.name} is the file you opened, and Reviewer never writes over it; choose "
                              "another name")
    if not path.parent.exists():
        raise ExportError(f"the folder {path.parent} does not exist; choose another folder")
    if not os.access(path.parent, os.W_OK):
        raise ExportError(f"the folder {path.parent} cannot be written to; choose another folder")
    for lock in (path.parent / f".~lock.{path.name}#", path.parent / f"~${path.name}"):
        if lock.exists():
            raise ExportError(f"{path.name} is open in another program; close it in Excel or LibreOffice, or choose "
                              "another name")


def _os_error(error: OSError, path: Path) -> ExportError:
    if error.errno == errno.ENOSPC:
        return ExportError(f"the disk holding {path.parent} is full; free some space or choose another drive. The "
                           "review is safe in the review store")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY):
        return ExportError(f"{path.name} could not be written; if it is open in Excel, close it in Excel or choose "
                           "another name. The review is safe in the review store")
    if error.errno == errno.EROFS:
        return ExportError(f"{path.parent} is on a read-only drive; choose another folder")
    return ExportError(f"{path.name} could not be written ({error.strerror or error}); choose another name or "
                       "folder. The review is safe in the review store")


def atomic_write(path: Path, write: Callable[[Any], None], suffix: str = ".tmp", binary: bool = True) -> None:
    """Write to a temporary file beside the target, flush it to disk, then rename it into place."""
    try:
        # Kept open past this block and renamed after it is closed, hence no context manager here.
        if binary:
            handle: Any = tempfile.NamedTemporaryFile(  # noqa: SIM115
                "wb", dir=path.parent, prefix=f".{path.stem}-", suffix=suffix, delete=False)
        else:
            handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
                "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.stem}-", suffix=suffix,
                delete=False)
    except OSError as error:
        raise _os_error(error, path) from None
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except OSError as error:
        Path(handle.name).unlink(missing_ok=True)
        raise _os_error(error, path) from None
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def export_workbook(review: Review, path: Path, *, tolerance: float = 0.02,
                    aliases: dict[str, list[str]] | None = None, progress: Progress | None = None) -> Path:
    """Write the annotated workbook. Raises ExportError with a sentence; the review is never touched."""
    path = Path(path).expanduser()
    _check_target(review, path)

    def step(done: int, message: str) -> None:
        if progress:
            progress(done, 5, message)

    try:
        _build_and_save(review, path, tolerance, aliases, step)
    except OSError as error:  # write-only sheets spool to temporary files: a full disk can strike there too
        raise _os_error(error, path) from None
    step(5, "Done")
    return path


def _build_and_save(review: Review, path: Path, tolerance: float, aliases: dict[str, list[str]] | None,
                    step: Callable[[int, str], None]) -> None:
    from openpyxl import Workbook as ExcelWorkbook

    step(0, "Checking claims")
    checked = check(review.book, tolerance=tolerance, aliases=aliases)
    overall = claim_assessments(review.book, checked)
    added = _claim_rows(review, checked, overall)
    book = ExcelWorkbook(write_only=True)
    try:
        _write_sheets(book, review, tolerance, added, overall, step)
        step(4, "Saving")
        atomic_write(path, book.save, suffix=".xlsx")
    except BaseException:
        for sheet in book.worksheets:  # close the sheets' spool files now, not when collected
            with contextlib.suppress(Exception):
                sheet.close()
        raise


def _write_sheets(book: Any, review: Review, tolerance: float, added: dict[str, list[object]], overall: pd.Series,
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
                                   _source_widths(review.book, info.file, info.sheet))
    _write_metadata(book, review, tolerance, titles)


def export_csv(review: Review, path: Path, *, tolerance: float = 0.02) -> Path:
    """The reviewed claims as CSV (UTF-8 with a byte order mark, so Excel reads the accents)."""
    checked = check(review.book, tolerance=tolerance)
    overall = claim_assessments(review.book, checked)
    verdicts = review.verdicts()
    claims = review.book.claims

    def write(handle: Any) -> None:
        handle.write("\ufeff")
        writer = csv.writer(handle)
        writer.writerow(["key", "sheet", "row", "text", "claimant", "figure_text", "as_of", "verdict", "note",
                         "reviewer", "reviewed_at", "assessment"])
        for claim in claims.itertuples(index=False):
            verdict = verdicts.get(claim.key)
            writer.writerow([claim.key, claim.sheet, claim.row, claim.text, claim.claimant, claim.figure_text,
                             "" if pd.isna(claim.as_of) else claim.as_of.date().isoformat(),
                             verdict.verdict if verdict and verdict.verdict else "", verdict.note if verdict else "",
                             verdict.reviewer if verdict else "", verdict.time if verdict else "",
                             overall.get(claim.key, NO_DATA)])

    _check_writable(review, path)
    atomic_write(path, write, suffix=".csv", binary=False)
    return path


def export_claimreview(review: Review, path: Path) -> Path:
    """The reviewed claims as schema.org ClaimReview JSON-LD, as fact-checkers publish them."""
    verdicts = review.verdicts()
    items = []
    labels = list(review.scale.labels)
    for claim in review.book.claims.itertuples(index=False):
        verdict = verdicts.get(claim.key)
        if not verdict or not verdict.verdict:
            continue
        item: dict[str, Any] = {"@type": "Claim", "author": {"@type": "Organization", "name": claim.claimant or ""}}
        if not pd.isna(claim.date):
            item["datePublished"] = claim.date.date().isoformat()
        elif not pd.isna(claim.as_of):
            item["datePublished"] = claim.as_of.date().isoformat()
        if claim.url:
            item["appearance"] = {"@type": "CreativeWork", "url": claim.url}
        position = labels.index(verdict.verdict) + 1 if verdict.verdict in labels else None
        entry = {
            "@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": claim.text,
            "itemReviewed": item, "author": {"@type": "Person", "name": verdict.reviewer},
            "datePublished": verdict.time[:10],
            "reviewRating": {"@type": "Rating", "alternateName": verdict.verdict,
                             **({"ratingValue": position, "bestRating": 1, "worstRating": len(labels)}
                                if position else {})},
        }
        if claim.url:
            entry["url"] = claim.url
        if verdict.note:
            entry["reviewBody"] = verdict.note
        items.append(entry)
    _check_writable(review, path)
    atomic_write(path, lambda handle: json.dump(items, handle, ensure_ascii=False, indent=1), suffix=".json",
                 binary=False)
    return path


def _check_writable(review: Review, path: Path) -> None:
    for source in review.book.files:
        if Path(source.path).resolve() == path.resolve():
            raise ExportError(f"{path.name} is the file you opened, and Reviewer never writes over it; choose "
                              "another name")
    if not path.parent.exists():
        raise ExportError(f"the folder {path.parent} does not exist; choose another folder")


# -- reading an annotated workbook back

def _last_editor(path: str) -> tuple[str, str]:
    """Who last saved the file in Excel or LibreOffice, and when, from its document properties."""
    from defusedxml import ElementTree

    name, when = "", ""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("docProps/core.xml") as part:
            root = ElementTree.fromstring(part.read(1_000_000))
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "lastModifiedBy" and element.text:
                name = element.text.strip()
            elif tag == "modified" and element.text:
                when = element.text.strip()
    except Exception:
        return "", ""
    return name, when


def note_digest(note: str) -> str:
    return hashlib.sha1(safe_text(note).encode("utf-8")).hexdigest()[:12]


def annotated_verdicts(book: Workbook, metadata: dict[str, Any]) -> dict[str, Verdict]:
    """The verdicts an annotated workbook holds, keyed by claim; edits made in Excel count as its editor's."""
    rows = metadata.get("_rows") or []
    exported = metadata.get("_exported") or {}
    editor, edited_at = _last_editor(str(metadata.get("_path", "")))
    fallback_time = edited_at or str(metadata.get("exported_at", ""))
    by_position = {(s, r): k for k, s, r in zip(book.claims["key"], book.claims["sheet"], book.claims["row"],
                                               strict=True)}
    found: dict[str, Verdict] = {}
    for sheet, row, verdict, note, who, when in rows:
        key = by_position.get((sheet, row))
        if key is None:
            continue
        verdict = verdict or None
        before = exported.get(key)
        changed = (before is None and verdict is not None) or (
            before is not None and (before[0] or None, before[1]) != (verdict, note_digest(note)))
        if (changed and before is not None) or (changed and not who):
            who, when = editor or "edited in a spreadsheet program", fallback_time
        if verdict is None and not note:
            continue
        found[key] = Verdict(key, verdict, note, who or editor or "", when or fallback_time)
    return found


def read_summary(path: str | Path) -> dict[str, Any]:
    """Verdict counts of an exported workbook: {"total", "reviewed", "verdicts": {label: count}}."""
    from reviewer.io.loader import open_workbook

    book = open_workbook(path)
    if not book.annotated:
        raise LoadError(f"cannot open {path}: it is not a workbook exported by Reviewer (it has no review "
                        "metadata); export one with `reviewer export`")
    scale = VerdictScale.from_json(book.annotated.get("scale"))
    verdicts = [str(r[2]) for r in book.annotated.get("_rows", []) if r[2]]
    counts = {label: 0 for label in scale.labels}
    for label in verdicts:
        counts[label] = counts.get(label, 0) + 1
    return {"total": len(book.claims), "reviewed": len(verdicts), "verdicts": counts}


def annotated_rows(cells: pd.DataFrame, header_position: int, positions: Iterable[int], first_row: int,
                   sheet: str) -> tuple[list[tuple[Any, ...]], list[int]]:
    """The added columns' cells of an annotated claims sheet, and the positions of those columns."""
    header = [str(x).strip() for x in cells.iloc[header_position].tolist()]
    columns = [header.index(name) if name in header else -1 for name in ADDED_COLUMNS[:4]]
    rows = []
    for position in positions:
        values = cells.iloc[int(position)].tolist()

        def at(index: int, values: list[Any] = values) -> str:
            return str(values[index]) if 0 <= index < len(values) else ""

        # The note comes back exactly as written; the other cells without stray spaces.
        rows.append((sheet, first_row + int(position), at(columns[0]).strip(), at(columns[1]), at(columns[2]).strip(),
                     at(columns[3]).strip()))
    added = [header.index(name) for name in ADDED_COLUMNS if name in header]
    return rows, added
