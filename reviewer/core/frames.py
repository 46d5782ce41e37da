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

import numpy as np
import pandas as pd

__all__ = ["TEXT_STORAGE", "distinct_rows", "each_distinct", "table"]

TEXT_STORAGE = "python"
pd.set_option("mode.string_storage", TEXT_STORAGE)


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
            values = np.full(length, values, dtype=object)
        if isinstance(values, np.ndarray) and values.dtype == object:
            values = pd.Series(values, index=index, dtype=object, copy=False)
        kept[name] = values
    return pd.DataFrame(kept, index=index, copy=False)


def each_distinct(values: pd.Series, read: Callable[[str], object]) -> np.ndarray:
    """``read`` of each cell as text, each distinct text read once: a million rows name a few hundred."""
    codes, uniques = pd.factorize(values.astype(str).to_numpy(dtype=object), use_na_sentinel=False)
    out = np.empty(max(len(uniques), 1), dtype=object)
    out[:len(uniques)] = [read(str(u)) for u in uniques]
    return out[codes] if len(codes) else np.array([], dtype=object)


def distinct_rows(frame: pd.DataFrame, columns: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """The distinct rows of ``columns``, and for each row of the frame the position of its own among
    them: work that depends only on those columns is done once per distinct row."""
    combined = np.zeros(len(frame), dtype=np.int64)
    for column in columns:
        values = frame[column].to_numpy(dtype=object)
        if not len(values) or (values == values[0]).all():
            continue  # one label for every row (a sheet names one file and most one unit) splits nothing
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
        # Kept below the number of rows, so that no number of columns overflows.
        combined = pd.factorize(combined * len(uniques) + codes)[0].astype(np.int64)
    # Numbered in order of first appearance: each number's first row is where the running highest rises.
    first = np.flatnonzero(np.diff(np.maximum.accumulate(combined), prepend=-1) > 0)
    return combined, frame[columns].iloc[first]
