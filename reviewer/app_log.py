"""The log: a rotating file in the Reviewer home folder, with the details a sentence leaves out."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.io.paths import home

__all__ = ["log_path", "setup_logging"]

_handler: logging.Handler | None = None


def log_path() -> Path:
    return home() / "reviewer.log"


def setup_logging(console: bool = False) -> Path | None:
    """Log to the home folder's file; called again after REVIEWER_HOME changes, it follows."""
    global _handler
    try:
        path = log_path()
    except ReviewerError:
        return None  # the window says what is wrong with the folder when it first needs it
    root = logging.getLogger()
    if _handler is not None:
        if getattr(_handler, "baseFilename", None) == str(path.resolve()):
            return path
        root.removeHandler(_handler)
        _handler.close()
    root.setLevel(logging.INFO)
    try:
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None  # a read-only home folder must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _handler = handler
    if console:
        root.addHandler(logging.StreamHandler())
    return path
