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
import sys
from typing import Any

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
        sheets.append({
            "name": meta.name,
            "hidden": str(meta.visible).rsplit(".", 1)[-1] != "Visible",
            "first_row": int(start[0]) + 1,
            "first_col": int(start[1]),
            "height": len(rows),
            "columns": [_column(column) for column in zip(*rows, strict=True)] if rows else [],
        })
    return {"sheets": sheets}


SEPARATOR = "\x1f"


def _column(values: tuple[object, ...]) -> str | list[str]:
    """A column as one string joined by the unit separator (cheap to send and to split), or as a list
    when a cell itself holds that character."""
    texts = values if set(map(type, values)) <= {str} else [cell_text(v) for v in values]
    joined = SEPARATOR.join(texts)  # type: ignore[arg-type]
    if joined.count(SEPARATOR) != len(texts) - 1:
        return list(texts)  # type: ignore[arg-type]
    return joined


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: the parent's time limit still applies
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main(argv: list[str]) -> int:
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
