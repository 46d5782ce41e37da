"""One source's published figures as a table, sorted by date, with the rows a check used marked."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

__all__ = ["SourceModel"]

Index = QModelIndex | QPersistentModelIndex
_HEADERS = ("Row", "Date", "Figure", "Kind", "Metric")


class SourceModel(QAbstractTableModel):
    def __init__(self, source: str, references: pd.DataFrame, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        rows = references[references["source"] == source].sort_values(["date", "row"], kind="stable")
        self.rows = rows["row"].to_numpy(dtype=np.int64)
        self.sheets = rows["sheet"].to_numpy(dtype=object)
        self.dates = rows["date"].to_numpy("datetime64[ns]")
        self._cells = [
            self.rows.astype(str),
            np.array(["" if pd.isna(d) else str(d)[:10] for d in self.dates], dtype=object),
            rows["figure_text"].astype(str).to_numpy(dtype=object),
            rows["kind"].astype(str).to_numpy(dtype=object),
            rows["metric"].astype(str).to_numpy(dtype=object),
        ]
        self._position_of_row = {(s, int(r)): i for i, (s, r) in enumerate(zip(self.sheets, self.rows, strict=True))}
        self.used: set[int] = set()
        self._used_brush = QBrush(QColor("#FFF2CC"))
        self._bold = QFont()
        self._bold.setBold(True)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.column()][row]
        if row in self.used:
            if role == Qt.ItemDataRole.BackgroundRole:
                return self._used_brush
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#1a1a1a"))
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Used by the check for the selected claim"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _HEADERS[section]
        return None

    def position_of(self, sheet: str | None, row: int) -> int | None:
        if sheet is None:
            found = np.flatnonzero(self.rows == row)
            return int(found[0]) if len(found) else None
        return self._position_of_row.get((sheet, int(row)))

    def mark_used(self, sheet: str | None, rows: np.ndarray) -> list[int]:
        """Mark the rows a check used; returns their positions in this table."""
        # A sum over a long period can use a million rows; the ones nearest the claim's date are marked.
        positions = [p for p in (self.position_of(sheet, int(r)) for r in rows[-5000:]) if p is not None]
        changed = self.used | set(positions)
        self.used = set(positions)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(_HEADERS) - 1))
        return positions

    def position_near(self, date: np.datetime64) -> int:
        """The row at or just before a date, where the table should scroll to."""
        if not len(self.dates) or np.isnat(date):
            return 0
        return max(0, int(np.searchsorted(self.dates, date, side="right")) - 1)
