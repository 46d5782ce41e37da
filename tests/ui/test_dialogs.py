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
    assert shown and str(log_path()) in shown[0] and "may not have been saved" in shown[0]  # never a false "saved"
    assert "a slot failed" in log_path().read_text(encoding="utf-8")


def test_install_excepthooks_replaces_the_default_hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    monkeypatch.setattr(threading, "excepthook", threading.__excepthook__)
    dialogs.install_excepthooks()
    assert sys.excepthook is dialogs._on_unexpected
    assert threading.excepthook is not threading.__excepthook__


def test_sheets_and_columns_speaks_a_persons_words_and_previews_rows(qtbot: QtBot) -> None:
    import reviewer
    from reviewer.ui.mapping_dialog import MappingDialog

    book = reviewer.open_workbook(reviewer.sample_workbook())
    dialog = MappingDialog(book)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [dialog.fields.itemAt(r, dialog.fields.ItemRole.LabelRole).widget().text()
              for r in range(dialog.fields.rowCount())]
    assert "As of:" in labels and "Period start:" in labels and "Link:" in labels
    assert not any("_" in label or label[:1].islower() for label in labels)
    dialog.list.setCurrentRow(1)  # a reference sheet
    labels = [dialog.fields.itemAt(r, dialog.fields.ItemRole.LabelRole).widget().text()
              for r in range(dialog.fields.rowCount())]
    assert "Place:" in labels and "Measure:" in labels and "Source:" in labels
    assert dialog.preview.rowCount() >= 10
    header = dialog.preview.horizontalHeader().height()
    shown = (dialog.preview.viewport().height()) // dialog.preview.rowHeight(0)
    assert shown >= 10, header


def test_the_window_does_not_open_without_its_home_folder_and_says_why(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.ui import app

    blocker = tmp_path / "home"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("REVIEWER_HOME", str(blocker))
    said: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: said.append(message))
    assert app.run(["reviewer"]) == 2
    assert len(said) == 1 and "REVIEWER_HOME" in said[0]
