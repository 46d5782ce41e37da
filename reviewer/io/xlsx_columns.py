"""Column widths of a sheet in an xlsx file, read from its XML without loading the cells.

The export keeps the widths the editor's colleagues chose; calamine reads values only, so the
widths come from the sheet's <cols> element directly.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from defusedxml import ElementTree

__all__ = ["column_widths", "sheet_parts"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name -> the part of the archive that holds its cells, read once for the whole file
    (a workbook can hold thousands of sheets)."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{_PACKAGE_REL}Relationship")}
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"))
        name = sheet.get("name")
        if target and name is not None and name not in parts:
            parts[name] = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join("xl", target))
    return parts


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    return sheet_parts(archive).get(sheet)


def column_widths(path: str | Path, sheet: str) -> dict[int, float]:
    """0-based column -> width in Excel's character units; empty when unknown or not an xlsx."""
    widths: dict[int, float] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet)
            if part is None:
                return {}
            with archive.open(part) as stream:
                for event, element in ElementTree.iterparse(stream, events=("start", "end")):
                    tag = element.tag
                    if event == "start":
                        if tag == f"{_MAIN}sheetData":
                            break  # <cols> comes before the cells; nothing more to read
                        continue
                    if tag == f"{_MAIN}col" and element.get("width"):
                        first, last = int(element.get("min", "1")), int(element.get("max", "1"))
                        for column in range(first, min(last, first + 200) + 1):
                            widths[column - 1] = float(element.get("width", "8"))
                    element.clear()
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}
    except Exception:
        return {}
    return widths


def _styles(archive: zipfile.ZipFile) -> list[str]:
    """The number format code of each cell style (cellXfs), in order."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "General") for f in root.iter(f"{_MAIN}numFmt")}
    formats = []
    cell_xfs = next(root.iter(f"{_MAIN}cellXfs"), None)
    for xf in cell_xfs.iter(f"{_MAIN}xf") if cell_xfs is not None else []:
        number = int(xf.get("numFmtId", "0"))
        formats.append(custom.get(number) or BUILTIN_FORMATS.get(number, "General"))
    return formats


def column_formats(path: str | Path, sheet: str, first_row: int, rows: int = 60) -> dict[int, str]:
    """0-based column -> the number format of its cells in the first data rows (from ``first_row``),
    where that is not General; empty when unknown or not an xlsx."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    found: dict[int, str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet)
            if part is None or "xl/styles.xml" not in archive.namelist():
                return {}
            styles = _styles(archive)
            with archive.open(part) as stream:
                for _event, element in ElementTree.iterparse(stream, events=("end",)):
                    if element.tag == f"{_MAIN}row":
                        number = int(element.get("r", "0"))
                        if number >= first_row + rows:
                            break
                        if number >= first_row:
                            for cell in element.iter(f"{_MAIN}c"):
                                style = int(cell.get("s", "0"))
                                if 0 < style < len(styles) and styles[style] != "General" and cell.get("r"):
                                    column = column_index_from_string(coordinate_from_string(cell.get("r"))[0]) - 1
                                    found.setdefault(column, styles[style])
                        element.clear()
    except Exception:
        return {}
    return found
