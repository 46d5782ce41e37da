"""Every edit of a verdict or note is a command on the window's one QUndoStack.

The first redo records the change through the Review; undo and redo put the claims back to the
states the change saved, through the Review too, so the store (and its history) follows each step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from reviewer.core.errors import ConflictError
from reviewer.core.review import Change, Review

__all__ = ["SetNoteCommand", "SetVerdictCommand"]

Refresh = Callable[[tuple[str, ...]], None]


class _ReviewCommand(QUndoCommand):
    def __init__(self, review: Review, refresh: Refresh, text: str) -> None:
        super().__init__(text)
        self.review, self.refresh = review, refresh
        self.change: Change | None = None

    def _first(self) -> Change:
        raise NotImplementedError

    def redo(self) -> None:
        if self.change is None:
            self.change = self._first()
        else:
            self.change = self._step(self.review.redo, self.change)
        self.refresh(self.change.keys)

    def undo(self) -> None:
        if self.change is None:
            return
        self.change = self._step(self.review.undo, self.change)
        self.refresh(self.change.keys)

    @staticmethod
    def _step(step: Callable[..., Change], change: Change) -> Change:
        """Undo or redo; a claim changed in another window since is overwritten only when the editor says so."""
        try:
            return step(change)
        except ConflictError as conflict:
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.question(None, "Changed in another window",
                                          f"{conflict}\n\nOverwrite the newer change?")
            if answer != QMessageBox.StandardButton.Yes:
                return change
            return step(change, force=True)


class SetVerdictCommand(_ReviewCommand):
    def __init__(self, review: Review, refresh: Refresh, keys: list[str], verdict: str | None) -> None:
        what = f"verdict “{verdict}”" if verdict else "clear verdict"
        where = keys[0] if len(keys) == 1 else f"{len(keys)} claims"
        super().__init__(review, refresh, f"{what} on {where}")
        self.keys, self.verdict = keys, verdict

    def _first(self) -> Change:
        return self.review.set_many(self.keys, self.verdict)


_NOTE_TYPING = 1  # the id that lets a note typed letter by letter be one step of undo


class SetNoteCommand(_ReviewCommand):
    def __init__(self, review: Review, refresh: Refresh, key: str, note: str) -> None:
        super().__init__(review, refresh, f"note on {key}")
        self.key, self.note = key, note

    def _first(self) -> Change:
        return self.review.set_note(self.key, self.note)

    def id(self) -> int:
        return _NOTE_TYPING

    def mergeWith(self, other: QUndoCommand) -> bool:
        """The note is saved as it is typed; one undo takes back the whole of what was typed on a claim."""
        if not isinstance(other, SetNoteCommand) or other.key != self.key or self.change is None or \
                other.change is None:
            return False
        self.note = other.note
        self.change = replace(other.change, before=self.change.before)
        return True
