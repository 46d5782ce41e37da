"""Start the window: logging, the crash dialog, the icon, files from the command line."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

__all__ = ["create_window", "run"]


def create_window(paths: list[str]) -> object:
    from reviewer.ui.main_window import MainWindow

    window = MainWindow()
    if paths:
        window.open_paths(paths)
    return window


def _start_reader() -> None:
    """A reader process and the vocabularies wait for the first file, started once the window shows
    (not before it)."""
    from reviewer.io.warm import warm_up

    warm_up()


def run(argv: list[str]) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from reviewer.app_log import setup_logging
    from reviewer.ui.dialogs import install_excepthooks

    setup_logging()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName("Reviewer")
    app.setOrganizationName("Reviewer")
    app.setDesktopFileName("reviewer")
    icon = resources.files("reviewer.resources").joinpath("reviewer.svg")
    app.setWindowIcon(QIcon(str(icon)))
    install_excepthooks()
    from reviewer.core.errors import ReviewerError
    from reviewer.io.paths import home

    try:
        home()  # without its folder nothing could be kept: say so, rather than open a window that loses work
    except ReviewerError as error:
        from reviewer.ui.dialogs import show_error

        show_error(None, "Cannot start Reviewer", str(error))
        return 2
    from reviewer.ui.main_thread_gc import collect_in_main_thread

    collect_in_main_thread()  # background jobs must never free the window's objects
    paths = [a for a in argv if not a.startswith("-")]
    if "--sample" in argv:
        from reviewer.sample import sample_workbook

        paths = [str(sample_workbook())]
    missing = [p for p in paths if not Path(p).exists()]
    window = create_window([p for p in paths if p not in missing])
    window.show()  # type: ignore[attr-defined]
    window.raise_()  # type: ignore[attr-defined]
    window.activateWindow()  # type: ignore[attr-defined]  # without a window manager nothing else activates it
    if missing:
        from reviewer.ui.dialogs import show_error

        show_error(window, "Cannot open", f"cannot open {missing[0]}: the file does not exist; check the name "  # type: ignore[arg-type]
                   "and folder")
    if os.environ.get("REVIEWER_EXIT_WHEN_SHOWN"):  # for bench/bench_startup.py: report, then quit
        from PySide6.QtCore import QTimer

        def shown() -> None:
            print("shown", flush=True)
            app.quit()

        QTimer.singleShot(0, shown)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, _start_reader)
    code = int(app.exec())
    from reviewer.io.guarded import shutdown_readers

    shutdown_readers()  # quitting leaves no reader running, even one busy with a file
    # Delete the window while Qt is still running, so its teardown does not depend on the order in
    # which the interpreter collects objects at exit.
    window.deleteLater()  # type: ignore[attr-defined]
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code
