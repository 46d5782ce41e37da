"""Every edit of a verdict or note is a command on the window's one QUndoStack.

The change is recorded through the Review before its command is pushed: a store that cannot keep it
(a full disk, a damaged file) raises there, the editor is told, and no undo step is left that would
undo nothing. Undo and redo put the claims back to the states the change saved, through the Review
too, so the store (and its history) follows each step; a step the store refuses is said, not raised
inside Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

from reviewer.core.errors import ConflictError, ReviewerError
from reviewer.core.review import Change, Review
from reviewer.ui.dialogs import show_error

__all__ = ["SetNoteCommand", "SetVerdictCommand"]

Refresh = Callable[[tuple[str, ...]], None]


class _ReviewCommand(QUndoCommand):
    def __init__(self, review: Review, refresh: Refresh, text: str, change: Change, stack: QUndoStack) -> None:
        super().__init__(text)
        self.review, self.refresh, self.change, self.stack = review, refresh, change, stack
        # The store already holds what the next step would write: QUndoStack.push calls redo at once,
        # and a step taken back is one the store never made.
        self._recorded = True

    def redo(self) -> None:
        if self._recorded:
            self._recorded = False
        elif (done := self._step(self.review.redo, self.change)) is not None:
            self.change = done
        else:
            self._take_back(self.stack.undo)
        self.refresh(self.change.keys)

    def undo(self) -> None:
        if self._recorded:  # stepping back from a redo that was not made
            self._recorded = False
        elif (done := self._step(self.review.undo, self.change)) is not None:
            self.change = done
        else:
            self._take_back(self.stack.redo)
        self.refresh(self.change.keys)

    def _take_back(self, step: Callable[[], None]) -> None:
        """The step was not made (refused, or the editor kept the other window's change): the stack steps
        back once Qt has finished moving it, writing nothing, so that it says what the store holds."""
        self._recorded = True
        QTimer.singleShot(0, step)

    @staticmethod
    def _step(step: Callable[..., Change], change: Change) -> Change | None:
        """Undo or redo; a claim changed in another window since is overwritten only when the editor says
        so. None when the step was not made."""
        from PySide6.QtWidgets import QMessageBox

        try:
            try:
                return step(change)
            except ConflictError as conflict:
                answer = QMessageBox.question(None, "Changed in another window",
                                              f"{conflict}\n\nOverwrite the newer change?")
                if answer != QMessageBox.StandardButton.Yes:
                    return None
                return step(change, force=True)
        except ReviewerError as error:
            show_error(None, "The review store", f"{error}\n\nThe claims show what is stored.")
            return None


class SetVerdictCommand(_ReviewCommand):
    def __init__(self, review: Review, refresh: Refresh, keys: list[str], verdict: str | None,
                 stack: QUndoStack) -> None:
        """Records the verdict at once; raises ReviewerError, pushing nothing, when it cannot be kept."""
        what = f"verdict “{verdict}”" if verdict else "clear verdict"
        where = keys[0] if len(keys) == 1 else f"{len(keys)} claims"
        super().__init__(review, refresh, f"{what} on {where}", review.set_many(keys, verdict), stack)
        self.keys, self.verdict = keys, verdict


_NOTE_TYPING = 1  # the id that lets a note typed letter by letter be one step of undo


class SetNoteCommand(_ReviewCommand):
    def __init__(self, review: Review, refresh: Refresh, key: str, note: str, stack: QUndoStack) -> None:
        """Records the note at once; raises ReviewerError, pushing nothing, when it cannot be kept."""
        super().__init__(review, refresh, f"note on {key}", review.set_note(key, note), stack)
        self.key, self.note = key, note

    def id(self) -> int:
        return _NOTE_TYPING

    def mergeWith(self, other: QUndoCommand) -> bool:
        """The note is saved as it is typed; one undo takes back the whole of what was typed on a claim."""
        if not isinstance(other, SetNoteCommand) or other.key != self.key:
            return False
        self.note = other.note
        self.change = replace(other.change, before=self.change.before)
        return True
