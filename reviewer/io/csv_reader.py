"""CSV and TSV: encoding, delimiter and every cell kept as text.

Text files are parsed in the reader process, like every other format, under the same time and memory
limits: a line of 100 MB or a quote never closed must not stall the window.
"""

from __future__ import annotations

import csv
import io
import os
import re
import warnings as warnings_module
from collections.abc import Callable
from typing import Any

import pandas as pd

from reviewer.io.reader_text import MAX_TEXT_BYTES, TooLarge, cut_warning, encode_column, wide_encoding

__all__ = ["parse_csv", "sniff_delimiter"]

_DELIMITERS = (",", ";", "\t", "|")
_PART = 200_000  # rows a part sends ahead
_LINE_END = re.compile(r"\r\n|\r|\n")


def _count_outside_quotes(line: str, delimiter: str) -> int:
    if '"' not in line:
        return line.count(delimiter)
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _records(lines: list[str]) -> list[str]:
    """Lines joined where a quoted cell runs over a line's end: the records a CSV reader sees, so that a
    line break inside quotes neither splits a record nor turns its quotes inside out for counting."""
    records: list[str] = []
    pending: list[str] = []
    quoted = False
    for line in lines:
        pending.append(line)
        if line.count('"') % 2:  # a doubled quote inside a cell leaves the count's parity alone
            quoted = not quoted
        if not quoted:
            records.append("\n".join(pending))
            pending = []
    if pending:
        records.append("\n".join(pending))
    return records


def sniff_delimiter(sample_lines: list[str]) -> str:
    """The delimiter that splits the most lines into the same number of fields.

    Note lines before the header have few delimiters, so the mode of the counts is taken, not the
    first line's.
    """
    best, best_score = ",", -1.0
    lines = [line for line in sample_lines if line.strip()][:200]
    for delimiter in _DELIMITERS:
        counts = [_count_outside_quotes(line, delimiter) for line in lines]
        positive = [c for c in counts if c > 0]
        if not positive:
            continue
        mode = max(set(positive), key=positive.count)
        score = positive.count(mode) * (1 + min(mode, 20) / 100)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def parse_csv(data: bytes, path: bytes, limits: tuple[int, int, int],
              emit: Callable[[dict[str, Any]], None]) -> tuple[list[dict[str, Any]], list[str]]:
    """The text file's one sheet (as the reader process sends it), with warnings. Runs in the reader
    process: pandas' C parser, every cell kept as text. The rows go out through ``emit`` in parts of
    _PART rows as they are parsed (the window builds one part while the next is parsed), each column as
    ``encode_column`` sends it; the sheet names how many parts it had."""
    max_columns, max_cells, max_text = limits
    if len(data) > MAX_TEXT_BYTES:
        raise TooLarge("it is a text file larger than 2 GB; split it or filter it before opening")
    warnings: list[str] = []
    encoding, warning = _encoding(data)
    if warning:
        warnings.append(warning)
    if encoding not in {"utf-8", "utf-8-sig"}:
        warnings.append(f"read as {encoding} text")
    # Lines as pandas cuts them: str.splitlines would also cut at form feeds and other separators, and
    # so count too few fields for such a line.
    lines = _LINE_END.split(data[:65536].decode(encoding, errors="replace"))
    head = _records(lines[:-1] or lines)  # the last line may be cut short by the sample's end
    name = os.path.splitext(os.path.basename(path))[0].decode("utf-8", "replace")
    suffix = os.path.splitext(path)[1].lower()
    delimiter = "\t" if suffix in {b".tsv", b".tab"} else sniff_delimiter(head)
    fields = max((_count_outside_quotes(line, delimiter) + 1 for line in head[:1000]), default=1)
    if fields > max_columns:
        raise TooLarge(f"a line of it has over {max_columns:,} fields, more than a spreadsheet holds; check that it "
                       "is a table (a file with no line breaks may be damaged)")
    # Only where a line is longer than Excel's cell limit, or a quoted cell may span lines, or a lone CR
    # ends a row, can a cell be too long: then each cell is looked at. In UTF-16 a line-feed byte is
    # also half of many a character (上, all of Gurmukhi): its lines cannot be measured in bytes.
    look = encoding.startswith(("utf-16", "utf-32")) or b'"' in data or \
        (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")) or _longest_line(data) > max_text
    cut = 0

    def send(columns: list[Any], height: int) -> None:
        nonlocal cut
        encoded = []
        for column in columns:
            travels, column_cut = encode_column(column, max_text if look else None)
            encoded.append(travels)
            cut += column_cut
        emit({"part": encoded, "height": height})

    height, parts = 0, 0
    try:
        with warnings_module.catch_warnings():
            warnings_module.simplefilter("error", pd.errors.ParserWarning)  # more fields: cells would be lost
            reader = pd.read_csv(io.BytesIO(data), sep=delimiter, header=None, names=range(fields), dtype=object,
                                 keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c",
                                 quoting=csv.QUOTE_MINIMAL, index_col=False, encoding=encoding,
                                 encoding_errors="replace", chunksize=_PART)
            for chunk in reader:
                height += len(chunk)
                if height * fields > max_cells:
                    raise TooLarge(_too_many_cells(max_cells))
                send([chunk[c].to_numpy(dtype=object) for c in chunk.columns], len(chunk))
                parts += 1
    except (pd.errors.ParserError, pd.errors.ParserWarning) as error:
        if "EOF inside string" in str(error):
            raise TooLarge(_unbalanced(str(error))) from None
        # A later line has more fields than any in the sample: let the csv module take the ragged rows.
        if parts:
            emit({"reset": True})
        ragged = _ragged(data.decode(encoding, errors="replace"), delimiter, max_columns)
        height, fields, cut = (len(ragged[0]) if ragged else 0), len(ragged), 0
        if height * fields > max_cells:
            raise TooLarge(_too_many_cells(max_cells)) from None
        parts = 0
        if height:
            send([_object_array(column) for column in ragged], height)
            parts = 1
    if cut:
        warnings.append(cut_warning(name, cut, max_text))
    return [{"name": name, "hidden": False, "first_row": 1, "first_col": 0, "height": height, "width": fields,
             "parts": parts, "merged_down": []}], warnings


def _too_many_cells(max_cells: int) -> str:
    return f"it holds over {max_cells:,} cells, more than Reviewer reads at once; split it or filter it before opening"


def _object_array(cells: list[str]) -> Any:
    import numpy as np

    array = np.empty(len(cells), dtype=object)
    array[:] = cells
    return array


def _longest_line(data: bytes) -> int:
    """The longest line's length in bytes, at C speed. When every row is one line (no quoted cell holds
    a line break), no cell is longer than the longest line."""
    import numpy as np

    breaks = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    if not len(breaks):
        return len(data)
    tail = len(data) - breaks[-1] - 1
    return max(int(breaks[0]) + 1, int(np.diff(breaks).max(initial=0)), tail)


def _encoding(data: bytes) -> tuple[str, str | None]:
    """The encoding to read with, and a warning when characters will have to be replaced."""
    wide = wide_encoding(data[:4096])
    if wide is not None:
        return wide, None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8", None
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "windows-1252", "some characters are not valid in UTF-8 or Windows-1252 and show as \ufffd"
    return "windows-1252", None


def _unbalanced(detail: str) -> str:
    found = re.search(r"row (\d+)", detail)
    where = f"on line {int(found.group(1)) + 1:,} " if found else ""
    return (f"a quotation mark {where}is opened and never closed, so the rest of the file would be one cell; close "
            "the quote in a text editor, or save the file again from the program that made it")


def _ragged(text: str, delimiter: str, max_columns: int) -> list[list[str]]:
    csv.field_size_limit(MAX_TEXT_BYTES)
    rows = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            if len(row) > max_columns:
                raise TooLarge(f"a line of it has over {max_columns:,} fields, more than a spreadsheet holds")
            rows.append(row)
    except csv.Error as error:
        raise TooLarge(f"it is not a table Reviewer can read ({error}); save it again from the program that made "
                       "it") from None
    width = max(map(len, rows), default=0)
    # Lines shorter than the widest one have empty cells, like the rest.
    return [[row[c] if c < len(row) else "" for row in rows] for c in range(width)]


