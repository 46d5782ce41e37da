"""The terminal commands, as a data desk scripts them."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import reviewer
from reviewer.cli import main


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def test_inspect_reports_sheets_roles_and_mapping(claims_csv: Path, figures_csv: Path) -> None:
    code, text = run("inspect", str(claims_csv), str(figures_csv))
    assert code == 0
    assert "sheet 'claims': claims, header row 1, 5 data rows" in text
    assert "figure        <- Figure quoted" in text
    assert "5 claims, 34 reference observations" in text


def test_inspect_json_uses_the_dataframe_field_names(claims_csv: Path, figures_csv: Path) -> None:
    code, text = run("inspect", str(claims_csv), str(figures_csv), "--json")
    payload = json.loads(text)
    assert code == 0 and set(payload) >= {"sheets", "claims", "references", "warnings"}
    claim = payload["claims"][0]
    assert {"key", "sheet", "row", "text", "claimant", "figure_text", "value", "low", "high", "qualifier",
            "period_start", "period_end", "as_of", "url"} <= set(claim)
    assert claim["as_of"] == "2017-04-30" and claim["value"] is None and claim["low"] == 352 and claim["row"] == 2
    reference = payload["references"][0]
    assert {"source", "sheet", "row", "date", "figure_text", "value", "low", "high", "qualifier", "kind"} <= set(
        reference)


def test_check_json(claims_csv: Path, figures_csv: Path) -> None:
    code, text = run("check", str(claims_csv), str(figures_csv), "--json")
    claims = json.loads(text)["claims"]
    assert code == 0 and [c["key"] for c in claims] == ["R-01", "R-02", "R-03", "R-04", "R-05"]
    first = claims[0]
    assert first["assessment"] == "match"
    coalition = first["sources"][0]
    assert coalition["source"] == "CJTF-OIR" and coalition["attributed"] is True
    assert coalition["date"] == "2017-04-30" and coalition["low"] == 352 and coalition["rows"] == [11]
    assert {"source", "attributed", "date", "value", "low", "high", "kind", "assessment", "rows"} <= set(coalition)


def test_check_tolerance_changes_answers(claims_csv: Path, figures_csv: Path) -> None:
    loose = json.loads(run("check", str(claims_csv), str(figures_csv), "--json", "--tolerance", "0.5")[1])
    strict = json.loads(run("check", str(claims_csv), str(figures_csv), "--json", "--tolerance", "0")[1])
    assert sum(c["assessment"] == "match" for c in loose["claims"]) >= sum(
        c["assessment"] == "match" for c in strict["claims"])
    assert run("check", str(claims_csv), "--tolerance", "-3")[0] == 2


def test_export_and_summary(claims_csv: Path, figures_csv: Path, tmp_path: Path) -> None:
    review = reviewer.Review(reviewer.open_workbook(claims_csv, figures_csv))
    review.set_verdict("R-01", "Accurate")
    out = tmp_path / "claims-reviewed.xlsx"
    code, text = run("export", str(claims_csv), str(figures_csv), "--out", str(out))
    assert code == 0 and "1 of 5 claims reviewed" in text and out.exists()
    code, text = run("summary", str(out), "--json")
    assert code == 0 and json.loads(text) == {"total": 5, "reviewed": 1, "verdicts": {
        label: int(label == "Accurate") for label in reviewer.DEFAULT_VERDICTS}}


@pytest.mark.parametrize("command", ["inspect", "check", "summary"])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, command: str) -> None:
    bad = tmp_path / "page.xlsx"
    bad.write_text("<html><body>not a sheet</body></html>")
    result = subprocess.run([sys.executable, "-m", "reviewer", command, str(bad)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith(f"reviewer: cannot open {bad}: ") and "Traceback" not in result.stderr


def test_summary_of_a_workbook_that_is_not_an_export(claims_csv: Path) -> None:
    code, _ = run("summary", str(claims_csv))
    assert code == 2


def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "reviewer", "--version"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == f"reviewer {reviewer.__version__}"


def test_the_launcher_knows_every_terminal_command() -> None:
    from reviewer.__main__ import TERMINAL_COMMANDS
    from reviewer.cli import COMMANDS

    assert TERMINAL_COMMANDS == COMMANDS


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="other systems always have a screen")
def test_the_window_without_a_screen_says_so(tmp_path: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    result = subprocess.run([sys.executable, "-m", "reviewer"], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 2 and "no screen" in result.stderr and "Traceback" not in result.stderr


def test_json_output_is_strict_wherever_a_missing_number_hides() -> None:
    import math

    import numpy as np

    from reviewer.cli import _dump

    out = io.StringIO()
    _dump({"a": math.nan, "b": [np.float64("inf"), {"c": np.nan, "d": np.int64(3)}], "e": (1.5, None)}, out)

    def refuse(token: str) -> None:
        raise AssertionError(f"{token} is not JSON")

    assert json.loads(out.getvalue(), parse_constant=refuse) == {"a": None, "b": [None, {"c": None, "d": 3}],
                                                                 "e": [1.5, None]}


def test_help_names_the_window_and_the_commands() -> None:
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-m", "reviewer", "--help"], capture_output=True, text=True, check=True)
    for usage in ("reviewer [FILE...]", "--sample", "--install-desktop", "inspect", "check", "export", "summary"):
        assert usage in shown.stdout


def test_an_export_to_an_ending_reviewer_does_not_write_is_refused_in_the_words_the_api_uses(
        claims_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer.api import unknown_ending

    code, _text = run("export", str(claims_csv), "--out", str(tmp_path / "review.txt"))
    assert code == 2
    assert f"cannot write {tmp_path / 'review.txt'}: {unknown_ending()}" in capsys.readouterr().err
    assert not (tmp_path / "review.txt").exists()


def test_a_figure_summed_from_many_events_lists_its_first_rows_and_counts_them_all(tmp_path: Path) -> None:
    from reviewer.cli import ROWS_LISTED

    events = tmp_path / "events.csv"
    events.write_text("event_id,event_date,source,country,fatalities\n" + "".join(
        f"E{i},2016-01-{i * 28 // 250 + 1:02d},ACLED,Iraq,1\n" for i in range(250)), encoding="utf-8")
    claims = tmp_path / "claims.csv"
    claims.write_text("Key,Claim,Attributed to,Figure quoted,Period\n"
                      "K-1,ACLED counted 250 deaths in January 2016,ACLED,250,2016-01\n", encoding="utf-8")
    code, text = run("check", "--json", str(claims), str(events))
    assert code == 0
    [claim] = json.loads(text)["claims"]
    [acled] = [s for s in claim["sources"] if s["source"] == "ACLED"]
    assert acled["value"] == 250 and acled["assessment"] == "match"
    assert acled["row_count"] == 250 and acled["rows"] == list(range(2, 2 + ROWS_LISTED))
    code, text = run("check", str(claims), str(events))
    assert "… (250 rows)" in text


def test_each_commands_help_starts_with_its_own_usage(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("inspect", "check", "export", "summary"):
        with pytest.raises(SystemExit):
            main([command, "--help"], out=io.StringIO())
        assert capsys.readouterr().out.startswith(f"usage: reviewer {command} [-h]")
