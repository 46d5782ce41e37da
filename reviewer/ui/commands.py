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

from PySide6.QtGui import QUndoCommand

from reviewer.core.errors import ConflictError, ReviewerError
from reviewer.core.review import Change, Review

__all__ = ["SetNoteCommand", "SetVerdictCommand"]

Refresh = Callable[[tuple[str, ...]], None]


class _ReviewCommand(QUndoCommand):
    def __init__(self, review: Review, refresh: Refresh, text: str, change: Change) -> None:
        super().__init__(text)
        self.review, self.refresh, self.change = review, refresh, change
        self._recorded = True  # QUndoStack.push calls redo: the change is already in the store

    def redo(self) -> None:
        if self._recorded:
            self._recorded = False
        else:
            self.change = self._step(self.review.redo, self.change)
        self.refresh(self.change.keys)

    def undo(self) -> None:
        self.change = self._step(self.review.undo, self.change)
        self.refresh(self.change.keys)

    @staticmethod
    def _step(step: Callable[..., Change], change: Change) -> Change:
        """Undo or redo; a claim changed in another window since is overwritten only when the editor says so."""
        from PySide6.QtWidgets import QMessageBox

        try:
            try:
                return step(change)
            except ConflictError as conflict:
                answer = QMessageBox.question(None, "Changed in another window",
                                              f"{conflict}\n\nOverwrite the newer change?")
                if answer != QMessageBox.StandardButton.Yes:
                    return change
                return step(change, force=True)
        except ReviewerError as error:
            QMessageBox.warning(None, "The review store", f"{error}\n\nThe claims show what is stored.")
            return change


class SetVerdictCommand(_ReviewCommand):
    def __init__(self, review: Review, refresh: Refresh, keys: list[str], verdict: str | None) -> None:
        """Records the verdict at once; raises ReviewerError, pushing nothing, when it cannot be kept."""
        what = f"verdict “{verdict}”" if verdict else "clear verdict"
        where = keys[0] if len(keys) == 1 else f"{len(keys)} claims"
        super().__init__(review, refresh, f"{what} on {where}", review.set_many(keys, verdict))
        self.keys, self.verdict = keys, verdict


_NOTE_TYPING = 1  # the id that lets a note typed letter by letter be one step of undo


class SetNoteCommand(_ReviewCommand):
    def __init__(self, review: Review, refresh: Refresh, key: str, note: str) -> None:
        """Records the note at once; raises ReviewerError, pushing nothing, when it cannot be kept."""
        super().__init__(review, refresh, f"note on {key}", review.set_note(key, note))
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
