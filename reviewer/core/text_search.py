"""Regular expressions over many texts at once, with RE2 (``pyarrow.compute``).

A hundred thousand claims' sentences, each read for what it counts and where: Python's ``re`` tries
every alternative at every position of every sentence (seconds per pattern); RE2 runs each pattern as
an automaton over the whole column in C (milliseconds). The patterns given here are written in the
syntax both engines share; one that RE2 cannot take (a look-behind) is run with ``re``, text by text,
so an answer never depends on which engine ran.

Reviewer's tables keep text in pandas' Python string storage whether or not pyarrow is installed (see
``reviewer.core.frames``): pyarrow is used here, on its own arrays, where it earns its place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["Texts", "first_match", "masked", "matching", "re2_accepts"]


class Texts:
    """A column of texts made ready for matching once, then matched against many patterns."""

    __slots__ = ("array", "values")

    def __init__(self, values: Sequence[str] | np.ndarray) -> None:
        self.values = np.asarray(values, dtype=object)
        self.array = pa.array(self.values, type=pa.large_string(), from_pandas=True)

    def __len__(self) -> int:
        return len(self.values)

    def take(self, positions: np.ndarray) -> Texts:
        subset = Texts.__new__(Texts)
        subset.values = self.values[positions]
        subset.array = self.array.take(pa.array(positions, type=pa.int64()))
        return subset


def matching(texts: Texts, pattern: re.Pattern[str] | str, *, ignore_case: bool | None = None) -> np.ndarray:
    """Whether each text holds a match of ``pattern`` (a compiled pattern's IGNORECASE flag is kept)."""
    source, flags = (pattern.pattern, pattern.flags) if isinstance(pattern, re.Pattern) else (pattern, 0)
    folded = bool(flags & re.IGNORECASE) if ignore_case is None else ignore_case
    if not len(texts):
        return np.zeros(0, dtype=bool)
    if re2_accepts(source):
        found = pc.match_substring_regex(texts.array, source, ignore_case=folded)
        return found.fill_null(False).to_numpy(zero_copy_only=False).astype(bool, copy=False)
    compiled = re.compile(source, re.IGNORECASE if folded else 0)
    return np.fromiter((compiled.search(str(t)) is not None for t in texts.values), dtype=bool, count=len(texts))


def first_match(texts: Texts, pattern: str) -> np.ndarray:
    """The leftmost match of ``pattern`` in each text (alternatives preferred in the order written, as
    ``re.search`` prefers them), or "" where none is found; case as written."""
    if not len(texts):
        return np.zeros(0, dtype=object)
    if re2_accepts(pattern):
        found = pc.struct_field(pc.extract_regex(texts.array, f"(?P<m>{pattern})"), "m")  # null where none
        return np.asarray(found.fill_null("").to_numpy(zero_copy_only=False), dtype=object)
    compiled = re.compile(pattern)
    return np.array([m.group(0) if (m := compiled.search(str(t))) else "" for t in texts.values], dtype=object)


def masked(texts: Texts, pattern: re.Pattern[str]) -> Texts:
    """The texts with every match of ``pattern`` replaced by "_" (case folded as the pattern says)."""
    if not len(texts):
        return texts
    if re2_accepts(pattern.pattern):
        prefix = "(?i)" if pattern.flags & re.IGNORECASE else ""
        result = Texts.__new__(Texts)
        result.array = pc.replace_substring_regex(texts.array, f"{prefix}(?:{pattern.pattern})", "_")
        result.values = np.asarray(result.array.to_numpy(zero_copy_only=False), dtype=object)
        return result
    return Texts([pattern.sub("_", str(t)) for t in texts.values])


@lru_cache(maxsize=256)
def re2_accepts(pattern: str) -> bool:
    """Whether RE2 compiles the pattern (no look-around, no back-reference)."""
    try:
        pc.match_substring_regex(pa.array([""], type=pa.large_string()), pattern)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return False
    return True
