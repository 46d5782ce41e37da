"""What the time series draws for each source, computed from the references without Qt.

Kept apart from the widget so that a large workbook's series are prepared in the background,
with the rest of the loading, and the window only has to draw them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reviewer.core.check import DEATHS, INJURIES, series_rows
from reviewer.core.figures import value_or_low
from reviewer.core.series import Series

__all__ = ["RowRef", "SeriesByPlace", "SourceSeries", "axis_title", "label_text", "prepare_series", "row_refs",
           "seconds", "steps"]

_PERCENT_UNITS = {"percent", "%", "per cent", "percentage"}


@dataclass(frozen=True, slots=True)
class RowRef:
    """Which row of a source's table a point stands for: its sheet and row, and the date, which tells
    apart the figures of one row of a table by period ("Ninewa | 2014 | 2015")."""

    sheet: str
    row: int
    date: np.datetime64 | None = None


def row_refs(rows: pd.DataFrame) -> list[RowRef]:
    dates = rows["date"].to_numpy("datetime64[ns]")
    return [RowRef(str(s), int(r), None if np.isnat(d) else d)
            for s, r, d in zip(rows["sheet"].tolist(), rows["row"].tolist(), dates, strict=True)]


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
    measure: str = ""  # what the figures count, when the rows say (one measure for the whole series)
    unit: str = ""


def _one(rows: pd.DataFrame, column: str) -> str:
    if column not in rows:
        return ""
    # A million rows hold a few distinct names: each is looked at once.
    values = {str(v).strip() for v in pd.unique(rows[column].dropna().to_numpy(dtype=object))} - {""}
    return values.pop() if len(values) == 1 else ""


def axis_title(series: list[SourceSeries], counting: str = "Deaths") -> tuple[str, bool]:
    """What the y axis counts, in words ("Deaths (running total)"), and whether it is a percentage.

    The rows' measure names it when every series names the same one; else ``counting``."""
    measures = {one.measure for one in series}
    name = measures.pop() if len(measures) == 1 and "" not in measures else counting
    units = {one.unit.lower() for one in series}
    percent = bool(series) and units <= _PERCENT_UNITS
    # Short enough to fit along a plot a third of a small screen high; the legend says which are bars.
    pers = sorted({one.per for one in series if len(one.monthly[0])})
    what = "running total" if any(len(one.cumulative) for one in series) else \
        " or ".join(f"per {p}" for p in pers)
    title = name[:1].upper() + name[1:]
    if percent and "%" not in title:
        title += " (%)"
    return (f"{title} ({what})" if what and not percent else title), percent


def prepare_series(references: pd.DataFrame, harm: str = DEATHS) -> list[SourceSeries]:
    """Each source's series of ``harm`` (deaths, or injuries for claims about the injured), ready to draw."""
    result = []
    usable = series_rows(references, harm)
    for source, rows in usable.groupby("source", sort=False):
        # A level (a population, a rate) is drawn as a running total is, a line through its points: a bar
        # would add its values up over a month or a year.
        held = rows["kind"].isin(["cumulative", "level"])
        cumulative = rows[held].sort_values(["date", "row"], kind="stable")
        incidents = rows[~held].sort_values(["date", "row"], kind="stable")
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
                                   np.isinf(high), firsts, monthly, daily, per, whole_periods,
                                   _one(rows, "measure"), _one(rows, "unit")))
    return result


def label_text(value: object) -> str:
    """A check's place or measure as text: "" when missing."""
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


class SeriesByPlace:
    """Each source's series for a claim's own place and measure, as the check chose them: Italy's deaths
    beside a claim about Italy, never the first country of the file. Prepared once per (source, place,
    measure) and kept, so that moving through claims stays quick."""

    def __init__(self, references: pd.DataFrame, series: Sequence[Series] = ()) -> None:
        self.references = references
        # The check's own series, by the names it reports: a country summed from its provinces ("Australia"
        # in JHU's file), a territory named under its country ("Hong Kong, China"), one count of several.
        self._series: dict[tuple[str, str, str], list[Series]] = {}
        for one in series:
            self._series.setdefault((one.source, one.place, one.measure), []).append(one)
        self._groups: dict[tuple[str, str, str], np.ndarray] | None = None
        self._prepared: dict[tuple[str, str, str], list[SourceSeries]] = {}
        columns = {"source", "place", "measure"} <= set(references.columns)
        spread = references.groupby("source")[["place", "measure"]].nunique() if columns and len(references) \
            else pd.DataFrame()
        # A workbook whose sources each publish one place and one measure draws them whole, whatever the claim.
        self.varies = bool(len(spread)) and int(spread.to_numpy().max()) > 1

    def for_checks(self, checks: pd.DataFrame | None) -> list[SourceSeries] | None:
        """The series the check answered the claim from, or None when the whole series serve."""
        if not self.varies or checks is None or not {"place", "measure"} <= set(checks.columns):
            return None
        if self._groups is None:
            frame = self.references[["source", "place", "measure"]].astype(str)
            self._groups = {tuple(k): v for k, v in frame.groupby(["source", "place", "measure"]).indices.items()}
        result: list[SourceSeries] = []
        for source, place, measure in zip(checks["source"], checks["place"], checks["measure"], strict=True):
            key = (str(source), label_text(place), label_text(measure))
            if key not in self._prepared:
                made = self._series.get(key)
                rows = pd.concat([_rows_of(one) for one in made], ignore_index=True) if made else \
                    self.references.iloc[self._groups.get(key, np.array([], dtype=np.int64))]
                self._prepared[key] = prepare_series(rows, INJURIES if key[2] == "injured" else DEATHS)
            result.extend(self._prepared[key])
        return result


def _rows_of(series: Series) -> pd.DataFrame:
    """A series as the reference rows it was made of: one row per figure, as the plot reads rows."""
    dates = series.dates.view("datetime64[ns]")
    return pd.DataFrame({
        "source": series.source, "kind": series.kind, "measure": series.measure, "place": series.place,
        "unit": series.unit, "metric": series.measure, "sheet": series.sheet, "row": series.rows, "date": dates,
        "period_start": dates, "period_end": series.ends.view("datetime64[ns]"), "value": series.value,
        "low": series.lo, "high": np.where(np.isinf(series.hi), np.nan, series.hi), "figure_text": series.texts})
