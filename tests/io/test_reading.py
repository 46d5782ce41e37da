"""Opening the files editors actually have: formats, encodings, layouts, and the headers real data uses."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

import reviewer
from reviewer.core.errors import LoadError
from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx


def test_a_claims_workbook_with_title_rows_and_footer_notes(tmp_path: Path) -> None:
    rows = [["Fact-check: civilian casualty figures, 2017"], [], ["Prepared by the data desk"], CLAIMS_HEADER,
            *CLAIMS_ROWS, [], ["Source: desk research, figures as quoted in the articles listed."]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "desk.xlsx", {"Claims": rows}))
    sheet = book.sheets[0]
    assert sheet.role == "claims" and sheet.header_row == 4
    assert sheet.mapping["figure"] == "Figure quoted" and sheet.mapping["claimant"] == "Attributed to"
    assert book.claims["key"].tolist() == ["R-01", "R-02", "R-03", "R-04", "R-05"]
    assert book.claims["row"].tolist() == [5, 6, 7, 8, 9]
    first = book.claims.iloc[0]
    assert first["low"] == 352 and pd.isna(first["high"]) and first["qualifier"] == "at least"
    assert first["as_of"] == pd.Timestamp("2017-04-30")
    march = book.claims.iloc[2]
    assert (march["period_start"], march["period_end"]) == (pd.Timestamp("2017-03-01"), pd.Timestamp("2017-03-31"))
    assert any("note under the table" in w and "row 11" in w for w in book.warnings)


def test_real_date_cells_and_numbers_are_read_as_the_sheet_shows_them(tmp_path: Path) -> None:
    import datetime as dt

    rows = [["Key", "Claim text", "Claimant", "Figure", "As of"],
            ["0123", "A claim about a number of deaths that is long enough", "CJTF-OIR", 352, dt.date(2017, 4, 30)],
            ["NA", "Another claim about deaths with the key NA", "Airwars", 3000.0, dt.datetime(2017, 5, 4, 0, 0)]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "typed.xlsx", {"Claims": rows}))
    assert book.claims["key"].tolist() == ["0123", "NA"]  # no "0123" -> 123, no "NA" -> missing
    assert book.claims["figure_text"].tolist() == ["352", "3000"]
    assert book.claims["as_of"].tolist() == [pd.Timestamp("2017-04-30"), pd.Timestamp("2017-05-04")]


def test_unreadable_cells_stay_text_with_a_warning_naming_the_place(tmp_path: Path) -> None:
    rows = [CLAIMS_HEADER, ["K1", "A long enough claim text for the sheet", "Airwars", "lots", "sometime", ""]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "bad.xlsx", {"Claims": rows}))
    assert book.claims.iloc[0]["figure_text"] == "lots"
    assert any("'Claims'" in w and "row 2" in w and "'Figure quoted'" in w and "lots" in w for w in book.warnings)
    assert any("sometime" in w for w in book.warnings)


@pytest.mark.parametrize(
    ("header", "row", "expect", "source"),
    [
        (["code", "date", "belligerents", "civilian_non_combatants_killed_min", "civilian_non_combatants_killed_max",
          "grading"], ["CS001", "2017-03-17", "Coalition", "105", "141", "Fair"], (105, 141), "Airwars"),
        (["IBC code", "Start Date", "End Date", "Location", "Reported Minimum", "Reported Maximum", "Sources"],
         ["a1", "17 Mar 2017", "17 Mar 2017", "Mosul", "105", "141", "Reuters"], (105, 141), "Iraq Body Count"),
        (["event_id_cnty", "event_date", "country", "fatalities", "notes", "source"],
         ["IRQ1", "17 March 2017", "Iraq", "105", "An airstrike", "Reuters; Rudaw"], (105, 105), "ACLED"),
        (["id", "date_start", "date_end", "best", "low", "high", "country"],
         ["1", "2017-03-17", "2017-03-17", "120", "105", "141", "Iraq"], (105, 141), "Figures"),
    ],
)
def test_headers_of_monitoring_datasets(tmp_path: Path, header: list[str], row: list[str],
                                        expect: tuple[int, int], source: str) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(",".join(header) + "\n" + "\n".join([",".join(row)] * 3) + "\n", encoding="utf-8")
    book = reviewer.open_workbook(path)
    assert book.sheets[0].role == "reference"
    first = book.references.iloc[0]
    assert (first["low"], first["high"]) == expect
    assert first["date"] == pd.Timestamp("2017-03-17")
    # The monitor its columns name (ACLED's "source" lists outlets), else the file's name.
    assert set(book.references["source"]) == {source}
    assert first["kind"] == "incident"


def test_csv_encodings_delimiters_and_note_lines(tmp_path: Path) -> None:
    text = ("Data exported 2017-06-01\nFigures as published\n"
            "Date;Source;Figure\n30/04/2017;Coalition;at least 352\n02/06/2017;Coalition;484\n"
            "04/05/2017;Airwars;plus de 3 200 é\n")
    path = tmp_path / "notes.csv"
    path.write_bytes(text.encode("cp1252"))
    book = reviewer.open_workbook(path)
    assert book.sheets[0].header_row == 3 and book.sheets[0].role == "reference"
    assert book.references["source"].tolist()[:2] == ["Coalition", "Coalition"]
    assert book.references["date"].iloc[0] == pd.Timestamp("2017-04-30")
    assert any("windows-1252" in w for w in book.warnings)
    bom = tmp_path / "bom.tsv"
    bom.write_bytes("\ufeffDate\tSource\tFigure\n2017-04-30\tCJTF-OIR\t352\n".encode())
    book = reviewer.open_workbook(bom)
    assert book.references["value"].tolist() == [352] and book.sheets[0].mapping["date"] == "Date"


def test_a_csv_named_xlsx_is_read_as_csv_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "figures.xlsx"
    path.write_text("Date,Source,Figure\n2017-04-30,CJTF-OIR,352\n", encoding="utf-8")
    book = reviewer.open_workbook(path)
    assert len(book.references) == 1
    assert any("named like an Excel workbook" in w for w in book.warnings)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("page.xls", b"<!DOCTYPE html><html><body><table></table></body></html>", "web page"),
        ("empty.xlsx", b"", "empty"),
        ("blank.csv", b"\n\n  \n", "empty"),
        ("truncated.xlsx", None, "damaged or incomplete"),
        ("report.pdf.xlsx", b"%PDF-1.7 binary", "PDF"),
        ("archive.xlsx", "zip", "zip archive, not a spreadsheet"),
    ],
)
def test_files_that_are_not_spreadsheets_get_their_own_sentence(tmp_path: Path, name: str,
                                                                 content: bytes | str | None, reason: str) -> None:
    path = tmp_path / name
    if content is None:
        write_xlsx(tmp_path / "whole.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})
        data = (tmp_path / "whole.xlsx").read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif content == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("notes.txt", "hello")
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    with pytest.raises(LoadError, match=reason) as caught:
        reviewer.open_workbook(path)
    assert str(caught.value).startswith(f"cannot open {path}: ")


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="does not exist"):
        reviewer.open_workbook(tmp_path / "nope.xlsx")
    with pytest.raises(LoadError, match="folder"):
        reviewer.open_workbook(tmp_path)


def test_several_files_and_sources_from_sheet_names(tmp_path: Path, figures_csv: Path) -> None:
    reference = write_xlsx(tmp_path / "sources.xlsx", {
        "Coalition": [["Date", "Figure"], ["2017-04-30", "352"], ["2017-06-02", "484"], ["2017-07-07", "603"]],
        "Sheet1": [["Date", "Figure"], ["2017-04-30", "3,000"], ["2017-05-04", "3,200"], ["2017-07-07", "4,354"]],
        "Notes": [["These are notes"], ["nothing to read here"]],
    })
    claims = write_xlsx(tmp_path / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})
    book = reviewer.open_workbook(claims, reference)
    assert book.sources == ["Coalition", "Sources"]
    roles = {s.sheet: s.role for s in book.sheets}
    assert roles == {"Claims": "claims", "Coalition": "reference", "Sheet1": "reference", "Notes": "other"}
    assert set(book.references["kind"]) == {"cumulative"}


def test_keys_are_stable_without_a_key_column(tmp_path: Path) -> None:
    header = ["Claim", "Claimant", "Figure", "As of"]
    rows = [["First claim about deaths in the war", "Airwars", "3,000", "2017-04-30"],
            ["Second claim about deaths in the war", "CJTF-OIR", "352", "2017-04-30"]]
    first = reviewer.open_workbook(write_xlsx(tmp_path / "a.xlsx", {"Claims": [header, *rows]}))
    moved = reviewer.open_workbook(write_xlsx(tmp_path / "b.xlsx", {"Claims": [["Title"], header, rows[1],
                                                                               ["Inserted claim about the war", "X",
                                                                                "1", "2017-01-01"], rows[0]]}))
    keys = dict(zip(first.claims["text"], first.claims["key"], strict=True))
    moved_keys = dict(zip(moved.claims["text"], moved.claims["key"], strict=True))
    assert keys[rows[0][0]] == moved_keys[rows[0][0]] and keys[rows[1][0]] == moved_keys[rows[1][0]]


def test_duplicate_keys_are_told_apart_with_a_warning(tmp_path: Path) -> None:
    rows = [CLAIMS_HEADER, CLAIMS_ROWS[0], CLAIMS_ROWS[0]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "dup.xlsx", {"Claims": rows}))
    assert book.claims["key"].tolist() == ["R-01", "R-01#2"]
    assert any("used more than once" in w for w in book.warnings)


def test_every_format_calamine_reads(tmp_path: Path) -> None:
    from tests.conftest import CORPUS

    for name in ("any_sheets.xlsb", "any_sheets.ods", "any_sheets.xls", "date_1904.xlsx", "merged_range.xlsx"):
        book = reviewer.open_workbook(CORPUS / name)
        assert book.sheets, name


def test_a_column_per_source_and_a_total_row(tmp_path: Path) -> None:
    rows = [["Civilian deaths acknowledged and estimated"], ["Date", "CJTF-OIR", "Airwars"],
            ["2017-04-30", "352", "over 3,000"], ["2017-06-02", "484", ""], ["2017-07-07", "603", "at least 4,354"],
            ["Total", "1439", "7354"], ["Source: monthly reports"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "side-by-side.xlsx", {"Figures": rows}))
    refs = book.references
    assert book.sheets[0].role == "reference"
    assert refs.groupby("source").size().to_dict() == {"Airwars": 2, "CJTF-OIR": 3}
    assert set(refs["kind"]) == {"cumulative"}
    assert "Total" not in refs["figure_text"].tolist() and 1439 not in refs["value"].tolist()
    assert any("total row was left out" in w and "row 6" in w for w in book.warnings)
    assert any("note under the table" in w for w in book.warnings)


def test_numbers_that_are_not_sources_do_not_make_a_wide_sheet(tmp_path: Path) -> None:
    rows = [["event_date", "latitude", "longitude", "fatalities"], ["2017-03-17", "36.3", "43.1", "105"],
            ["2017-03-18", "36.3", "43.2", "3"], ["2017-03-19", "36.4", "43.1", "7"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "acled.xlsx", {"Events": rows}))
    assert book.references["source"].unique().tolist() == ["ACLED"]  # named by the file
    assert book.references["value"].tolist() == [105, 3, 7]


def test_two_rows_of_column_names_under_a_merged_cell(tmp_path: Path) -> None:
    rows = [["Iraq civilian deaths by month"], ["Month", "Deaths", "", "Source"], ["", "Min", "Max", ""],
            ["2017-01", "100", "120", "IBC"], ["2017-02", "90", "130", "IBC"], ["2017-03", "300", "420", "IBC"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "monthly.xlsx", {"IBC": rows}))
    sheet = book.sheets[0]
    assert sheet.mapping == {"date": "Month", "low": "Deaths Min", "high": "Deaths Max", "source": "Source"}
    assert book.references["row"].tolist() == [4, 5, 6] and book.references["low"].tolist() == [100, 90, 300]
    assert book.references["date"].iloc[2] == pd.Timestamp("2017-03-01")  # an incident count for March


def test_claims_without_a_figure_column_take_the_figure_from_the_sentence(tmp_path: Path) -> None:
    rows = [["Claim", "Published"],
            ["The coalition acknowledged at least 352 civilian deaths since 2014.", "30 April 2017"],
            ["On 3 May 2017 Airwars put the toll at more than 3,200 civilians", "2017-05-04"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "quotes.xlsx", {"Quotes": rows}))
    assert book.claims["figure_text"].tolist() == ["at least 352", "more than 3,200"]
    assert book.claims["low"].tolist() == [352, 3200]
    assert any("taken from its text" in w for w in book.warnings)


def test_long_event_notes_do_not_make_a_monitors_export_a_claims_sheet(tmp_path: Path) -> None:
    note = "On 17 March 2017, an airstrike hit a house in al-Jadida, Mosul, killing dozens of civilians sheltering"
    rows = [["event_date", "country", "fatalities", "notes", "source"]]
    rows += [[f"2017-03-{d:02d}", "Iraq", str(d), note, "Reuters"] for d in range(1, 15)]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "acled.xlsx", {"Sheet1": rows}))
    assert book.sheets[0].role == "reference" and len(book.claims) == 0
    assert book.references["value"].sum() == sum(range(1, 15))


def test_a_key_used_in_two_files_is_told_apart(tmp_path: Path) -> None:
    first = write_xlsx(tmp_path / "a.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS[:2]]})
    second = write_xlsx(tmp_path / "b.xlsx", {"More claims": [CLAIMS_HEADER, CLAIMS_ROWS[0]]})
    book = reviewer.open_workbook(first, second)
    assert book.claims["key"].tolist() == ["R-01", "R-02", "R-01@More claims"]
    assert any("more than one sheet" in w for w in book.warnings)


def test_columns_of_deaths_per_publisher_are_sources_and_a_single_one_is_the_figure(tmp_path: Path) -> None:
    wide = [["Date", "Coalition deaths", "Airwars deaths"], ["2017-04-30", "352", "3,000"],
            ["2017-07-07", "603", "4,354"], ["2017-11-30", "801", "5,961"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "two.xlsx", {"Figures": wide}))
    # Each header names a known source among other words: that source's series, its header the metric.
    assert book.references.groupby("source").size().to_dict() == {"Airwars": 3, "CJTF-OIR": 3}
    assert set(book.references["metric"]) == {"Airwars deaths", "Coalition deaths"}
    single = [["Report date", "Cumulative civilian deaths acknowledged", "Reports assessed credible"],
              ["2017-04-30", "352", "80"], ["2017-06-02", "484", "95"], ["2017-07-07", "603", "101"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "coalition.xlsx", {"Sheet1": single}))
    assert book.sheets[0].mapping["figure"] == "Cumulative civilian deaths acknowledged"
    assert book.references["value"].tolist() == [352, 484, 603] and set(book.references["kind"]) == {"cumulative"}
    assert book.references["source"].unique().tolist() == ["Coalition"]


def test_a_ucdp_export_with_all_its_columns(tmp_path: Path) -> None:
    header = ["id", "year", "type_of_violence", "conflict_name", "side_a", "country", "date_start", "date_end",
              "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low"]
    rows = [header, ["1", "2017", "1", "Iraq: IS", "Coalition", "Iraq", "2017-03-17", "2017-03-17", "0", "2", "105",
                     "13", "120", "141", "105"],
            ["2", "2017", "1", "Iraq: IS", "Coalition", "Iraq", "2017-03-18", "2017-03-19", "0", "0", "3", "0", "3",
             "7", "3"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "ged.xlsx", {"GEDEvent": rows}))
    refs = book.references
    assert refs[["value", "low", "high"]].to_numpy().tolist() == [[120, 105, 141], [3, 3, 7]]
    assert refs["date"].tolist() == [pd.Timestamp("2017-03-17"), pd.Timestamp("2017-03-18")]
    assert set(refs["kind"]) == {"incident"}


def test_row_numbers_count_formatted_empty_rows_above_the_table(tmp_path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Claims"
    for row in range(1, 4):  # styled but empty: part of the sheet's used range, with no values
        sheet.cell(row, 1).font = Font(bold=True)
    for offset, values in enumerate([CLAIMS_HEADER, *CLAIMS_ROWS[:2]]):
        for column, value in enumerate(values, start=1):
            sheet.cell(4 + offset, column, value)
    book.save(tmp_path / "styled.xlsx")
    claims = reviewer.open_workbook(tmp_path / "styled.xlsx").claims
    assert claims["row"].tolist() == [5, 6]  # as Excel numbers them


def test_dates_whose_order_cannot_be_told_are_read_day_first_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text("Date,Source,Figure\n03/04/2017,CJTF-OIR,229\n05/06/2017,CJTF-OIR,484\n", encoding="utf-8")
    book = reviewer.open_workbook(path)
    assert book.references["date"].tolist() == [pd.Timestamp("2017-04-03"), pd.Timestamp("2017-06-05")]
    assert any("'03/04/2017' could be day-first or month-first" in w for w in book.warnings)
