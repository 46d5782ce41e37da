"""Another window or process on the same review: its changes show here, and undo asks before overwriting them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import reviewer
from reviewer.io.review_store import ReviewStore
from reviewer.ui.main_window import MainWindow
from tests.ui.conftest import open_and_wait


def _elsewhere(window: MainWindow) -> reviewer.Review:
    assert window.reviewing.loaded is not None
    return reviewer.Review(window.reviewing.loaded.book, store=ReviewStore(), reviewer="Ben")


def test_a_verdict_set_in_another_window_shows_within_a_second(qtbot: QtBot, sample: MainWindow) -> None:
    assert sample.reviewing.store_timer.isActive() and sample.reviewing.store_timer.interval() <= 1000
    _elsewhere(sample).set_verdict("R-02", "Overstated", note="from the other window")
    qtbot.waitUntil(lambda: sample.claims_model.index(1, 6).data() == "Overstated", timeout=3000)
    review = sample.reviewing.review
    assert review is not None and review.verdict("R-02").note == "from the other window"


def test_undo_asks_before_overwriting_another_windows_newer_verdict(qtbot: QtBot, sample: MainWindow,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    sample.claims_view.setFocus()
    sample.claims_view.selectRow(0)
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_1)
    _elsewhere(sample).set_verdict("R-01", "Outdated")
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert asked and "R-01 changed in another window" in asked[0]
    assert ReviewStore().all(sample.reviewing.review.id)["R-01"].verdict == "Outdated"  # kept: the editor said no
    assert sample.claims_model.index(0, 6).data() == "Outdated"


def test_a_copy_of_a_reviewed_file_offers_its_verdicts_from_the_edit_menu(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = tmp_path / "desk" / "claims.xlsx"
    original.parent.mkdir()
    original.write_bytes(reviewer.sample_workbook().read_bytes())
    reviewer.Review(reviewer.open_workbook(original)).set_verdict("R-02", "Overstated", note="3,164 not traceable")
    copy = tmp_path / "from-a-colleague" / "claims.xlsx"
    copy.parent.mkdir()
    copy.write_bytes(original.read_bytes())
    open_and_wait(qtbot, window, copy)
    take = window.actions_by_name["take_earlier"]
    assert take.isEnabled() and "Take earlier verdicts" in window.busy.label.text()
    assert window.reviewing.review.verdict("R-02") is None  # offered, never taken silently
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    take.trigger()
    assert str(original) in asked[0] and "1 verdict" in asked[0]
    assert window.claims_model.index(1, 6).data() == "Overstated"
    assert window.verdict_bar.note.text() == "3,164 not traceable"  # the claim it took is shown
    assert not take.isEnabled() and window.isWindowModified() and not window.undo_stack.isClean()  # closing asks
    assert reviewer.Review(reviewer.open_workbook(copy)).verdict("R-02").verdict == "Overstated"  # kept in the store


def test_a_store_that_fails_is_said_once_not_again_each_time_the_window_comes_back(
        sample: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from reviewer.core.errors import StoreError

    shown: list[str] = []
    monkeypatch.setattr("reviewer.ui.reviewing.show_error", lambda _parent, _title, text: shown.append(text))

    def unreadable() -> None:
        raise StoreError("the review store cannot be read")

    monkeypatch.setattr(sample.reviewing.review, "refresh", unreadable)
    sample.reviewing.on_store_timer_timeout()
    assert shown == ["the review store cannot be read"] and not sample.reviewing.store_timer.isActive()
    monkeypatch.setattr(sample, "isActiveWindow", lambda: True)
    QApplication.sendEvent(sample, QEvent(QEvent.Type.ActivationChange))  # closing the message brings it back
    assert shown == ["the review store cannot be read"]
