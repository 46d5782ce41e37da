"""What the reader process and its text parser share: how cells travel, how a cell too long is cut,
and the refusal they raise."""

from __future__ import annotations

__all__ = ["SEPARATOR", "TooLarge", "trim_column"]

# Cells travel joined by the unit separator: one string to send and one split to read back.
SEPARATOR = "\x1f"


class TooLarge(Exception):
    """The file holds more than a real sheet does, or is not a file to read; the message says what."""


def trim_column(joined: str | list[str], max_text: int, warnings: list[str], sheet: str) -> str | list[str]:
    """The column with each cell cut to ``max_text`` characters (Excel's own limit), saying so."""
    if isinstance(joined, str) and len(joined) <= max_text:
        return joined
    cells = joined.split(SEPARATOR) if isinstance(joined, str) else joined
    if max(map(len, cells), default=0) <= max_text:
        return joined
    long = sum(len(cell) > max_text for cell in cells)
    warnings.append(f"sheet {sheet!r}: {long:,} cell(s) held more than {max_text:,} characters (Excel's limit) and "
                    "were cut to that length")
    cells = [cell[:max_text] for cell in cells]
    return SEPARATOR.join(cells) if isinstance(joined, str) else cells
