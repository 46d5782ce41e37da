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
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from reviewer.plots.series_data import RowRef, SourceSeries, axis_title, row_refs, seconds, steps

__all__ = ["SERIES_COLOURS", "CountAxis", "TimeSeriesPlot"]

SERIES_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")
_POINTS_LIMIT = 20_000  # beyond this a series is drawn as a line only; points are for reading and clicking
_FRAME_BEFORE = 180 * 86400  # selecting a claim shows the half year before it...
_FRAME_AFTER = 120 * 86400  # ...and four months after, as far as there are figures there
_MARGIN = 0.03  # of the span shown, each side: the star and the last point are not cut in half by the edge
_MARGIN_LEAST = 7 * 86400


class CountAxis(pg.AxisItem):
    """A y axis that writes 13,000, not 13000; or 12.5% for percentages."""

    percent = False

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        suffix = "%" if self.percent else ""
        if self.logMode:  # the values are powers of ten: 1,000 rather than 10^3; between them, 2 and 5 only
            labels = []
            for v in values:
                leading = round(10 ** (v - np.floor(v)), 6)
                labels.append(f"{10 ** v:,.{max(0, -int(np.floor(v)))}f}{suffix}" if leading in (1, 2, 5) else "")
            return labels
        step = spacing * scale
        decimals = next((d for d in range(7) if abs(round(step * 10**d) - step * 10**d) < 1e-6), 6)
        return [f"{v * scale:,.{decimals}f}{suffix}" for v in values]


class _ClaimMarker(pg.ScatterPlotItem):
    """The claim's star. A click on it reaches the source's point beneath (a claim that matches sits on it)."""

    def mouseClickEvent(self, ev: Any) -> None:
        ev.ignore()


class TimeSeriesPlot(QWidget):
    point_clicked = Signal(str, object)  # source, and the RowRef of the row the point stands for

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Time series of the sources' figures")
        self.y_axis = CountAxis("left")
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(), "left": self.y_axis})
        self.plot.setBackground(self.palette().base().color())
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setLabel("left", "Figure")
        self.plot.setMenuEnabled(True)
        self.plot.setToolTip("Drag to pan, wheel to zoom (incidents are then summed per day), right-click for "
                             "more; click a point to find its row; Ctrl+R shows everything")
        # The legend is a row of check boxes above the plot, never over the data; unticking one hides
        # that source.
        self.legend = QWidget()
        self.legend.setAccessibleName("Legend: the sources on the plot")
        # Many sources must not widen the plot's pane at the expense of the claims list: the row is cut.
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.legend_row = QHBoxLayout(self.legend)
        self.legend_row.setContentsMargins(6, 2, 6, 0)
        self.legend_row.setSpacing(12)
        self.legend_boxes: dict[str, QCheckBox] = {}
        self.claim_key = QLabel("<span style='color:#b8860b'>★</span> Claim")
        self.claim_key.setAccessibleName("The selected claim is the star")
        self.log_box = QCheckBox("Log scale")
        self.log_box.setToolTip("A logarithmic axis: a claim of 352 and a total of 13,000 both in view")
        self.log_box.toggled.connect(self.set_log_scale)
        self.log = False
        self._point_args: dict[str, tuple[np.ndarray, np.ndarray, list[Any], list[str]]] = {}
        self._bands: list[Any] = []  # a range's band, redrawn from its curves when the scale changes
        self._claim: tuple[Any, ...] = (None, np.nan, np.nan, None, None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot, 1)
        self.items: dict[str, list[Any]] = {}
        self.points: dict[str, pg.ScatterPlotItem] = {}
        self.refs: dict[str, list[RowRef]] = {}  # per source: the row each plotted point stands for
        self.claim_marker = _ClaimMarker(size=16, symbol="star", pen=pg.mkPen("#000", width=1),
                                               brush=pg.mkBrush("#ffd700"))
        self.claim_range = pg.ErrorBarItem(x=np.array([]), y=np.array([]), beam=0, pen=pg.mkPen("#b8860b", width=3))
        self.claim_period = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(255, 215, 0, 50))
        self.claim_period.setZValue(-10)
        self.highlight = pg.ScatterPlotItem(size=22, symbol="o", pen=pg.mkPen("#ff00ff", width=3),
                                            brush=pg.mkBrush(0, 0, 0, 0))
        self.incident_bars: dict[str, tuple[Any, tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]] = {}
        self._bar_days: dict[str, int] = {}  # how wide a source's bars are: a month's, or a year's
        self.per_day = False
        self._whole_periods: set[str] = set()  # sources of counts per month or year
        self._cumulative_sources: set[str] = set()
        # Every drawn figure as (where it starts, where it ends, y): a bar ends a month or a year after its x.
        self._extent: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.plot.plotItem.vb.sigXRangeChanged.connect(self.on_view_x_range_changed)
        self.plot.plotItem.ctrl.logYCheck.toggled.connect(self.set_log_scale)  # the right-click menu's "Log Y"

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
            bars.setOpts(x0=x, **self._bar_heights(height), width=(0.8 if per_day else self._bar_days[source]) * 86400)
            points = self.points.get(source)
            if points is not None and source not in self._cumulative_sources:
                points.setVisible(not per_day and bars.isVisible())  # the points are month totals

    def set_series(self, series: list[SourceSeries], counting: str = "Deaths") -> None:
        """Draw series prepared beforehand (in the background, for a large workbook). ``counting`` names
        what the figures count when their rows do not say ("Injured" beside claims about the injured)."""
        title, percent = axis_title(series, counting)
        self.y_axis.percent = percent
        self.plot.setLabel("left", title)
        self.plot.clear()
        self.items.clear()
        self.points.clear()
        self._point_args.clear()
        self.refs.clear()
        self.incident_bars.clear()
        self._extent.clear()
        self._bands.clear()
        self.per_day = False
        self._cumulative_sources = set()
        self._whole_periods = {one.source for one in series if one.whole_periods}
        self._bar_days.clear()
        while self.legend_row.count():
            taken = self.legend_row.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None and widget not in (self.claim_key, self.log_box):
                widget.deleteLater()
        self.legend_boxes.clear()
        for index, one in enumerate(series):
            colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
            self._draw_source(one, colour)
        self.legend_row.addWidget(self.claim_key)
        self.legend_row.addStretch(1)
        self.legend_row.addWidget(self.log_box)
        for item in (self.claim_period, self.claim_range, self.claim_marker, self.highlight):
            self.plot.addItem(item)
        self.highlight.setData(x=[], y=[])  # a row of the file shown before is no row of this one
        self.show_claim(None, np.nan, np.nan, None, None)
        self.plot.enableAutoRange()

    def _legend_entry(self, source: str, colour: str, label: str) -> None:
        box = QCheckBox(label)
        box.setChecked(True)
        swatch = QPixmap(12, 12)
        swatch.fill(QColor(colour))
        box.setIcon(QIcon(swatch))
        box.setToolTip(f"Show or hide {source} on the plot")
        box.toggled.connect(lambda shown, name=source: self.set_source_visible(name, shown))
        self.legend_row.addWidget(box)
        self.legend_boxes[source] = box

    def set_source_visible(self, source: str, shown: bool) -> None:
        for item in self.items.get(source, []):
            item.setVisible(shown)
        box = self.legend_boxes.get(source)
        if box is not None and box.isChecked() != shown:
            box.setChecked(shown)

    def _draw_source(self, one: SourceSeries, colour: str) -> None:
        source = one.source
        pen = pg.mkPen(colour, width=2)
        items: list[Any] = []
        if len(one.cumulative):
            self._cumulative_sources.add(source)
            sx, sy = steps(one.x, one.level)
            curve = pg.PlotDataItem(sx, sy, pen=pen)
            self.plot.addItem(curve)
            # Set after adding: while the item joins the scene, its "view" is briefly the widget.
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")
            items.append(curve)
            self._extent.append((one.x, one.x, one.high))
            if np.any(one.high > one.level):
                bx, bhigh = steps(one.x, one.high)
                upper = pg.PlotDataItem(bx, bhigh, pen=pg.mkPen(colour, width=1, style=pg.QtCore.Qt.PenStyle.DashLine))
                band = pg.FillBetweenItem(curve, upper, brush=pg.mkBrush(pg.mkColor(colour).lighter(170)))
                band.setZValue(-5)
                self._bands.append(band)
                self.plot.addItem(upper)
                self.plot.addItem(band)
                items += [upper, band]
            self._add_points(source, one.x, one.level, one.cumulative, colour, items, open_above=one.open_above)
        label = source
        if len(one.monthly[0]):
            x, height = one.monthly
            self._bar_days[source] = 330 if one.per == "year" else 25
            width = self._bar_days[source] * 86400
            bars = pg.BarGraphItem(x0=x, width=width, **self._bar_heights(height), brush=pg.mkBrush(colour),
                                   pen=pg.mkPen(colour))
            bars.setOpacity(0.55)
            self.plot.addItem(bars)
            items.append(bars)
            self._extent.append((x, x + width, height))
            self.incident_bars[source] = (bars, one.monthly, one.daily)
            if not len(one.cumulative):  # a source of counts only: its bars are what the legend names
                label = f"{source} (bars per {one.per})"
            if not len(one.cumulative):
                self._add_points(source, x + width / 2, height, one.incidents, colour, items,
                                 open_above=np.zeros(len(x), dtype=bool), label=f"{one.per} total")
        self.items[source] = items
        if items:
            self._legend_entry(source, colour, label)

    def _add_points(self, source: str, x: np.ndarray, y: np.ndarray, rows: pd.DataFrame, colour: str,
                    items: list[Any], open_above: np.ndarray, label: str = "") -> None:
        if len(x) > _POINTS_LIMIT:
            return
        texts = rows["figure_text"].astype(str).to_numpy()
        refs = row_refs(rows)
        self.refs[source] = refs
        data = [(source, ref, text, "" if ref.date is None else str(ref.date)[:10], label)
                for ref, text in zip(refs, texts, strict=True)]
        symbols = ["t1" if up else "o" for up in open_above]  # a triangle up for "at least N"
        self._point_args[source] = (x, y, data, symbols)
        points = pg.ScatterPlotItem(x=x, y=self._y(y), data=data, size=8, symbol=symbols, pen=pg.mkPen(colour),
                                    brush=pg.mkBrush(colour), hoverable=True, hoverSize=13, tip=self._tip)
        points.sigClicked.connect(self.on_points_clicked)
        self.plot.addItem(points)
        self.points[source] = points
        items.append(points)

    @staticmethod
    def _tip(x: float, y: float, data: Any) -> str:
        source, ref, text, date, label = data
        return f"{source}, {ref.sheet} row {ref.row}\n{date}\n{text}{' (' + label + ')' if label else ''}"

    @Slot(object, object)
    def on_points_clicked(self, item: pg.ScatterPlotItem, points: Any) -> None:
        if len(points):
            source, ref = points[0].data()[:2]
            self.mark(source, ref)
            self.point_clicked.emit(source, ref)

    def show_claim(self, as_of: np.datetime64 | None, low: float, high: float, start: np.datetime64 | None,
                   end: np.datetime64 | None) -> None:
        """Move the claim's marker, range and period, and bring them into view; nothing else is redrawn.
        The ring of a source row selected for the claim before goes."""
        self.highlight.setData(x=[], y=[])
        self._claim = (as_of, low, high, start, end)
        claim_high = np.nan
        times = [] if as_of is None or np.isnat(as_of) else [float(seconds(np.array([as_of]))[0])]
        if not times or (np.isnan(low) and np.isnan(high)):
            self.claim_marker.setData(x=[], y=[])
            self.claim_range.setData(x=np.array([]), y=np.array([]))
            self.claim_range.hide()  # an empty error bar still claims the origin, dragging the axis to 1970
            self.claim_key.hide()
        else:
            self.claim_range.show()
            self.claim_key.show()
            x = times[0]
            low_v = low if not np.isnan(low) else high
            claim_high = high if not np.isnan(high) else low
            low_y, high_y = (float(v) for v in self._y(np.array([low_v, claim_high])))
            middle = (low_y + high_y) / 2
            self.claim_marker.setData(x=[x], y=[middle], data=["claim"])
            self.claim_range.setData(x=np.array([x]), y=np.array([middle]), top=np.array([high_y - middle]),
                                     bottom=np.array([middle - low_y]))
        if start is not None and end is not None and not np.isnat(start) and not np.isnat(end):
            region = seconds(np.array([start, end]))
            period = (float(region[0]), float(region[1]) + 86400)  # to the end of the period's last day
            self.claim_period.setRegion(period)
            self.claim_period.show()
            times += period
        else:
            self.claim_period.hide()
        # A claim without a figure is still shown at its date: the view of the claim before was no answer.
        if times:
            self._frame(min(times), max(times), claim_high)
        else:
            self.plot.enableAutoRange()

    def _frame(self, first: float, last: float, claim_high: float) -> None:
        """Show the claim's time with the figures around it, scaled so that the claim is not lost at the
        foot of an axis made for much larger figures elsewhere in time.

        The months around the claim are shown only where a series has figures: a fixed frame ran four
        months past the last figure (or half a year before the first), empty axis that read as a gap in
        the sources. A claim far from every figure is shown with the nearest one."""
        left, right = first - _FRAME_BEFORE, last + _FRAME_AFTER
        drawn = [(x0, x1) for x0, x1, _ in self._extent if len(x0)]
        if drawn:
            begins = min(float(x0.min()) for x0, _ in drawn)
            ends = max(float(x1.max()) for _, x1 in drawn)
            left = min(first, max(left, begins), ends)
            right = max(last, min(right, ends), begins)
        else:
            left, right = first, last
        heights = [claim_high] if np.isfinite(claim_high) and claim_high > 0 else []
        for x0, x1, y in self._extent:
            near = (x1 >= left) & (x0 <= right) & np.isfinite(y) & (y > 0)
            if near.any():
                heights += [float(y[near].max()), float(y[near].min())]
        # The margin is for the marks at the edges, not for more figures: the scale is the frame's.
        margin = max((right - left) * _MARGIN, _MARGIN_LEAST)
        left, right = left - margin, right + margin
        view = self.plot.plotItem.vb
        if not heights:  # nothing with a height in view: the x range alone, the y axis fits itself
            view.setRange(xRange=(left, right), padding=0)
            view.enableAutoRange(axis=pg.ViewBox.YAxis)
            return
        top, bottom = max(heights), min(heights)
        y_range = (np.log10(bottom * 0.7), np.log10(top * 1.4)) if self.log else (0, top * 1.08)
        view.setRange(xRange=(left, right), yRange=y_range, padding=0)

    def _y(self, y: np.ndarray) -> np.ndarray:
        """Heights as the view holds them: on a log scale, powers of ten (nothing below 1 is drawn lower)."""
        return np.log10(np.maximum(np.asarray(y, dtype=float), 1.0)) if self.log else np.asarray(y, dtype=float)

    def _bar_heights(self, height: np.ndarray) -> dict[str, Any]:
        return {"y0": 0.0, "height": self._y(height)}

    @Slot(bool)
    def set_log_scale(self, on: bool) -> None:
        """The curves follow pyqtgraph's log mode; the points, bars and the claim are placed here."""
        if on == self.log:
            return
        self.log = on
        if self.log_box.isChecked() != on:
            self.log_box.setChecked(on)
        self.plot.plotItem.setLogMode(y=on)
        for band in self._bands:
            band.updatePath()
        for source, (x, y, data, symbols) in self._point_args.items():
            self.points[source].setData(x=x, y=self._y(y), data=data, symbol=symbols)
        for source, (bars, monthly, daily) in self.incident_bars.items():
            per_day = self.per_day and source not in self._whole_periods
            bars.setOpts(**self._bar_heights((daily if per_day else monthly)[1]))
        self.show_claim(*self._claim)

    def mark(self, source: str, ref: RowRef) -> None:
        """Ring the point of one source row (the row selected in its table)."""
        points = self.points.get(source)
        refs = self.refs.get(source)
        found = [i for i, one in enumerate(refs or []) if one.sheet == ref.sheet and one.row == ref.row
                 and (ref.date is None or one.date is None or one.date == ref.date)]
        if points is None or not found:
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
        from PySide6.QtCore import QPoint, QRect, QSize
        from PySide6.QtGui import QImage, QPainter
        from PySide6.QtSvg import QSvgGenerator

        width, height = max(self.width(), 1), max(self.height(), 1)
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
            self.render(painter, QPoint())  # the legend above the plot too
        finally:
            painter.end()
        if isinstance(device, QImage) and not device.save(path):
            raise OSError(f"{path} could not be written")
        if not Path(path).exists():
            raise OSError(f"{path} could not be written")

    def reset_view(self) -> None:
        self.plot.enableAutoRange()
