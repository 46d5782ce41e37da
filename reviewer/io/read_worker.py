"""The reader process: parses spreadsheets (python-calamine) and text files (pandas' C parser).

It runs under a memory cap, and a CPU limit per file, set by ``guarded``: a file that makes the reader
abort (calamine aborts the whole process on an impossible allocation) or run away kills only this
process. It stays up between files, so its start (Python, pandas, calamine) is off the path of an open.

Requests and answers are ``marshal`` frames on stdin and stdout, each after its length; marshal
carries plain lists and strings quickly and cannot run code when read back. What it sends is
bounded: at most ``columns`` columns and ``cells`` cells per file, at most ``text`` characters per cell
(longer cells are trimmed, with a warning). It ends when stdin closes, as when its parent is gone.

    python -m reviewer.io.read_worker MEMORY_BYTES
"""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import os
import re
import stat
import sys
import threading
from collections.abc import Callable
from typing import Any, NoReturn

from reviewer.io.reader_text import FRAME, MAX_TEXT_BYTES, SEPARATOR, TooLarge, cut_warning

__all__ = ["SEPARATOR", "TooLarge", "cell_text", "read_file"]



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


def open_regular(path: bytes) -> int:
    """A descriptor of the file, only if it is a regular file: a pipe, a device or a folder named like
    a spreadsheet would block or never end. O_NONBLOCK keeps the open itself from waiting on a pipe."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise TooLarge("it is not a regular file (a folder, a pipe or a device); choose the spreadsheet itself")
    return fd


def read_file(path: bytes, format: str, limits: tuple[int, int, int],
              emit: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """The file's sheets as cell texts, with warnings; ``limits`` is (columns, cells, text). A text file's
    rows may go ahead through ``emit``, part by part, while the rest is parsed."""
    fd = open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        before = os.fstat(handle.fileno())
        if format == "csv" and before.st_size > MAX_TEXT_BYTES:
            raise TooLarge("it is a text file larger than 2 GB; split it or filter it before opening")
        data = handle.read()
        after = os.fstat(handle.fileno())
    # The file's identity for its review, from the bytes read here (the window never reads the file
    # again), worked out beside the parsing: hashing lets go of the interpreter.
    digest: list[str] = []
    hashing = threading.Thread(target=lambda: digest.append(hashlib.sha256(data).hexdigest()), daemon=True)
    hashing.start()
    if format == "csv":
        from reviewer.io.csv_reader import parse_csv

        sheets, warnings = parse_csv(data, path, limits, emit or (lambda _part: None))
    else:
        sheets, warnings = _read_spreadsheet(data, format, limits)
    hashing.join()
    try:
        now = os.stat(path)
    except OSError:
        now = after
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(data) != now.st_size \
            or now.st_mtime_ns != before.st_mtime_ns:
        warnings.append("the file changed while it was read (it may still be being written), so what is shown may "
                        "be incomplete; open it again when it is complete")
    return {"sheets": sheets, "warnings": warnings, "sha256": digest[0]}


def _read_spreadsheet(data: bytes, format: str,
                      limits: tuple[int, int, int]) -> tuple[list[dict[str, Any]], list[str]]:
    import io

    import python_calamine

    max_columns, max_cells, max_text = limits
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets: list[dict[str, Any]] = []
    warnings: list[str] = []
    cells = 0
    far_columns = _far_columns(data) if format == "xlsx" else {}
    for meta in book.sheets_metadata:
        if str(meta.typ).rsplit(".", 1)[-1] not in {"WorkSheet", "Worksheet"}:
            continue  # chart sheets and macro sheets hold no cells to review
        far = far_columns.get(meta.name, 0)
        sheet = None if far > max_columns else book.get_sheet_by_name(meta.name)
        if sheet is None or sheet.width > max_columns:
            column = far or (sheet.width if sheet is not None else 0)
            warnings.append(f"sheet {meta.name!r} has a cell in column {column:,}, beyond the {max_columns:,} "
                            "columns a spreadsheet holds, so it was left out; the file may be damaged or built to "
                            "stall a reader. Open it in Excel or LibreOffice and save a fresh copy")
            continue
        cells += sheet.width * sheet.height
        if cells > max_cells:
            raise TooLarge(f"it holds over {max_cells:,} cells, more than Reviewer reads at once; split it or "
                           "filter it before opening")
        rows = sheet.to_python(skip_empty_area=True)
        start = sheet.start or (0, 0)
        width = len(rows[0]) if rows else 0
        filled = _fill_merged_down(sheet, rows, int(start[0]), int(start[1]))
        sheets.append({"name": meta.name, "hidden": str(meta.visible).rsplit(".", 1)[-1] != "Visible",
                       "first_row": int(start[0]) + 1, "first_col": int(start[1]), "height": len(rows),
                       "width": width, "rows": _rows_text(rows, width, max_text, warnings, meta.name),
                       "merged_down": filled})
    return sheets, warnings


_FAR_REFERENCE = re.compile(rb'<c\s[^>]*?\br="([A-Z]{4,})[0-9]')


def _far_columns(data: bytes) -> dict[str, int]:
    """The furthest column each small xlsx sheet names in its cells' references, where it names one past
    column ZZZ: a few bytes of XML that say "column ZZZZZ" would make the reader lay out twelve million
    columns before anything can be refused. Sheets of real size are left to the reader. The archive is
    opened once for every sheet: a small file can hold thousands."""
    import io
    import zipfile

    from reviewer.io.xlsx_columns import sheet_parts

    far: dict[str, int] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            for sheet, part in sheet_parts(archive).items():
                try:  # one damaged part (a chart sheet's) leaves the other sheets guarded
                    if part in names and archive.getinfo(part).file_size <= 4 * 1024 * 1024:
                        far[sheet] = _furthest(_FAR_REFERENCE.findall(archive.read(part)))
                except Exception:  # the reader itself says what is wrong with that part
                    continue
    except Exception:  # the reader itself says what is wrong with a damaged file
        return far
    return far


def _furthest(found: list[bytes]) -> int:
    furthest = 0
    for letters in found:
        number = 0
        for letter in letters:
            number = number * 26 + letter - 64
        furthest = max(furthest, number)
    return furthest


def _rows_text(rows: list[list[Any]], width: int, max_text: int, warnings: list[str],
               sheet: str) -> str | list[str]:
    """Every cell's text, row after row, as one string joined by the unit separator: one object to send
    and one split to read back, instead of a string per cell. Cells longer than ``max_text`` are cut
    (only a row longer than that can hold one). A list when a cell itself holds the separator, so that
    splitting cannot shift a cell."""
    join = SEPARATOR.join
    texts = []
    cut = 0
    for row in rows:
        try:
            text = join(row)
        except TypeError:  # numbers, dates and booleans: written the way the spreadsheet shows them
            text = join([v if v.__class__ is str else cell_text(v) for v in row])
        if len(text) > max_text:
            cells = [v if v.__class__ is str else cell_text(v) for v in row]
            cut += sum(len(cell) > max_text for cell in cells)
            text = join([cell[:max_text] for cell in cells])
        texts.append(text)
    if cut:
        warnings.append(cut_warning(sheet, cut, max_text))
    joined = join(texts)
    if rows and joined.count(SEPARATOR) != len(rows) * width - 1:
        return [(v if v.__class__ is str else cell_text(v))[:max_text] for row in rows for v in row]
    return joined


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
    for (first_row, first_col), (last_row, last_col) in ranges[:100_000]:
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


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: the parent's time limit still applies
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _limit_time(seconds: float) -> None:
    """A CPU limit for this file, counted from now: if the parent is gone and cannot stop a runaway
    read, the kernel does."""
    try:
        import resource
    except ImportError:
        return
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = int(used.ru_utime + used.ru_stime)
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    soft = spent + int(seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def answer(request: tuple[bytes, str, tuple[int, int, int], float],
           emit: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    path, format, limits, timeout = request
    _limit_time(timeout)
    try:
        return read_file(path, format, limits, emit)
    except MemoryError:
        return {"error": "memory"}
    except TooLarge as error:
        return {"error": "refused", "detail": str(error)}
    except BaseException as error:  # a Rust panic arrives as a BaseException; each becomes a sentence
        return {"error": type(error).__name__, "detail": str(error)[:500]}


def _read_exactly(stream: Any, size: int) -> bytes | None:
    data = stream.read(size)
    return data if data is not None and len(data) == size else None


def _send(sink: Any, message: dict[str, Any]) -> None:
    data = marshal.dumps(message)
    sink.write(FRAME.pack(len(data)))
    sink.write(data)
    sink.flush()


def main(argv: list[str]) -> NoReturn:
    _limit_memory(int(argv[0]))
    import pandas  # noqa: F401 - loaded now, while nobody waits, not on the first file
    import python_calamine  # noqa: F401

    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sink.write(b"R")  # ready
    sink.flush()
    while True:
        header = _read_exactly(source, FRAME.size)
        if header is None:
            break
        body = _read_exactly(source, FRAME.unpack(header)[0])
        if body is None:
            break
        _send(sink, answer(marshal.loads(body), lambda part: _send(sink, part)))
    # Leave without tearing down: the operating system takes the memory back at once.
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
