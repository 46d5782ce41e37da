"""Lists of one row per person or event ("incident_date | killed_or_injured"), counted into figures.

A monitor's list of victims has no figure column: each row is one person, and a column says whether
they were killed or injured. The figure for a day is the number of its rows in each category.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["count_rows"]

_WORDS = re.compile(r"[a-z]+")
_GROUPED = ("date", "period", "period_start", "period_end", "source", "place", "measure")


def category_names(header: str, values: list[str]) -> dict[str, str]:
    """Each category as a word: a one-letter code names the header's word that starts with it ("k" of
    "killed_or_injured" is "killed"); other categories are kept as written."""
    words = _WORDS.findall(header.lower())
    names = {}
    for value in values:
        matches = {w for w in words if len(value) == 1 and w.startswith(value.lower())}
        names[value] = matches.pop() if len(matches) == 1 else value
    return names


def count_rows(data: pd.DataFrame, rows: np.ndarray, headers: list[str], mapping: dict[str, int],
               counted: int) -> tuple[pd.DataFrame, np.ndarray, list[str], dict[str, int]]:
    """The rows counted per category and per date (and source and place, when columns give them): a
    figure per group, at the spreadsheet row of its first person or event."""
    keys = {name: mapping[name] for name in _GROUPED if name in mapping}
    table = pd.DataFrame({name: data[column].astype(str).str.strip().to_numpy(dtype=object)
                          for name, column in keys.items()})
    categories = data[counted].astype(str).str.strip().to_numpy(dtype=object)
    named = category_names(headers[counted], [str(v) for v in pd.unique(categories) if str(v)])
    table["metric"] = np.array([named.get(str(v), "") for v in categories], dtype=object)
    table["_row"] = rows
    table = table[table["metric"] != ""]
    grouped = table.groupby([*keys, "metric"], sort=False).agg(count=("_row", "size"), first=("_row", "min"))
    grouped = grouped.reset_index().sort_values("first", kind="stable")
    fields = [*keys, "metric"]
    out = pd.DataFrame({i: grouped[name].to_numpy(dtype=object) for i, name in enumerate(fields)})
    out[len(fields)] = grouped["count"].astype(str).to_numpy(dtype=object)
    out.index = range(len(out))
    new_mapping = {name: i for i, name in enumerate(fields)} | {"figure": len(fields)}
    if "measure" not in keys:
        out[len(fields) + 1] = out[len(fields) - 1]  # what is counted: the category ("killed")
        new_mapping["measure"] = len(fields) + 1
    new_headers = [headers[keys[name]] for name in keys] + [headers[counted], f"Rows counted per {headers[counted]}",
                                                              headers[counted]]
    return out, grouped["first"].to_numpy(dtype=np.int64), new_headers[:len(out.columns)], new_mapping
