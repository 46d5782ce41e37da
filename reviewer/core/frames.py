"""How Reviewer's tables hold text, and how a column of it is read: each distinct text once.

Text is held in pandas' Python string storage, whether or not pyarrow is installed.

pandas 3 stores text in pyarrow arrays when pyarrow is importable. Reviewer's domain turns text columns
into NumPy arrays of Python strings at every step (a figure, a date, a place read once per distinct
text), and each such turn copies an arrow array: opening a million-row file took half as long again.
Reviewer uses pyarrow itself where it is fast (``text_search``); its tables keep one storage, so every
answer and every timing is the same on every machine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["TEXT_STORAGE", "Coded", "distinct_rows", "each_distinct", "factorized", "repeated", "table"]

TEXT_STORAGE = "python"
pd.set_option("mode.string_storage", TEXT_STORAGE)


def factorized(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each value's number among the distinct values (0, 1, ... in order of first appearance), and
    those values; a missing cell (None, NaN) is numbered like any other value."""
    codes, uniques = pd.factorize(values)  # without looking for missing cells first: texts hold none
    if len(codes) and codes.min() < 0:
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes, np.asarray(uniques)


@dataclass(frozen=True, slots=True)
class Coded:
    """A column of texts as its distinct texts and, for each cell, the position of its text among them.

    A million rows of events name a few hundred dates, sources and counts: what is read from a text
    (a figure, a date, a place) is read once per distinct text and given to its cells by position."""

    codes: np.ndarray  # for each cell, the position of its text in ``texts``
    texts: np.ndarray  # the distinct texts (object); a missing cell is NaN
    index: pd.Index  # the column's own index

    @classmethod
    def of(cls, values: pd.Series) -> Coded:
        codes, texts = factorized(values.to_numpy(dtype=object))
        return cls(codes, texts, values.index)

    @classmethod
    def of_rows(cls, codes: np.ndarray, texts: np.ndarray, index: pd.Index) -> Coded:
        """Some rows of a numbered column (the data rows, without the column names, titles or notes
        above and below): only the texts those rows hold are theirs, renumbered."""
        used = np.zeros(len(texts), dtype=bool)
        used[codes] = True
        if used.all():
            return cls(codes, texts, index)
        return cls((np.cumsum(used) - 1)[codes], texts[used], index)

    def series(self) -> pd.Series:
        return pd.Series(self.each(self.texts), index=self.index, dtype=object, copy=False)

    def each(self, read: np.ndarray) -> np.ndarray:
        """The cells' values, from one value per distinct text."""
        if read.dtype == object and len(read) and all(value is read[0] for value in read):
            return repeated(read[0], len(self.codes))  # no problem in any text, say: one fill, no look-ups
        return read[self.codes] if len(self.codes) else read[:0]

    def mapped(self, change: Callable[[object], object]) -> Coded:
        """The column with each distinct text changed; texts that become one are counted as one."""
        changed = np.empty(len(self.texts), dtype=object)
        changed[:] = [change(text) for text in self.texts]
        codes, texts = factorized(changed)
        return Coded(self.each(codes), texts, self.index)


def repeated(value: object, length: int) -> np.ndarray:
    """An array of ``length`` cells holding the one ``value``. (``np.full`` makes a new string for each
    cell: thirty times slower for a million rows, and a million strings in memory.)"""
    cells = np.empty(length, dtype=object)
    cells.fill(value)
    return cells


def table(columns: dict[str, object], rows: int | pd.Index) -> pd.DataFrame:
    """A frame of the given columns (arrays, Series in row order, or one text for every row) on ``rows``
    (an index, or a number of rows numbered from 0), each kept as it is: a column of texts stays an
    array of Python strings (pandas would look at every cell to turn it into its own text type) and
    nothing is copied into one block. A million-row sheet's frame is built in milliseconds instead of half a second."""
    index = pd.RangeIndex(rows) if isinstance(rows, int) else rows
    length = len(index)
    kept: dict[str, object] = {}
    for name, values in columns.items():
        if isinstance(values, pd.Series):
            values = values.to_numpy()
        if isinstance(values, str):
            values = repeated(values, length)
        if isinstance(values, np.ndarray) and values.dtype == object:
            values = pd.Series(values, index=index, dtype=object, copy=False)
        kept[name] = values
    return pd.DataFrame(kept, index=index, copy=False)


def each_distinct(values: pd.Series | Coded, read: Callable[[str], object]) -> np.ndarray:
    """``read`` of each cell as text, each distinct text read once: a million rows name a few hundred."""
    coded = values if isinstance(values, Coded) else Coded.of(values.astype(str))
    out = np.empty(len(coded.texts), dtype=object)
    out[:] = [read(str(text)) for text in coded.texts]
    return coded.each(out)


def distinct_rows(frame: pd.DataFrame, columns: list[str],
                  known: dict[str, np.ndarray] | None = None) -> tuple[np.ndarray, pd.DataFrame]:
    """The distinct rows of ``columns``, and for each row of the frame the position of its own among
    them: work that depends only on those columns is done once per distinct row. ``known`` gives a
    column's numbering of its texts when it is known already (0, 1, ... for its distinct texts)."""
    combined = np.zeros(len(frame), dtype=np.int64)
    for column in columns:
        codes = (known or {}).get(column)
        if codes is None:
            values = frame[column].to_numpy()
            # One label for every row (a sheet names one file, and most one unit) splits nothing; a few
            # rows far apart show at once most columns that are not so.
            if not len(values) or ((values[::4099] == values[0]).all() and (values == values[0]).all()):
                continue
            codes = factorized(values)[0]
        count = int(codes.max()) + 1 if len(codes) else 0
        if count <= 1:
            continue
        # Renumbered in order of first appearance, and so kept below the number of rows: no number of
        # columns overflows.
        combined = pd.factorize(combined * count + codes)[0].astype(np.int64)
    # Each number's first row is where the running highest number rises.
    first = np.flatnonzero(np.diff(np.maximum.accumulate(combined), prepend=-1) > 0)
    return combined, frame[columns].iloc[first]
