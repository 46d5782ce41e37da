"""How Reviewer's tables hold text: in pandas' Python string storage, whether or not pyarrow is installed.

pandas 3 stores text in pyarrow arrays when pyarrow is importable. Reviewer's domain turns text columns
into NumPy arrays of Python strings at every step (a figure, a date, a place read once per distinct
text), and each such turn copies an arrow array: opening a million-row file took half as long again.
Reviewer uses pyarrow itself where it is fast (``text_search``); its tables keep one storage, so every
answer and every timing is the same on every machine.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["TEXT_STORAGE"]

TEXT_STORAGE = "python"
pd.set_option("mode.string_storage", TEXT_STORAGE)
