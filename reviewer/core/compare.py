"""Two sources side by side, aligned by date: the difference and the ratio of their figures."""

from __future__ import annotations

import numpy as np
import pandas as pd

from reviewer.core.check import primary_series
from reviewer.core.figures import value_or_low

__all__ = ["compare_sources"]


def compare_sources(references: pd.DataFrame, first: str, second: str, tolerance: float = 0.02) -> pd.DataFrame:
    """At every date either source published, each one's latest figure, with difference and ratio.

    Columns: date, <first>, <second>, first_text, second_text, difference, ratio, differs.
    """
    usable = primary_series(references[references["date"].notna()])
    sides = []
    for name in (first, second):
        rows = usable[usable["source"] == name].sort_values(["date", "row"], kind="stable")
        if (rows["kind"] == "cumulative").any():  # a running total, when the source publishes one
            rows = rows[rows["kind"] == "cumulative"]
        if rows.empty:
            sides.append(pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "level": [], "text": []}))
            continue
        if (rows["kind"] == "incident").all():
            # Incident counts are summed per day, then run into a total, so both sides are comparable.
            daily = rows.assign(level=value_or_low(rows)).groupby(rows["date"].dt.normalize())["level"].sum()
            totals = daily.cumsum()
            sides.append(pd.DataFrame({"date": totals.index, "level": totals.to_numpy(),
                                       "text": [f"{v:,.0f} (running total)" for v in totals.to_numpy()]}))
        else:
            sides.append(pd.DataFrame({"date": rows["date"].to_numpy(), "level": value_or_low(rows).to_numpy(),
                                       "text": rows["figure_text"].astype(str).to_numpy()}))
    dates = pd.DataFrame({"date": np.unique(np.concatenate([s["date"].to_numpy("datetime64[ns]") for s in sides]))})
    result = dates
    for label, side in zip(("a", "b"), sides, strict=True):
        side = side.sort_values("date").drop_duplicates("date", keep="last").rename(
            columns={"level": label, "text": f"{label}_text"})
        result = pd.merge_asof(result, side, on="date", direction="backward")
    result["difference"] = result["b"] - result["a"]
    with np.errstate(divide="ignore", invalid="ignore"):
        result["ratio"] = result["b"] / result["a"]
    scale = np.maximum(result["a"].abs(), result["b"].abs())
    result["differs"] = (result["difference"].abs() > scale * tolerance).fillna(False).astype(bool)
    return result.rename(columns={"a": first, "b": second, "a_text": "first_text", "b_text": "second_text"})
