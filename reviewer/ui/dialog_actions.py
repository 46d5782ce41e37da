"""The window's dialogs: sheets and columns, preferences, comparing sources, a claim's history,
verdicts on claims that are gone, and help."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QDialog

from reviewer.core.assessments import DEFAULT_TOLERANCE
from reviewer.io.preferences_file import save_preferences

if TYPE_CHECKING:
    from reviewer.io.loader import SheetChoice
    from reviewer.ui.main_window import MainWindow

__all__ = ["DialogActions"]


class DialogActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.compare_dialog: QDialog | None = None  # kept open beside the window

    @Slot()
    def edit_mapping(self) -> None:
        if self.window.loaded is None:
            return
        from reviewer.ui.mapping_dialog import MappingDialog

        dialog = MappingDialog(self.window.loaded.book, self.window)
        if dialog.exec():
            self.choose(dialog.result_choices())

    def choose(self, choices: dict[tuple[str, str], SheetChoice]) -> None:
        """Remember the sheets' roles and mappings for each file (beside the choices made before), and
        read the files again."""
        from reviewer.io.layout_choices import load_choices, save_choices

        loaded = self.window.loaded
        if loaded is None:
            return
        for path in loaded.paths:
            name = Path(path).name
            mine = {sheet: c for (file, sheet), c in load_choices([path]).items() if file == name}
            mine.update({sheet: c for (file, sheet), c in choices.items() if file == name})
            save_choices(path, mine)
        self.window.open_paths(loaded.paths)

    @Slot()
    def edit_preferences(self) -> None:
        from reviewer.ui.preferences_dialog import PreferencesDialog

        window = self.window
        dialog = PreferencesDialog(window.prefs, window)
        if dialog.exec():
            window.prefs = dialog.result_preferences()
            save_preferences(window.prefs)
            if window.review is not None:
                window.review.reviewer = window.prefs.reviewer or window.review.reviewer
            window.apply_settings()  # the tolerance and aliases change the assessments on screen at once
            window.status_label.setText("Preferences saved: the tolerance and aliases apply now; the verdict "
                                        "scale applies to new reviews")

    @Slot()
    def compare_sources(self) -> None:
        if self.window.loaded is None:
            return
        from reviewer.ui.compare_dialog import CompareDialog

        self.compare_dialog = CompareDialog(self.window.loaded.book.references,
                                            self.window.prefs.tolerance or DEFAULT_TOLERANCE, self.window)
        self.compare_dialog.show()

    @Slot()
    def show_history(self) -> None:
        window = self.window
        position = window.current_position()
        if window.review is None or window.table is None or position is None:
            return
        from reviewer.ui.history_dialog import history_dialog

        history_dialog(window.review, str(window.table.keys[position]), window).exec()

    @Slot()
    def show_orphans(self) -> None:
        if self.window.review is None:
            return
        from reviewer.ui.history_dialog import orphans_dialog

        orphans_dialog(self.window.review, self.window).exec()

    @Slot()
    def show_shortcuts(self) -> None:
        from reviewer.ui.help_dialogs import show_shortcuts

        show_shortcuts(self.window)

    @Slot()
    def show_about(self) -> None:
        from reviewer.ui.help_dialogs import show_about

        show_about(self.window)
