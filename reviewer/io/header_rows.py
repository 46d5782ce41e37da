"""The rows of column names: which row holds them, names in two rows, HXL tags under them.

A row of names is found the way a person finds it: words, not figures or dates, with data under it;
not a title, not a pivot table's caption, not a first row of data shaped like the rows around it.
"""

from __future__ import annotations

import re

import pandas as pd

from reviewer.core.dates import parse_period
from reviewer.core.fields import field_for_header
from reviewer.core.figures import parse_figure
from reviewer.core.period_columns import find_period_columns

__all__ = ["HEADER_SCAN_ROWS", "NUMBERISH", "excel_column", "find_header", "groups_above", "headers_for", "hxl_tags",
           "is_sub_header", "is_texty", "join_header_rows", "map_tags"]

HEADER_SCAN_ROWS = 40
NUMBERISH = re.compile(r"^[\s\d,.%+\-–/:()$€£]*$")


def excel_column(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the letters the user sees above the column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_texty(cell: str) -> bool:
    if not cell:
        return False
    if NUMBERISH.match(cell):
        return False
    return parse_period(cell).is_empty


def find_header(rows: list[list[str]], width: int) -> int | None:
    best, best_score = None, 0.0
    for position, row in enumerate(rows):
        filled = [cell for cell in row if cell.strip()]
        if len(filled) < 2 and width > 1:
            continue  # a title, a merged banner or a blank row
        if _is_pivot_caption(row):
            continue  # "Sum of Deaths | Column Labels" over a pivot table's names
        known = sum(1 for cell in filled if field_for_header(cell))
        texty = sum(1 for cell in filled if is_texty(cell) and len(cell) <= 80)
        periods = find_period_columns(row)
        if periods is not None:  # "Governorate | 2014 | 2015 | 2016": the years are names here
            texty += len(periods.columns)
            known += 1
        if texty < max(1, len(filled) // 2):
            continue
        if periods is None and _like_a_row_beside(rows, position):
            continue  # a first row of data ("The coalition acknowledged … | at least 352 | 2017-04-30")
        below = rows[position + 1: position + 6]
        # A monitor's export leaves many columns empty (UCDP fills 19 of its 49): a quarter will do.
        needed = min(max(1, len(filled) // 2), max(2, len(filled) // 4))
        if below and not any(sum(1 for c in r if c.strip()) >= needed for r in below):
            continue  # a row of words with nothing under it is not a header
        score = known * 3 + texty + len(filled) * 0.1
        if score > best_score + 0.5:
            best, best_score = position, score
    return best


_SHAPE_COLUMNS = 64  # a table's first columns show its rows' shape


def _cell_kind(cell: str) -> str:
    """What a cell holds, as a row's shape sees it: nothing, a sentence, a figure, a date, or a word."""
    text = cell.strip()
    if not text:
        return ""
    if len(text) > 40 and is_texty(text):
        return "sentence"
    if NUMBERISH.match(text) or not parse_figure(text).problem:
        return "figure"
    return "word" if parse_period(text).is_empty else "date"


def _like_a_row_beside(rows: list[list[str]], position: int) -> bool:
    """Whether the row holds what the row under or over it holds, column by column, and some of it is
    sentences, figures or dates: then both are data, as in a sheet of claims with no names above."""
    shape = [_cell_kind(c) for c in rows[position][:_SHAPE_COLUMNS]]
    if not any(k in {"sentence", "figure", "date"} for k in shape) or sum(1 for k in shape if k) < 2:
        return False
    return any(0 <= other < len(rows) and [_cell_kind(c) for c in rows[other][:_SHAPE_COLUMNS]] == shape
               for other in (position + 1, position - 1))


def _is_pivot_caption(row: list[str]) -> bool:
    """Whether the row is the caption Excel puts over a pivot table's column names."""
    return any(cell.strip().lower() == "column labels" for cell in row)


def is_sub_header(rows: list[list[str]], position: int) -> bool:
    """Whether the row under a header is a second row of names (under merged or grouped cells)."""
    if position + 2 >= len(rows):
        return False
    top, below = rows[position], rows[position + 1]
    filled = [(i, c) for i, c in enumerate(below) if c.strip()]
    if len(filled) < 2 or not all(is_texty(c) and len(c) <= 40 for _, c in filled):
        return False
    # The second row names columns the first row leaves blank (the rest of a merged cell).
    return any(i < len(top) and not top[i].strip() for i, _ in filled)


def groups_above(rows: list[list[str]], position: int) -> bool:
    """Whether the row above a header names groups of its columns ("Date | Iraq | | Syria |" over
    " | Killed | Injured | Killed | Injured"). Such a row scores below the names under it, yet the
    columns mean nothing without it. A title row of two cells is no such row: a group spans two or
    more named columns, and the row's first name stands over a blank or over itself (merged down)."""
    if position == 0:
        return False
    upper, lower = rows[position - 1], rows[position]
    if _is_pivot_caption(upper):
        return False
    named = [i for i, c in enumerate(upper) if c.strip()]
    if len(named) < 2 or not all(is_texty(upper[i]) and len(upper[i]) <= 40 for i in named):
        return False
    first = named[0]
    if first < len(lower) and lower[first].strip() not in ("", upper[first].strip()):
        return False  # a title's first words over the first column's name
    spans = 0
    for start, end in zip(named, [*named[1:], len(upper)], strict=True):
        under = [i for i in range(start, min(end, len(lower))) if lower[i].strip()]
        if upper[start].strip() == lower[start].strip() or not under:
            continue  # a label merged down, or over a blank
        spans += len(under) >= 2 and any(not upper[i].strip() for i in under)
    return spans > 0


def join_header_rows(top: list[str], below: list[str]) -> list[str]:
    joined, group = [], ""
    for index in range(max(len(top), len(below))):
        upper = top[index].strip() if index < len(top) else ""
        lower = below[index].strip() if index < len(below) else ""
        if upper:
            group = upper
        if lower == upper:  # a name merged down both rows
            joined.append(upper)
        elif lower:
            joined.append(f"{group} {lower}".strip() if not upper or upper == group else f"{upper} {lower}")
        else:
            joined.append(upper)
    return joined


def headers_for(row: list[str], width: int) -> list[str]:
    headers: list[str] = []
    seen: dict[str, int] = {}
    for index in range(width):
        name = row[index].strip() if index < len(row) else ""
        name = name or f"Column {excel_column(index)}"
        if name in seen:  # two columns called "Date": keep both, tell them apart
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        headers.append(name)
    return headers


_HXL_TAG = re.compile(r"^#[a-z][a-z0-9_]*(?:\s*\+[a-z][a-z0-9_]*)*$", re.IGNORECASE)


def hxl_tags(cells: pd.DataFrame, position: int) -> list[str] | None:
    """The row's hashtags when it is a row of HXL tags under the column names ("#date",
    "#affected+killed"), as files from the Humanitarian Data Exchange carry; None for a row of data."""
    if position >= len(cells):
        return None
    row = [str(c).strip() for c in cells.iloc[position]]
    tagged = [c for c in row if c]
    if len(tagged) < min(2, len(row)) or not all(_HXL_TAG.match(c) for c in tagged):
        return None
    return [c.lower().replace(" ", "") for c in row]


def _field_for_tag(tag: str) -> str | None:
    """What an HXL tag says a column holds, for the fields Reviewer reads."""
    name, *attributes = tag.split("+")
    if name == "#date":
        return "period_start" if "start" in attributes else "period_end" if "end" in attributes else "date"
    if name == "#affected" and {"killed", "dead", "deaths", "fatalities"} & set(attributes):
        return "low" if "min" in attributes else "high" if "max" in attributes else "figure"
    if name == "#org" or (name == "#meta" and "source" in attributes):
        return "source"  # the organisation whose figures these are
    if name in {"#country", "#adm1", "#adm2", "#loc"} and "code" not in attributes:
        return "place"
    if name == "#indicator" and "code" not in attributes:
        return "measure"
    return None


def map_tags(tags: list[str], mapping: dict[str, int]) -> None:
    """Fill what the column names left unmapped from the columns' HXL tags."""
    for column, tag in enumerate(tags):
        name = _field_for_tag(tag)
        if name and name not in mapping and column not in mapping.values():
            mapping[name] = column
