"""The child process that parses a spreadsheet with python-calamine.

It runs under a memory cap and a time limit set by ``guarded``: a file that makes the reader abort
(calamine aborts the whole process on an impossible allocation) or run away kills only this process.
It writes its result to stdout with ``marshal``, which carries plain lists and strings quickly and
cannot run code when read back.

    python -m reviewer.io.read_worker PATH MEMORY_BYTES
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import sys
from typing import Any, NoReturn

__all__ = ["cell_text", "read_sheets"]


def cell_text(value: Any) -> str:
    """A cell as text, the way the spreadsheet shows its value: 352 not 352.0, dates as ISO."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.hour == value.minute == value.second == value.microsecond == 0:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def read_sheets(path: str) -> dict[str, Any]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(path)
    sheets = []
    for meta in book.sheets_metadata:
        if str(meta.typ).rsplit(".", 1)[-1] not in {"WorkSheet", "Worksheet"}:
            continue  # chart sheets and macro sheets hold no cells to review
        sheet = book.get_sheet_by_name(meta.name)
        rows = sheet.to_python(skip_empty_area=True)
        start = sheet.start or (0, 0)
        width = len(rows[0]) if rows else 0
        filled = _fill_merged_down(sheet, rows, int(start[0]), int(start[1]))
        sheets.append({
            "name": meta.name,
            "hidden": str(meta.visible).rsplit(".", 1)[-1] != "Visible",
            "first_row": int(start[0]) + 1,
            "first_col": int(start[1]),
            "height": len(rows),
            "width": width,
            "cells": _cells(rows, width),
            "merged_down": filled,
        })
    return {"sheets": sheets}


SEPARATOR = "\x1f"


def _fill_merged_down(sheet: Any, rows: list[list[Any]], top: int, left: int) -> list[tuple[int, int]]:
    """Give each row of a cell merged down a column ("Airwars" over three rows of its figures) the
    merged cell's value, as a reader sees it; returns the rows filled, as (first row, how many) for
    each merge, so that the layout can tell of those in the data and not of those in the column names.
    Merges across columns (titles) stay as they are."""
    try:
        ranges = list(sheet.merged_cell_ranges or [])
    except Exception:  # formats without merge information
        return []
    filled: list[tuple[int, int]] = []
    ranges = [r for r in ranges if isinstance(r, tuple) and len(r) == 2 and all(len(p) == 2 for p in r)]
    for (first_row, first_col), (last_row, last_col) in ranges:
        row, column = first_row - top, first_col - left
        if last_row <= first_row or last_col != first_col or not 0 <= row < len(rows) or column < 0:
            continue
        if column >= len(rows[row]) or rows[row][column] in (None, ""):
            continue
        count = 0
        for below in range(row + 1, min(last_row - top + 1, len(rows))):
            if rows[below][column] in (None, ""):
                rows[below][column] = rows[row][column]
                count += 1
        if count:
            filled.append((row + 1, count))
    return filled


def _cells(rows: list[list[Any]], width: int) -> str | list[str]:
    """Every cell's text, row after row, as one string joined by the unit separator: one object to
    send and one split to read back, instead of a string per cell. A list when a cell itself holds
    that character, so that splitting cannot shift a cell."""
    join = SEPARATOR.join
    texts = []
    for row in rows:
        try:
            texts.append(join(row))
        except TypeError:  # numbers, dates and booleans: written the way the spreadsheet shows them
            texts.append(join([v if v.__class__ is str else cell_text(v) for v in row]))
    joined = join(texts)
    if joined.count(SEPARATOR) != len(rows) * width - 1 and rows:
        return [v if v.__class__ is str else cell_text(v) for row in rows for v in row]
    return joined


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: the parent's time limit still applies
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main(argv: list[str]) -> NoReturn:
    path, limit = argv[0], int(argv[1])
    _limit_memory(limit)
    try:
        result: dict[str, Any] = read_sheets(path)
    except MemoryError:
        result = {"error": "memory"}
    except BaseException as error:  # a Rust panic arrives as a BaseException; each becomes a sentence
        result = {"error": type(error).__name__, "detail": str(error)[:500]}
    data = marshal.dumps(result)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    # Leave without tearing down: freeing a million cells one by one would keep the caller waiting for
    # the end of the output. The operating system takes the memory back at once.
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
