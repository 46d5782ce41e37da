"""The window as an editor finds it: preferences with a name, and the sample opened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import reviewer
from reviewer.core.preferences import Preferences
from reviewer.io.preferences_file import save_preferences
from reviewer.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _collect_in_the_windows_thread(qapp: object) -> Iterator[None]:
    # As the app does when it starts: a background job that collected a cycle holding a widget of an earlier
    # test would free it in the job's thread, and Qt's deletion of it there can deadlock the window's thread.
    # Between tests the collector runs as usual, so that tests outside the window's are left as they were.
    import gc

    from reviewer.ui.main_thread_gc import collect_in_main_thread

    collect_in_main_thread()
    gc.disable()
    yield
    gc.enable()


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
