"""An unexpected error shows a dialog with the log's path, is logged in full, and the app goes on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewer.ui import dialogs


def test_an_unexpected_error_is_logged_and_shown_with_the_log_path(qtbot: QtBot, reviewer_home: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.app_log import log_path, setup_logging

    setup_logging()
    shown: list[str] = []
    monkeypatch.setattr(dialogs.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    try:
        raise RuntimeError("a slot failed")
    except RuntimeError:
        dialogs._on_unexpected(*sys.exc_info())  # type: ignore[arg-type]
    assert shown and str(log_path()) in shown[0] and "verdicts are saved" in shown[0]
    assert "a slot failed" in log_path().read_text(encoding="utf-8")


def test_install_excepthooks_replaces_the_default_hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    monkeypatch.setattr(threading, "excepthook", threading.__excepthook__)
    dialogs.install_excepthooks()
    assert sys.excepthook is dialogs._on_unexpected
    assert threading.excepthook is not threading.__excepthook__
