"""open_workbook: from paths on disk to a Workbook, guarded and with every warning kept."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from reviewer.core.canonical import canonical_workbook
from reviewer.core.dates import date_from_parts
from reviewer.core.errors import LoadError
from reviewer.core.event_counts import count_rows
from reviewer.core.fields import ROLES
from reviewer.core.frames import Coded
from reviewer.core.period_columns import is_cumulative, melt
from reviewer.core.reference_rows import build_references
from reviewer.core.tables import CLAIM_COLUMNS, REFERENCE_COLUMNS, MappedSheet, build_claims
from reviewer.core.workbook import SheetInfo, SourceFile, Workbook
from reviewer.io.annotated import annotated_rows, exported_verdicts, read_metadata
from reviewer.io.guarded import ReaderLimits, read_guarded
from reviewer.io.layout import SECTION_HEADINGS, SheetLayout, detect_layout
from reviewer.io.paths import shown, shown_name
from reviewer.io.raw_sheet import RawBook, RawSheet, in_place, rows_at
from reviewer.io.sniff import sniff
from reviewer.io.zip_guard import check_zip

__all__ = ["SheetChoice", "open_workbook", "read_raw"]

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]


class SheetChoice:
    """What the user chose for one sheet in the mapping dialog: role, field -> header, kind, and the
    name of the source whose figures the sheet holds (None keeps the detected one)."""

    def __init__(self, role: str | None = None, mapping: Mapping[str, str] | None = None,
                 kind: str | None = None, source: str | None = None) -> None:
        self.role, self.mapping, self.kind = role, dict(mapping) if mapping is not None else None, kind
        self.source = source

    def to_json(self) -> dict[str, object]:
        return {"role": self.role, "mapping": self.mapping, "kind": self.kind, "source": self.source}


def read_raw(path: Path, stop: threading.Event | None = None, limits: ReaderLimits | None = None) -> RawBook:
    """Every sheet of one file as text cells, or a LoadError that says why not. ``stop`` cancels. Every
    format, text files included, is read by the guarded reader under ``limits``."""
    kind = sniff(path)
    warnings = [kind.warning] if kind.warning else []
    if kind.format in {"xlsx", "xlsb", "ods"}:
        check_zip(path)
    book = read_guarded(path, kind.format, limits=limits, stop=stop)
    book.warnings[:0] = warnings
    return book


def open_workbook(*paths: str | Path, choices: Mapping[tuple[str, str], SheetChoice] | None = None,
                  progress: Progress | None = None, stop: threading.Event | None = None,
                  limits: ReaderLimits | None = None) -> Workbook:
    """Open one or more files as one workbook. Raises LoadError naming the file that could not be read.
    Setting ``stop`` (from another thread) cancels the reading and ends the reader processes. ``limits``
    bound each reader (default: ReaderLimits.from_environment())."""
    if not paths:
        raise LoadError("no file was given; name a spreadsheet to open")
    choices = choices or {}
    files: list[SourceFile] = []
    sheets: list[SheetInfo] = []
    claims: list[pd.DataFrame] = []
    references: list[pd.DataFrame] = []
    warnings: list[str] = []
    tables: dict[tuple[str, str], pd.DataFrame] = {}
    annotated = None
    raws = _read_files(paths, progress, stop, limits or ReaderLimits.from_environment())
    for index, (given, raw) in enumerate(zip(paths, raws, strict=True)):
        path = Path(given)
        name = shown_name(path)  # a name that is not UTF-8 is shown, and kept, readably
        if progress:
            progress(index, len(paths), f"Reading the sheets of {name}")
        files.append(SourceFile(str(path), raw.format, raw.sha256))
        warnings.extend(f"{name}: {w}" for w in raw.warnings)
        metadata = read_metadata(raw)
        if metadata is not None:
            annotated = metadata
            metadata.update(_path=str(path), _rows=[], _exported=exported_verdicts(raw))
        for sheet in raw.sheets:
            if stop is not None and stop.is_set():
                raise LoadError("reading was cancelled")
            if metadata is not None and sheet.name.startswith("_reviewer"):
                continue
            origin = _origin(metadata, sheet.name)
            sheet, layout = _layout(raw, sheet, choices.get((name, sheet.name)), metadata, origin)
            warnings.extend(f"{name}: {w}" for w in layout.warnings)
            sheets.append(SheetInfo(name, sheet.name, layout.role, layout.header_row,
                                    layout.mapped_headers(), layout.headers, len(layout.data_positions), layout.kind,
                                    sheet.hidden, sheet.first_col, origin.get("file", "")))
            if layout.header_position is not None:
                table = rows_at(sheet.cells, np.concatenate([[layout.header_position], layout.data_positions]))
                tables[(name, sheet.name)] = table
            if layout.role == "other" or not len(layout.data_positions):
                continue
            mapped = _mapped(name, sheet, layout)
            if layout.role == "claims":
                claims.append(build_claims(mapped, warnings))
            else:
                references.append(build_references(mapped, warnings))
    if progress:
        progress(len(paths), len(paths), "Done")
    claims_frame = pd.concat(claims, ignore_index=True) if claims else _empty(CLAIM_COLUMNS)
    references_frame = pd.concat(references, ignore_index=True) if references else _empty(REFERENCE_COLUMNS)
    if len(claims) > 1:
        _dedupe_keys(claims_frame, warnings)
    origins = {(s.file, s.sheet): s.origin for s in sheets if s.origin}  # the files an export's sheets came from
    claims_frame, references_frame = _canonical(claims_frame, references_frame, origins)
    return Workbook(files, sheets, claims_frame, references_frame, warnings, tables, annotated)


def _mapped(file: str, sheet: RawSheet, layout: SheetLayout) -> MappedSheet:
    """The sheet's data rows with their fields; a table with a column per period becomes a row per cell."""
    if layout.by_period is not None and layout.role == "reference":
        found = layout.by_period
        data, rows, headers, mapping = melt(sheet.cells, layout.data_positions, sheet.first_row, found,
                                           layout.headers[found.label] if found.label is not None else "")
        title = " ".join(" ".join(sheet.cells.iloc[:layout.header_position or 0].astype(str).to_numpy().ravel()))
        kind = layout.kind or ("cumulative" if is_cumulative(f"{title} {layout.sheet}") else None if
                               "measure" in found.labels or found.dimensions else "incident")
        # A measure that is no count (a population, a rate) is never added up: what it is is read per series.
        return MappedSheet(file, layout.sheet, data, rows, headers, mapping, kind, source=layout.source,
                           measure_name=layout.measure_name)
    data, headers, mapping = rows_at(sheet.cells, layout.data_positions), layout.headers, layout.mapping
    if layout.date_parts:
        # "Year | Month | Fatalities": the parts, read together, are each row's period.
        parts = [data[c].astype(str) for c in layout.date_parts]
        data, headers, mapping = _with_column(data, headers, mapping, "period", layout.date_parts_header,
                                              date_from_parts(*parts).to_numpy(dtype=object))
    rows = layout.data_positions.astype(np.int64) + sheet.first_row
    if layout.counted is not None and layout.role == "reference":
        data, rows, headers, mapping = count_rows(data, rows, headers, mapping, layout.counted)
        return MappedSheet(file, layout.sheet, data, rows, headers, mapping, layout.kind or "incident",
                           source=layout.source)
    if layout.sections is not None:
        # "Iraq" over its rows, then "Syria" over its own: each section is a series.
        data, headers, mapping = _with_column(data, headers, mapping, "metric", SECTION_HEADINGS, layout.sections)
    # The reader's numbering of a column's texts, for the rows read: no column is numbered again.
    positions = in_place(layout.data_positions)
    sent = {column: Coded.of_rows(codes[positions], texts, data.index)
            for column, (codes, texts) in sheet.coded.items() if column in data.columns}
    return MappedSheet(file, layout.sheet, data, rows, headers, mapping,
                       layout.kind, source=layout.source, wide=layout.wide, wide_are_metrics=layout.wide_are_metrics,
                       wide_labels=layout.wide_labels, measure_name=layout.measure_name,
                       pairs=layout.pairs, sent=sent)


def _with_column(data: pd.DataFrame, headers: list[str], mapping: dict[str, int], name: str, header: str,
                 values: np.ndarray) -> tuple[pd.DataFrame, list[str], dict[str, int]]:
    """The data with one more column, after the sheet's own, read as the field ``name``."""
    position = len(headers)
    data = data.copy(deep=False)
    data[position] = values
    return data, [*headers, header], {**mapping, name: position}


def _read_files(paths: tuple[str | Path, ...], progress: Progress | None, stop: threading.Event | None,
                limits: ReaderLimits) -> list[RawBook]:
    """Every file's raw sheets. The files are read side by side: each spreadsheet parses in a process of
    its own, so a claims workbook and a sources workbook take the time of the larger, not of both."""
    stop = stop or threading.Event()  # set when one file fails: the readers of the others end too
    with ThreadPoolExecutor(max_workers=min(4, len(paths))) as pool:
        pending = [pool.submit(read_raw, Path(given), stop, limits) for given in paths]
        raws = []
        for index, (given, future) in enumerate(zip(paths, pending, strict=True)):
            if progress:
                progress(index, len(paths), f"Reading {shown_name(given)}")
            try:
                raws.append(future.result())
            except LoadError as error:
                for other in pending:
                    other.cancel()
                stop.set()
                raise LoadError(f"cannot open {shown(given)}: {error}") from None
    return raws


def _canonical(claims: pd.DataFrame, references: pd.DataFrame,
               origins: dict[tuple[str, str], str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``canonical_workbook``, with the rows of an exported workbook's sheets read under the name of the
    file each came from ("gaza-casualties-daily.csv" says where its figures are): the rows keep the
    workbook's own name, which the tables and the export know them by."""
    if not origins or references.empty:
        return canonical_workbook(claims, references)
    shown = references["file"]
    came_from = shown.astype(object).copy()
    for (file, sheet), origin in origins.items():  # a few sheets: a pass over the rows for each
        came_from[(shown == file).to_numpy() & (references["sheet"] == sheet).to_numpy()] = origin
    claims, read = canonical_workbook(claims, references.assign(file=came_from))
    return claims, read.assign(file=shown)


def _origin(metadata: dict[str, Any] | None, title: str) -> dict[str, str]:
    """Where a sheet of an exported workbook was first read from: {"file", "source"}, as far as the
    workbook says (an older export, or one edited by hand, may not)."""
    origins = metadata.get("origins") if metadata is not None else None
    found = origins.get(title) if isinstance(origins, dict) else None
    return {k: v for k, v in found.items() if isinstance(v, str)} if isinstance(found, dict) else {}


def _layout(raw: RawBook, sheet: RawSheet, choice: SheetChoice | None, metadata: dict[str, Any] | None,
            origin: dict[str, str]) -> tuple[RawSheet, SheetLayout]:
    """The sheet's layout: detected, then the user's choice or, in an exported workbook, its roles and
    whose figures it holds. A sheet of an exported workbook is read under the name of the file it came
    from ("time_series_covid19_deaths_global.csv" says what JHU's figures count)."""
    file_name = origin.get("file") or Path(raw.path).name
    from_text = Path(origin.get("file", "")).suffix.lower() in {".csv", ".tsv", ".tab", ".txt"}
    layout = detect_layout(sheet, by_name=raw.format != "csv" and not from_text, file_name=file_name)
    if metadata is not None and layout.role == "claims" and layout.header_position is not None:
        # The review's own columns come back as verdicts, not as claim fields, so that each claim
        # reads exactly as it did before the export.
        rows, added = annotated_rows(sheet.cells, layout.header_position, layout.data_positions,
                                     sheet.first_row, sheet.name)
        metadata["_rows"].extend(rows)
        if added:
            sheet = replace(sheet, cells=_without_columns(sheet.cells, added), coded={})
            layout = detect_layout(sheet, file_name=file_name)
    if choice is not None:
        layout = layout.with_choices(choice.role, choice.mapping, choice.kind, choice.source)
    elif metadata is not None:
        layout = _annotated_layout(layout, metadata)
        if origin.get("source") and layout.role == "reference":
            layout = layout.with_choices(source=origin["source"])
    elif sheet.hidden and layout.role != "other":
        # A hidden sheet is a workbook's scratch space (lookups, old copies): counting it could count
        # a claim or a figure twice. The editor can still give it a role.
        layout = replace(layout, role="other", warnings=[
            *layout.warnings, f"sheet {sheet.name!r} is hidden, so it was left out; give it a role in Sheets and "
            "columns (Ctrl+M) to read it"])
    return sheet, layout


def _without_columns(cells: pd.DataFrame, positions: list[int]) -> pd.DataFrame:
    kept = cells.drop(columns=[cells.columns[i] for i in positions])
    kept.columns = range(kept.shape[1])
    return kept


def _annotated_layout(layout: SheetLayout, metadata: dict[str, object]) -> SheetLayout:
    """Sheets of an exported workbook keep the roles they were exported with; the summary is other."""
    roles = metadata.get("roles")
    # Roles edited by hand into something else ({"Claims": 5}) are no roles: the sheets are read as detected.
    if isinstance(roles, dict) and all(role in ROLES for role in roles.values()):
        if layout.sheet in roles:
            return replace(layout, role=str(roles[layout.sheet]))
        return replace(layout, role="other", warnings=[])
    return layout


def _dedupe_keys(claims: pd.DataFrame, warnings: list[str]) -> None:
    """Keys repeated across sheets get the sheet's name, so each claim keeps its own verdict."""
    duplicated = claims["key"].duplicated().to_numpy()
    if not duplicated.any():
        return
    renamed = claims.loc[duplicated, "key"].astype(str) + "@" + claims.loc[duplicated, "sheet"].astype(str)
    for old, new, sheet in list(zip(claims.loc[duplicated, "key"], renamed, claims.loc[duplicated, "sheet"],
                                    strict=True))[:20]:
        warnings.append(f"the key {old!r} is used in more than one sheet; the claim in {sheet!r} is {new}")
    if duplicated.sum() > 20:
        warnings.append(f"{int(duplicated.sum()) - 20:,} more keys are used in more than one sheet and were renamed "
                        "the same way")
    claims.loc[duplicated, "key"] = renamed

def _empty(columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    for c in ("value", "low", "high"):
        frame[c] = frame[c].astype(float)
    for c in ("period_start", "period_end", "as_of", "date"):
        if c in frame:
            frame[c] = frame[c].astype("datetime64[ns]")
    frame["row"] = frame["row"].astype(np.int64)
    return frame
