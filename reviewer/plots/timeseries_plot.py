"""Every source on one date axis: running totals as steps, ranges as bands, incidents summed per month,
and the selected claim as a marker with its range and its period shaded.

The series are drawn once per workbook; selecting a claim only moves the claim's marker and the
highlight, so selection stays fast with a million reference rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from reviewer.plots.series_data import SourceSeries, prepare_series, seconds, steps

__all__ = ["SERIES_COLOURS", "TimeSeriesPlot"]

SERIES_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")
_POINTS_LIMIT = 20_000  # beyond this a series is drawn as a line only; points are for reading and clicking


class TimeSeriesPlot(QWidget):
    point_clicked = Signal(str, int)  # source, position in that source's table (sorted by date)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Time series of the sources' figures")
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
        self.plot.setBackground(self.palette().base().color())
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setLabel("left", "Figure")
        self.plot.setMenuEnabled(True)
        self.legend = self.plot.addLegend(offset=(10, 10), brush=pg.mkBrush(255, 255, 255, 215),
                                          pen=pg.mkPen(180, 180, 180), labelTextColor="#222",
                                          labelTextSize="8pt", verSpacing=-6)
        self.plot.setToolTip("Drag to pan, wheel to zoom (incidents are then summed per day), right-click for "
                             "more; click a legend entry to hide or show a source; click a point to find its row")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.items: dict[str, list[Any]] = {}
        self.points: dict[str, pg.ScatterPlotItem] = {}
        self.positions: dict[str, np.ndarray] = {}  # per source: table position of each plotted point
        self.claim_marker = pg.ScatterPlotItem(size=16, symbol="star", pen=pg.mkPen("#000", width=1),
                                               brush=pg.mkBrush("#ffd700"))
        self.claim_range = pg.ErrorBarItem(x=np.array([]), y=np.array([]), beam=0, pen=pg.mkPen("#b8860b", width=3))
        self.claim_period = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(255, 215, 0, 50))
        self.claim_period.setZValue(-10)
        self.highlight = pg.ScatterPlotItem(size=22, symbol="o", pen=pg.mkPen("#ff00ff", width=3),
                                            brush=pg.mkBrush(0, 0, 0, 0))
        self._plotted_claim = False
        self.incident_bars: dict[str, tuple[Any, tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]] = {}
        self._bar_days: dict[str, int] = {}  # how wide a source's bars are: a month's, or a year's
        self.per_day = False
        self._whole_periods: set[str] = set()  # sources of counts per month or year
        self.plot.plotItem.vb.sigXRangeChanged.connect(self.on_view_x_range_changed)

    @Slot(object, object)
    def on_view_x_range_changed(self, _view: Any, x_range: Any) -> None:
        """Incidents are summed per month; zoomed in to four months or less, per day."""
        per_day = (x_range[1] - x_range[0]) < 120 * 86400
        if per_day == self.per_day:
            return
        self.per_day = per_day
        for source, (bars, monthly, daily) in self.incident_bars.items():
            if source in self._whole_periods:
                continue  # counts per month or year: a bar a period at any zoom
            x, height = daily if per_day else monthly
            bars.setOpts(x0=x, height=height, width=(0.8 if per_day else self._bar_days[source]) * 86400)
            points = self.points.get(source)
            if points is not None and source not in self._cumulative_sources:
                points.setVisible(not per_day and bars.isVisible())  # the points are month totals

    def set_references(self, references: pd.DataFrame, source_positions: dict[str, np.ndarray]) -> None:
        """Draw every source. ``source_positions`` maps a source to its rows' dates in table order."""
        self.set_series(prepare_series(references), source_positions)

    def set_series(self, series: list[SourceSeries], source_positions: dict[str, np.ndarray],
                   counting: str = "Figure") -> None:
        """Draw series prepared beforehand (in the background, for a large workbook). ``counting`` names
        what the figures count, on the left axis ("Injured" beside claims about the injured)."""
        self.plot.setLabel("left", counting)
        self.plot.clear()
        self.legend.clear()
        self.items.clear()
        self.points.clear()
        self.positions.clear()
        self.incident_bars.clear()
        self.per_day = False
        self._cumulative_sources: set[str] = set()
        self._whole_periods = {one.source for one in series if one.whole_periods}
        self._bar_days.clear()
        for index, one in enumerate(series):
            colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
            self._draw_source(one, colour, source_positions.get(one.source))
        for item in (self.claim_period, self.claim_range, self.claim_marker, self.highlight):
            self.plot.addItem(item)
        self.claim_period.hide()
        self.claim_range.hide()
        self._plotted_claim = False
        self.plot.enableAutoRange()

    def _draw_source(self, one: SourceSeries, colour: str, table_dates: np.ndarray | None) -> None:
        source = one.source
        pen = pg.mkPen(colour, width=2)
        items: list[Any] = []
        if len(one.cumulative):
            self._cumulative_sources.add(source)
            sx, sy = steps(one.x, one.level)
            curve = pg.PlotDataItem(sx, sy, pen=pen, name=source)
            self.plot.addItem(curve)
            # Set after adding: while the item joins the scene, its "view" is briefly the widget.
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")
            items.append(curve)
            if np.any(one.high > one.level):
                bx, bhigh = steps(one.x, one.high)
                upper = pg.PlotDataItem(bx, bhigh, pen=pg.mkPen(colour, width=1, style=pg.QtCore.Qt.PenStyle.DashLine))
                band = pg.FillBetweenItem(curve, upper, brush=pg.mkBrush(pg.mkColor(colour).lighter(170)))
                band.setZValue(-5)
                self.plot.addItem(upper)
                self.plot.addItem(band)
                items += [upper, band]
            self._add_points(source, one.x, one.level, one.cumulative, colour, table_dates, items,
                             open_above=one.open_above)
        if len(one.monthly[0]):
            x, height = one.monthly
            self._bar_days[source] = 330 if one.per == "year" else 25
            width = self._bar_days[source] * 86400
            bars = pg.BarGraphItem(x0=x, width=width, height=height, brush=pg.mkBrush(colour),
                                   pen=pg.mkPen(colour), name=f"{source} per {one.per}")
            bars.setOpacity(0.55)
            self.plot.addItem(bars)
            items.append(bars)
            self.incident_bars[source] = (bars, one.monthly, one.daily)
            if not len(one.cumulative):
                self._add_points(source, x + width / 2, height, one.incidents, colour, table_dates, items,
                                 open_above=np.zeros(len(x), dtype=bool), label=f"{one.per} total")
        self.items[source] = items
        if items:
            # The legend shows and hides the first item; the source's band, bars and points follow it.
            items[0].visibleChanged.connect(lambda name=source: self._follow_legend(name))

    def _follow_legend(self, source: str) -> None:
        items = self.items.get(source, [])
        if not items:
            return
        visible = items[0].isVisible()
        for item in items[1:]:
            if item.isVisible() != visible:
                item.setVisible(visible)

    def _add_points(self, source: str, x: np.ndarray, y: np.ndarray, rows: pd.DataFrame, colour: str,
                    table_dates: np.ndarray | None, items: list[Any], open_above: np.ndarray,
                    label: str = "") -> None:
        if len(x) > _POINTS_LIMIT:
            return
        texts = rows["figure_text"].astype(str).to_numpy()
        dates = rows["date"].to_numpy("datetime64[ns]")
        positions = (np.searchsorted(table_dates, dates, side="left") if table_dates is not None
                     else np.arange(len(x)))
        self.positions[source] = positions
        data = [(source, int(p), t, str(d)[:10], label) for p, t, d in zip(positions, texts, dates, strict=True)]
        symbols = ["t1" if up else "o" for up in open_above]  # a triangle up for "at least N"
        points = pg.ScatterPlotItem(x=x, y=y, data=data, size=8, symbol=symbols, pen=pg.mkPen(colour),
                                    brush=pg.mkBrush(colour), hoverable=True, hoverSize=13, tip=self._tip)
        points.sigClicked.connect(self.on_points_clicked)
        self.plot.addItem(points)
        self.points[source] = points
        items.append(points)

    @staticmethod
    def _tip(x: float, y: float, data: Any) -> str:
        source, _, text, date, label = data
        return f"{source}\n{date}\n{text}{' (' + label + ')' if label else ''}"

    @Slot(object, object)
    def on_points_clicked(self, item: pg.ScatterPlotItem, points: Any) -> None:
        if len(points):
            source, position = points[0].data()[:2]
            self.point_clicked.emit(source, int(position))

    def show_claim(self, as_of: np.datetime64 | None, low: float, high: float, start: np.datetime64 | None,
                   end: np.datetime64 | None) -> None:
        """Move the claim's marker, range and period; nothing else is redrawn."""
        if as_of is None or np.isnat(as_of) or (np.isnan(low) and np.isnan(high)):
            self.claim_marker.setData(x=[], y=[])
            self.claim_range.setData(x=np.array([]), y=np.array([]))
            self.claim_range.hide()  # an empty error bar still claims the origin, dragging the axis to 1970
            self.legend.removeItem(self.claim_marker)  # no star on the plot, none in the legend
        else:
            self.claim_range.show()
            if self.legend.getLabel(self.claim_marker) is None:
                self.legend.addItem(self.claim_marker, "Claim")
            x = float(seconds(np.array([as_of]))[0])
            low_v = low if not np.isnan(low) else high
            high_v = high if not np.isnan(high) else low
            middle = (low_v + high_v) / 2
            self.claim_marker.setData(x=[x], y=[middle], data=["claim"])
            self.claim_range.setData(x=np.array([x]), y=np.array([middle]), top=np.array([high_v - middle]),
                                     bottom=np.array([middle - low_v]))
        if start is not None and end is not None and not np.isnat(start) and not np.isnat(end):
            region = seconds(np.array([start, end]))
            self.claim_period.setRegion((float(region[0]), float(region[1]) + 86400))
            self.claim_period.show()
        else:
            self.claim_period.hide()

    def mark(self, source: str, position: int) -> None:
        """Ring the point of one source row (the row selected in its table)."""
        points = self.points.get(source)
        positions = self.positions.get(source)
        if points is None or positions is None:
            self.highlight.setData(x=[], y=[])
            return
        found = np.flatnonzero(positions == position)
        if not len(found):
            self.highlight.setData(x=[], y=[])
            return
        x, y = points.getData()
        self.highlight.setData(x=[x[found[0]]], y=[y[found[0]]])

    def highlighted(self) -> tuple[float, float] | None:
        x, y = self.highlight.getData()
        return (float(x[0]), float(y[0])) if len(x) else None

    def save(self, path: str) -> None:
        """The plot as PNG (at twice the screen's resolution) or SVG, drawn by Qt's own painters.

        pyqtgraph's exporters are not used: its SVG exporter breaks on Qt 6 path data.
        """
        from PySide6.QtCore import QRect, QSize
        from PySide6.QtGui import QImage, QPainter
        from PySide6.QtSvg import QSvgGenerator

        width, height = max(self.plot.width(), 1), max(self.plot.height(), 1)
        if path.lower().endswith(".svg"):
            device: Any = QSvgGenerator()
            device.setFileName(path)
            device.setSize(QSize(width, height))
            device.setViewBox(QRect(0, 0, width, height))
            device.setTitle("Published figures over time")
            painter = QPainter(device)
        else:
            device = QImage(width * 2, height * 2, QImage.Format.Format_ARGB32)
            device.fill(self.plot.backgroundBrush().color())
            painter = QPainter(device)
            painter.scale(2, 2)
        try:
            self.plot.render(painter)
        finally:
            painter.end()
        if isinstance(device, QImage) and not device.save(path):
            raise OSError(f"{path} could not be written")
        if not Path(path).exists():
            raise OSError(f"{path} could not be written")

    def reset_view(self) -> None:
        self.plot.enableAutoRange()
