"""Raw sheets: every cell as text, with the spreadsheet's own row numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["RawBook", "RawSheet", "in_place", "rows_at"]


@dataclass(slots=True)
class RawSheet:
    name: str
    cells: pd.DataFrame  # str cells, columns 0..n-1, "" for empty
    first_row: int = 1  # the 1-based row number in the spreadsheet of cells.iloc[0]
    first_col: int = 0  # the 0-based column of cells[0]
    hidden: bool = False
    # Cells filled from a cell merged down a column: (position of the first filled, how many) per merge.
    merged_down: list[tuple[int, int]] = field(default_factory=list)
    # Columns of repeated texts (dates, sources, counts) as the reader sent them: each cell's number
    # and the distinct texts, by column position. Reading a million cells is then reading a few hundred.
    coded: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    def row_number(self, position: int) -> int:
        return self.first_row + position


@dataclass(slots=True)
class RawBook:
    path: str
    format: str
    sheets: list[RawSheet]
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""  # of the bytes the reader read: the file's identity for its review


def in_place(positions: np.ndarray) -> np.ndarray | slice:
    """``positions`` as a slice when they follow one another (as a table's data rows mostly do), so
    that what they select is a view, not a copy of a million rows."""
    if len(positions) and int(positions[-1]) - int(positions[0]) + 1 == len(positions):
        return slice(int(positions[0]), int(positions[-1]) + 1)
    return positions


def rows_at(cells: pd.DataFrame, positions: np.ndarray) -> pd.DataFrame:
    """The cells' rows at ``positions``, in place where they can be (see ``in_place``)."""
    return cells.iloc[in_place(positions)]
