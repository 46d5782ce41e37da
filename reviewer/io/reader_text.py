"""What the reader process, its text parser and the window share: how messages and cells travel, how
a cell too long is cut, and the refusal they raise."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy and pandas are loaded with the first file, not when the app starts
    import numpy as np

__all__ = ["FRAME", "MAX_TEXT_BYTES", "SEPARATOR", "TooLarge", "column_cells", "cut_warning", "encode_column",
           "join_cells", "merged_codes", "split_cells", "wide_encoding"]

# Each message is sent after its length.
FRAME = struct.Struct("<Q")
# A text file larger than this is refused before it is read.
MAX_TEXT_BYTES = 2 * 1024 * 1024 * 1024
# Cells travel joined by the unit separator: one string to send and one split to read back.
SEPARATOR = "\x1f"


def wide_encoding(head: bytes) -> str | None:
    """The encoding of a text file of two or four bytes a character, from its byte order mark or, without
    one, from where its zero bytes fall (ASCII letters in UTF-16 are a letter and a zero); None otherwise.
    UTF-32's mark begins with UTF-16's, so it is asked first."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = head[:4096 - len(head[:4096]) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    # Almost every character of a table's text is ASCII: in UTF-16 one byte of each pair is zero.
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        guess = "utf-16-le"
    elif even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        guess = "utf-16-be"
    else:
        return None
    # Numbers stored two bytes each look the same: only text, nearly all printable, in lines (or one line
    # longer than the sample: a wide table's header) is read.
    full = len(sample) >= 4094
    text = sample.decode(guess, errors="replace")
    if full:
        text = text.rstrip("\ufffd")  # a character cut in two by the sample's end
    printable = sum(c.isprintable() or c in "\r\n\t" for c in text)
    lines = "\n" in text or full
    return guess if lines and "\ufffd" not in text and printable >= 0.95 * len(text) else None


def join_cells(cells: list[str]) -> str | list[str]:
    """The cells as one string; as the list itself when a cell holds the separator."""
    joined = SEPARATOR.join(cells)
    return cells if joined.count(SEPARATOR) != len(cells) - 1 else joined


def split_cells(cells: str | list[str]) -> list[str]:
    """The cells as ``join_cells`` sent them."""
    return cells.split(SEPARATOR) if isinstance(cells, str) else cells


def cut_warning(sheet: str, count: int, max_text: int) -> str:
    return (f"sheet {sheet!r}: {count:,} cell(s) held more than {max_text:,} characters (Excel's limit) and were "
            "cut to that length")


class TooLarge(Exception):
    """The file holds more than a real sheet does, or is not a file to read; the message says what."""


# A column whose distinct texts are at most this share of its cells travels as its distinct texts and,
# for each cell, the number of its text: a million rows of dates or sources send a few hundred strings
# and four bytes a row, and the window's column holds one string object per distinct text.
_CODED_SHARE = 0.5


def encode_column(cells: np.ndarray, max_text: int | None) -> tuple[str | list[str] | dict[str, Any], int]:
    """A column of text cells as it travels, each cut to ``max_text`` characters when given, and how
    many cells were cut."""
    import numpy as np
    import pandas as pd

    # A column whose first thousand cells are mostly different (keys, links, sentences) is not looked
    # at further: numbering its texts would cost time and save nothing.
    sample = cells[:1000]
    coded = len(set(sample.tolist())) <= max(1.0, len(sample) * _CODED_SHARE)  # one cell alone is its own text
    if coded:
        codes, uniques = pd.factorize(cells)  # a text file's cells are all texts: none is missing
        coded = len(uniques) <= max(1.0, len(cells) * _CODED_SHARE) and not (len(codes) and codes.min() < 0)
    texts = uniques.tolist() if coded else cells.tolist()
    cut = 0
    if max_text is not None:
        long = [i for i, text in enumerate(texts) if len(text) > max_text]
        if long:
            cut = int(np.bincount(codes, minlength=len(uniques))[long].sum()) if coded else len(long)
            for i in long:
                texts[i] = texts[i][:max_text]
    if not coded:
        return join_cells(texts), cut
    return {"codes": codes.astype("<i4").tobytes(), "texts": join_cells(texts)}, cut


def column_cells(column: Any, height: int, max_text: int) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    """The cells of a column as ``encode_column`` sent it, as an array of ``height`` strings, and, when
    it came as its distinct texts, each cell's number and those texts. ValueError when it does not
    hold that many, or holds what no text file does (the reader's answer is checked, never trusted:
    a few bytes naming one long text for every row must not become gigabytes here)."""
    import numpy as np

    if isinstance(column, dict):
        codes_bytes, texts = column.get("codes"), column.get("texts")
        if not isinstance(codes_bytes, bytes) or not isinstance(texts, str | list):
            raise ValueError("a coded column without its codes or texts")
        distinct = split_cells(texts)
        codes = np.frombuffer(codes_bytes, dtype="<i4")
        if len(codes) != height or (height and (codes.min() < 0 or codes.max() >= len(distinct))):
            raise ValueError("a coded column that does not fit its sheet")
        if not all(text.__class__ is str for text in distinct):
            raise ValueError("a coded column of what is not text")
        lengths = np.fromiter(map(len, distinct), dtype=np.int64, count=len(distinct))
        if len(distinct) and (lengths.max() > max_text or
                              int(np.bincount(codes, minlength=len(distinct)) @ lengths) > MAX_TEXT_BYTES):
            raise ValueError("a coded column longer than its file could be")
        table = np.empty(len(distinct), dtype=object)
        table[:] = distinct
        return table[codes], (codes, table)
    if not isinstance(column, str | list):
        raise ValueError("a column that is not text")
    cells = split_cells(column)
    if len(cells) != height:
        raise ValueError("a column that does not fit its sheet")
    array = np.empty(height, dtype=object)
    array[:] = cells
    return array, None


def merged_codes(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """One column's numbers and distinct texts, from those of its parts (each part numbers its own)."""
    import numpy as np
    import pandas as pd

    numbers, texts = pd.factorize(np.concatenate([table for _codes, table in parts]), use_na_sentinel=False)
    distinct = np.empty(len(texts), dtype=object)
    distinct[:] = list(texts)
    offsets = np.cumsum([0, *(len(table) for _codes, table in parts[:-1])])
    codes = np.concatenate([numbers[offset + codes] for (codes, _table), offset in zip(parts, offsets, strict=True)])
    return codes, distinct
