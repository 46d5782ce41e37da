"""CSV and TSV: encoding, delimiter and every cell kept as text.

Text files are parsed in this process: pandas' C parser reads any byte sequence without crashing and
its memory follows the file's size, so the guard a binary spreadsheet needs buys nothing here.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from reviewer.core.errors import LoadError
from reviewer.io.raw_sheet import RawBook, RawSheet

__all__ = ["decode", "read_csv", "sniff_delimiter"]

_DELIMITERS = (",", ";", "\t", "|")
MAX_TEXT_BYTES = 2 * 1024 * 1024 * 1024


def decode(data: bytes) -> tuple[str, str, str | None]:
    """The text, the encoding used, and a warning when characters had to be replaced."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16", None
    try:
        return data.decode("utf-8-sig"), "utf-8", None
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    warning = None
    if "\ufffd" in text:
        warning = "some characters are not valid in UTF-8 or Windows-1252 and show as \ufffd"
    return text, "windows-1252", warning


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


def read_csv(path: Path, warnings: list[str]) -> RawBook:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise LoadError("it is a text file larger than 2 GB; split it or filter it before opening")
    data = path.read_bytes()
    text, encoding, warning = decode(data)
    del data
    if warning:
        warnings.append(warning)
    if encoding != "utf-8":
        warnings.append(f"read as {encoding} text")
    head = text[:65536].splitlines()
    delimiter = "\t" if path.suffix.lower() in {".tsv", ".tab"} else sniff_delimiter(head[:-1] or head)
    fields = max((_count_outside_quotes(line, delimiter) + 1 for line in head[:1000]), default=1)
    try:
        cells = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, names=range(fields), dtype=object,
                            keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c",
                            quoting=csv.QUOTE_MINIMAL, index_col=False)
    except (pd.errors.ParserError, ValueError):
        # A later line has more fields than any in the sample: let the csv module take the ragged rows.
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        cells = pd.DataFrame(rows, dtype=object)
    # Lines shorter than the widest one leave missing cells: they are empty text, like the rest.
    for column in cells.columns:
        if cells[column].hasnans:
            cells[column] = cells[column].fillna("")
    cells.columns = range(cells.shape[1])
    name = path.stem
    return RawBook(str(path), "csv", [RawSheet(name, cells, 1, 0)], warnings)
