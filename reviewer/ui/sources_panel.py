"""One table per source, side by side, each scrolled to the row the selected claim was checked against,
or saying that the source has no figure for it."""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.plots.series_data import RowRef, label_text
from reviewer.ui.source_model import SourceModel

__all__ = ["SourcesPanel"]


class SourcesPanel(QWidget):
    row_selected = Signal(str, object)  # source, and the RowRef of the row selected in its table

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        # With many sources the tables keep a readable width and the row scrolls sideways.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.models: dict[str, SourceModel] = {}
        self.views: dict[str, QTableView] = {}
        self.notes: dict[str, QLabel] = {}  # per source, shown when it has no figure for the claim
        # Each table's row for the claim, kept in view as the table's visible part is resized.
        self._targets: dict[QObject, tuple[QTableView, int]] = {}
        self._quiet = False

    def set_references(self, references: pd.DataFrame) -> None:
        while self.splitter.count():
            widget = self.splitter.widget(0)
            if widget is None:
                break
            widget.setParent(None)
            widget.deleteLater()
        self.models.clear()
        self.views.clear()
        self.notes.clear()
        self._targets.clear()
        for source in dict.fromkeys(references["source"].tolist()):
            model = SourceModel(str(source), references, self)
            view = QTableView()
            view.setModel(model)
            view.setAccessibleName(f"Figures published by {source}")
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.verticalHeader().hide()
            view.verticalHeader().setDefaultSectionSize(22)
            view.horizontalHeader().setStretchLastSection(True)
            digits = len(str(int(model.rows.max()))) if len(model.rows) else 2
            row_width = view.fontMetrics().horizontalAdvance("8" * max(digits, 3)) + 14
            # Dates are one width, but a span ("2017-03-19 – 2017-03-21") needs more: measured on a sample.
            whens = [model.data(model.index(r, 1)) for r in range(min(model.rowCount(), 200))]
            date_width = min(max([84, *(view.fontMetrics().horizontalAdvance(w) + 14 for w in whens)]), 220)
            figures = [model.data(model.index(r, 2)) for r in range(min(model.rowCount(), 200))]
            bold = view.font()
            bold.setBold(True)  # the rows a check used are bold
            metrics = QFontMetrics(bold)
            figure_width = min(max([64, *(metrics.horizontalAdvance(f) + 18 for f in figures)]), 220)
            for column, width in enumerate((row_width, date_width, figure_width, 80)):
                view.setColumnWidth(column, width)
            view.viewport().installEventFilter(self)
            view.selectionModel().currentRowChanged.connect(
                lambda current, _previous, name=str(source): self._on_current(name, current.row()))
            box = QWidget()
            # Never narrower than its row, date and figure: a squeezed table showed the figure as "Fi".
            box.setMinimumWidth(row_width + date_width + figure_width + 8)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(QLabel(f"<b>{source}</b> · {model.rowCount():,} rows"))
            note = QLabel()
            note.setWordWrap(True)  # never wider than the table below it
            note.hide()
            box_layout.addWidget(note)
            box_layout.addWidget(view)
            self.splitter.addWidget(box)
            self.models[str(source)] = model
            self.views[str(source)] = view
            self.notes[str(source)] = note

    def _on_current(self, source: str, row: int) -> None:
        if row >= 0:  # the row now chosen is the one kept in view
            view = self.views[source]
            self._targets[view.viewport()] = (view, row)
        if not self._quiet and row >= 0:
            self.row_selected.emit(source, self.models[source].ref_at(row))

    def show_claim(self, checks: pd.DataFrame | None, date: np.datetime64,
                   start: np.datetime64 | None = None) -> None:
        """Scroll every table to the claim's date and mark the rows its check used (for a claim about a
        period, starting at ``start``). A source the check found no figure in says so, and its table is
        left at the top with nothing marked."""
        used: dict[str, tuple[str | None, np.ndarray, np.datetime64 | None, str, str]] = {}
        missing: dict[str, str] = {}  # source -> why the check found no figure in it
        if checks is not None:
            for row in checks.itertuples(index=False):
                figure_date = None if pd.isna(row.date) else np.datetime64(row.date, "ns")
                used[row.source] = (row.sheet, row.rows, figure_date, label_text(getattr(row, "place", "")),
                                    label_text(getattr(row, "measure", "")))
                if pd.isna(row.low) and pd.isna(row.high):
                    missing[row.source] = label_text(row.method)
        self._quiet = True
        try:
            for view in self.views.values():  # a row chosen for the claim before is no row of this one
                view.selectionModel().clear()
        finally:
            self._quiet = False
        for source, model in self.models.items():
            sheet, rows, figure_date, place, measure = used.get(source, (None, np.array([], dtype=np.int64), None,
                                                                         "", ""))
            positions = model.mark_used(sheet, rows, start, figure_date, place, measure)
            absent = checks is not None and (source in missing or source not in used)
            self._say_missing(source, missing.get(source, "") if absent else None)
            # The row at the claim's date is a figure for the claim only in a table of one series that the
            # check answered from: in a table of many places it is another place's, which looked like an answer.
            if positions:
                target = positions[-1]
            elif absent or model.by_place:
                target = 0
            else:
                target = model.position_near(date)
            view = self.views[source]
            self._targets[view.viewport()] = (view, target)
            view.scrollTo(model.index(target, 0), QAbstractItemView.ScrollHint.PositionAtCenter)

    def _say_missing(self, source: str, why: str | None) -> None:
        """Above a source's table, that it has no figure for the claim; ``None`` hides it."""
        note = self.notes[source]
        if why is None:
            note.hide()
            return
        # One short line: the tables are a few rows high on a small screen, and the comparison above
        # gives the check's reason in full.
        note.setText("<i>No figure for this claim</i>")
        note.setToolTip(why[:1].upper() + why[1:] if why else "The check found no figure in this source")
        note.setAccessibleName(f"{source} has no figure for this claim. {note.toolTip()}")
        note.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A table laid out after the claim was shown (the workbook just opened; a scroll bar came), or
        # resized since, scrolls its row for the claim back into view: centred in the old size, it was not.
        if event.type() == QEvent.Type.Resize and watched in self._targets:
            view, target = self._targets[watched]
            view.scrollTo(view.model().index(target, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        return super().eventFilter(watched, event)

    def select(self, source: str, ref: RowRef) -> None:
        """Select a source row without echoing the selection back (no ping-pong with the plot)."""
        view = self.views.get(source)
        position = self.models[source].position_of(ref) if view is not None else None
        if view is None or position is None:
            return
        self._quiet = True
        try:
            index = view.model().index(position, 0)
            view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        finally:
            self._quiet = False
