"""The time series: what is drawn for each source and for the claim, zoom, saving."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pytestqt.qtbot import QtBot

import reviewer
from reviewer.plots.series_data import prepare_series
from reviewer.plots.timeseries_plot import TimeSeriesPlot


def _incidents() -> pd.DataFrame:
    days = pd.to_datetime(["2017-03-01", "2017-03-01", "2017-03-15", "2017-04-02"])
    return pd.DataFrame({"source": "IBC", "sheet": "events", "row": [2, 3, 4, 5], "date": days,
                         "value": [1.0, 2.0, 3.0, 4.0], "low": [1.0, 2.0, 3.0, 4.0], "high": [1.0, 2.0, 3.0, 4.0],
                         "kind": "incident", "metric": "", "figure_text": ["1", "2", "3", "4"]})



def _drawn(qtbot: QtBot, references: pd.DataFrame, size: tuple[int, int] | None = None) -> TimeSeriesPlot:
    """The plot drawing a workbook's series as the window does; shown on screen at ``size`` when given."""
    plot = TimeSeriesPlot()
    qtbot.addWidget(plot)
    if size is not None:
        plot.resize(*size)
        plot.show()
    plot.set_series(prepare_series(references))
    return plot

def test_cumulative_sources_are_steps_with_points_and_ranges_as_bands(qtbot: QtBot) -> None:
    book = reviewer.open_workbook(reviewer.sample_workbook())
    plot = _drawn(qtbot, book.references)
    coalition = book.references[(book.references["source"] == "CJTF-OIR")]
    assert len(plot.points["CJTF-OIR"].points()) == len(coalition)
    kinds = {type(item).__name__ for item in plot.items["Airwars"]}
    assert {"PlotDataItem", "FillBetweenItem", "BarGraphItem", "ScatterPlotItem"} <= kinds
    tip = plot._tip(0, 0, plot.points["Airwars"].data["data"][0])
    assert "Airwars" in tip and "2016-03-09" in tip and "1,004–1,419" in tip and "row" in tip


def test_incidents_per_month_then_per_day_when_zoomed_in(qtbot: QtBot) -> None:
    plot = _drawn(qtbot, _incidents())
    bars = plot.incident_bars["IBC"][0]
    assert list(bars.opts["height"]) == [6.0, 4.0]  # March, April
    start = pd.Timestamp("2017-02-20").timestamp()
    plot.plot.setXRange(start, start + 60 * 86400, padding=0)
    qtbot.waitUntil(lambda: plot.per_day)
    assert list(bars.opts["height"]) == [3.0, 3.0, 4.0]  # 1 March, 15 March, 2 April


def test_counts_per_month_stay_a_bar_a_month_when_zoomed_in(qtbot: QtBot) -> None:
    months = _incidents().iloc[:3].assign(date=pd.to_datetime(["2017-01-01", "2017-02-01", "2017-03-01"]),
                                          period_start=pd.to_datetime(["2017-01-01", "2017-02-01", "2017-03-01"]),
                                          period_end=pd.to_datetime(["2017-01-31", "2017-02-28", "2017-03-31"]))
    plot = _drawn(qtbot, months)
    bars = plot.incident_bars["IBC"][0]
    start = pd.Timestamp("2016-12-20").timestamp()
    plot.plot.setXRange(start, start + 60 * 86400, padding=0)
    qtbot.waitUntil(lambda: plot.per_day)
    assert list(bars.opts["height"]) == [1.0, 2.0, 3.0] and bars.opts["width"] == 25 * 86400  # not a day's sliver


def test_the_legend_names_the_claim_only_while_one_is_drawn(qtbot: QtBot) -> None:
    plot = _drawn(qtbot, _incidents())
    assert plot.claim_key.isHidden()
    plot.show_claim(np.datetime64("2017-03-15", "ns"), 5.0, 5.0, None, None)
    assert not plot.claim_key.isHidden() and "Claim" in plot.claim_key.text()
    plot.show_claim(None, np.nan, np.nan, None, None)
    assert plot.claim_key.isHidden()


def test_the_claim_marker_range_and_period(qtbot: QtBot) -> None:
    plot = _drawn(qtbot, _incidents())
    plot.show_claim(np.datetime64("2017-03-31", "ns"), 804.0, 1213.0, np.datetime64("2017-03-01", "ns"),
                    np.datetime64("2017-03-31", "ns"))
    x, y = plot.claim_marker.getData()
    assert len(x) == 1 and y[0] == (804 + 1213) / 2
    assert plot.claim_period.isVisible()
    plot.show_claim(None, np.nan, np.nan, None, None)
    assert len(plot.claim_marker.getData()[0]) == 0 and not plot.claim_period.isVisible()


def test_saving_the_plot_as_png_and_svg(qtbot: QtBot, tmp_path: Path) -> None:
    plot = _drawn(qtbot, reviewer.open_workbook(reviewer.sample_workbook()).references, size=(800, 500))
    plot.save(str(tmp_path / "figures.png"))
    plot.save(str(tmp_path / "figures.svg"))
    assert (tmp_path / "figures.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (tmp_path / "figures.svg").read_text(encoding="utf-8")[:500]


def test_without_a_claim_the_axis_shows_the_sources_years(qtbot: QtBot) -> None:
    plot = _drawn(qtbot, _incidents(), size=(600, 400))
    plot.show_claim(None, np.nan, np.nan, None, None)
    plot.plot.plotItem.vb.autoRange()
    low, high = plot.plot.plotItem.vb.viewRange()[0]
    assert low > pd.Timestamp("2016-01-01").timestamp() and high < pd.Timestamp("2018-01-01").timestamp()


def test_hiding_a_source_in_the_legend_hides_all_of_it(qtbot: QtBot) -> None:
    plot = _drawn(qtbot, reviewer.open_workbook(reviewer.sample_workbook()).references)
    airwars = plot.items["Airwars"]
    assert len(airwars) > 2 and all(item.isVisible() for item in airwars)
    plot.legend_boxes["Airwars"].click()  # untick it in the legend
    assert not any(item.isVisible() for item in airwars)
    assert all(item.isVisible() for item in plot.items["CJTF-OIR"])
    plot.legend_boxes["Airwars"].click()
    assert all(item.isVisible() for item in airwars)


def _running_total(figures: list[float], measure: str = "", unit: str = "") -> pd.DataFrame:
    days = pd.date_range("2015-01-31", periods=len(figures), freq="ME")
    return pd.DataFrame({"source": "Monitor", "sheet": "Totals", "row": range(2, 2 + len(figures)), "date": days,
                         "value": figures, "low": figures, "high": figures, "kind": "cumulative", "metric": "",
                         "figure_text": [f"{f:g}" for f in figures], "measure": measure, "unit": unit})


def test_the_y_axis_says_what_it_counts_with_thousands_separators(qtbot: QtBot) -> None:
    plot = _drawn(qtbot, _running_total([1000.0, 13000.0]))
    assert plot.plot.getAxis("left").labelText == "Deaths (running total)"
    assert plot.y_axis.tickStrings([0.0, 5000.0, 13000.0], 1.0, 5000.0) == ["0", "5,000", "13,000"]
    plot.set_series(prepare_series(_running_total([4.5, 6.25], measure="unemployment rate", unit="percent")))
    assert plot.plot.getAxis("left").labelText == "Unemployment rate (%)"
    assert plot.y_axis.tickStrings([2.5, 5.0], 1.0, 2.5) == ["2.5%", "5.0%"]


def test_a_small_claim_beside_large_figures_is_shown_at_a_scale_it_can_be_seen(qtbot: QtBot) -> None:
    # 352 in early 2015, where the running total was small; years later it reached 13,000.
    figures = [100.0, 300.0, 400.0] + [1000.0 * n for n in range(1, 14)] + [13000.0] * 30
    plot = _drawn(qtbot, _running_total(figures), size=(600, 400))
    plot.show_claim(np.datetime64("2015-02-28", "ns"), 352.0, 352.0, None, None)
    (left, right), (bottom, top) = plot.plot.plotItem.vb.viewRange()
    claim_x = pd.Timestamp("2015-02-28").timestamp()
    assert left < claim_x < right and bottom <= 352 < top
    assert top < 13000 / 4  # the claim is not lost at the foot of a 0–13,000 axis


def test_the_ring_goes_when_another_claim_or_file_is_shown(qtbot: QtBot) -> None:
    from reviewer.plots.series_data import RowRef

    plot = _drawn(qtbot, _running_total([100.0, 200.0, 300.0]))
    ref = plot.refs["Monitor"][1]
    assert ref == RowRef("Totals", 3, np.datetime64("2015-02-28", "ns"))
    plot.mark("Monitor", ref)
    assert plot.highlighted() is not None
    plot.show_claim(np.datetime64("2015-03-31", "ns"), 250.0, 250.0, None, None)
    assert plot.highlighted() is None
    plot.mark("Monitor", ref)
    plot.set_series(prepare_series(_running_total([5.0, 6.0])))  # another file
    assert plot.highlighted() is None


def test_on_a_log_scale_a_small_claim_and_a_large_total_are_both_in_view(qtbot: QtBot) -> None:
    figures = [100.0, 300.0, 400.0] + [1000.0 * n for n in range(1, 14)]
    plot = _drawn(qtbot, _running_total(figures), size=(600, 400))
    plot.show_claim(np.datetime64("2015-04-30", "ns"), 352.0, 352.0, None, None)
    plot.log_box.click()
    assert plot.claim_marker.getData()[1][0] == pytest.approx(np.log10(352))
    assert plot.points["Monitor"].getData()[1][-1] == pytest.approx(np.log10(13000))
    (_, _), (bottom, top) = plot.plot.plotItem.vb.viewRange()
    assert bottom < np.log10(352) < top
    assert plot.y_axis.tickStrings([2.0, 3.0, 4.0], 1.0, 1.0) == ["100", "1,000", "10,000"]
    plot.mark("Monitor", plot.refs["Monitor"][2])
    assert plot.highlighted()[1] == pytest.approx(np.log10(400))
    plot.log_box.click()  # back to a linear axis
    assert plot.claim_marker.getData()[1][0] == 352.0 and plot.points["Monitor"].getData()[1][-1] == 13000.0


def _x_range(plot: TimeSeriesPlot) -> tuple[pd.Timestamp, pd.Timestamp]:
    left, right = plot.plot.plotItem.vb.viewRange()[0]
    return pd.Timestamp(left, unit="s"), pd.Timestamp(right, unit="s")


def test_a_claim_at_either_end_of_a_series_shows_no_months_of_empty_axis(qtbot: QtBot) -> None:
    plot = _drawn(qtbot, _running_total([100.0 * n for n in range(1, 13)]), size=(600, 400))  # Jan–Dec 2015
    plot.show_claim(np.datetime64("2015-12-31", "ns"), 1200.0, 1200.0, None, None)
    left, right = _x_range(plot)
    assert pd.Timestamp("2015-12-31") < right < pd.Timestamp("2016-01-20")  # the star in view, then the edge
    assert left < pd.Timestamp("2015-07-31")  # the months before it, for context
    plot.show_claim(np.datetime64("2015-01-31", "ns"), 100.0, 100.0, None, None)
    left, right = _x_range(plot)
    assert pd.Timestamp("2015-01-10") < left < pd.Timestamp("2015-01-31") and right > pd.Timestamp("2015-04-30")


def test_a_claims_period_before_the_figures_is_shown_from_its_start_to_the_first_figure(qtbot: QtBot) -> None:
    plot = _drawn(qtbot, _running_total([100.0, 200.0, 300.0]), size=(600, 400))  # from 2015-01-31
    plot.show_claim(np.datetime64("2014-12-31", "ns"), 50.0, 50.0, np.datetime64("2014-09-01", "ns"),
                    np.datetime64("2014-12-31", "ns"))
    left, right = _x_range(plot)
    assert pd.Timestamp("2014-08-10") < left < pd.Timestamp("2014-09-01")
    assert pd.Timestamp("2015-03-31") < right < pd.Timestamp("2015-04-30")  # the figures, not months past them


def test_a_claim_in_the_last_month_of_counts_shows_that_months_bar_whole_and_no_more(qtbot: QtBot) -> None:
    plot = _drawn(qtbot, _incidents(), size=(600, 400))  # bars for March and April 2017
    plot.show_claim(np.datetime64("2017-04-02", "ns"), 4.0, 4.0, None, None)
    left, right = _x_range(plot)
    april_bar_end = pd.Timestamp("2017-04-01") + pd.Timedelta(days=25)
    assert april_bar_end < right < pd.Timestamp("2017-05-15")
    assert pd.Timestamp("2017-02-10") < left < pd.Timestamp("2017-03-01")


def test_a_claim_without_a_figure_is_still_brought_into_view_at_its_date(qtbot: QtBot) -> None:
    plot = _drawn(qtbot, _running_total([100.0 * n for n in range(1, 37)]), size=(600, 400))  # 2015–2017
    plot.show_claim(np.datetime64("2015-03-31", "ns"), 300.0, 300.0, None, None)
    plot.show_claim(np.datetime64("2017-06-30", "ns"), np.nan, np.nan, None, None)  # a figure it could not read
    left, right = _x_range(plot)
    assert left < pd.Timestamp("2017-06-30") < right and left > pd.Timestamp("2016-06-30")
