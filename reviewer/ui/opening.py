"""Opening files: the open dialog, the sample, recent files, dropped files, and the reading in the
background. What was read is handed on by ``opened``; whoever shows it decides what to do."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from reviewer.core.preferences import Preferences
from reviewer.ui.background import Job
from reviewer.ui.busy import Busy
from reviewer.ui.dialogs import show_error
from reviewer.ui.start_page import StartPage
from reviewer.ui.window_settings import WindowSettings

if TYPE_CHECKING:
    from reviewer.ui.loaded import Loaded

__all__ = ["FILE_FILTER", "OpenController"]

FILE_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv *.tsv *.txt);;All files (*)"


class OpenController(QObject):
    opened = Signal(object)  # a Loaded, read in the background

    def __init__(self, parent: QWidget, busy: Busy, settings: WindowSettings, start_page: StartPage,
                 recent_menu: QMenu, prefs: Callable[[], Preferences]) -> None:
        super().__init__(parent)
        self.parent_widget, self.busy, self.settings = parent, busy, settings
        self.start_page, self.recent_menu, self.prefs = start_page, recent_menu, prefs
        self.paths: list[str] = []  # what is open now
        start_page.open_requested.connect(self.open_dialog)
        start_page.sample_requested.connect(self.open_sample)
        start_page.recent_requested.connect(self.on_start_page_recent_requested)
        recent_menu.aboutToShow.connect(self.on_recent_menu_about_to_show)
        start_page.set_recent(settings.recent())

    @Slot()
    def open_dialog(self) -> None:
        folder = str(Path(self.paths[0]).parent) if self.paths else str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(self.parent_widget, "Open claims and sources", folder, FILE_FILTER)
        if paths:
            self.open_paths(paths)

    @Slot()
    def open_sample(self) -> None:
        from reviewer.sample import sample_workbook

        self.open_paths([str(sample_workbook())])

    def open_paths(self, paths: list[str]) -> None:
        """Read files in the background; the window stays usable and shows progress with Cancel."""
        from reviewer.api import check_settings
        from reviewer.ui.loaded import Loaded

        settings = check_settings(self.prefs())
        stop = threading.Event()  # Cancel ends the reader processes, not only the wait for them
        job = Job(lambda report: Loaded.load(paths, settings, report, stop), stop)
        self.busy.run(job, f"Opening {', '.join(Path(p).name for p in paths)}…", self.on_load_succeeded,
                      self.on_load_failed)

    @Slot(object)
    def on_load_succeeded(self, loaded: Loaded) -> None:
        self.busy.end("")
        self.paths = list(loaded.paths)
        self.opened.emit(loaded)
        self.settings.remember(loaded.paths)
        self.start_page.set_recent(self.settings.recent())

    @Slot(str)
    def on_load_failed(self, message: str) -> None:
        self.busy.end("")
        show_error(self.parent_widget, "Cannot open the workbook", message)

    @Slot(str)
    def on_start_page_recent_requested(self, entry: str) -> None:
        self.open_paths(entry.split("\n"))

    @Slot()
    def on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        for entry in self.settings.recent():
            action = self.recent_menu.addAction(" + ".join(Path(p).name for p in entry.split("\n")))
            action.triggered.connect(lambda _=False, e=entry: self.open_paths(e.split("\n")))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none yet)").setEnabled(False)
