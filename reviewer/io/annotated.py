"""The annotated workbook read back: its hidden metadata, its verdicts, and edits made in Excel."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zipfile
from collections.abc import Iterable
from typing import Any

import pandas as pd

from reviewer.core.verdicts import Verdict
from reviewer.core.workbook import Workbook
from reviewer.io.excel_text import safe_text
from reviewer.io.raw_sheet import RawBook

__all__ = ["ADDED_COLUMNS", "LISTS_SHEET", "METADATA_SHEET", "VERDICTS_SHEET", "annotated_rows",
           "annotated_verdicts", "exported_verdicts", "note_digest", "read_metadata"]

METADATA_SHEET = "_reviewer"
# Read back by name: a workbook exported by an earlier version, with fewer of them, still opens.
ADDED_COLUMNS = ["Verdict", "Note", "Reviewer", "Reviewed at", "Assessment", "Attributed source",
                 "Source's figure", "Source's figure, upper end", "Source's figure as written", "Source's figure dated"]
VERDICTS_SHEET = "_reviewer_verdicts"
LISTS_SHEET = "_reviewer_lists"


def read_metadata(raw: RawBook) -> dict[str, Any] | None:
    for sheet in raw.sheets:
        if sheet.name != METADATA_SHEET or sheet.cells.empty:
            continue
        pairs = {str(r[0]): str(r[1]) for r in sheet.cells.itertuples(index=False) if len(r) > 1 and r[0]}
        return {key: _value(text) for key, text in pairs.items()}
    return None


def _value(text: str) -> Any:
    """One metadata cell: JSON where it looks like it; text as it is where it is not (an edited cell, or
    nesting deep enough to exhaust the reader, which a workbook can be built to hold)."""
    if text[:1] not in "[{":
        return text
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return text


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


_CELL_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2})(\.\d+)?)?$")


def _stamp(text: str) -> str:
    """A "Reviewed at" cell as the review store writes times: a date-time cell (read as "2026-11-30
    08:23:31", in UTC as its format says) becomes "2026-11-30T08:23:31Z"; text from an older export stays."""
    found = _CELL_TIME.match(text)
    if not found:
        return text
    try:
        when = dt.datetime.fromisoformat(f"{found[1]}T{found[2] or '00:00:00'}")  # midnight is read as a day
    except ValueError:
        return text
    if found[3] and float(found[3]) >= 0.5:  # a spreadsheet keeps time as a fraction of a day
        when += dt.timedelta(seconds=1)
    return when.isoformat(timespec="seconds") + "Z"


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
                     _stamp(at(columns[3]).strip())))
    added = [header.index(name) for name in ADDED_COLUMNS if name in header]
    return rows, added


def exported_verdicts(raw: RawBook) -> dict[str, tuple[str, str]]:
    """Each claim's verdict and note digest as exported: key -> (verdict, digest)."""
    found: dict[str, tuple[str, str]] = {}
    for sheet in raw.sheets:
        if sheet.name != VERDICTS_SHEET or sheet.cells.empty:
            continue
        for cell in sheet.cells[0].astype(str).tolist()[1:]:
            try:
                key, verdict, digest = json.loads(cell)
            except (ValueError, TypeError, RecursionError):
                continue  # a row someone edited by hand: that claim counts as changed in Excel
            found[str(key)] = (str(verdict), str(digest))
    return found
