"""What the time series draws for each source, computed from the references without Qt.

Kept apart from the widget so that a large workbook's series are prepared in the background,
with the rest of the loading, and the window only has to draw them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from reviewer.core.check import DEATHS, series_rows
from reviewer.core.figures import value_or_low

__all__ = ["SourceSeries", "prepare_series", "seconds", "steps"]


def seconds(dates: np.ndarray) -> np.ndarray:
    """Dates as float seconds since 1970, the x values of a date axis."""
    return dates.astype("datetime64[ns]").astype(np.int64) / 1e9


def steps(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A running total holds its value until the next figure: a staircase through the points."""
    if len(x) < 2:
        return x, y
    return np.repeat(x, 2)[1:], np.repeat(y, 2)[:-1]


@dataclass(slots=True)
class SourceSeries:
    source: str
    cumulative: pd.DataFrame  # rows sorted by date (empty when the source publishes no running total)
    x: np.ndarray
    level: np.ndarray  # the value, else the lower end
    high: np.ndarray  # the upper end where a range, else the level
    open_above: np.ndarray
    incidents: pd.DataFrame  # the first row of each month (or year), for its points
    monthly: tuple[np.ndarray, np.ndarray]  # summed per month, or per year for counts published per year
    daily: tuple[np.ndarray, np.ndarray]
    per: str = "month"  # what a bar of ``monthly`` covers: "month", or "year"
    whole_periods: bool = False  # counts published per month or year: zoomed in, still a bar a period


def prepare_series(references: pd.DataFrame, harm: str = DEATHS) -> list[SourceSeries]:
    """Each source's series of ``harm`` (deaths, or injuries for claims about the injured), ready to draw."""
    result = []
    usable = series_rows(references, harm)
    for source, rows in usable.groupby("source", sort=False):
        cumulative = rows[rows["kind"] == "cumulative"].sort_values(["date", "row"], kind="stable")
        incidents = rows[rows["kind"] != "cumulative"].sort_values(["date", "row"], kind="stable")
        x = seconds(cumulative["date"].to_numpy())
        high = cumulative["high"].to_numpy(dtype=float)
        level = value_or_low(cumulative).to_numpy(dtype=float)
        empty = (np.array([]), np.array([]))
        monthly, daily, firsts = empty, empty, incidents.iloc[:0]
        per, whole_periods = "month", False
        if len(incidents):
            # Counts published per year ("Ninewa | 2014 | 2015") are drawn a bar a year, not as one month.
            spans = (incidents["period_end"] - incidents["period_start"]).dropna() \
                if {"period_start", "period_end"} <= set(incidents.columns) else pd.Series(dtype="timedelta64[ns]")
            typical = spans.median() if len(spans) else pd.Timedelta(0)
            per = "year" if typical >= pd.Timedelta(days=300) else "month"
            whole_periods = typical >= pd.Timedelta(days=27)
            month = incidents["date"].dt.to_period("M" if per == "month" else "Y").dt.to_timestamp()
            counts = value_or_low(incidents).fillna(0)
            by_month = counts.groupby(month).sum()
            by_day = counts.groupby(incidents["date"].dt.normalize()).sum()
            monthly = (seconds(by_month.index.to_numpy()), by_month.to_numpy(dtype=float))
            # A count for a month has no days to spread over: zoomed in, it stays the month's bar.
            daily = monthly if whole_periods else (seconds(by_day.index.to_numpy()), by_day.to_numpy(dtype=float))
            firsts = incidents.groupby(month, sort=True).head(1)
        result.append(SourceSeries(str(source), cumulative, x, level, np.where(np.isfinite(high), high, level),
                                   np.isinf(high), firsts, monthly, daily, per, whole_periods))
    return result
