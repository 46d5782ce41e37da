"""The one place the window tells the user something went wrong."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.app_log import log_path

__all__ = ["install_excepthooks", "show_error", "show_info"]

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A sentence that says what happened and what to do."""
    log.info("%s: %s", title, message)
    box = QMessageBox(QMessageBox.Icon.Warning, title, message[:1].upper() + message[1:], QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("errorDialog")
    box.exec()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


_showing = False


def _on_unexpected(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    global _showing
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
    if _showing or issubclass(kind, KeyboardInterrupt):
        return
    _showing = True
    try:
        try:
            where = f"The details are in the log:\n{log_path()}"
        except Exception:  # no home folder, so no log: the sentence above is all there is
            where = "No log could be written."
        QMessageBox.critical(None, "Something went wrong",
                             f"Reviewer hit an unexpected problem ({kind.__name__}: {error}).\n\nThe last change may "
                             f"not have been saved; check it. {where}")
    finally:
        _showing = False


def install_excepthooks() -> None:
    """Nothing unexpected kills the app: it is logged, shown with the log's path, and work goes on."""
    sys.excepthook = _on_unexpected

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        log.error("unexpected error in a thread:\n%s",
                  "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)))

    threading.excepthook = thread_hook
