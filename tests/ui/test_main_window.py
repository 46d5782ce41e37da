"""Drive the window as an editor would: open, select, filter, record verdicts, undo, click the plot."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import reviewer
from reviewer.core.errors import StoreError
from reviewer.ui.main_window import MainWindow
from tests.ui.conftest import open_and_wait


def test_the_window_starts_on_the_start_page(window: MainWindow) -> None:
    assert window.pages.currentWidget() is window.start_page
    assert not window.export_action.isEnabled()


def test_opening_the_sample_shows_claims_and_the_first_comparison(sample: MainWindow) -> None:
    assert "sample.xlsx" in sample.windowTitle()
    assert sample.claims_model.rowCount() == len(sample.reviewing.loaded.book.claims) == 13
    assert sample.count_label.text() == "0 of 13 reviewed"
    heading = sample.detail.heading.text()
    assert "R-01" in heading and "at least 352" in heading and "lower bound" in heading
    first_source = [sample.detail.sources.item(0, c).text() for c in range(6)]
    assert first_source[0] == "★ CJTF-OIR" and first_source[1] == "at least 352" and "match" in first_source[5]
    coalition = sample.sources_panel.models["CJTF-OIR"]
    assert [coalition.rows[p] for p in coalition.used] == [6]  # the 30 April 2017 report, row 6 of its sheet


def test_selecting_a_claim_updates_everything(qtbot: QtBot, sample: MainWindow) -> None:
    sample.claims_view.selectRow(3)  # R-04, Amnesty's range over a period
    heading = sample.detail.heading.text()
    assert "R-04" in heading and "a range, 804 to 1,213" in heading
    assert "period September 2014 to August 2016" in heading
    assert sample.plot.claim_period.isVisible()
    amnesty = [sample.detail.sources.item(r, 0).text() for r in range(sample.detail.sources.rowCount())]
    assert amnesty[0] == "★ Amnesty International"
    assert "no data" in sample.detail.sources.item(0, 5).text()


def test_filtering_as_you_type_and_by_assessment(qtbot: QtBot, sample: MainWindow) -> None:
    qtbot.keyClicks(sample.filter_edit, "airwars")
    qtbot.waitUntil(lambda: sample.claims_model.rowCount() == 5)
    assert sample.count_label.text() == "0 of 13 reviewed · showing 5"
    sample.filter_edit.clear()
    qtbot.waitUntil(lambda: sample.claims_model.rowCount() == 13)
    sample.assessment_box.setCurrentText("claim higher")
    keys = [sample.claims_model.index(r, 0).data() for r in range(sample.claims_model.rowCount())]
    assert keys == ["R-10"]


def test_sorting_by_a_column(sample: MainWindow) -> None:
    sample.claims_view.horizontalHeader().sectionClicked.emit(3)  # Figure
    figures = [sample.claims_model.index(r, 3).data() for r in range(3)]
    assert figures == sorted(figures, key=str.lower)


def test_verdict_keys_undo_and_redo(qtbot: QtBot, sample: MainWindow) -> None:
    sample.claims_view.setFocus()
    sample.claims_view.selectRow(0)
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_1)
    review = sample.reviewing.review
    assert review.verdict("R-01").verdict == "Accurate" and review.verdict("R-01").reviewer == "Ana"
    assert sample.claims_model.index(0, 6).data() == "Accurate"
    assert sample.count_label.text() == "1 of 13 reviewed"
    assert sample.undo_action.text() == "&Undo verdict “Accurate” on R-01"
    assert sample.isWindowModified()
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert reviewer.Review(sample.reviewing.loaded.book).verdict("R-01") is None  # undone in the store too
    assert sample.claims_model.index(0, 6).data() == "—"
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert reviewer.Review(sample.reviewing.loaded.book).verdict("R-01").verdict == "Accurate"


def test_several_claims_at_once_and_next_unreviewed(qtbot: QtBot, sample: MainWindow) -> None:
    sample.claims_view.setFocus()
    sample.claims_view.selectRow(0)
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_8)
    assert sample.reviewing.review.progress() == (3, 13)
    assert sample.undo_action.text() == "&Undo verdict “Unverifiable” on 3 claims"
    sample.claims_view.selectRow(0)
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_N)
    assert sample.claims_view.currentIndex().row() == 3
    sample.undo_stack.undo()
    assert sample.reviewing.review.progress() == (0, 13)


def test_a_note_is_stored_while_typing(qtbot: QtBot, sample: MainWindow) -> None:
    sample.claims_view.selectRow(1)
    qtbot.keyClicks(sample.verdict_bar.note, "3,164 not traceable")
    qtbot.waitUntil(lambda: (v := reviewer.Review(sample.reviewing.loaded.book).verdict("R-02")) is not None
                    and v.note == "3,164 not traceable", timeout=3000)


def click_point(qtbot: QtBot, plot: object, source: str, index: int) -> object:
    """Click the plot's point of one source, as a person would; returns the point."""
    plot.reset_view()  # type: ignore[attr-defined]
    plot.plot.plotItem.vb.autoRange()  # type: ignore[attr-defined]
    plot.plot.plotItem.vb.updateMatrix()  # type: ignore[attr-defined]  # else applied at the next paint
    spot = plot.points[source].points()[index]  # type: ignore[attr-defined]
    view_pos = plot.plot.mapFromScene(plot.points[source].mapToScene(spot.pos()))  # type: ignore[attr-defined]
    qtbot.mouseClick(plot.plot.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=QPoint(view_pos.x(), view_pos.y()))
    return spot


def test_clicking_a_plot_point_selects_its_source_row_and_back(qtbot: QtBot, sample: MainWindow) -> None:
    plot = sample.plot
    spot = click_point(qtbot, plot, "CJTF-OIR", 5)
    view = sample.sources_panel.views["CJTF-OIR"]
    model = sample.sources_panel.models["CJTF-OIR"]
    qtbot.waitUntil(lambda: view.currentIndex().isValid(), timeout=3000)
    assert model.ref_at(view.currentIndex().row()) == spot.data()[1]
    assert plot.highlighted() == (spot.pos().x(), spot.pos().y())
    view.selectRow(8)
    ring = plot.highlighted()
    x, y = plot.points["CJTF-OIR"].getData()
    found = [i for i, ref in enumerate(plot.refs["CJTF-OIR"]) if ref == model.ref_at(8)]
    assert ring == (x[found[0]], y[found[0]])
    sample.claims_view.selectRow(3)  # another claim: the ring of a row chosen for the one before goes
    assert plot.highlighted() is None and not view.currentIndex().isValid()


def test_a_point_of_two_series_sharing_dates_selects_its_own_row(qtbot: QtBot, window: MainWindow,
                                                                 tmp_path: Path) -> None:
    # Airwars publishes "alleged" and "likely" deaths on the same dates; the plot draws "likely".
    from tests.conftest import write_xlsx

    likely, alleged = "likely civilian deaths (cumulative)", "alleged civilian deaths (cumulative)"
    rows = [["Date", "Metric", "Figure"], ["2017-01-31", likely, 2500], ["2017-01-31", alleged, 4000],
            ["2017-02-28", alleged, 4400], ["2017-02-28", likely, 2800],  # "likely" second on its date
            ["2017-03-31", alleged, 5800], ["2017-03-31", likely, 3100]]
    path = write_xlsx(tmp_path / "airwars.xlsx", {
        "Claims": [["Key", "Claim", "Attributed to", "Figure", "As of"],
                   ["A-1", "Airwars said 2,800 civilians were likely killed", "Airwars", "2,800", "2017-02-28"]],
        "Airwars": rows})
    open_and_wait(qtbot, window, path)
    model = window.sources_panel.models["Airwars"]
    view = window.sources_panel.views["Airwars"]
    spot = click_point(qtbot, window.plot, "Airwars", 1)
    assert spot.pos().y() == 2800  # the plot draws "likely"
    qtbot.waitUntil(lambda: view.currentIndex().isValid(), timeout=3000)
    row = view.currentIndex().row()
    assert model.index(row, 2).data() == "2800" and "likely" in model.index(row, 4).data()
    view.selectRow(row - 1)  # the "alleged" row of the same date: no point of it is drawn, so no ring
    assert window.plot.highlighted() is None


def test_compare_two_sources(qtbot: QtBot, sample: MainWindow) -> None:
    sample.dialogs.compare_sources()
    dialog = sample.dialogs.compare_dialog
    qtbot.addWidget(dialog)
    dialog.first.setCurrentText("CJTF-OIR")
    dialog.second.setCurrentText("Airwars")
    model = dialog.table.model()
    assert model.rowCount() > 20
    dates = [model.index(r, 0).data() for r in range(model.rowCount())]
    row = dates.index("2017-04-30")
    assert model.index(row, 1).data() == "at least 352" and model.index(row, 2).data() == "over 3,000"
    assert model.index(row, 3).data() == "+2,648"
    assert model.index(row, 3).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_a_bad_file_gets_a_sentence_and_the_window_stays(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("reviewer.ui.opening.show_error", lambda _parent, _title, message: shown.append(message))
    bad = tmp_path / "page.xls"
    bad.write_text("<html><body>a web page</body></html>")
    window.open_paths([str(bad)])
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "web page" in shown[0] and str(bad) in shown[0]
    assert window.pages.currentWidget() is window.start_page and window.isVisible()


def _export_with_the_first_claim_accurate(qtbot: QtBot, sample: MainWindow, target: Path) -> None:
    sample.claims_view.setFocus()
    sample.claims_view.selectRow(0)
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_1)
    sample.exporting.export_to(str(target))
    qtbot.waitUntil(lambda: "Exported" in sample.status_label.text(), timeout=30_000)


def test_export_from_the_window(qtbot: QtBot, sample: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "sample-reviewed.xlsx"
    _export_with_the_first_claim_accurate(qtbot, sample, target)
    assert not sample.isWindowModified()
    from reviewer.io.summary import read_summary

    assert read_summary(target)["verdicts"]["Accurate"] == 1


def test_the_window_never_writes_an_export_of_no_verdicts_over_one_that_holds_some(
        qtbot: QtBot, sample: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("reviewer.ui.exporting.show_error", lambda _parent, _title, text: shown.append(text))
    target = tmp_path / "sample-reviewed.xlsx"
    _export_with_the_first_claim_accurate(qtbot, sample, target)
    written = target.read_bytes()
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_0)  # cleared: the window's review holds no verdict now
    sample.exporting.export_to(str(target))
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "left as it was" in shown[0] and target.read_bytes() == written


def test_the_layout_is_remembered(qtbot: QtBot, sample: MainWindow) -> None:
    sample.resize(1200, 800)
    sample.claims_view.horizontalHeader().sectionClicked.emit(3)  # sort by figure
    sample.main_splitter.setSizes([300, 900])
    share = sample.main_splitter.sizes()[0] / sum(sample.main_splitter.sizes())
    sample.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    open_and_wait(qtbot, again, reviewer.sample_workbook())
    assert again.main_splitter.sizes()[0] / sum(again.main_splitter.sizes()) == pytest.approx(share, abs=0.02)
    figures = [again.claims_model.index(r, 3).data() for r in range(again.claims_model.rowCount())]
    assert figures == sorted(figures, key=str.lower)
    assert again.start_page.recent.count() == 1


def test_reopening_brings_verdicts_back(qtbot: QtBot, sample: MainWindow) -> None:
    sample.claims_view.setFocus()
    sample.claims_view.selectRow(2)
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_3)
    sample.close()
    again = MainWindow()
    qtbot.addWidget(again)
    open_and_wait(qtbot, again, reviewer.sample_workbook())
    assert again.claims_model.index(2, 6).data() == "Understated"
    assert again.count_label.text() == "1 of 13 reviewed"


def test_item_models_pass_the_model_tester(qtmodeltester: object, sample: MainWindow) -> None:
    qtmodeltester.check(sample.claims_model)  # type: ignore[attr-defined]
    for model in sample.sources_panel.models.values():
        qtmodeltester.check(model)  # type: ignore[attr-defined]
    sample.dialogs.compare_sources()
    qtmodeltester.check(sample.dialogs.compare_dialog.table.model())  # type: ignore[attr-defined]
    sample.dialogs.compare_dialog.close()


def test_source_tables_scroll_to_the_claims_date(sample: MainWindow) -> None:
    sample.claims_view.selectRow(8)  # R-09, September 2019
    coalition = sample.sources_panel.models["CJTF-OIR"]
    used = sorted(coalition.used)
    assert len(used) == 1 and str(coalition.dates[used[0]])[:10] == "2019-09-26"
    assert np.datetime64("2019-09-26") == coalition.dates[used[0]].astype("datetime64[D]")


def test_changing_a_sheets_role_is_remembered_for_that_file(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx

    path = write_xlsx(tmp_path / "desk.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS],
                                               "Notes": [["Date", "Figure"], ["2017-04-30", "352"]]})
    open_and_wait(qtbot, window, path)
    assert {s.sheet: s.role for s in window.reviewing.loaded.book.sheets}["Notes"] == "other"
    from reviewer.ui.mapping_dialog import MappingDialog

    dialog = MappingDialog(window.reviewing.loaded.book, window)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(1)
    dialog.role.setCurrentText("reference")
    dialog.kind.setCurrentText("cumulative")
    choices = dialog.result_choices()
    assert choices[("desk.xlsx", "Notes")].role == "reference"
    with qtbot.waitSignal(window.workbook_loaded, timeout=30_000):
        window.dialogs.choose(choices)
    assert window.reviewing.loaded.book.references["source"].tolist() == ["Notes"]
    again = MainWindow()
    qtbot.addWidget(again)
    open_and_wait(qtbot, again, path)
    roles = {s.sheet: (s.role, s.kind) for s in again.reviewing.loaded.book.sheets}
    assert roles["Notes"] == ("reference", "cumulative")
    # The sheet left as it was is no choice: it goes on being read as detected.
    assert ("desk.xlsx", "Claims") not in choices and roles["Claims"][0] == "claims"


def test_cancel_while_opening_leaves_the_window_as_it_was(qtbot: QtBot, window: MainWindow,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from reviewer.ui import loaded

    release, finished = threading.Event(), threading.Event()
    original = loaded.Loaded.load

    def slow_load(*args: object, **kwargs: object) -> object:
        release.wait(10)
        try:
            return original(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            finished.set()

    monkeypatch.setattr(loaded.Loaded, "load", staticmethod(slow_load))
    window.open_paths([str(reviewer.sample_workbook())])
    assert window.cancel_button.isVisible() and window.progress.isVisible()
    window.cancel_button.click()
    release.set()
    qtbot.waitUntil(finished.is_set, timeout=30_000)
    QApplication.processEvents()  # the late result, if the job still sent it, arrives now
    assert not window.progress.isVisible() and window.status_label.text() == "Cancelled."
    assert window.pages.currentWidget() is window.start_page  # the late result was dropped


def test_dropping_files_on_the_window_opens_them(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(reviewer.sample_workbook()))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.workbook_loaded, timeout=30_000):
        window.dropEvent(event)
    assert window.claims_model.rowCount() == 13


def test_history_and_verdicts_of_vanished_claims(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from reviewer.ui.history_dialog import history_dialog, orphans_dialog
    from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx

    path = write_xlsx(tmp_path / "desk.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})
    open_and_wait(qtbot, window, path)
    window.claims_view.setFocus()
    window.claims_view.selectRow(4)
    qtbot.keyClick(window.claims_view, Qt.Key.Key_6)
    qtbot.keyClick(window.claims_view, Qt.Key.Key_7)
    dialog = history_dialog(window.reviewing.review, "R-05")
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2 and dialog.table.item(0, 3).text() == "Outdated"
    assert dialog.table.item(0, 2).text() == "Misattributed" and dialog.table.item(0, 1).text() == "Ana"
    write_xlsx(path, {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS[:4]]})
    open_and_wait(qtbot, window, path)
    assert window.orphans_action.isEnabled() and "no longer in this workbook" in window.status_label.text()
    orphans = orphans_dialog(window.reviewing.review)
    qtbot.addWidget(orphans)
    assert orphans.table.rowCount() == 1 and orphans.table.item(0, 0).text() == "R-05"
    assert orphans.table.item(0, 1).text() == "Outdated" and "484" in orphans.table.item(0, 4).text()


def test_a_note_typed_just_before_moving_on_stays_with_its_claim(qtbot: QtBot, sample: MainWindow) -> None:
    sample.claims_view.selectRow(0)
    qtbot.keyClicks(sample.verdict_bar.note, "the April report says at least 352")
    sample.claims_view.selectRow(1)  # before the note's save timer fires
    stored = reviewer.Review(sample.reviewing.loaded.book)
    assert stored.verdict("R-01") is not None and stored.verdict("R-01").note == "the April report says at least 352"
    assert stored.verdict("R-02") is None
    assert sample.verdict_bar.note.text() == ""


def test_a_note_being_typed_is_kept_when_another_workbook_opens(qtbot: QtBot, sample: MainWindow,
                                                                tmp_path: Path) -> None:
    from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx

    first_book = sample.reviewing.loaded.book
    sample.claims_view.selectRow(2)
    qtbot.keyClicks(sample.verdict_bar.note, "March figure checked")
    open_and_wait(qtbot, sample, write_xlsx(tmp_path / "other.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]}))
    assert reviewer.Review(first_book).verdict("R-03").note == "March figure checked"
    assert sample.reviewing.review.verdict("R-03") is None  # nothing landed on the other workbook's R-03


def test_a_claim_about_a_year_marks_that_years_cell_of_a_table_by_year(qtbot: QtBot, window: MainWindow,
                                                                      tmp_path: Path) -> None:
    from tests.conftest import write_xlsx

    path = write_xlsx(tmp_path / "un.xlsx", {
        "Claims": [["Key", "Claim", "Attributed to", "Figure", "Period"],
                   ["U-1", "The UN counted 2,600 civilian deaths in 2016", "UNAMI", "2,600", "2016"]],
        "Civilian deaths": [["Governorate", "2014", "2015", "2016", "2017"], ["Ninewa", 1200, 900, 1500, 5200],
                            ["Total", 3300, 2200, 2600, 5800], ["Source: UNAMI monthly casualty figures"]]})
    open_and_wait(qtbot, window, path)
    window.claims_view.selectRow(0)
    model = window.sources_panel.models["UN"]
    used = sorted(model.used)
    # Row 3 holds four years; the claim is about 2016, so that cell, not the row's first, is marked.
    assert [(int(model.rows[p]), str(model.dates[p])[:4]) for p in used] == [(3, "2016")]
    assert window.plot.legend_boxes["UN"].text() == "UN (bars per year)"


def test_a_claim_about_the_injured_is_drawn_beside_the_injured(qtbot: QtBot, window: MainWindow,
                                                               tmp_path: Path) -> None:
    import datetime as dt

    from tests.conftest import write_xlsx

    months = [dt.datetime(2017, m, 1) for m in (1, 2, 3)]
    path = write_xlsx(tmp_path / "un.xlsx", {
        "Claims": [["Key", "Claim", "Attributed to", "Figure", "Period"],
                   ["K", "The UN said 382 civilians were killed in January 2017", "UNAMI", "382", "January 2017"],
                   ["W", "The UN said 500 civilians were wounded in January 2017", "UNAMI", "500", "January 2017"]],
        "UNAMI monthly": [["Category", *months], ["Injured", 500, 600, 700], ["Killed", 382, 392, 367]]})
    open_and_wait(qtbot, window, path)
    window.claims_view.selectRow(0)
    assert list(window.plot.incident_bars["UN"][1][1]) == [382, 392, 367]
    window.claims_view.selectRow(1)
    assert list(window.plot.incident_bars["UN"][1][1]) == [500, 600, 700]
    assert window.plot.plot.getAxis("left").labelText == "Injured (per month)"
    window.claims_view.selectRow(0)
    assert window.plot.plot.getAxis("left").labelText == "Deaths (per month)"


def test_objects_in_reference_cycles_are_freed_in_the_windows_thread(qtbot: QtBot, window: MainWindow) -> None:
    # A plot item caught in a cycle, freed by a collection that a busy background job set off, would be
    # destroyed in that job's thread while the window paints it: the window hung so, now and then.
    import threading
    import weakref

    from reviewer.ui.main_thread_gc import collect_in_main_thread

    collect_in_main_thread()  # what the app's start does
    freed_in: list[str] = []

    class Node:
        def __init__(self) -> None:
            self.me = self

    node = Node()
    weakref.finalize(node, lambda: freed_in.append(threading.current_thread().name))
    del node

    kept: list[list[int]] = []  # a job's work in progress, far past the collector's threshold

    def allocate() -> None:
        kept.extend([i] for i in range(200_000))

    worker = threading.Thread(target=allocate, name="background job")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(freed_in), timeout=5_000)
    kept.clear()
    assert freed_in == [threading.main_thread().name]


def test_one_number_format_in_the_list_and_the_comparison_the_sources_words_in_their_tables(
        sample: MainWindow) -> None:
    figures = {sample.claims_model.index(r, 0).data(): sample.claims_model.index(r, 3).data()
               for r in range(sample.claims_model.rowCount())}
    assert figures["R-08"] == "1,139" and figures["R-01"] == "at least 352"  # quoted "1139"
    sample.claims_view.selectRow(7)  # the Pentagon's 1,139; the comparison writes it so too
    assert sample.detail.heading.text().count("1139") == 1  # only where the claim's words are quoted


def _refusing_store(window: MainWindow, monkeypatch: pytest.MonkeyPatch, message: str
                    ) -> tuple[list[str], object, object]:
    """The window's store refuses every write with ``message``; the messages the window shows, the store
    and its own write, to put back."""
    shown: list[str] = []
    monkeypatch.setattr("reviewer.ui.reviewing.show_error", lambda _parent, _title, text: shown.append(text))
    store = window.reviewing.review.store
    keeps = store.put_fields

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise StoreError(message)

    monkeypatch.setattr(store, "put_fields", refuse)
    return shown, store, keeps


def test_a_verdict_the_store_cannot_keep_is_said_and_leaves_no_undo_step(
        qtbot: QtBot, sample: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown, store, keeps = _refusing_store(sample, monkeypatch,
                                          "The disk is full, so the verdict could not be saved; free some space")
    sample.claims_view.setFocus()
    sample.claims_view.selectRow(0)
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_1)
    assert shown and "disk is full" in shown[0]
    assert sample.claims_model.index(0, 6).data() == "—"  # the list does not show what was not kept
    assert not sample.undo_stack.canUndo()
    monkeypatch.setattr(store, "put_fields", keeps)
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_1)  # the store works again: the verdict is kept
    assert reviewer.Review(sample.reviewing.loaded.book).verdict("R-01").verdict == "Accurate"
    assert sample.undo_stack.count() == 1


def test_an_undo_the_store_cannot_keep_is_said_and_the_claim_shows_what_is_stored(
        qtbot: QtBot, sample: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr("reviewer.ui.commands.show_error", lambda _parent, _title, text: warned.append(text))
    sample.claims_view.setFocus()
    sample.claims_view.selectRow(0)
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_1)

    def damaged(*_args: object, **_kwargs: object) -> None:
        raise StoreError("The review store is damaged; it was set aside")

    monkeypatch.setattr(sample.reviewing.review.store, "put_fields", damaged)
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert warned and "damaged" in warned[0]
    assert sample.claims_model.index(0, 6).data() == "Accurate"
    # The stack steps back to say what the store holds: the verdict can still be undone, closing asks first.
    qtbot.waitUntil(lambda: sample.undo_stack.canUndo() and not sample.undo_stack.canRedo())
    assert sample.isWindowModified() and sample.undo_action.text() == "&Undo verdict “Accurate” on R-01"
    monkeypatch.undo()  # the store works again
    qtbot.keyClick(sample.claims_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sample.claims_model.index(0, 6).data() == "—"


def test_the_window_keeps_one_review_store_for_every_workbook_and_closes_it_on_quitting(
        qtbot: QtBot, sample: MainWindow, tmp_path: Path) -> None:
    store = sample.reviewing.review.store
    copy = tmp_path / "claims.xlsx"
    copy.write_bytes(reviewer.sample_workbook().read_bytes())
    open_and_wait(qtbot, sample, copy)
    assert sample.reviewing.review.store is store  # no second connection, no second check of the file
    sample.close()
    assert store.all(sample.reviewing.review.id) == {}  # a closed window may be shown again
    QApplication.instance().aboutToQuit.emit()
    with pytest.raises(StoreError):
        store.all(1)  # closed as the application ends: no connection left open


def test_a_note_the_store_refused_is_sent_again_when_the_editor_leaves_the_field(
        qtbot: QtBot, sample: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    sample.claims_view.selectRow(1)
    shown, store, keeps = _refusing_store(sample, monkeypatch, "The disk is full")
    sample.verdict_bar.note.setText("checked with MoH")
    sample.verdict_bar.flush_note()
    assert shown == ["The disk is full"] and sample.verdict_bar.note.text() == "checked with MoH"
    monkeypatch.setattr(store, "put_fields", keeps)
    sample.verdict_bar.flush_note()  # as leaving the field does
    assert reviewer.Review(sample.reviewing.loaded.book).verdict("R-02").note == "checked with MoH"


def test_the_progress_of_an_open_only_goes_forward(tmp_path: Path, reviewer_home: Path) -> None:
    from reviewer.core.session import CheckSettings
    from reviewer.ui.loaded import Loaded
    from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx

    path = write_xlsx(tmp_path / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})
    steps: list[tuple[float, str]] = []
    Loaded.load([str(path)], CheckSettings(), progress=lambda done, total, text: steps.append((done / total, text)))
    fractions = [fraction for fraction, _ in steps]
    assert fractions == sorted(fractions) and steps[-1][1].startswith("Checking")
