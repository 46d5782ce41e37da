"""Where a table's data stops being data: totals that add up other rows, notes under the table, the
column names repeated page by page, and titles or notes that name the source."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from reviewer.core.aliases import source_named_in
from reviewer.core.figures import parse_figure, quote
from reviewer.io.raw_sheet import RawSheet
from reviewer.io.row_groups import NOTE_START, first_text

__all__ = ["TOTAL", "footer_positions", "source_in_notes", "tell_merged_down", "total_labels", "without_footer",
           "without_repeated_headers", "without_totals"]


# The words a total row's label starts with; the pattern and the quick scan below share them.
_TOTAL_WORDS = ("total", "totals", "sum", "overall", "all sources", "subtotal")

TOTAL = re.compile(rf"^\s*(?:grand\s+)?(?:{'|'.join(_TOTAL_WORDS)})\b", re.IGNORECASE)

_TOTAL_AFTER = re.compile(r"\S\s+(?:sub)?totals?\s*$", re.IGNORECASE)  # a pivot table's "Iraq Total"

_TOTAL_FIRST = frozenset("gGtTsSoOaA\u017f")  # ſ matches s when case is ignored

def _may_hold_totals(labels: np.ndarray) -> bool:
    """Whether any label holds a word a total row starts with: one scan of the joined column, where
    most columns (dates, keys) hold none."""
    try:
        text = "\x1f".join(labels).lower()
    except TypeError:  # a missing cell: look at each label
        return True
    return any(word in text for word in _TOTAL_WORDS) or "\u017f" in text

def _total_positions(raw: RawSheet, positions: np.ndarray, mapping: dict[str, int]) -> np.ndarray:
    """Rows that add up others ("Total", "Grand total"): counting them would count everything twice."""
    label_columns = [mapping[f] for f in ("date", "key", "source", "period", "claimant", "metric") if f in mapping]
    label_columns = label_columns or [int(raw.cells.columns[0])]
    marks = np.zeros(len(positions), dtype=bool)
    for column in label_columns[:3]:
        if column in raw.coded:  # the distinct labels, as the reader sent them: each looked at once
            codes, texts = raw.coded[column]
            marks |= total_labels(texts)[codes[positions]]
            continue
        labels = raw.cells[column].to_numpy(dtype=object)[positions]
        if _may_hold_totals(labels):
            marks |= total_labels(labels)
    return positions[marks]

def total_labels(labels: np.ndarray) -> np.ndarray:
    """Which labels name a total ("Total", "Grand total", a pivot table's "Iraq Total"). Each distinct
    label is tested once: a million dated rows hold a few thousand dates."""
    codes, uniques = pd.factorize(labels)
    # A total's label starts with one of a few letters (or a space): only those meet the first pattern.
    is_total = np.array([((u[:1] in _TOTAL_FIRST or u[:1].isspace()) and bool(TOTAL.match(u))) or
                         bool(_TOTAL_AFTER.search(u)) if isinstance(u, str) else False for u in uniques],
                        dtype=bool)
    return is_total[codes] if len(uniques) else np.zeros(len(labels), dtype=bool)

def footer_positions(cells: pd.DataFrame, positions: np.ndarray, filled: np.ndarray, mapped: int) -> int:
    """How many trailing data rows are notes under the table rather than data."""
    if mapped < 3:
        return 0
    count = 0
    for position in positions[::-1]:
        if filled[position] != 1:
            break
        text = first_text(cells, position)
        if not (NOTE_START.match(text) or len(text) > 25 or parse_figure(text).problem):
            break
        count += 1
    return count

_SOURCE_NOTE = re.compile(r"^\s*(?:data\s+)?sources?\s*[:\-–]\s*(?P<named>.+)", re.IGNORECASE)

def _note_texts(cells: pd.DataFrame, header_position: int | None, footer: Iterable[int]) -> list[str]:
    """The titles above the table and the notes under it."""
    positions = [*range(header_position or 0), *footer]
    return [str(c) for p in positions for c in cells.iloc[int(p)] if str(c).strip()]

def source_in_notes(notes: list[str]) -> str | None:
    """The known source a title or note names ("Source: UNAMI monthly casualty figures" is the UN)."""
    for text in notes:
        match = _SOURCE_NOTE.match(text)
        if match and (known := source_named_in(match["named"])):
            return known
    return None

def without_repeated_headers(raw: RawSheet, cells: pd.DataFrame, header_position: int, positions: np.ndarray,
                              warnings: list[str]) -> np.ndarray:
    """Data rows that repeat the column names (a table pasted page by page) are not data."""
    header = [str(c).strip().lower() for c in cells.iloc[header_position]]
    if sum(1 for c in header if c) < 2:
        return positions
    first = next(i for i, c in enumerate(header) if c)
    column = cells[cells.columns[first]].to_numpy(dtype=object)
    candidates = positions[column[positions] == column[header_position]]  # one cheap pass first
    repeated = [p for p in candidates if [str(c).strip().lower() for c in cells.iloc[int(p)]] == header]
    if not repeated:
        return positions
    warnings.append(f"sheet {raw.name!r}: {len(repeated)} repeated rows of column names (row "
                    f"{', '.join(str(raw.row_number(int(p))) for p in repeated[:5])}) were left out")
    return positions[~np.isin(positions, repeated)]

def without_footer(raw: RawSheet, positions: np.ndarray, footer: int, header_position: int | None,
                    warnings: list[str]) -> tuple[np.ndarray, list[str]]:
    """The data rows without the notes under the table (each named in a warning), and the texts of
    those notes and of the titles above, where a source may be named."""
    below = positions[len(positions) - footer:] if footer else positions[:0]
    for position in below:
        text = first_text(raw.cells, position)
        warnings.append(f"sheet {raw.name!r}, row {raw.row_number(int(position))}: a note under the table was left "
                        f"out: {quote(text)}")
    return positions[: len(positions) - footer], _note_texts(raw.cells, header_position, below)

def without_totals(raw: RawSheet, positions: np.ndarray, mapping: dict[str, int],
                    warnings: list[str]) -> np.ndarray:
    """The data rows without those that add up others ("Total"), each named in a warning (up to 20)."""
    totals = _total_positions(raw, positions, mapping) if len(positions) else positions
    for position in totals[:20]:
        warnings.append(f"sheet {raw.name!r}, row {raw.row_number(int(position))}: a total row was left out so that "
                        "nothing is counted twice")
    return positions[~np.isin(positions, totals)] if len(totals) else positions

def tell_merged_down(raw: RawSheet, start: int, warnings: list[str]) -> None:
    """Name the data cells that were filled from a cell merged down their column; a name merged down
    two rows of column names is no news to the user."""
    count = sum(max(0, first + many - max(first, start)) for first, many in raw.merged_down)
    if count:
        warnings.append(f"sheet {raw.name!r}: {count:,} cells under cells merged down a column were read as the "
                        "merged cell's value")
