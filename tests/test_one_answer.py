"""One review, one answer: with an alias and a tolerance in the preferences, the window, `reviewer check`,
and the xlsx, CSV and ClaimReview exports agree claim by claim."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

import reviewer
from reviewer.cli import main
from reviewer.core.preferences import Preferences
from reviewer.io.preferences_file import save_preferences

# Airwars' running total, as published at the end of each month.
AIRWARS = [("Date", "Cumulative civilian deaths"), ("2017-03-31", "700"), ("2017-04-30", "801"),
           ("2017-05-31", "900")]
CLAIMS = [("Key", "Claim", "Attributed to", "Figure quoted", "As of"),
          # 830 against 801 is 3.6% higher: a match within 5%, "claim higher" within the default 2%.
          ("C-1", "The monitors counted 830 civilian deaths", "the monitors", "830", "2017-04-30"),
          ("C-2", "Airwars counted 1,000 civilian deaths by the end of May", "Airwars", "1,000", "2017-05-31"),
          # No source of its own is loaded: Airwars, the one source with a figure that day, answers (801).
          ("C-3", "An unnamed group counted 50 deaths", "a group", "50", "2017-04-30")]
PREFERENCES = Preferences(reviewer="Ana", tolerance=0.05, aliases={"Airwars": ["the monitors"]})


def _write(path: Path, rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    return [_write(tmp_path / "claims.csv", CLAIMS), _write(tmp_path / "airwars.csv", AIRWARS)]


def _cli(*args: str) -> str:
    out = io.StringIO()
    assert main(list(args), out=out) == 0
    return out.getvalue()


def _check_answers(files: list[Path]) -> dict[str, tuple[str, float | None]]:
    payload = json.loads(_cli("check", *map(str, files), "--json"))
    answers = {}
    for claim in payload["claims"]:
        attributed = [s for s in claim["sources"] if s["attributed"]]
        answers[claim["key"]] = (claim["assessment"], attributed[0]["value"] if attributed else None)
    return answers


def test_every_way_of_asking_gives_the_same_answer(files: list[Path], tmp_path: Path, qtbot: QtBot) -> None:
    save_preferences(PREFERENCES)
    review = reviewer.Review(reviewer.open_workbook(*files))
    review.set_verdict("C-1", review.scale.labels[0], note="checked against the April total")

    from_check = _check_answers(files)
    assert from_check == {"C-1": ("match", 801), "C-2": ("claim higher", 900), "C-3": ("claim lower", None)}

    _cli("export", *map(str, files), "--out", str(tmp_path / "reviewed.xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "reviewed.xlsx")["claims"]
    header = [cell.value for cell in sheet[1]]
    from_xlsx = {row[0]: (row[header.index("Assessment")], row[header.index("Source's figure")])
                 for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {k: (a, f if f is None else float(str(f).replace(",", ""))) for k, (a, f) in from_xlsx.items()} == \
        {k: (a, v if v is None else float(v)) for k, (a, v) in from_check.items()}

    _cli("export", *map(str, files), "--out", str(tmp_path / "reviewed.csv"))
    with (tmp_path / "reviewed.csv").open(encoding="utf-8-sig") as handle:
        from_csv = {row["key"]: row["assessment"] for row in csv.DictReader(handle)}
    assert from_csv == {k: a for k, (a, _) in from_check.items()}

    _cli("export", *map(str, files), "--out", str(tmp_path / "reviewed.jsonld"))
    reviews = json.loads((tmp_path / "reviewed.jsonld").read_text(encoding="utf-8"))
    assert [r["reviewRating"]["alternateName"] for r in reviews] == [review.scale.labels[0]]

    from reviewer.ui.claims_model import ASSESSMENT_MARKS
    from reviewer.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.workbook_loaded, timeout=30_000):
        window.open_paths([str(p) for p in files])
    model = window.claims_model
    marks = {mark: name for name, mark in ASSESSMENT_MARKS.items()}
    on_screen = {model.index(r, 0).data(): marks[model.index(r, 5).data()] for r in range(model.rowCount())}
    assert on_screen == {k: a for k, (a, _) in from_check.items()}


def test_the_tolerance_given_to_check_overrides_the_preferences(files: list[Path]) -> None:
    save_preferences(PREFERENCES)
    payload = json.loads(_cli("check", *map(str, files), "--json", "--tolerance", "0.02"))
    assert payload["claims"][0]["assessment"] == "claim higher"
    assert reviewer.check(reviewer.open_workbook(*files)).query("attributed")["assessment"].tolist()[:1] == ["match"]


def test_changing_the_tolerance_in_preferences_updates_the_claims_list_at_once(
        files: list[Path], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    save_preferences(Preferences(reviewer="Ana", aliases={"Airwars": ["the monitors"]}))
    from reviewer.ui import preferences_dialog
    from reviewer.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.workbook_loaded, timeout=30_000):
        window.open_paths([str(p) for p in files])
    window.claims_view.selectRow(0)
    assert window.claims_model.index(0, 5).data() == "▲ claim higher"

    def accept(dialog: preferences_dialog.PreferencesDialog) -> int:
        dialog.tolerance.setValue(5.0)  # per cent
        return 1

    monkeypatch.setattr(preferences_dialog.PreferencesDialog, "exec", accept)
    window.prefs_action.trigger()
    assert window.claims_model.index(0, 5).data() == "✓ match"
    assert window.reviewing.current_position() == 0  # the editor stays on the claim they were looking at
    assert "match" in window.detail.sources.item(0, 5).text()


def test_a_new_setting_checks_the_same_series_again_without_building_them_twice(monkeypatch) -> None:
    from reviewer.core import session as session_module
    from reviewer.core.session import CheckResult, CheckSettings, ReviewSession

    book = reviewer.open_workbook(reviewer.sample_workbook())
    built = []
    real = session_module.build_series
    monkeypatch.setattr(session_module, "build_series", lambda refs: built.append(1) or real(refs))
    first = CheckResult.compute(book, CheckSettings(0.02))
    session = ReviewSession(book, reviewer.Review(book), CheckSettings(0.02), first)
    assert session.change_settings(CheckSettings(0.5)) and built == [1]
    again = CheckResult.compute(book, CheckSettings(0.5))  # built afresh: the same answers
    assert session.result.checked.equals(again.checked) and session.result.overall.equals(again.overall)
    assert len(session.result.series) == len(first.series)  # a check's own additions stay its own
