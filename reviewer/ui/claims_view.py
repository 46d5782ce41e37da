"""The claims list view, with the review keys: 1-9 set a verdict, 0 or Delete clears it, N moves on.

The keys are handled in the view itself rather than as window shortcuts: an item view claims
printable keys for its type-ahead search before shortcuts see them, and digits must still type
normally in the filter and the note.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

__all__ = ["ClaimsView"]

_MOVES = {Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


class ClaimsView(QTableView):
    verdict_key_pressed = Signal(int)  # 0 clears, 1-9 pick from the scale
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimsView")
        self.setAccessibleName("Claims")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # A claim wraps onto a second line (every row the same height, so a long list stays fast); the
        # whole text is in its tooltip.
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 8)
        self.horizontalHeader().setSectionsClickable(True)
        self.horizontalHeader().setSortIndicatorShown(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        if modifiers == Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_Down:
            # Moves on, as the window's shortcut does; the table's own Ctrl+Down left the selection behind,
            # so that the next verdict fell on two claims.
            self.next_requested.emit()
            return
        if modifiers == Qt.KeyboardModifier.NoModifier:
            if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
                self.verdict_key_pressed.emit(key - Qt.Key.Key_0)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.verdict_key_pressed.emit(0)
                return
            if key == Qt.Key.Key_N:
                self.next_requested.emit()
                return
        super().keyPressEvent(event)

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        # A list of claims: Home and End go to the first and last claim, in the column they are in (a
        # table's own go to the first and last column, and scrolled the key out of sight).
        action = QAbstractItemView.CursorAction
        model = self.model()
        if cursorAction in (action.MoveHome, action.MoveEnd) and model is not None and model.rowCount():
            row = 0 if cursorAction == action.MoveHome else model.rowCount() - 1
            return model.index(row, max(self.currentIndex().column(), 0))
        return super().moveCursor(cursorAction, modifiers)

    def selectionCommand(self, index: QModelIndex | QPersistentModelIndex,
                         event: QEvent | None = None) -> QItemSelectionModel.SelectionFlag:
        # Ctrl with a movement key moves the current claim without selecting it in an extended selection:
        # the details then showed one claim while another stayed highlighted, and a verdict key went to the
        # one shown. The claim moved to is the one selected.
        if isinstance(event, QKeyEvent) and event.modifiers() & Qt.KeyboardModifier.ControlModifier and \
                event.key() in _MOVES and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            return QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        return super().selectionCommand(index, event)

    def keyboardSearch(self, search: str) -> None:
        """Type-ahead search would eat the review keys; the filter box is the way to search."""
