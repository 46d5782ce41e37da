"""Regular expressions over many texts at once, with RE2 (``pyarrow.compute``).

A hundred thousand claims' sentences, each read for what it counts and where: Python's ``re`` tries
every alternative at every position of every sentence (seconds per pattern); RE2 runs each pattern as
an automaton over the whole column in C (milliseconds). The patterns given here are written in the
syntax both engines share; one that RE2 cannot take (a look-behind) is run with ``re``, text by text.
RE2's word boundary and case folding are ASCII's: a text with any other letter ("Bogotá", "Malmö")
is read with ``re`` too, so an answer never depends on which engine ran.

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

    __slots__ = ("_beyond_ascii", "array", "values")

    def __init__(self, values: Sequence[str] | np.ndarray) -> None:
        self.values = np.asarray(values, dtype=object)
        self.array = pa.array(self.values, type=pa.large_string(), from_pandas=True)
        self._beyond_ascii: np.ndarray | None = None

    def beyond_ascii(self) -> np.ndarray:
        """The positions of the texts with a character beyond ASCII (read with ``re``)."""
        if self._beyond_ascii is None:
            ascii_ = pc.string_is_ascii(self.array).fill_null(True).to_numpy(zero_copy_only=False)
            self._beyond_ascii = np.flatnonzero(~ascii_.astype(bool))
        return self._beyond_ascii

    def __len__(self) -> int:
        return len(self.values)

    def take(self, positions: np.ndarray) -> Texts:
        subset = Texts.__new__(Texts)
        subset.values = self.values[positions]
        subset.array = self.array.take(pa.array(positions, type=pa.int64()))
        subset._beyond_ascii = None
        return subset


def matching(texts: Texts, pattern: re.Pattern[str] | str, *, ignore_case: bool | None = None) -> np.ndarray:
    """Whether each text holds a match of ``pattern`` (a compiled pattern's IGNORECASE flag is kept)."""
    source, flags = (pattern.pattern, pattern.flags) if isinstance(pattern, re.Pattern) else (pattern, 0)
    folded = bool(flags & re.IGNORECASE) if ignore_case is None else ignore_case
    if not len(texts):
        return np.zeros(0, dtype=bool)
    compiled = re.compile(source, re.IGNORECASE if folded else 0)
    if not re2_accepts(source):
        return np.fromiter((compiled.search(str(t)) is not None for t in texts.values), dtype=bool, count=len(texts))
    found = pc.match_substring_regex(texts.array, source, ignore_case=folded)
    result = found.fill_null(False).to_numpy(zero_copy_only=False).astype(bool, copy=True)
    for i in texts.beyond_ascii():
        result[i] = compiled.search(str(texts.values[i])) is not None
    return result


def first_match(texts: Texts, pattern: str) -> np.ndarray:
    """The leftmost match of ``pattern`` in each text (alternatives preferred in the order written, as
    ``re.search`` prefers them), or "" where none is found; case as written."""
    if not len(texts):
        return np.zeros(0, dtype=object)
    compiled = re.compile(pattern)
    if not re2_accepts(pattern):
        return np.array([m.group(0) if (m := compiled.search(str(t))) else "" for t in texts.values], dtype=object)
    found = pc.struct_field(pc.extract_regex(texts.array, f"(?P<m>{pattern})"), "m")  # null where none
    result = np.array(found.fill_null("").to_numpy(zero_copy_only=False), dtype=object)
    for i in texts.beyond_ascii():
        result[i] = m.group(0) if (m := compiled.search(str(texts.values[i]))) else ""
    return result


def masked(texts: Texts, pattern: re.Pattern[str]) -> Texts:
    """The texts with every match of ``pattern`` replaced by "_" (case folded as the pattern says)."""
    if not len(texts):
        return texts
    if not re2_accepts(pattern.pattern):
        return Texts([pattern.sub("_", str(t)) for t in texts.values])
    prefix = "(?i)" if pattern.flags & re.IGNORECASE else ""
    replaced = pc.replace_substring_regex(texts.array, f"{prefix}(?:{pattern.pattern})", "_")
    # Only the texts that changed are brought back into Python; the others are kept as they were.
    changed = np.flatnonzero(pc.not_equal(replaced, texts.array).fill_null(False).to_numpy(zero_copy_only=False))
    values = texts.values.copy()
    values[changed] = replaced.take(pa.array(changed, type=pa.int64())).to_pylist()
    beyond = texts.beyond_ascii()
    for i in beyond:
        values[i] = pattern.sub("_", str(texts.values[i]))
    if len(beyond):
        return Texts(values)
    result = Texts.__new__(Texts)
    result.values, result.array, result._beyond_ascii = values, replaced, beyond
    return result


@lru_cache(maxsize=256)
def re2_accepts(pattern: str) -> bool:
    """Whether RE2 compiles the pattern (no look-around, no back-reference)."""
    try:
        pc.match_substring_regex(pa.array([""], type=pa.large_string()), pattern)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return False
    return True
