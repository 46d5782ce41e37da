"""The claims list: a Qt model over a ClaimTable's arrays and a row order."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from reviewer.core.claim_table import COLUMNS, HEADERS, ClaimTable
from reviewer.core.verdicts import VerdictScale

__all__ = ["ASSESSMENT_COLOURS", "ClaimRole", "ClaimsModel"]

ASSESSMENT_COLOURS = {"match": "#C6EFCE", "claim higher": "#F8CBAD", "claim lower": "#FFE699", "no data": "#E7E6E6"}
ASSESSMENT_MARKS = {"match": "✓ match", "claim higher": "▲ claim higher", "claim lower": "▼ claim lower",
                    "no data": "– no data"}

Index = QModelIndex | QPersistentModelIndex


class ClaimRole(IntEnum):
    POSITION = Qt.ItemDataRole.UserRole + 1  # the claim's position in the workbook's claims
    KEY = Qt.ItemDataRole.UserRole + 2


class ClaimsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: ClaimTable | None = None
        self.order = np.array([], dtype=np.int64)
        self.scale = VerdictScale()
        self._brushes: dict[str, QBrush] = {}

    def set_table(self, table: ClaimTable | None, order: np.ndarray, scale: VerdictScale) -> None:
        self.beginResetModel()
        self.table, self.order, self.scale = table, order, scale
        self._brushes = {name: QBrush(QColor(colour)) for name, colour in ASSESSMENT_COLOURS.items()}
        self._brushes.update({f"v:{label}": QBrush(QColor(scale.colour(label))) for label in scale.labels})
        self.endResetModel()

    def set_order(self, order: np.ndarray) -> None:
        self.beginResetModel()
        self.order = order
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or not index.isValid() or index.row() >= len(self.order):
            return None
        position = int(self.order[index.row()])
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.table.columns[column][position]
            if column == "assessment":
                return ASSESSMENT_MARKS.get(str(value), str(value))
            if column == "verdict":
                return value or "—"
            return value
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == "assessment":
                return self._brushes.get(str(self.table.columns[column][position]))
            if column == "verdict":
                return self._brushes.get(f"v:{self.table.columns[column][position]}")
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column in ("assessment", "verdict"):
            return QBrush(QColor("#1a1a1a"))  # the fills are light in both palettes; keep text readable
        if role == Qt.ItemDataRole.ToolTipRole and column == "text":
            return self.table.columns["text"][position]
        if role == ClaimRole.POSITION:
            return position
        if role == ClaimRole.KEY:
            return self.table.keys[position]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[COLUMNS[section]]
        return None

    def row_of_position(self, position: int) -> int | None:
        found = np.flatnonzero(self.order == position)
        return int(found[0]) if len(found) else None

    def refresh_positions(self, positions: list[int]) -> None:
        """Tell the views that these claims' cells changed (a verdict was set or undone)."""
        for position in positions:
            row = self.row_of_position(position)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
