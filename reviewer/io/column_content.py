"""What a column holds when its name does not say: figures, dates, long texts, the names of sources."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from reviewer.core.aliases import source_named_in
from reviewer.core.dates import parse_period
from reviewer.core.fields import field_for_header
from reviewer.core.figures import parse_figures
from reviewer.io.header_rows import NUMBERISH
from reviewer.io.table_edges import total_labels

__all__ = ["TIME_FIELDS", "category_column", "column_profile", "dates_from_content", "fill_from_content",
           "texts_quote_figures"]

TIME_FIELDS = ("date", "period", "period_start", "period_end", "as_of")  # the fields that date a row


# "30.04.2017", and months as "2017-03" (no count is written so: its first number would exceed its second)
_DATE_LIKE = re.compile(r"^\s*(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|"
                        r"(?:18|19|20)\d\d-(?:0[1-9]|1[0-2])\s*$)")

def column_profile(values: pd.Series) -> tuple[float, float, float]:
    """Share of figures, share of dates and mean length, on a sample of the column."""
    head = values.head(1000).astype(str)
    sample = head[head.str.strip() != ""].head(200)
    if sample.empty:
        return 0.0, 0.0, 0.0
    read = parse_figures(sample)  # as a column: its other cells may show how "3.000" is meant
    figures = int((read["problem"].isna() & (read["value"].notna() | read["low"].notna() | read["high"].notna())).sum())
    dates = sum(1 for v in sample if (parse_period(v).start is not None and not NUMBERISH.match(v)) or
                _DATE_LIKE.match(v) is not None)
    return figures / len(sample), dates / len(sample), float(sample.str.len().mean())

def texts_quote_figures(data: pd.DataFrame, mapping: dict[str, int]) -> bool:
    """Whether most sentences quote the figure beside them word for word ("… at least 352 civilian
    deaths …" beside "at least 352"), as claims do; a monitor's counts are numbers beside notes."""
    if "figure" not in mapping or any(f in mapping for f in ("value", "low", "high")):
        return False
    pairs = [(str(t).lower(), str(f).strip().lower()) for t, f in
             zip(data[mapping["text"]].head(200), data[mapping["figure"]].head(200), strict=True) if str(f).strip()]
    quoting = sum(1 for text, figure in pairs if not NUMBERISH.match(figure) and figure in text)
    return bool(pairs) and quoting >= 0.6 * len(pairs)

_PROFILED_COLUMNS = 256

# Columns that name who did the harm (Airwars' "Belligerents": Coalition), not whose figures they are.
_PARTY = re.compile(r"belligerent|perpetrat|actor|\bpart(?:y|ies)\b|attacker|responsib|strike by|forces|target",
                    re.IGNORECASE)

def fill_from_content(mapping: dict[str, int], data: pd.DataFrame, headers: list[str], *,
                       guess_source: bool = True) -> list[str]:
    """Map the fields names did not reveal, from what the columns hold. Returns what was guessed.
    ``guess_source`` is off for a monitor's export, whose figures are the monitor's own."""
    notes = []
    # A table's fields are in its first columns; a sheet 16,384 columns wide is not profiled to the end.
    free = [c for c in data.columns if c not in mapping.values()][:_PROFILED_COLUMNS]
    profiles = {c: column_profile(data[c]) for c in free}
    if "text" not in mapping:
        long_texts = [c for c in free if profiles[c][2] >= 40 and profiles[c][0] < 0.5]
        if long_texts:
            mapping["text"] = max(long_texts, key=lambda c: profiles[c][2])
            notes.append("text")
    if not any(f in mapping for f in ("date", "period", "period_start", "as_of")):
        dated = [c for c in free if c not in mapping.values() and profiles[c][1] >= 0.8]
        if dated:
            mapping["date"] = dated[0]
            notes.append("date")
    if not any(f in mapping for f in ("figure", "value", "low", "high")):
        numeric = [c for c in free if c not in mapping.values() and profiles[c][0] >= 0.8 and profiles[c][1] < 0.5]
        if numeric:
            mapping["figure"] = numeric[0]
            notes.append("figure")
    if guess_source and not any(f in mapping for f in ("source", "claimant")):
        named = [c for c in free if c not in mapping.values() and profiles[c][2] < 60
                 and not _PARTY.search(headers[c]) and _names_sources(data[c])]
        if named:
            mapping["source"] = named[0]  # whose figure each row is ("Quelle": Airwars, CJTF-OIR)
            notes.append("source")
    return notes

def _names_sources(values: pd.Series) -> bool:
    """Whether most cells of a column name known sources (Airwars, the coalition, IBC)."""
    sample = [str(v).strip() for v in values.head(1000) if str(v).strip()][:100]
    distinct = set(sample)
    if not sample or len(distinct) > 20:
        return False
    named = {v for v in distinct if source_named_in(v, common_words=True) is not None}
    return sum(1 for v in sample if v in named) >= 0.8 * len(sample)

def dates_from_content(mapping: dict[str, int], data: pd.DataFrame, filled: np.ndarray,
                        headers: list[str]) -> list[str]:
    """A first column of dates under a name that says nothing ("Row Labels", or none), taken as the
    date before columns side by side are looked for; its headings and totals are not counted."""
    if any(f in mapping for f in TIME_FIELDS):
        return []
    full = data[filled >= 2]
    for column in [c for c in data.columns[:3] if c not in mapping.values()]:
        labels = full[column].astype(str)
        labels = labels[~total_labels(labels.to_numpy(dtype=object))]
        if len(labels) and column_profile(labels)[1] >= 0.8 and not field_for_header(headers[column]):
            mapping["date"] = column
            return ["date"]
    return []


_MOST_CATEGORIES = 12


def category_column(mapping: dict[str, int], data: pd.DataFrame) -> int | None:
    """The column of a few categories where a figure would be ("killed_or_injured": k or i), in a dated
    list of one row per person or event: its rows are counted per category and date. None otherwise."""
    column = mapping.get("figure")
    if column is None or not any(f in mapping for f in ("date", "period", "period_start")) or any(
            f in mapping for f in ("value", "low", "high", "text")):
        return None
    cells = data[column].head(1000).astype(str).str.strip()
    filled = cells[cells != ""]
    if len(filled) < 2 or filled.nunique() > _MOST_CATEGORIES:
        return None
    figures, _dates, length = column_profile(data[column])
    return column if figures < 0.2 and length <= 30 else None
