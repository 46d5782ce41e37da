"""What the reader process, its text parser and the window share: how messages and cells travel, how
a cell too long is cut, and the refusal they raise."""

from __future__ import annotations

import struct

__all__ = ["FRAME", "MAX_TEXT_BYTES", "SEPARATOR", "TooLarge", "cut_warning", "join_cells", "split_cells",
           "trim_column"]

# Each message is sent after its length.
FRAME = struct.Struct("<Q")
# A text file larger than this is refused before it is read.
MAX_TEXT_BYTES = 2 * 1024 * 1024 * 1024
# Cells travel joined by the unit separator: one string to send and one split to read back.
SEPARATOR = "\x1f"


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


def trim_column(joined: str | list[str], max_text: int, warnings: list[str], sheet: str) -> str | list[str]:
    """The column with each cell cut to ``max_text`` characters (Excel's own limit), saying so."""
    if isinstance(joined, str) and len(joined) <= max_text:
        return joined
    cells = split_cells(joined)
    if max(map(len, cells), default=0) <= max_text:
        return joined
    warnings.append(cut_warning(sheet, sum(len(cell) > max_text for cell in cells), max_text))
    cells = [cell[:max_text] for cell in cells]
    return SEPARATOR.join(cells) if isinstance(joined, str) else cells
