"""The claims as CSV, opened the way a spreadsheet opens it: no cell runs as a formula."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reviewer
from reviewer.io.claim_exports import csv_cell
from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = ['=HYPERLINK("http://evil","click")', "=cmd|' /C calc'!A0", "@SUM(A1)", "+1+1", "-2+3", "\t=1+1",
           "\r=1+1", "=1+1"]


@pytest.fixture
def hostile_xlsx(tmp_path: Path) -> Path:
    rows = [CLAIMS_HEADER, *CLAIMS_ROWS]
    rows += [[f"X-{i}", text, text, "-352", "2017-04-30", ""] for i, text in enumerate(HOSTILE)]
    return write_xlsx(tmp_path / "claims.xlsx", {"Claims": rows})


def _number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def _cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_formula_looking_cells_start_with_a_quote_and_plain_numbers_stay(hostile_xlsx: Path, tmp_path: Path) -> None:
    book = reviewer.open_workbook(hostile_xlsx)
    review = reviewer.Review(book)
    review.set_verdict("X-0", "Unverifiable", note="-see the April report")
    rows = _cells(review.export(tmp_path / "claims.csv"))
    header = rows[0]
    every = [cell for row in rows[1:] for cell in row]
    assert [cell for cell in every if cell.startswith(FORMULA_START) and not _number(cell)] == []
    texts = [row[header.index("text")] for row in rows[1:] if row[0].startswith("X-")]
    read = book.claims.loc[book.claims["key"].str.startswith("X-"), "text"].tolist()  # the reader trims spaces
    assert texts == ["'" + text for text in read] and all(text.startswith(FORMULA_START) for text in read)
    figures = [row[header.index("figure_text")] for row in rows[1:] if row[0].startswith("X-")]
    assert set(figures) == {"-352"}  # a negative figure is a number, not a formula
    note = next(row[header.index("note")] for row in rows[1:] if row[0] == "X-0")
    assert note == "'-see the April report"


_CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\r")


@given(st.text(max_size=40), st.text(alphabet=_CONTROLS, max_size=3))
def test_any_text_is_kept_or_only_quoted(text: str, controls: str) -> None:
    # Control characters a spreadsheet drops as it reads ("\x00=1+1" is the formula =1+1 in LibreOffice).
    text = controls + text
    cell = csv_cell(text)
    shown = text.lstrip(_CONTROLS)
    assert cell == text or (cell == "'" + text and shown.startswith(FORMULA_START))
    assert not cell.lstrip(_CONTROLS).startswith(FORMULA_START) or _number(cell.lstrip(_CONTROLS))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40))
def test_a_note_in_the_csv_is_as_written_or_quoted(tmp_path_factory: pytest.TempPathFactory, note: str) -> None:
    folder = tmp_path_factory.mktemp("csv")
    path = write_xlsx(folder / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})
    review = reviewer.Review(reviewer.open_workbook(path))
    review.set_verdict("R-02", "Accurate", note=note)
    rows = _cells(review.export(folder / "claims.csv"))
    written = next(row[rows[0].index("note")] for row in rows[1:] if row[0] == "R-02")
    stored = review.verdict("R-02").note
    assert written == stored or (written == "'" + stored and stored.startswith(FORMULA_START))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_csv_without_a_formula(hostile_xlsx: Path, tmp_path: Path) -> None:
    review = reviewer.Review(reviewer.open_workbook(hostile_xlsx))
    review.set_verdict("X-1", "Unverifiable", note="=1+1")
    source = review.export(tmp_path / "claims.csv")
    out = tmp_path / "converted"
    profile = (tmp_path / "profile").as_uri()  # its own profile: another LibreOffice may be running
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    sheet = openpyxl.load_workbook(out / "claims.xlsx").active
    formulas = [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []
    assert sheet.max_row == len(CLAIMS_ROWS) + len(HOSTILE) + 1
