"""A claim about one country among many, as an editor sees it: the comparison names the place, and the
plot draws that country's own figures."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reviewer.ui.main_window import MainWindow
from tests.conftest import REAL_DATA
from tests.ui.conftest import open_and_wait

COUNTRIES = REAL_DATA / "countries-aggregated.csv"


def _claims(folder: Path, rows: list[list[str]]) -> Path:
    claims = folder / "claims.csv"
    with claims.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["Key", "Claim", "Attributed to", "Figure quoted", "As of", "Country"], *rows])
    return claims


def test_a_claim_about_italy_is_compared_and_drawn_with_italys_deaths(qtbot: QtBot, window: MainWindow,
                                                                     tmp_path: Path) -> None:
    claims = _claims(tmp_path, [
        ["K-1", "Italy's Covid death toll passed 60,000", "JHU", "more than 60,000", "2020-12-01", "Italy"],
        ["K-2", "India recorded 146,111 deaths", "JHU", "146,111", "2020-12-21", "India"]])
    open_and_wait(qtbot, window, claims, COUNTRIES)
    window.claims_view.selectRow(0)
    detail = window.detail.sources
    # countries-aggregated.csv, row 28791: 2020-12-01,Italy,1620901,784595,56361
    assert detail.item(0, 1).text() == "56,361" and "Italy" in detail.item(0, 4).text()
    plot = window.reviewing.page.plot
    [source] = plot.points
    x, y = plot.points[source].getData()
    on_the_day = np.datetime64("2020-12-01").astype("datetime64[s]").astype(np.int64)
    assert 56_361 in set(np.asarray(y)[np.asarray(x) == on_the_day].round().tolist())
    window.claims_view.selectRow(1)
    x, y = plot.points[source].getData()
    assert np.nanmax(np.asarray(y)) == 146_111  # India's own running total, which ends on 2020-12-21


def test_a_source_of_many_countries_shows_each_rows_place_and_measure(qtbot: QtBot, window: MainWindow,
                                                                     tmp_path: Path) -> None:
    open_and_wait(qtbot, window, COUNTRIES)
    [model] = window.sources_panel.models.values()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Row", "Date", "Figure", "Place", "Measure"]
    # countries-aggregated.csv, row 2: 2020-01-22,Afghanistan,0,0,0
    assert {model.index(r, 3).data() for r in range(3)} == {"Afghanistan"}


def test_the_next_claim_about_the_same_place_keeps_the_plot_as_the_editor_left_it(qtbot: QtBot, window: MainWindow,
                                                                                  tmp_path: Path) -> None:
    claims = _claims(tmp_path, [
        ["K-1", "Italy's Covid death toll passed 60,000", "JHU", "more than 60,000", "2020-12-01", "Italy"],
        ["K-2", "Italy's Covid death toll passed 30,000", "JHU", "30,000", "2020-06-01", "Italy"],
        ["K-3", "India recorded 146,111 deaths", "JHU", "146,111", "2020-12-21", "India"]])
    open_and_wait(qtbot, window, claims, COUNTRIES)
    plot = window.reviewing.page.plot
    window.claims_view.selectRow(0)
    [box] = plot.legend_boxes.values()
    box.setChecked(False)  # the editor hides the source's line to see the claim alone
    window.claims_view.selectRow(1)
    assert plot.legend_boxes and not next(iter(plot.legend_boxes.values())).isChecked()
    window.claims_view.selectRow(2)  # another country's series: drawn afresh, shown
    assert next(iter(plot.legend_boxes.values())).isChecked()
    [source] = plot.points
    assert np.nanmax(np.asarray(plot.points[source].getData()[1])) == 146_111


def test_the_row_a_check_used_is_in_view_as_soon_as_the_workbook_opens(qtbot: QtBot, window: MainWindow,
                                                                     tmp_path: Path) -> None:
    claims = _claims(tmp_path, [
        ["K-1", "Italy's Covid death toll passed 56,000", "JHU", "56,361", "2020-12-01", "Italy"]])
    open_and_wait(qtbot, window, claims, COUNTRIES)
    [view] = window.sources_panel.views.values()
    [model] = window.sources_panel.models.values()
    # countries-aggregated.csv, row 28791: 2020-12-01,Italy,1620901,784595,56361
    positions = [r for r in range(model.rowCount()) if model.index(r, 0).data() == "28791"]  # its three figures

    def in_view() -> bool:
        return any(view.visualRect(model.index(p, 0)).intersects(view.viewport().rect()) for p in positions)

    qtbot.waitUntil(in_view)
    window.resize(window.width() - 80, window.height() - 120)  # and stays in view as the window is resized
    qtbot.waitUntil(in_view)
    # Of the row's three figures (confirmed, recovered, deaths) only the one compared is marked.
    assert [(model.index(p, 0).data(), model.index(p, 4).data()) for p in model.used] == [("28791", "deaths")]


def test_a_source_without_the_claims_place_says_so_and_points_at_no_other_places_rows(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    claims = _claims(tmp_path, [
        ["K-1", "Italy's Covid death toll passed 60,000", "JHU", "more than 60,000", "2020-12-01", "Italy"],
        ["K-2", "Greenland recorded 20 deaths", "JHU", "20", "2020-12-21", "Greenland"]])  # not in the file
    open_and_wait(qtbot, window, claims, COUNTRIES)
    panel = window.sources_panel
    [source] = panel.views
    view, model, note = panel.views[source], panel.models[source], panel.notes[source]
    window.claims_view.selectRow(0)
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > 0)  # down at Italy's row of 1 December
    assert model.used and note.isHidden()
    window.claims_view.selectRow(1)
    first_in_view = view.rowAt(0)
    # Not Zambia's and Zimbabwe's rows of 21 December, as if they answered for Greenland: the top, unmarked.
    assert first_in_view == 0 and view.verticalScrollBar().value() == 0
    assert not model.used and not view.selectionModel().hasSelection()
    assert note.isVisible() and "No figure for this claim" in note.text()
    assert "Greenland" in note.toolTip()
    window.claims_view.selectRow(0)
    assert note.isHidden() and model.used


def test_a_source_with_no_figure_for_the_claims_period_says_so(sample: MainWindow) -> None:
    sample.claims_view.selectRow(3)  # Amnesty, September 2014 to August 2016
    notes = sample.sources_panel.notes
    assert notes["Amnesty International"].isVisible() and not sample.sources_panel.models["Amnesty International"].used
    assert notes["CJTF-OIR"].isHidden() and notes["Airwars"].isHidden()
