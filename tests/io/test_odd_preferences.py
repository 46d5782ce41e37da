"""Preferences edited by hand or by another program: each bad value falls back to its default, with a log
line, and nothing else is lost."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

import reviewer
from reviewer.core.preferences import Preferences
from reviewer.io.preferences_file import load_preferences, preferences_path
from reviewer.io.summary import read_summary
from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx


def _write(data: object | str) -> None:
    text = data if isinstance(data, str) else json.dumps(data)
    preferences_path().write_text(text, encoding="utf-8")


def test_each_odd_value_falls_back_alone_and_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    _write({"reviewer": ["not", "a", "name"], "verdicts": ["True", "False", 3], "tolerance": True,
            "colours": {"Accurate": "green", "Overstated": "#12345G", "Understated": "#aabbcc"},
            "aliases": {"Airwars": "the monitors", "UN": ["OHCHR"]}})
    with caplog.at_level(logging.WARNING):
        prefs = load_preferences()
    defaults = Preferences()
    assert prefs.reviewer == defaults.reviewer and prefs.verdicts == defaults.verdicts
    assert prefs.tolerance == defaults.tolerance
    assert prefs.colours == {"Understated": "#AABBCC"}  # the good colour is kept
    assert prefs.aliases == {"UN": ["OHCHR"]}
    logged = caplog.text
    for name in ("reviewer", "verdicts", "tolerance", "colour of 'Accurate'", "colour of 'Overstated'",
                 "aliases of 'Airwars'"):
        assert name in logged


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000,
                                  "not json", "null", "[1, 2]", '{"tolerance": NaN}', '{"tolerance": 1e400}'])
def test_a_file_that_is_not_usable_gives_the_defaults(text: str) -> None:
    _write(text)
    assert load_preferences() == Preferences()


def test_a_name_with_half_a_character_is_kept_readably() -> None:
    _write('{"reviewer": "Ana \\udcff", "verdicts": ["Fine \\ud83d", "Wrong"]}')
    prefs = load_preferences()
    assert prefs.reviewer == "Ana \ufffd" and prefs.verdicts == ["Fine \ufffd", "Wrong"]


def test_an_export_with_a_colour_that_is_not_a_hex_code_works(tmp_path: Path) -> None:
    _write({"colours": {"Accurate": "rgb(0, 255, 0)", "Overstated": "#zzzzzz"}})
    book = reviewer.open_workbook(write_xlsx(tmp_path / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]}))
    review = reviewer.Review(book)
    review.set_verdict("R-01", "Accurate")
    review.set_verdict("R-02", "Overstated")
    out = review.export(tmp_path / "reviewed.xlsx")
    summary = read_summary(out)
    assert summary["verdicts"]["Accurate"] == 1 and summary["verdicts"]["Overstated"] == 1


@pytest.mark.parametrize("where", ["a file", "inside a file"])
def test_a_home_folder_that_cannot_be_made_is_said_in_a_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 where: str) -> None:
    import io

    from reviewer.cli import main
    from reviewer.core.errors import StoreError

    blocker = tmp_path / "home"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("REVIEWER_HOME", str(blocker if where == "a file" else blocker / "reviewer"))
    claims = write_xlsx(tmp_path / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})
    assert main(["check", str(claims)], out=io.StringIO()) == 2
    said = capsys.readouterr().err
    assert "REVIEWER_HOME" in said and str(blocker) in said and "Traceback" not in said
    with pytest.raises(StoreError, match="cannot make that folder"):
        reviewer.Review(reviewer.open_workbook(claims))
    assert blocker.read_text(encoding="utf-8") == "not a folder"



def test_preferences_saved_with_a_byte_order_mark_are_read() -> None:
    preferences_path().write_bytes(b"\xef\xbb\xbf" + json.dumps({"reviewer": "Ana", "tolerance": 0.05}).encode())
    prefs = load_preferences()
    assert (prefs.reviewer, prefs.tolerance) == ("Ana", 0.05)
