"""Preferences: name, verdict scale, tolerance and aliases, saved and used."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

import reviewer
from reviewer.core.check import check
from reviewer.core.preferences import Preferences
from reviewer.io.preferences_file import load_preferences, save_preferences
from reviewer.ui.main_window import MainWindow
from reviewer.ui.preferences_dialog import PreferencesDialog, parse_aliases


def test_the_dialog_edits_and_saves_every_preference(qtbot: QtBot, reviewer_home: Path) -> None:
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    dialog.name.setText("Ana Ruiz")
    dialog.scale.setPlainText("True\nMostly true\nFalse\n\n")
    dialog.tolerance.setValue(5)
    dialog.aliases.setPlainText("Airwars: the monitors, the monitoring group\nbroken line without colon")
    prefs = dialog.result_preferences()
    save_preferences(prefs)
    again = load_preferences()
    assert again.reviewer == "Ana Ruiz" and again.verdicts == ["True", "Mostly true", "False"]
    assert again.tolerance == 0.05 and again.aliases == {"Airwars": ["the monitors", "the monitoring group"]}
    assert (reviewer_home / "preferences.json").exists()


def test_aliases_attribute_claims_to_sources(tmp_path: Path, figures_csv: Path) -> None:
    claims = tmp_path / "claims.csv"
    claims.write_text("Key,Claim,Attributed to,Figure,As of\nA,\"over 3,000 killed\",the monitors,\"3,000\","
                      "2017-04-30\n", encoding="utf-8")
    book = reviewer.open_workbook(claims, figures_csv)
    without = check(book)
    assert not without["attributed"].any()
    with_alias = check(book, aliases=parse_aliases("Airwars: the monitors"))
    assert with_alias[with_alias["attributed"]]["source"].tolist() == ["Airwars"]


def test_broken_preferences_fall_back_to_defaults(reviewer_home: Path) -> None:
    (reviewer_home / "preferences.json").write_text("{not json", encoding="utf-8")
    assert load_preferences() == Preferences()
    (reviewer_home / "preferences.json").write_text('{"verdicts": [], "tolerance": -4, "reviewer": 7}')
    prefs = load_preferences()
    assert prefs.verdicts == list(reviewer.DEFAULT_VERDICTS) and prefs.tolerance == 0.02 and prefs.reviewer == ""


def test_a_new_tolerance_updates_the_list_and_the_selected_claims_comparison_at_once(
        qtbot: QtBot, sample: MainWindow) -> None:
    from dataclasses import replace

    sample.claims_view.selectRow(12)  # "about 2,000", below what the sources say
    assert sample.claims_model.index(12, 5).data() == "▼ claim lower"
    sample.on_dialogs_preferences_changed(replace(sample.prefs, tolerance=0.9))
    assert sample.reviewing.current_key() == "R-13"
    assert "match" in sample.claims_model.index(12, 5).data()
    shown = [sample.detail.sources.item(r, 5).text() for r in range(sample.detail.sources.rowCount())]
    assert shown and all("lower" not in text for text in shown)


def test_the_window_checks_with_its_own_preferences_even_when_the_file_on_disk_differs(
        qtbot: QtBot, window: MainWindow, monkeypatch) -> None:
    from dataclasses import replace

    from reviewer.core import session as session_module
    from tests.ui.conftest import open_and_wait

    window.prefs = replace(window.prefs, tolerance=0.5)  # set in this window; another saved 0.02 since
    computed = []
    real = session_module.CheckResult.compute
    monkeypatch.setattr(session_module.CheckResult, "compute",
                        classmethod(lambda cls, *a, **k: computed.append(1) or real(*a, **k)))
    open_and_wait(qtbot, window, reviewer.sample_workbook())
    assert window.reviewing.session.settings.tolerance == 0.5
    assert computed == [1]  # checked once, off the window's thread; not again when the review opens
