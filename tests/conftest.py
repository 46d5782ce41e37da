"""Shared test set-up: Qt offscreen, a private Reviewer home per test, helpers to write spreadsheets."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("REVIEWER_READ_TIMEOUT", "30")

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIGURES_CSV = ROOT / "reviewer" / "resources" / "public_figures.csv"
CORPUS = ROOT / "tests" / "corpus"
# Files as their publishers release them (origins and licences in its README).
REAL_DATA = ROOT / "tests" / "data" / "real"


@pytest.fixture(autouse=True)
def reviewer_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("REVIEWER_HOME", str(home))
    return home


def write_xlsx(path: Path, sheets: dict[str, Iterable[Iterable[object]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # "=1+1" in a test sheet is text a person typed, not a formula
    book.save(path)
    return path


CLAIMS_HEADER = ["Key", "Claim", "Attributed to", "Figure quoted", "As of", "Period"]
CLAIMS_ROWS = [
    ["R-01", "The coalition acknowledged at least 352 civilian deaths since 2014", "the coalition", "at least 352",
     "30 April 2017", ""],
    ["R-02", "Airwars estimated that over 3,000 civilians had been killed", "Airwars", "3,000", "2017-04-30", ""],
    ["R-03", "Airwars recorded 1,782 alleged civilian deaths in March 2017", "Airwars", "1,782", "", "March 2017"],
    ["R-04", "The Pentagon's count stood at 1,139 at the end of 2018", "Pentagon", "1139", "2018-12-30", ""],
    ["R-05", "The coalition admitted 484 deaths by early June 2017", "CJTF-OIR", "484", "June 2, 2017", ""],
]


@pytest.fixture
def claims_csv(tmp_path: Path) -> Path:
    import csv

    path = tmp_path / "claims.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CLAIMS_HEADER)
        writer.writerows(CLAIMS_ROWS)
    return path


@pytest.fixture
def figures_csv() -> Path:
    return FIGURES_CSV

