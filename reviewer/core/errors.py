"""Errors whose message is a sentence for the person at the keyboard."""

from __future__ import annotations

__all__ = ["ConflictError", "ExportError", "LoadError", "ReviewError", "ReviewerError", "StoreError"]


class ReviewerError(Exception):
    """Something the user can act on; ``str(error)`` says what happened and what to do."""


class LoadError(ReviewerError):
    """A file could not be opened. The message is the reason, without the file name."""


class ExportError(ReviewerError):
    """The annotated workbook could not be written; the review is untouched."""


class ReviewError(ReviewerError, ValueError):
    """A verdict that cannot be recorded: an unknown claim or a label outside the scale."""


class StoreError(ReviewerError):
    """The review store could not be read or written."""


class ConflictError(ReviewError):
    """An undo would overwrite what another window or process changed since; ``keys`` names the claims."""

    def __init__(self, keys: list[str]) -> None:
        shown = ", ".join(keys[:5]) + (f" and {len(keys) - 5} more" if len(keys) > 5 else "")
        super().__init__(f"{shown} changed in another window since; undoing would overwrite that change, so "
                         "nothing was undone")
        self.keys = keys
