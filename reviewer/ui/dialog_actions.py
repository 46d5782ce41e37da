"""The window's dialogs: sheets and columns, preferences, comparing sources, a claim's history,
verdicts on claims that are gone, and help."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from reviewer.core.assessments import DEFAULT_TOLERANCE
from reviewer.core.errors import ReviewerError
from reviewer.core.preferences import Preferences
from reviewer.core.vocabulary import counted
from reviewer.io.preferences_file import save_preferences
from reviewer.ui.dialogs import show_error
from reviewer.ui.opening import OpenController
from reviewer.ui.reviewing import ReviewController

if TYPE_CHECKING:
    from reviewer.io.loader import SheetChoice

__all__ = ["DialogActions"]


class DialogActions(QObject):
    preferences_changed = Signal(object)  # the new Preferences, saved
    earlier_taken = Signal(str)  # what was taken, for the status bar

    def __init__(self, parent: QWidget, reviewing: ReviewController, opening: OpenController,
                 prefs: Callable[[], Preferences]) -> None:
        super().__init__(parent)
        self.parent_widget, self.reviewing, self.opening, self.prefs = parent, reviewing, opening, prefs
        self.compare_dialog: QDialog | None = None  # kept open beside the window

    @Slot()
    def edit_mapping(self) -> None:
        loaded = self.reviewing.loaded
        if loaded is None:
            return
        from reviewer.ui.mapping_dialog import MappingDialog

        dialog = MappingDialog(loaded.book, self.parent_widget)
        if dialog.exec():
            self.choose(dialog.result_choices())

    def choose(self, choices: dict[tuple[str, str], SheetChoice]) -> None:
        """Remember the sheets' roles and mappings for each file (beside the choices made before), and
        read the files again."""
        from reviewer.io.layout_choices import load_choices, save_choices

        loaded = self.reviewing.loaded
        if loaded is None:
            return
        for path in loaded.paths:
            name = Path(path).name
            mine = {sheet: c for (file, sheet), c in load_choices([path]).items() if file == name}
            mine.update({sheet: c for (file, sheet), c in choices.items() if file == name})
            save_choices(path, mine)
        self.opening.open_paths(loaded.paths)

    @Slot()
    def edit_preferences(self) -> None:
        from reviewer.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.prefs(), self.parent_widget)
        if dialog.exec():
            prefs = dialog.result_preferences()
            save_preferences(prefs)
            review = self.reviewing.review
            if review is not None:
                review.reviewer = prefs.reviewer or review.reviewer
            self.preferences_changed.emit(prefs)  # the tolerance and aliases change the assessments at once
            self.reviewing.busy.say("Preferences saved: the tolerance and aliases apply now; the verdict scale "
                                    "applies to new reviews")

    @Slot()
    def compare_sources(self) -> None:
        loaded = self.reviewing.loaded
        if loaded is None:
            return
        from reviewer.ui.compare_dialog import CompareDialog

        self.compare_dialog = CompareDialog(loaded.book.references, self.prefs().tolerance or DEFAULT_TOLERANCE,
                                            self.parent_widget)
        self.compare_dialog.show()

    @Slot()
    def show_history(self) -> None:
        key = self.reviewing.current_key()
        if self.reviewing.review is None or key is None:
            return
        from reviewer.ui.history_dialog import history_dialog

        history_dialog(self.reviewing.review, key, self.parent_widget).exec()

    @Slot()
    def show_orphans(self) -> None:
        if self.reviewing.review is None:
            return
        from reviewer.ui.history_dialog import orphans_dialog

        orphans_dialog(self.reviewing.review, self.parent_widget).exec()

    @Slot()
    def take_earlier(self) -> None:
        """A file with the same claims elsewhere (a copy sent by a colleague), or this file reviewed with
        others, has verdicts: take them into this file's review, when the editor says so. The other review
        keeps its own."""
        from PySide6.QtWidgets import QMessageBox

        review = self.reviewing.review
        if review is None or review.earlier is None:
            return
        earlier = review.earlier
        answer = QMessageBox.question(
            self.parent_widget, "Take earlier verdicts",
            f"{earlier.said()[:1].upper()}{earlier.said()[1:]}.\n\nTake them into "
            "this file's review? A verdict or note you set here on the same claim is replaced; the history keeps "
            "both, and the other review keeps its own.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            taken = review.take_earlier()
        except ReviewerError as error:
            show_error(self.parent_widget, "The verdicts were not taken", str(error))
            return
        self.reviewing.undo_stack.clear()  # the steps before were of verdicts now replaced
        self.reviewing.undo_stack.resetClean()  # verdicts the export does not hold yet: closing asks
        self.earlier_taken.emit(f"Took {counted(taken, 'verdict')} from {earlier.path}")
        self.reviewing.refresh_keys(tuple(review.verdicts()))

    @Slot()
    def show_shortcuts(self) -> None:
        from reviewer.ui.help_dialogs import show_shortcuts

        show_shortcuts(self.parent_widget)

    @Slot()
    def show_about(self) -> None:
        from reviewer.ui.help_dialogs import show_about

        show_about(self.parent_widget)
