"""An hour of review without the mouse: real keys on the real widgets, as an editor types them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

import reviewer
from reviewer.core.preferences import Preferences
from reviewer.io.preferences_file import load_preferences, save_preferences
from reviewer.ui.main_window import MainWindow
from tests.ui.conftest import open_and_wait

CTRL = Qt.KeyboardModifier.ControlModifier


def keys(win: MainWindow) -> list[str]:
    return [win.claims_model.index(r, 0).data() for r in range(win.claims_model.rowCount())]


def current_key(win: MainWindow) -> str:
    return win.claims_model.index(win.claims_view.currentIndex().row(), 0).data()


def test_ctrl_down_then_a_digit_sets_one_verdict_on_the_next_unreviewed_claim(qtbot: QtBot,
                                                                            sample: MainWindow) -> None:
    view = sample.claims_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_1)  # R-01 Accurate
    qtbot.keyClick(view, Qt.Key.Key_Down, CTRL)
    assert current_key(sample) == "R-02"
    assert len(view.selectionModel().selectedRows()) == 1
    qtbot.keyClick(view, Qt.Key.Key_4)
    review = sample.reviewing.review
    assert review.verdict("R-01").verdict == "Accurate"  # not overwritten
    assert review.verdict("R-02").verdict == "Overstated"
    assert review.progress() == (2, 13)
    assert sample.undo_action.text() == "&Undo verdict “Overstated” on R-02"
    qtbot.keyClick(view, Qt.Key.Key_N)  # N moves on too, and selects only the claim it lands on
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert review.verdict("R-03").verdict == "Accurate but needs context" and review.progress() == (3, 13)


def test_a_selection_made_on_purpose_gets_one_verdict_each_and_says_how_many(qtbot: QtBot,
                                                                           sample: MainWindow) -> None:
    view = sample.claims_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_8)
    assert sample.reviewing.review.progress() == (2, 13)
    assert sample.undo_action.text() == "&Undo verdict “Unverifiable” on 2 claims"
    # Ctrl with an arrow moves the current claim without selecting it: the verdict goes to that claim only.
    qtbot.keyClick(view, Qt.Key.Key_Down, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert sample.reviewing.review.progress() == (3, 13)
    assert sample.undo_action.text() == "&Undo verdict “Understated” on R-03"


def test_a_note_then_enter_returns_to_the_list_and_a_digit_sets_the_verdict(qtbot: QtBot,
                                                                          sample: MainWindow) -> None:
    view, note = sample.claims_view, sample.verdict_bar.note
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_L, CTRL)
    assert note.hasFocus()
    qtbot.keyClicks(note, "x2017")  # digits in a text field are text
    assert sample.reviewing.review.verdict("R-01") is None or not sample.reviewing.review.verdict("R-01").verdict
    qtbot.keyClick(note, Qt.Key.Key_Return)
    assert view.hasFocus()
    assert sample.reviewing.review.verdict("R-01").note == "x2017"  # saved on Enter, without waiting
    qtbot.keyClick(view, Qt.Key.Key_1)
    verdict = sample.reviewing.review.verdict("R-01")
    assert verdict.verdict == "Accurate" and verdict.note == "x2017" and note.text() == "x2017"
    qtbot.keyClick(view, Qt.Key.Key_L, CTRL)
    qtbot.keyClicks(note, " checked")
    qtbot.keyClick(note, Qt.Key.Key_Escape)
    assert view.hasFocus() and sample.reviewing.review.verdict("R-01").note == "x2017 checked"


def test_escape_in_the_filter_clears_it_and_keeps_the_selected_claim(qtbot: QtBot, sample: MainWindow) -> None:
    sample.claims_view.selectRow(6)  # R-07, an Airwars claim
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_F, CTRL)
    assert sample.filter_edit.hasFocus()
    qtbot.keyClicks(sample.filter_edit, "airwars")
    qtbot.waitUntil(lambda: sample.claims_model.rowCount() == 5)
    assert current_key(sample) == "R-07"
    qtbot.keyClick(sample.filter_edit, Qt.Key.Key_Escape)
    assert sample.filter_edit.text() == "" and sample.claims_model.rowCount() == 13
    assert current_key(sample) == "R-07" and sample.claims_view.hasFocus()


def test_clearing_a_filter_that_hid_the_claim_brings_it_back(qtbot: QtBot, sample: MainWindow) -> None:
    sample.claims_view.selectRow(4)  # R-05, the coalition's
    qtbot.keyClicks(sample.filter_edit, "airwars")
    qtbot.waitUntil(lambda: sample.claims_model.rowCount() == 5)
    sample.filter_edit.clear()
    qtbot.waitUntil(lambda: sample.claims_model.rowCount() == 13)
    assert current_key(sample) == "R-05"


def test_undo_and_redo_select_the_claim_they_change(qtbot: QtBot, sample: MainWindow) -> None:
    view = sample.claims_view
    view.setFocus()
    view.selectRow(1)
    qtbot.keyClick(view, Qt.Key.Key_5)
    view.selectRow(9)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert current_key(sample) == "R-02" and sample.reviewing.review.verdict("R-02") is None
    view.selectRow(9)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert current_key(sample) == "R-02" and sample.reviewing.review.verdict("R-02").verdict == "Wrong metric"
    assert "R-02" in sample.detail.heading.text()


def test_advancing_after_a_verdict_is_a_preference_off_by_default(qtbot: QtBot, sample: MainWindow) -> None:
    assert Preferences().advance_after_verdict is False
    view = sample.claims_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert current_key(sample) == "R-01"
    sample.prefs.advance_after_verdict = True
    qtbot.keyClick(view, Qt.Key.Key_2)  # R-01 again, then on to R-02
    assert current_key(sample) == "R-02"
    save_preferences(sample.prefs)
    assert load_preferences().advance_after_verdict is True


def test_with_no_name_set_verdicts_and_notes_are_recorded_and_no_dialog_takes_the_keys(
        qtbot: QtBot, reviewer_home: Path) -> None:
    save_preferences(Preferences(reviewer=""))
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    open_and_wait(qtbot, win, reviewer.sample_workbook())
    view = win.claims_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_L, CTRL)
    qtbot.keyClicks(win.verdict_bar.note, "hello")
    qtbot.keyClick(win.verdict_bar.note, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_2)
    recorded = win.reviewing.review.verdict("R-01")
    assert (recorded.verdict, recorded.note) == ("Accurate but needs context", "hello")
    assert QApplication.activeModalWidget() is None and QApplication.focusWidget() is view
    assert load_preferences().reviewer == ""  # no keystroke became a name
    assert "set your name in Preferences" in win.status_label.text()


def test_the_window_fits_a_1366_by_768_screen(qtbot: QtBot, reviewer_home: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.ui import screen_fit

    screen = QRect(0, 0, 1366, 768)
    monkeypatch.setattr(screen_fit, "available_area", lambda _window: screen)
    from PySide6.QtCore import QSettings

    # A window remembered from a 1920x1080 screen.
    big = MainWindow()
    qtbot.addWidget(big)
    big.setGeometry(100, 80, 1800, 1000)
    big.close()
    assert QSettings(str(reviewer_home / "window.ini"), QSettings.Format.IniFormat).value("geometry") is not None
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    open_and_wait(qtbot, win, reviewer.sample_workbook())
    assert screen.contains(win.frameGeometry())
    # What the editor needs is on the screen: the verdict buttons, the note and the status bar.
    for widget in (*win.verdict_bar.buttons, win.verdict_bar.note, win.statusBar()):
        top_left = widget.mapTo(win, widget.rect().topLeft())
        assert win.rect().contains(QRect(top_left, widget.size())), widget
    fresh_home = reviewer_home / "fresh"
    monkeypatch.setenv("REVIEWER_HOME", str(fresh_home))
    first = MainWindow()  # the first run on this screen: sized from it
    qtbot.addWidget(first)
    assert screen.contains(first.frameGeometry()) and first.width() > 1000


def test_quitting_with_verdicts_not_exported_asks_first(qtbot: QtBot, sample: MainWindow, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert sample.close()  # nothing changed: no question
    sample.show()
    sample.claims_view.setFocus()
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_1)
    assert not sample.close()  # the question is asked, without blocking
    question = sample.exporting.question
    assert question is not None and question.isVisible() and question.text() == "Export before closing?"
    assert sorted(b.text().replace("&", "") for b in question.buttons()) == ["Cancel", "Close", "Export…"]
    question.button(QMessageBox.StandardButton.Cancel).click()
    assert sample.isVisible()
    target = tmp_path / "sample-reviewed.xlsx"
    monkeypatch.setattr("reviewer.ui.exporting.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    assert not sample.close()
    export = next(b for b in question.buttons() if b.text() == "Export…")
    export.click()
    qtbot.waitUntil(lambda: not sample.isVisible(), timeout=30_000)  # exported, then closed
    assert target.exists()


def test_the_save_dialog_opens_beside_the_opened_file(tmp_path: Path) -> None:
    from reviewer.ui.exporting import suggested_path

    opened = tmp_path / "claims.xlsx"
    opened.write_bytes(b"")
    assert suggested_path(str(opened), ".xlsx") == tmp_path / "claims-reviewed.xlsx"
    # The sample lives inside the package: the home folder instead.
    assert suggested_path(str(reviewer.sample_workbook()), ".xlsx") == Path.home() / "sample-reviewed.xlsx"


def test_closing_without_exporting_keeps_the_verdicts(qtbot: QtBot, sample: MainWindow) -> None:
    sample.claims_view.setFocus()
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_7)
    assert not sample.close()
    next(b for b in sample.exporting.question.buttons() if b.text() == "Close").click()
    assert not sample.isVisible()
    assert reviewer.Review(sample.reviewing.session.book).verdict("R-01").verdict == "Outdated"


def test_one_undo_takes_back_a_whole_note_typed_on_a_claim(qtbot: QtBot, sample: MainWindow) -> None:
    view = sample.claims_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_L, CTRL)
    qtbot.keyClicks(sample.verdict_bar.note, "hello")
    qtbot.keyClick(sample.verdict_bar.note, Qt.Key.Key_Return)
    assert sample.reviewing.review.verdict("R-01").note == "hello"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert sample.reviewing.review.verdict("R-01") is None and sample.verdict_bar.note.text() == ""
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert sample.reviewing.review.verdict("R-01").note == "hello"


def test_the_hint_names_the_keys_the_verdict_scale_has(qtbot: QtBot, sample: MainWindow) -> None:
    sample.claims_view.selectRow(0)
    buttons = sample.verdict_bar.buttons
    assert len(buttons) == 8
    assert sample.verdict_bar.status.text() == "Not reviewed yet: press 1–8"


def test_end_and_home_go_to_the_last_and_first_claim(qtbot: QtBot, sample: MainWindow) -> None:
    sample.claims_view.selectRow(3)
    sample.claims_view.setFocus()
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_End)
    assert current_key(sample) == "R-13" and sample.claims_view.horizontalScrollBar().value() == 0
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_Home)
    assert current_key(sample) == "R-01"


def test_ctrl_end_selects_the_claim_it_shows_so_a_verdict_key_goes_to_the_claim_highlighted(
        qtbot: QtBot, sample: MainWindow) -> None:
    sample.claims_view.selectRow(1)
    sample.claims_view.setFocus()
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    highlighted = [sample.claims_view.model().index(i.row(), 0).data()
                   for i in sample.claims_view.selectionModel().selectedRows()]
    assert highlighted == [current_key(sample)] == ["R-13"]
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    highlighted = [sample.claims_view.model().index(i.row(), 0).data()
                   for i in sample.claims_view.selectionModel().selectedRows()]
    assert highlighted == [current_key(sample)] == ["R-01"]
