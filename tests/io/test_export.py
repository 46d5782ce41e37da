"""The annotated workbook: what colleagues open in Excel, and what comes back into Reviewer."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reviewer
from reviewer.core.errors import ExportError
from reviewer.io.claim_exports import export_claimreview, export_csv
from reviewer.io.excel_text import EXCEL_TEXT_LIMIT
from reviewer.io.summary import read_summary
from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx

HOSTILE = ["=HYPERLINK(\"http://evil\",\"click\")", "+1+1", "-2+3", "@SUM(A1)", "#N/A", "NA", "0123", "#DIV/0!",
           "=1+1"]


@pytest.fixture
def claims_xlsx(tmp_path: Path) -> Path:
    rows = [CLAIMS_HEADER, *CLAIMS_ROWS]
    rows += [[f"X-{i}", text, "Airwars", text, "2017-04-30", ""] for i, text in enumerate(HOSTILE)]
    return write_xlsx(tmp_path / "claims.xlsx", {"Claims": rows})


def test_the_export_holds_the_claims_the_verdicts_and_a_summary(claims_xlsx: Path, figures_csv: Path,
                                                               tmp_path: Path) -> None:
    book = reviewer.open_workbook(claims_xlsx, figures_csv)
    review = reviewer.Review(book, reviewer="Ana")
    review.set_verdict("R-01", "Accurate", note="Matches the April report")
    review.set_verdict("R-02", "Overstated")
    out = review.export(tmp_path / "claims-reviewed.xlsx")
    excel = openpyxl.load_workbook(out)
    assert excel.sheetnames[0] == "Summary"
    assert {"Claims", "public_figures"} <= set(excel.sheetnames)
    assert excel["_reviewer"].sheet_state == "hidden"
    claims = excel["Claims"]
    header = [c.value for c in claims[1]]
    assert header[:6] == CLAIMS_HEADER and header[6:10] == ["Verdict", "Note", "Reviewer", "Reviewed at"]
    assert claims.freeze_panes == "A2" and claims.auto_filter.ref.startswith("A1:")
    first = [c.value for c in claims[2]]
    assert first[0] == "R-01" and first[6:9] == ["Accurate", "Matches the April report", "Ana"]
    assert first[10] == "match" and first[11] == "CJTF-OIR"
    assert claims.cell(2, 7).fill.start_color.rgb.endswith("C6EFCE")
    validation = claims.data_validations.dataValidation[0]
    assert validation.type == "list" and "G2" in str(validation.sqref)
    summary = excel["Summary"]
    values = [[c.value for c in row] for row in summary.iter_rows()]
    assert ["Accurate", 1] in [row[:2] for row in values] and ["Overstated", 1] in [row[:2] for row in values]
    date_row = next(i for i, row in enumerate(values, start=1) if row[0] == "Date")
    assert values[date_row][0] is not None and values[date_row][2] == 21  # CJTF-OIR's first figure
    with zipfile.ZipFile(out) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert "lineChart>" in chart
    assert f"'Summary'!$A${date_row + 1}:$A$" in chart and f"'Summary'!B{date_row}<" in chart


def test_text_from_the_input_stays_text(claims_xlsx: Path, tmp_path: Path) -> None:
    book = reviewer.open_workbook(claims_xlsx)
    review = reviewer.Review(book)
    review.set_verdict("X-0", "Unverifiable", note="=cmd|' /C calc'!A0")
    out = review.export(tmp_path / "out.xlsx")
    with zipfile.ZipFile(out) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet2.xml").decode()
    assert "<f>" not in sheet_xml and 't="e"' not in sheet_xml
    claims = openpyxl.load_workbook(out)["Claims"]
    texts = [claims.cell(row, 2).value for row in range(7, 7 + len(HOSTILE))]
    assert texts == HOSTILE
    assert all(claims.cell(row, 2).data_type == "s" for row in range(7, 7 + len(HOSTILE)))
    assert claims.cell(7, 8).value == "=cmd|' /C calc'!A0"


def test_control_characters_and_overlong_texts_are_handled_before_writing(claims_xlsx: Path,
                                                                          tmp_path: Path) -> None:
    review = reviewer.Review(reviewer.open_workbook(claims_xlsx))
    review.set_verdict("R-01", "Accurate", note="bell\x07 and nul\x00" + "x" * 40_000)
    out = review.export(tmp_path / "long.xlsx")
    note = openpyxl.load_workbook(out)["Claims"].cell(2, 8).value
    assert len(note) == EXCEL_TEXT_LIMIT and note.startswith("bell\\x07 and nul\\x00") and "cut:" in note
    assert review.verdict("R-01").note.endswith("x" * 100)  # the store keeps the whole note


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x01\x02\x03"
                                           "\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17"
                                           "\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff"), max_size=200),
       label=st.sampled_from(reviewer.DEFAULT_VERDICTS))
def test_any_note_comes_back_identical(tmp_path_factory: pytest.TempPathFactory, note: str, label: str) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    path = write_xlsx(folder / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})
    review = reviewer.Review(reviewer.open_workbook(path), reviewer="Ana")
    review.set_verdict("R-03", label, note=note)
    out = review.export(folder / "out.xlsx")
    back = reviewer.open_workbook(out)
    assert back.claims["key"].tolist() == ["R-01", "R-02", "R-03", "R-04", "R-05"]
    rows = {r[1]: r for r in back.annotated["_rows"]}
    assert rows[4][2:4] == (label, note if note.strip() else "")


def test_reviewer_opens_its_export_with_every_verdict_in_place(claims_xlsx: Path, figures_csv: Path,
                                                                tmp_path: Path, reviewer_home: Path) -> None:
    review = reviewer.Review(reviewer.open_workbook(claims_xlsx, figures_csv), reviewer="Ana")
    review.set_verdict("R-01", "Accurate", note="ok")
    review.set_verdict("R-04", "Outdated", note="a later report exists")
    out = review.export(tmp_path / "reviewed.xlsx")
    (reviewer_home / "reviews.sqlite3").unlink()  # a colleague's machine: no store, only the file
    for suffix in ("-wal", "-shm"):
        (reviewer_home / f"reviews.sqlite3{suffix}").unlink(missing_ok=True)
    back = reviewer.Review(reviewer.open_workbook(out))
    assert back.verdict("R-01").verdict == "Accurate" and back.verdict("R-01").reviewer == "Ana"
    assert back.verdict("R-04").note == "a later report exists"
    assert back.progress() == (2, len(back.book.claims))
    assert len(back.book.references) == 34


def test_a_verdict_changed_in_excel_comes_back_as_the_colleagues(claims_xlsx: Path, tmp_path: Path) -> None:
    review = reviewer.Review(reviewer.open_workbook(claims_xlsx), reviewer="Ana")
    review.set_verdict("R-01", "Accurate")
    out = review.export(tmp_path / "reviewed.xlsx")
    excel = openpyxl.load_workbook(out)
    excel["Claims"]["G2"] = "Outdated"  # through the drop-down
    excel["Claims"]["G3"] = "Understated"
    excel.properties.lastModifiedBy = "Ben"
    excel.save(out)
    back = reviewer.Review(reviewer.open_workbook(out))
    assert (back.verdict("R-01").verdict, back.verdict("R-01").reviewer) == ("Outdated", "Ben")
    assert (back.verdict("R-02").verdict, back.verdict("R-02").reviewer) == ("Understated", "Ben")
    assert read_summary(out)["verdicts"]["Outdated"] == 1


def test_summary_counts(claims_xlsx: Path, tmp_path: Path) -> None:
    review = reviewer.Review(reviewer.open_workbook(claims_xlsx))
    review.set_many(["R-01", "R-02", "R-03"], "Accurate")
    review.set_verdict("R-04", "Wrong metric")
    summary = read_summary(review.export(tmp_path / "s.xlsx"))
    assert summary["total"] == 5 + len(HOSTILE) and summary["reviewed"] == 4
    assert summary["verdicts"]["Accurate"] == 3 and summary["verdicts"]["Wrong metric"] == 1
    assert summary["verdicts"]["Unverifiable"] == 0


def test_the_source_file_is_never_written(claims_xlsx: Path) -> None:
    before = claims_xlsx.read_bytes()
    review = reviewer.Review(reviewer.open_workbook(claims_xlsx))
    with pytest.raises(ExportError, match="never writes over it"):
        review.export(claims_xlsx)
    assert claims_xlsx.read_bytes() == before


@pytest.mark.parametrize(("target", "message"), [
    ("missing/out.xlsx", "does not exist"),
    ("out.txt", "choose one of those endings"),
])
def test_bad_targets_get_a_sentence(claims_xlsx: Path, tmp_path: Path, target: str, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        reviewer.Review(reviewer.open_workbook(claims_xlsx)).export(tmp_path / target)


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root writes anywhere")
def test_a_read_only_folder(claims_xlsx: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(ExportError, match="cannot be written"):
        reviewer.Review(reviewer.open_workbook(claims_xlsx)).export(folder / "out.xlsx")


def test_a_target_open_in_another_program(claims_xlsx: Path, tmp_path: Path) -> None:
    (tmp_path / ".~lock.out.xlsx#").write_text("Ben,host")
    with pytest.raises(ExportError, match="close it in Excel"):
        reviewer.Review(reviewer.open_workbook(claims_xlsx)).export(tmp_path / "out.xlsx")


def test_a_failure_while_writing_leaves_the_previous_file_and_no_temporary(claims_xlsx: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"previous export")
    review = reviewer.Review(reviewer.open_workbook(claims_xlsx))
    from reviewer.io import export

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "_write_metadata", full_disk)
    with pytest.raises(ExportError, match="disk .* is full"):
        review.export(target)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.xlsx", "out.xlsx"]


KILLER = """
import sys, reviewer
review = reviewer.Review(reviewer.open_workbook(sys.argv[1]))
print("ready", flush=True)
while True:
    review.export(sys.argv[2])
"""


def test_a_kill_during_export_leaves_the_old_file_intact(tmp_path: Path, reviewer_home: Path) -> None:
    rows = [CLAIMS_HEADER] + [[f"K{i}", f"Claim {i} about deaths", "Airwars", str(i), "2017-04-30", ""]
                              for i in range(3000)]
    source = write_xlsx(tmp_path / "big.xlsx", {"Claims": rows})
    target = tmp_path / "out.xlsx"
    reviewer.Review(reviewer.open_workbook(source)).export(target)
    good = target.read_bytes()
    env = dict(os.environ, REVIEWER_HOME=str(reviewer_home))
    # Killed as the temporary file appears, once it holds some bytes, and once it holds more: each a
    # moment in the middle of writing, told by the file itself rather than by a clock.
    for written in (0, 1, 64 * 1024):
        process = subprocess.Popen([sys.executable, "-c", KILLER, str(source), str(target)], stdout=subprocess.PIPE,
                                   env=env, text=True)
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        while not any(p.stat().st_size >= written for p in tmp_path.glob(".out-*.xlsx")):
            assert process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.communicate()
        assert openpyxl.load_workbook(target)["Claims"].max_row == 3001  # whole, old or new
    assert len(good) > 0


def test_csv_and_claimreview(claims_xlsx: Path, tmp_path: Path) -> None:
    review = reviewer.Review(reviewer.open_workbook(claims_xlsx), reviewer="Ana")
    review.set_verdict("R-01", "Accurate", note="as published")
    text = export_csv(review.session().snapshot(), tmp_path / "claims.csv").read_text(encoding="utf-8-sig")
    assert "R-01" in text and "Accurate" in text and "=HYPERLINK" in text
    jsonld = export_claimreview(review.session().snapshot(), tmp_path / "claims.jsonld")
    items = json.loads(jsonld.read_text(encoding="utf-8"))
    assert len(items) == 1
    item = items[0]
    assert item["@type"] == "ClaimReview" and item["claimReviewed"].startswith("The coalition acknowledged")
    assert item["reviewRating"]["alternateName"] == "Accurate"
    assert item["itemReviewed"]["author"]["name"] == "the coalition"
    assert item["itemReviewed"]["datePublished"] == "2017-04-30"


def test_the_export_keeps_the_sources_column_widths(tmp_path: Path) -> None:
    source = openpyxl.Workbook()
    sheet = source.active
    sheet.title = "Claims"
    for row in [CLAIMS_HEADER, *CLAIMS_ROWS]:
        sheet.append(row)
    sheet.column_dimensions["B"].width = 71.5
    source.save(tmp_path / "desk.xlsx")
    out = reviewer.Review(reviewer.open_workbook(tmp_path / "desk.xlsx")).export(tmp_path / "out.xlsx")
    assert openpyxl.load_workbook(out)["Claims"].column_dimensions["B"].width == 71.5


def test_an_export_of_an_export_has_the_same_columns_and_verdicts(claims_xlsx: Path, figures_csv: Path,
                                                                  tmp_path: Path) -> None:
    review = reviewer.Review(reviewer.open_workbook(claims_xlsx, figures_csv), reviewer="Ana")
    review.set_verdict("R-01", "Accurate", note="first pass")
    first = review.export(tmp_path / "first.xlsx")
    again = reviewer.Review(reviewer.open_workbook(first), reviewer="Ben")
    again.set_verdict("R-02", "Overstated")
    second = again.export(tmp_path / "second.xlsx")
    excel = openpyxl.load_workbook(second)
    header = [c.value for c in excel["Claims"][1]]
    assert header.count("Verdict") == 1 and header[:6] == CLAIMS_HEADER
    assert [s for s in excel.sheetnames if not s.startswith("_")] == ["Summary", "Claims", "public_figures"]
    back = reviewer.Review(reviewer.open_workbook(second))
    assert back.verdict("R-01").note == "first pass" and back.verdict("R-02").verdict == "Overstated"
    assert read_summary(second)["reviewed"] == 2


def test_the_export_keeps_dates_as_dates_and_the_sources_number_formats(tmp_path: Path) -> None:
    import datetime as dt

    source = openpyxl.Workbook()
    sheet = source.active
    sheet.title = "Claims"
    sheet["B1"] = "Claims checked this week"  # a title row above a table that starts in column B

    sheet["B3"], sheet["C3"], sheet["D3"], sheet["E3"] = "Key", "Claim", "Figure", "As of"
    sheet["B4"], sheet["C4"] = "R-01", "The coalition acknowledged at least 352 civilian deaths"
    sheet["D4"], sheet["E4"] = 1139, dt.datetime(2017, 4, 30)
    sheet["D4"].number_format = "#,##0"
    sheet["E4"].number_format = "d mmm yyyy"
    sheet.column_dimensions["C"].width = 64
    source.save(tmp_path / "desk.xlsx")
    book = reviewer.open_workbook(tmp_path / "desk.xlsx")
    out = reviewer.Review(book).export(tmp_path / "out.xlsx")
    claims = openpyxl.load_workbook(out)["Claims"]
    assert [c.value for c in claims[1]][:4] == ["Key", "Claim", "Figure", "As of"]  # the table, from A1
    assert claims["C2"].value == 1139 and claims["C2"].number_format == "#,##0"
    assert claims["D2"].value == dt.datetime(2017, 4, 30) and claims["D2"].number_format == "d mmm yyyy"
    assert claims.column_dimensions["B"].width == 64  # the claim column's width, moved with it
