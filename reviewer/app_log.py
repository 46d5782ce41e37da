"""Where Reviewer keeps its files, and its log: a rotating file in the home folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from reviewer.io.paths import home

__all__ = ["home", "log_path", "setup_logging"]


def log_path() -> Path:
    return home() / "reviewer.log"


_configured = False


def setup_logging(console: bool = False) -> Path | None:
    global _configured
    if _configured:
        return log_path()
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        handler: logging.Handler = logging.handlers.RotatingFileHandler(log_path(), maxBytes=2_000_000,
                                                                        backupCount=3, encoding="utf-8")
    except OSError:
        return None  # a read-only home folder must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if console:
        root.addHandler(logging.StreamHandler())
    _configured = True
    return log_path()
