"""The window as an editor finds it: preferences with a name, and the sample opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import reviewer
from reviewer.core.preferences import Preferences
from reviewer.io.preferences_file import save_preferences
from reviewer.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, reviewer_home: Path) -> MainWindow:
    save_preferences(Preferences(reviewer="Ana"))
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    return win


def open_and_wait(qtbot: QtBot, window: MainWindow, *paths: Path) -> None:
    # A missing file would stop the test at a modal error dialog instead of failing it.
    assert all(Path(p).is_file() for p in paths), paths
    with qtbot.waitSignal(window.workbook_loaded, timeout=30_000):
        window.open_paths([str(p) for p in paths])


@pytest.fixture
def sample(qtbot: QtBot, window: MainWindow) -> MainWindow:
    open_and_wait(qtbot, window, reviewer.sample_workbook())
    return window
