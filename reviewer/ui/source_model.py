"""One source's published figures as a table, sorted by date, with the rows a check used marked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from reviewer.core.dates import period_label
from reviewer.plots.series_data import RowRef

__all__ = ["SourceModel"]

Index = QModelIndex | QPersistentModelIndex
_HEADERS = ("Row", "Date", "Figure", "Kind", "Metric")
# A source of many places (a country a row) shows each row's place and measure instead of its series' label.
_HEADERS_BY_PLACE = ("Row", "Date", "Figure", "Place", "Measure")


class SourceModel(QAbstractTableModel):
    def __init__(self, source: str, references: pd.DataFrame, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        rows = references[references["source"] == source].sort_values(["date", "row"], kind="stable")
        self.rows = rows["row"].to_numpy(dtype=np.int64)
        self.sheets = rows["sheet"].to_numpy(dtype=object)
        self.dates = rows["date"].to_numpy("datetime64[ns]")
        # A figure for a whole month or year ("Ninewa | 2016") shows its period, not its first day.
        self._spans = (rows["period_start"].to_numpy("datetime64[D]"), rows["period_end"].to_numpy("datetime64[D]")) \
            if {"period_start", "period_end"} <= set(rows.columns) else None
        # Text columns are kept as they are; numbers and dates become text only for the rows on screen.
        by_place = {"place", "measure"} <= set(rows.columns) and (
            rows["place"].astype(str).nunique() > 1 or rows["measure"].astype(str).nunique() > 1)
        self.by_place = by_place
        self.headers = _HEADERS_BY_PLACE if by_place else _HEADERS
        shown = ("figure_text", "place", "measure") if by_place else ("figure_text", "kind", "metric")
        self._texts = [rows[c].to_numpy(dtype=object) for c in shown]
        # Of a sheet row read as several figures (Gaza's killed, children, medical staff), the one a check
        # used is told by its place and measure.
        self._labels = (self._texts[1], self._texts[2]) if by_place else None
        # (sheet, row) -> position, as sorted integer keys: a dict of a million tuples costs a second.
        self._sheet_codes = {name: code for code, name in enumerate(pd.unique(self.sheets))}
        keys = np.array([self._sheet_codes[s] for s in self.sheets], dtype=np.int64) << 32 | self.rows \
            if len(self._sheet_codes) > 1 else self.rows.copy()
        self._key_order = np.argsort(keys, kind="stable")
        self._sorted_keys = keys[self._key_order]
        self.used: set[int] = set()
        self._used_brush = QBrush(QColor("#FFF2CC"))
        self._bold = QFont()
        self._bold.setBold(True)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return str(self.rows[row])
            if column == 1:
                return self._when(row)
            value = self._texts[column - 2][row]
            return "" if value is None or value != value else str(value)
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

    def _when(self, row: int) -> str:
        date = self.dates[row]
        if self._spans is not None:
            start, end = self._spans[0][row], self._spans[1][row]
            if not np.isnat(start) and not np.isnat(end) and end > start:
                return period_label(start.astype(dt.date), end.astype(dt.date), short=True)
        return "" if np.isnat(date) else str(date)[:10]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def positions_of(self, sheet: str | None, rows: np.ndarray, first: np.datetime64 | None = None,
                     last: np.datetime64 | None = None) -> np.ndarray:
        """Positions in this table of rows of a sheet (rows not in the table are left out).

        A row of a table by period ("Ninewa | 2014 | 2015") holds several figures: of those, the ones
        dated from ``first`` to ``last`` (the claim's period), else the latest up to ``last``.
        """
        rows = np.asarray(rows, dtype=np.int64)
        if not len(self._sorted_keys):
            return np.array([], dtype=np.int64)
        if len(self._sheet_codes) > 1:
            if sheet not in self._sheet_codes:
                return np.array([], dtype=np.int64)
            rows = np.int64(self._sheet_codes[sheet]) << 32 | rows
        left = np.searchsorted(self._sorted_keys, rows, side="left")
        right = np.searchsorted(self._sorted_keys, rows, side="right")
        if bool(np.all(right - left <= 1)):
            return self._key_order[left[right > left]]
        found: list[int] = []
        for start, stop in zip(left.tolist(), right.tolist(), strict=True):
            if stop - start == 1:
                found.append(int(self._key_order[start]))
            elif stop > start:
                found.extend(self._dated(self._key_order[start:stop], first, last))
        return np.array(found, dtype=np.int64)

    def _dated(self, positions: np.ndarray, first: np.datetime64 | None, last: np.datetime64 | None) -> list[int]:
        dates = self.dates[positions]
        if last is None or np.isnat(last):
            return positions.tolist()
        lower = first if first is not None and not np.isnat(first) else last
        within = positions[(dates >= lower) & (dates <= last)]
        if len(within):
            return within.tolist()
        before = positions[dates <= last]
        return [int(before[np.argmax(self.dates[before])])] if len(before) else [int(positions[0])]

    def mark_used(self, sheet: str | None, rows: np.ndarray, first: np.datetime64 | None = None,
                  last: np.datetime64 | None = None, place: str = "", measure: str = "") -> list[int]:
        """Mark the rows a check used (dated from ``first`` to ``last``, of ``place`` and ``measure`` when
        given); returns their positions."""
        # A sum over a long period can use a million rows; the ones nearest the claim's date are marked.
        found = self.positions_of(sheet, rows[-5000:], first, last)
        if self._labels is not None and (place or measure) and len(found):
            own = np.ones(len(found), dtype=bool)
            for labels, wanted in zip(self._labels, (place, measure), strict=True):
                if wanted:
                    own &= labels[found] == wanted
            found = found[own] if own.any() else found
        positions = found.tolist()
        changed = self.used | set(positions)
        self.used = set(positions)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(self.headers) - 1))
        return positions

    def ref_at(self, position: int) -> RowRef:
        """The row a position of this table stands for, as the plot's points name it."""
        date = self.dates[position]
        return RowRef(str(self.sheets[position]), int(self.rows[position]), None if np.isnat(date) else date)

    def position_of(self, ref: RowRef) -> int | None:
        """Where a row is in this table (of a row holding several dated figures, the one of ``ref.date``)."""
        found = self.positions_of(ref.sheet, np.array([ref.row]), ref.date, ref.date)
        return int(found[0]) if len(found) else None

    def position_near(self, date: np.datetime64) -> int:
        """The row at or just before a date, where the table should scroll to."""
        if not len(self.dates) or np.isnat(date):
            return 0
        return max(0, int(np.searchsorted(self.dates, date, side="right")) - 1)
