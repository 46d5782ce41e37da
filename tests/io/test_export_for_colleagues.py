"""The annotated workbook as the colleague who opens it sees it: who may open the file, what the summary
groups and where its chart sits, which cells are numbers and dates, how notes wrap, how it prints."""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reviewer
from reviewer.io.export_cells import DATETIME_FORMAT
from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx

COALITION_NAMES = ["the coalition", "Combined Joint Task Force", "CJTF-OIR"]
ROWS = [
    *CLAIMS_ROWS,
    ["R-06", "By early July the coalition's own count had reached 603", "Combined Joint Task Force", "603",
     "2017-07-07", ""],
    ["R-07", "The coalition's count for June", "the coalition", "484", "June 2017", ""],
    ["R-08", "Airwars puts the toll at more than 6,500 civilians", "Airwars", "6,500", "13 Aug 2018", ""],
]


@pytest.fixture
def claims_xlsx(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *ROWS]})


@pytest.fixture
def umask() -> Iterator[None]:
    before = os.umask(0o022)
    yield
    os.umask(before)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _columns(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, int]:
    return {str(cell.value): cell.column for cell in sheet[1] if cell.value}


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_every_export_is_written_with_the_permissions_the_umask_gives(claims_xlsx: Path, tmp_path: Path,
                                                                      mask: int, expected: int) -> None:
    os.umask(mask)
    review = reviewer.Review(reviewer.open_workbook(claims_xlsx))
    for name in ("reviewed.xlsx", "reviewed.csv", "reviewed.jsonld"):
        assert _mode(review.export(tmp_path / name)) == expected, name


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
@pytest.mark.usefixtures("umask")
def test_an_export_over_a_file_keeps_that_files_permissions(claims_xlsx: Path, tmp_path: Path) -> None:
    target = tmp_path / "reviewed.xlsx"
    target.write_bytes(b"an earlier export")
    target.chmod(0o640)
    reviewer.Review(reviewer.open_workbook(claims_xlsx)).export(target)
    assert _mode(target) == 0o640 and zipfile.is_zipfile(target)


def _summary_rows(path: Path) -> list[list[object]]:
    summary = openpyxl.load_workbook(path)["Summary"]
    return [[cell.value for cell in row] for row in summary.iter_rows()]


def _claimant_rows(rows: list[list[object]]) -> dict[str, list[object]]:
    start = next(i for i, row in enumerate(rows) if row[0] == "Source the claimant names")
    end = next(i for i in range(start + 1, len(rows)) if rows[i][0] is None)
    return {str(row[0]): row for row in rows[start + 1:end]}


@pytest.mark.parametrize("with_figures", [True, False])
def test_the_summary_counts_the_coalitions_names_as_one_source(claims_xlsx: Path, figures_csv: Path,
                                                               tmp_path: Path, with_figures: bool) -> None:
    files = [claims_xlsx, figures_csv] if with_figures else [claims_xlsx]
    review = reviewer.Review(reviewer.open_workbook(*files))
    review.set_verdict("R-01", "Accurate")
    review.set_verdict("R-06", "Outdated")
    rows = _summary_rows(review.export(tmp_path / "reviewed.xlsx"))
    claimants = _claimant_rows(rows)
    header = next(row for row in rows if row[0] == "Source the claimant names")
    assert not ({*COALITION_NAMES, "Pentagon"} - {"CJTF-OIR"}) & set(claimants)
    coalition = claimants["CJTF-OIR"]
    # R-01, R-04 (the Pentagon), R-05, R-06, R-07: one row, every verdict counted there.
    counts = {str(h): v for h, v in zip(header, coalition, strict=True) if h and isinstance(v, int)}
    assert sum(counts.values()) == 5 and counts["Accurate"] == 1 and counts["Outdated"] == 1
    named = str(coalition[header.index("Named in the claims as")])
    assert all(name in named for name in COALITION_NAMES)
    assert set(claimants) == {"CJTF-OIR", "Airwars"}


def test_the_summary_chart_stands_beside_its_tables(claims_xlsx: Path, figures_csv: Path, tmp_path: Path) -> None:
    out = reviewer.Review(reviewer.open_workbook(claims_xlsx, figures_csv)).export(tmp_path / "reviewed.xlsx")
    rows = _summary_rows(out)
    last_used_column = max(i for row in rows for i, value in enumerate(row, start=1) if value is not None)
    with zipfile.ZipFile(out) as archive:
        drawing = archive.read("xl/drawings/drawing1.xml").decode()
    anchor = re.search(r"<(?:xdr:)?from><(?:xdr:)?col>(\d+)</", drawing)
    assert anchor is not None
    assert int(anchor.group(1)) + 1 > last_used_column  # the drawing's columns count from 0


def test_times_and_dates_are_date_cells(claims_xlsx: Path, figures_csv: Path, tmp_path: Path) -> None:
    review = reviewer.Review(reviewer.open_workbook(claims_xlsx, figures_csv), reviewer="Ana")
    review.set_verdict("R-01", "Accurate", note="as published")
    stamp = review.verdict("R-01").time
    excel = openpyxl.load_workbook(review.export(tmp_path / "reviewed.xlsx"))
    published = excel["public_figures"]
    date_column = _columns(published)["date"]
    assert all(isinstance(published.cell(row, date_column).value, dt.datetime) for row in range(2, 10))
    claims = excel["Claims"]
    column = _columns(claims)
    when = claims.cell(2, column["Reviewed at"])
    assert isinstance(when.value, dt.datetime) and when.is_date and when.number_format == DATETIME_FORMAT
    assert when.value == dt.datetime.fromisoformat(stamp.replace("Z", "")).replace(tzinfo=None)
    as_of = [claims.cell(row, column["As of"]).value for row in range(2, 2 + len(ROWS))]
    assert as_of[0] == dt.datetime(2017, 4, 30) and as_of[4] == dt.datetime(2017, 6, 2)
    assert as_of[2] is None and as_of[6] == "June 2017"  # a month is not a day: it stays as written
    dated = claims.cell(2, column["Source's figure dated"])
    assert dated.is_date and dated.value == dt.datetime(2017, 4, 30)


def test_a_store_less_colleague_gets_the_verdict_time_back(claims_xlsx: Path, tmp_path: Path,
                                                           reviewer_home: Path) -> None:
    review = reviewer.Review(reviewer.open_workbook(claims_xlsx), reviewer="Ana")
    review.set_verdict("R-02", "Overstated")
    stamp = review.verdict("R-02").time
    out = review.export(tmp_path / "reviewed.xlsx")
    for suffix in ("", "-wal", "-shm"):
        (reviewer_home / f"reviews.sqlite3{suffix}").unlink(missing_ok=True)
    back = reviewer.Review(reviewer.open_workbook(out))
    assert back.verdict("R-02").time == stamp and back.verdict("R-02").reviewer == "Ana"


def test_a_sources_figure_is_a_number_never_text(claims_xlsx: Path, figures_csv: Path, tmp_path: Path) -> None:
    claims = openpyxl.load_workbook(
        reviewer.Review(reviewer.open_workbook(claims_xlsx, figures_csv)).export(tmp_path / "out.xlsx"))["Claims"]
    column = _columns(claims)
    figures = [claims.cell(row, column["Source's figure"]).value for row in range(2, 2 + len(ROWS))]
    uppers = [claims.cell(row, column["Source's figure, upper end"]).value for row in range(2, 2 + len(ROWS))]
    written = [claims.cell(row, column["Source's figure as written"]).value for row in range(2, 2 + len(ROWS))]
    assert all(v is None or isinstance(v, int | float) for v in figures + uppers)
    assert figures[0] == 352 and figures[1] == 3000 and written[1] == "over 3,000"
    assert figures[3] == 1139 and written[3] is None  # "1,139" says no more than the number
    assert all(w is None or not re.fullmatch(r"[\d,. ]+|nan|None|NaT", str(w)) for w in written)


def test_a_sources_figure_column_is_wide_enough_for_its_widest_number(tmp_path: Path) -> None:
    from openpyxl.utils import get_column_letter

    from tests.conftest import REAL_DATA

    claims = tmp_path / "claims.csv"
    claims.write_text("Key,Claim,Attributed to,Figure,As of\nW,The world had 7.4 billion people,World Bank,"
                      "7.4 billion,2016\n", encoding="utf-8")
    out = reviewer.Review(reviewer.open_workbook(claims, REAL_DATA / "API_SP.POP.TOTL_DS2_en_csv_v2.csv")).export(
        tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(out)["claims"]  # a text file's one sheet is named for the file
    column = _columns(sheet)["Source's figure"]
    # API_SP.POP.TOTL_DS2_en_csv_v2.csv, row 263 (World), 2016: 7,442,135,578, shown whole, not as "###".
    assert sheet.cell(2, column).value == 7_442_135_578
    assert sheet.column_dimensions[get_column_letter(column)].width >= len("7,442,135,578")


def test_notes_wrap_and_their_rows_grow(claims_xlsx: Path, tmp_path: Path) -> None:
    review = reviewer.Review(reviewer.open_workbook(claims_xlsx))
    review.set_verdict("R-01", "Accurate", note="Matches the April report; " * 8)
    claims = openpyxl.load_workbook(review.export(tmp_path / "reviewed.xlsx"))["Claims"]
    column = _columns(claims)
    note = claims.cell(2, column["Note"])
    assert note.alignment.wrap_text and claims.column_dimensions[note.column_letter].width >= 30
    assert claims.row_dimensions[2].height >= 4 * 15
    assert not claims.row_dimensions[8].height  # a short claim and no note, one line


def test_the_sheets_print_landscape_page_wide_with_the_header_on_every_page(claims_xlsx: Path, figures_csv: Path,
                                                                           tmp_path: Path) -> None:
    excel = openpyxl.load_workbook(
        reviewer.Review(reviewer.open_workbook(claims_xlsx, figures_csv)).export(tmp_path / "reviewed.xlsx"))
    for name in ("Summary", "Claims", "public_figures"):
        sheet = excel[name]
        assert sheet.page_setup.orientation == "landscape", name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert sheet.page_setup.fitToHeight == 0 and sheet.page_setup.fitToWidth >= 1, name
    for name in ("Claims", "public_figures"):
        assert excel[name].print_title_rows == "$1:$1", name


def test_a_wide_claims_sheet_prints_on_pages_wide_enough_to_read(tmp_path: Path) -> None:
    header = [*CLAIMS_HEADER, *(f"Extra column {i}" for i in range(12))]
    rows = [[*row, *("a fairly long piece of text" for _ in range(12))] for row in CLAIMS_ROWS]
    source = write_xlsx(tmp_path / "wide.xlsx", {"Claims": [header, *rows]})
    claims = openpyxl.load_workbook(reviewer.Review(reviewer.open_workbook(source)).export(
        tmp_path / "reviewed.xlsx"))["Claims"]
    assert claims.page_setup.fitToWidth >= 2 and claims.page_setup.fitToHeight == 0
    assert claims.print_title_cols == "$A:$A"  # the key on every page


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x01\x02\x03"
                                           "\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17"
                                           "\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff"), max_size=60)
       .map(lambda text: text.replace("|", "\r").replace("~", "_x000D_")))
def test_a_note_with_carriage_returns_comes_back_as_written(tmp_path_factory: pytest.TempPathFactory,
                                                            note: str) -> None:
    folder = tmp_path_factory.mktemp("cr")
    path = write_xlsx(folder / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})
    review = reviewer.Review(reviewer.open_workbook(path))
    review.set_verdict("R-02", "Accurate", note=note)
    back = reviewer.open_workbook(review.export(folder / "out.xlsx"))
    rows = {r[1]: r for r in back.annotated["_rows"]}
    assert rows[3][3] == (note if note.strip() else "")


@pytest.mark.parametrize(("cell", "value"), [("roles", '{"Claims": 5}'), ("scale", '{"labels": [1, null, {}]}'),
                                             ("roles", "[" * 30_000), ("scale", "{" * 30_000)])
def test_an_exported_workbook_whose_review_sheet_was_edited_keeps_its_verdicts(claims_xlsx: Path, tmp_path: Path,
                                                                               reviewer_home: Path, cell: str,
                                                                               value: str) -> None:
    review = reviewer.Review(reviewer.open_workbook(claims_xlsx))
    review.set_verdict("R-02", "Overstated", note="checked twice")
    out = review.export(tmp_path / "reviewed.xlsx")
    book = openpyxl.load_workbook(out)
    meta = book["_reviewer"]
    row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == cell)
    meta.cell(row, 2).value = value  # edited by hand, or built to exhaust the reader
    book.save(out)
    for suffix in ("", "-wal", "-shm"):  # a colleague without the store
        (reviewer_home / f"reviews.sqlite3{suffix}").unlink(missing_ok=True)
    back = reviewer.Review(reviewer.open_workbook(out))
    assert (back.verdict("R-02").verdict, back.verdict("R-02").note) == ("Overstated", "checked twice")
