"""Compare sources: any two sources' figures aligned by date, with difference and ratio."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from reviewer.core.compare import compare_sources

__all__ = ["CompareDialog"]

Index = QModelIndex | QPersistentModelIndex


def _number(x: float, ratio: bool = False) -> str:
    if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))):
        return ""
    return f"{x:,.2f}×" if ratio else f"{x:+,.0f}" if not float(x).is_integer() or x < 0 else f"+{x:,.0f}"


class _CompareModel(QAbstractTableModel):
    def __init__(self, frame: pd.DataFrame, first: str, second: str) -> None:
        super().__init__()
        self.headers = ("Date", first, second, f"{second} − {first}", "Ratio")
        self.cells = [
            [f"{d:%Y-%m-%d}" for d in frame["date"]],
            frame["first_text"].fillna("").astype(str).tolist(),
            frame["second_text"].fillna("").astype(str).tolist(),
            [_number(x) for x in frame["difference"]],
            [_number(x, ratio=True) for x in frame["ratio"]],
        ]
        self.differs = frame["differs"].to_numpy(dtype=bool)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.differs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells[index.column()][index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and self.differs[index.row()] and index.column() >= 3:
            return QBrush(QColor("#F8CBAD"))
        if role == Qt.ItemDataRole.ForegroundRole and self.differs[index.row()] and index.column() >= 3:
            return QBrush(QColor("#1a1a1a"))
        if role == Qt.ItemDataRole.ToolTipRole and self.differs[index.row()]:
            return "The two sources differ by more than the tolerance"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


class CompareDialog(QDialog):
    def __init__(self, references: pd.DataFrame, tolerance: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare sources")
        self.resize(760, 520)
        self.references, self.tolerance = references, tolerance
        sources = list(dict.fromkeys(references["source"].tolist()))
        self.first, self.second = QComboBox(), QComboBox()
        self.first.setAccessibleName("First source")
        self.second.setAccessibleName("Second source")
        self.first.addItems(sources)
        self.second.addItems(sources)
        if len(sources) > 1:
            self.second.setCurrentIndex(1)
        self.table = QTableView()
        self.table.setAccessibleName("The two sources aligned by date")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = QLabel()
        row = QHBoxLayout()
        row.addWidget(QLabel("Compare"))
        row.addWidget(self.first, 1)
        row.addWidget(QLabel("with"))
        row.addWidget(self.second, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.first.currentTextChanged.connect(self.refresh)
        self.second.currentTextChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        first, second = self.first.currentText(), self.second.currentText()
        frame = compare_sources(self.references, first, second, self.tolerance)
        self.model = _CompareModel(frame, first, second)
        self.table.setModel(self.model)
        for column, width in enumerate((96, 170, 170, 120)):
            self.table.setColumnWidth(column, width)
        differing = int(frame["differs"].sum())
        self.note.setText(f"{len(frame):,} dates · {differing:,} where the sources differ by more than "
                          f"{self.tolerance:.0%} (highlighted). Each side shows its latest figure on that date.")
