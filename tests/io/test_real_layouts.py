"""Layouts real desks and monitors publish: tables by period, their own column names, notes that name
the source, monitors' exports whose "source" lists articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

import reviewer
from reviewer.core.check import primary_series
from tests.conftest import write_xlsx

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def test_a_table_with_a_column_per_year_is_read_cell_by_cell(tmp_path: Path) -> None:
    rows = [["Civilian deaths by governorate, 2014-2017"], [],
            ["Governorate", "2014", "2015", "2016", "2017", "Total"],
            ["Ninewa", 1200, 900, 1500, 5200, 8800], ["Anbar", 2100, 1300, 1100, 600, 5100],
            ["Total", 3300, 2200, 2600, 5800, 13900], ["Source: UNAMI monthly casualty figures"]]
    path = write_xlsx(tmp_path / "by_governorate.xlsx", {"Civilian deaths": rows})
    claims = [["Key", "Claim", "Attributed to", "Figure", "Period"],
              ["U-1", "The UN counted 2,600 civilian deaths in 2016", "UNAMI", "2,600", "2016"]]
    claims_path = write_xlsx(tmp_path / "claims.xlsx", {"Claims": claims})
    book = reviewer.open_workbook(claims_path, path)
    refs = book.references
    assert len(refs) == 12 and set(refs["source"]) == {"UN"}  # named by the note under the table
    ninewa_2016 = refs[(refs["metric"] == "Ninewa") & (refs["period_start"] == pd.Timestamp("2016-01-01"))]
    assert ninewa_2016["value"].tolist() == [1500] and ninewa_2016["row"].tolist() == [4]
    assert ninewa_2016["period_end"].tolist() == [pd.Timestamp("2016-12-31")]
    assert set(refs["kind"]) == {"incident"}
    assert 8800 not in refs["value"].tolist()  # the Total column adds up the years
    assert any("'Total' adds up the periods" in w for w in book.warnings)
    assert set(primary_series(refs)["metric"]) == {"Total"}  # the whole count, not one place's
    checked = reviewer.check(book)
    row = checked[checked["key"] == "U-1"].iloc[0]
    assert row["source"] == "UN" and row["assessment"] == "match" and row["value"] == 2600


def test_a_year_by_month_table_gives_each_month_of_each_year(tmp_path: Path) -> None:
    rows = [["Year", *MONTHS, "Total"], [2016, *range(100, 112), 1266], [2017, *range(200, 212), 2466],
            ["Total", *range(300, 324, 2), 3732]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "ibc_monthly.xlsx", {"Monthly": rows}))
    refs = book.references.sort_values("period_start")
    assert len(refs) == 24 and set(refs["source"]) == {"Iraq Body Count"}  # the file's name says whose
    march_2017 = refs[refs["period_start"] == pd.Timestamp("2017-03-01")]
    assert march_2017["value"].tolist() == [202] and march_2017["row"].tolist() == [3]
    assert march_2017["period_end"].tolist() == [pd.Timestamp("2017-03-31")]
    assert any("row 4: a total row was left out" in w for w in book.warnings)


def test_months_stored_as_dates_in_the_header_and_deaths_before_injuries(tmp_path: Path) -> None:
    months = [dt.datetime(2017, m, 1) for m in (1, 2, 3)]
    rows = [["UNAMI civilian casualties"], ["Category", *months], ["Injured", 500, 600, 700],
            ["Killed", 382, 392, 367]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "casualties.xlsx", {"Sheet1": rows}))
    main = primary_series(book.references)
    assert main["metric"].unique().tolist() == ["Killed"] and main["value"].tolist() == [382, 392, 367]
    assert main["period_end"].tolist() == [pd.Timestamp("2017-01-31"), pd.Timestamp("2017-02-28"),
                                           pd.Timestamp("2017-03-31")]


def test_counts_that_happen_to_rise_by_one_are_data_not_a_header(tmp_path: Path) -> None:
    rows = [["Date", "Source", "Deaths"], ["2017-01-31", "Airwars", "2014"], ["2017-02-28", "Airwars", "2015"],
            ["2017-03-31", "Airwars", "2016"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "figures.xlsx", {"Figures": rows}))
    assert book.sheets[0].header_row == 1 and book.references["value"].tolist() == [2014, 2015, 2016]


def test_a_desks_own_column_names(tmp_path: Path) -> None:
    rows = [["Fact-check log"], [],
            ["Claim #", "Claim (verbatim)", "Who said it", "Where", "When said", "Figure (as quoted)", "Said on"],
            ["1", "The coalition has acknowledged at least 352 civilian deaths", "CJTF-OIR", "Briefing",
             "30 April 2017", "at least 352", "30 April 2017"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "log.xlsx", {"Log": rows}))
    assert book.sheets[0].role == "claims"
    assert book.sheets[0].mapping == {"key": "Claim #", "text": "Claim (verbatim)", "claimant": "Who said it",
                                      "outlet": "Where", "date": "When said", "figure": "Figure (as quoted)"}
    claim = book.claims.iloc[0]
    assert (claim["claimant"], claim["low"], claim["date"]) == ("CJTF-OIR", 352, pd.Timestamp("2017-04-30"))


def test_a_known_source_in_the_files_name_and_the_outlets_of_an_acled_export(tmp_path: Path) -> None:
    rows = [["Month", "Civilian deaths (cumulative)"], ["2017-01", "199"], ["2017-02", "220"], ["2017-03", "229"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "cjtf_monthly.xlsx", {"Monthly report": rows}))
    assert set(book.references["source"]) == {"CJTF-OIR"}
    acled = tmp_path / "export.csv"
    acled.write_text("event_id_cnty,event_date,actor1,sub_event_type,source,fatalities\n"
                     "IRQ1,17 March 2017,Coalition,Air/drone strike,Reuters; Rudaw,105\n"
                     "IRQ2,18 March 2017,Coalition,Air/drone strike,Xinhua,3\n", encoding="utf-8")
    book = reviewer.open_workbook(acled)
    assert set(book.references["source"]) == {"ACLED"} and book.references["value"].tolist() == [105, 3]
    assert "source" not in book.sheets[0].mapping


def test_a_source_merged_down_its_rows_and_column_names_repeated_page_by_page(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Figures"
    for row in [["Monthly figures"], ["Source", "Date", "Deaths"], ["Airwars", "2017-01-31", "100"],
                ["", "2017-02-28", "150"], ["Source", "Date", "Deaths"], ["Airwars", "2017-03-31", "200"],
                ["CJTF-OIR", "2017-01-31", "20"], ["", "2017-02-28", "25"]]:
        sheet.append(row)
    sheet.merge_cells("A1:C1")
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("A7:A8")
    book.save(tmp_path / "merged.xlsx")
    opened = reviewer.open_workbook(tmp_path / "merged.xlsx")
    refs = opened.references
    assert refs.groupby("source")["value"].apply(list).to_dict() == {"Airwars": [100, 150, 200],
                                                                      "CJTF-OIR": [20, 25]}
    assert refs["row"].tolist() == [3, 4, 6, 7, 8]
    assert any("repeated rows of column names (row 5)" in w for w in opened.warnings)
    assert any("merged down" in w for w in opened.warnings)


def test_claims_with_only_their_words_and_a_date_take_the_period_from_the_words(tmp_path: Path) -> None:
    claims = [["Claim", "Published"],
              ["Airwars says 105 civilians were killed in Mosul on 17 March 2017", "2017-03-28"],
              ["Iraq Body Count recorded about 120 deaths in March 2017", "2017-04-05"],
              ["The coalition has acknowledged at least 352 civilian deaths since 2014", "2017-04-30"]]
    incidents = [["Start Date", "End Date", "Reported Minimum", "Reported Maximum"],
                 ["17 Mar 2017", "17 Mar 2017", "105", "141"], ["2 Mar 2017", "2 Mar 2017", "10", "12"],
                 ["2 Apr 2017", "2 Apr 2017", "12", "12"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "quotes.xlsx", {"Quotes": claims}),
                                  write_xlsx(tmp_path / "ibc.xlsx", {"Incidents": incidents}))
    claims_read = book.claims
    assert claims_read["period_start"].tolist() == [pd.Timestamp("2017-03-17"), pd.Timestamp("2017-03-01"),
                                                    pd.Timestamp("2014-01-01")]
    assert claims_read["period_end"].iloc[1] == pd.Timestamp("2017-03-31")
    assert any("periods of 3 claims were taken from their words" in w for w in book.warnings)
    checked = reviewer.check(book).set_index("key")
    march = checked.loc[claims_read["key"].iloc[1]]
    assert (march["low"], march["high"], march["assessment"]) == (115, 153, "match")  # 17 and 2 March, not April


def test_ranges_side_by_side_are_each_a_metric_and_the_first_is_the_main_one(tmp_path: Path) -> None:
    rows = [["Month", "Likely deaths min", "Likely deaths max", "Alleged deaths min", "Alleged deaths max"],
            ["2017-01", "300", "400", "600", "900"], ["2017-02", "350", "450", "700", "1,000"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "airwars.xlsx", {"Monthly": rows}))
    refs = book.references
    assert refs.groupby("metric")["high"].apply(list).to_dict() == {"Alleged deaths": [900, 1000],
                                                                     "Likely deaths": [400, 450]}
    assert set(primary_series(refs)["metric"]) == {"Likely deaths"}


def test_a_running_total_revised_down_once_stays_a_running_total(tmp_path: Path) -> None:
    values = [352, 484, 603, 624, 735, 786, 801, 817, 810, 841, 1059]  # 817 revised to 810
    rows = [["Date", "Civilian deaths acknowledged"]] + [[f"2017-{m:02d}-28", str(v)] for m, v in
                                                         enumerate(values, start=1)]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "cjtf.xlsx", {"Reports": rows}))
    assert set(book.references["kind"]) == {"cumulative"}


def test_total_deaths_per_event_are_incidents(tmp_path: Path) -> None:
    rows = [["Date", "Location", "Total deaths"], ["2017-03-17", "Mosul", "105"], ["2017-03-19", "Mosul", "3"],
            ["2017-04-02", "Raqqa", "12"], ["2017-04-09", "Raqqa", "40"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "events.xlsx", {"Events": rows}))
    assert set(book.references["kind"]) == {"incident"}


def test_deaths_side_by_side_by_place_are_one_sources_series(tmp_path: Path) -> None:
    rows = [["Month", "Iraq killed", "Syria killed"], ["2017-01", "300", "120"], ["2017-02", "350", "140"],
            ["2017-03", "900", "200"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "airwars_monthly.xlsx", {"By country": rows}))
    refs = book.references
    assert set(refs["source"]) == {"Airwars"}
    assert refs.groupby("metric")["value"].apply(list).to_dict() == {"Iraq killed": [300, 350, 900],
                                                                      "Syria killed": [120, 140, 200]}
    by_source = [["Date", "Coalition deaths", "Airwars deaths"], ["2017-04-30", "352", "3,000"],
                 ["2017-07-07", "603", "4,354"], ["2017-11-30", "801", "5,961"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "two.xlsx", {"Figures": by_source}))
    assert set(book.references["source"]) == {"CJTF-OIR", "Airwars"}  # two sources, as their names say


def test_confirming_the_detected_columns_of_a_table_by_year_reads_it_the_same(tmp_path: Path) -> None:
    rows = [["Governorate", "2014", "2015", "2016"], ["Ninewa", 1200, 900, 1500], ["Total", 3300, 2200, 2600]]
    path = write_xlsx(tmp_path / "un.xlsx", {"Civilian deaths": rows})
    first = reviewer.open_workbook(path)
    sheet = first.sheets[0]
    choices = {(sheet.file, sheet.sheet): reviewer.SheetChoice(sheet.role, sheet.mapping, None)}
    again = reviewer.open_workbook(path, choices=choices)
    assert again.references["value"].tolist() == first.references["value"].tolist() and len(again.references) == 6
    other = {(sheet.file, sheet.sheet): reviewer.SheetChoice("reference", {"date": "Governorate", "figure": "2014"})}
    assert reviewer.open_workbook(path, choices=other).references["value"].tolist() == [1200, 3300]


def test_a_type_column_keeps_killed_and_injured_apart(tmp_path: Path) -> None:
    rows = [["Month", "Type", "Number"], ["Jan 2017", "Injured", "500"], ["Jan 2017", "Killed", "382"],
            ["Feb 2017", "Injured", "600"], ["Feb 2017", "Killed", "392"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "casualties.xlsx", {"UNAMI": rows}))
    main = primary_series(book.references)
    assert main["metric"].unique().tolist() == ["Killed"] and main["value"].tolist() == [382, 392]
    assert set(main["source"]) == {"UNAMI"}


def test_a_qualifier_in_a_column_of_its_own_is_read_with_the_figure(tmp_path: Path) -> None:
    rows = [["Claim", "Qualifier", "Figure", "As of"],
            ["The coalition acknowledged at least 352 civilian deaths", "at least", 352, "2017-04-30"],
            ["Airwars put the toll at 3,000", "", 3000, "2017-04-30"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "claims.xlsx", {"Claims": rows}))
    claims = book.claims
    assert claims["figure_text"].tolist() == ["at least 352", "3000"]
    assert claims["low"].tolist() == [352, 3000] and pd.isna(claims["high"].iloc[0])
    assert book.sheets[0].mapping["qualifier"] == "Qualifier"


def test_a_european_csv_with_semicolons_and_points_between_thousands(tmp_path: Path) -> None:
    path = tmp_path / "zahlen.csv"
    path.write_text("Datum;Quelle;Getötete\n30.04.2017;Airwars;3.000\n31.05.2017;Airwars;3.164\n"
                    "31.12.2017;Airwars;6.000\n31.12.2018;Airwars;1.340.000\n", encoding="utf-8")
    book = reviewer.open_workbook(path)
    assert book.references["value"].tolist() == [3000, 3164, 6000, 1340000]
    assert book.references["date"].iloc[1] == pd.Timestamp("2017-05-31")
    assert set(book.references["source"]) == {"Airwars"}  # a column of source names, whatever its header


def test_a_hidden_sheet_is_left_out_unless_the_editor_gives_it_a_role(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    visible = book.active
    visible.title = "Figures"
    for row in [["Date", "Source", "Deaths"], ["2017-03-31", "Airwars", "2,500"]]:
        visible.append(row)
    old = book.create_sheet("Old figures")
    for row in [["Date", "Source", "Deaths"], ["2017-03-31", "Airwars", "2,400"]]:
        old.append(row)
    old.sheet_state = "hidden"
    book.save(tmp_path / "figures.xlsx")
    opened = reviewer.open_workbook(tmp_path / "figures.xlsx")
    assert opened.references["value"].tolist() == [2500]
    assert any("'Old figures' is hidden" in w for w in opened.warnings)
    choice = {("figures.xlsx", "Old figures"): reviewer.SheetChoice("reference")}
    assert sorted(reviewer.open_workbook(tmp_path / "figures.xlsx", choices=choice).references["value"]) == [2400,
                                                                                                          2500]


def test_words_that_start_like_months_are_not_months() -> None:
    from reviewer.core.period_columns import find_period_columns

    assert find_period_columns(["Name", "Marketing", "Novel", "Decision", "Mayor"]) is None
    found = find_period_columns(["Year", "January", "February", "March", "Total"])
    assert found is not None and list(found.columns.values()) == ["January", "February", "March"]
    assert found.totals == [4] and found.label == 0


def test_of_several_ranges_the_range_of_deaths_is_the_figure(tmp_path: Path) -> None:
    rows = [["Date", "Min age", "Max age", "Min deaths", "Max deaths"], ["2017-03-01", "5", "60", "10", "12"],
            ["2017-03-02", "3", "50", "4", "6"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "events.xlsx", {"Events": rows}))
    assert book.sheets[0].mapping["low"] == "Min deaths" and book.references["high"].tolist() == [12, 6]


def test_deaths_are_the_figure_beside_casualties(tmp_path: Path) -> None:
    long = [["Source", "Date", "Casualties", "Deaths"], ["UN", "2017-03-31", "500", "200"],
            ["UN", "2017-04-30", "600", "250"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "long.xlsx", {"Figures": long}))
    assert book.sheets[0].mapping["figure"] == "Deaths" and book.references["value"].tolist() == [200, 250]
    side_by_side = [["Date", "Casualties", "Deaths"], ["2017-03-31", "500", "200"], ["2017-04-30", "600", "250"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "wide.xlsx", {"UN": side_by_side}))
    main = primary_series(book.references)
    assert set(main["source"]) == {"UN"} and main["value"].tolist() == [200, 250]


def test_a_count_for_a_year_is_not_used_for_part_of_that_year(tmp_path: Path) -> None:
    claims = [["Key", "Claim", "Attributed to", "Figure", "Period"],
              ["H-1", "The UN counted 3,000 deaths in the first half of 2017", "UN", "3,000", "H1 2017"],
              ["Y-1", "The UN counted 2,600 deaths in 2016", "UN", "2,600", "2016"],
              ["S-1", "The UN counted 4,800 deaths in 2015 and 2016", "UN", "4,800", "2015-2016"]]
    by_year = [["Governorate", "2015", "2016", "2017"], ["Total", 2200, 2600, 5800]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "claims.xlsx", {"Claims": claims}),
                                  write_xlsx(tmp_path / "un.xlsx", {"UN": by_year}))
    checked = reviewer.check(book).set_index("key")
    assert checked.loc["H-1", "assessment"] == "no data"  # 5,800 for all of 2017 is not the first half's
    assert checked.loc["Y-1", "assessment"] == "match"
    assert checked.loc["S-1", "value"] == 4800 and checked.loc["S-1", "assessment"] == "match"


def test_a_claim_by_the_coalition_finds_the_coalition_column(tmp_path: Path) -> None:
    claims = [["Key", "Claim", "Attributed to", "Figure", "As of"],
              ["C-1", "The coalition acknowledged 603 civilian deaths", "the coalition", "603", "2017-07-07"],
              ["A-1", "Airwars estimates at least 4,354", "Airwars", "at least 4,354", "2017-07-07"]]
    wide = [["Date", "Coalition (acknowledged)", "Airwars (likely)"], ["2017-04-30", "352", "3,000"],
            ["2017-07-07", "603", "4,354"], ["2017-11-30", "801", "5,961"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "claims.xlsx", {"Claims": claims}),
                                  write_xlsx(tmp_path / "figures.xlsx", {"Figures": wide}))
    checked = reviewer.check(book)
    attributed = checked[checked["attributed"].astype(bool)].set_index("key")
    assert attributed.loc["C-1", "source"] == "CJTF-OIR" and attributed.loc["C-1", "assessment"] == "match"
    assert attributed.loc["A-1", "source"] == "Airwars" and attributed.loc["A-1", "assessment"] == "match"


def test_sources_side_by_side_with_their_total_beside_them(tmp_path: Path) -> None:
    rows = [["Date", "CJTF-OIR", "Airwars", "Total"], ["2017-04-30", "352", "3000", "3352"],
            ["2017-07-07", "603", "4354", "4957"], ["2017-11-30", "801", "5961", "6762"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "figures.xlsx", {"Figures": rows}))
    assert book.references.groupby("source")["value"].apply(list).to_dict() == {
        "Airwars": [3000, 4354, 5961], "CJTF-OIR": [352, 603, 801]}
    assert any("'Total' adds up the others" in w for w in book.warnings)


def test_sources_side_by_side_where_one_gives_a_range(tmp_path: Path) -> None:
    rows = [["Date", "Airwars min", "Airwars max", "CJTF-OIR"], ["2017-04-30", "3000", "4500", "352"],
            ["2017-07-07", "4354", "6000", "603"], ["2017-11-30", "5961", "9000", "801"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "figures.xlsx", {"Figures": rows}))
    refs = book.references
    airwars = refs[refs["source"] == "Airwars"]
    assert airwars["low"].tolist() == [3000, 4354, 5961] and airwars["high"].tolist() == [4500, 6000, 9000]
    assert refs[refs["source"] == "CJTF-OIR"]["value"].tolist() == [352, 603, 801]
    assert set(refs["kind"]) == {"cumulative"}


def test_a_claim_about_how_many_by_a_date_reads_a_running_total_as_of_that_date(tmp_path: Path) -> None:
    claims = [["Claim", "Attributed to", "Published"],
              ["Airwars says 4,354 had died by the end of July 2017", "Airwars", "2017-09-01"]]
    totals = [["Date", "Airwars"], ["2017-04-30", "3,000"], ["2017-07-07", "4,354"], ["2017-11-30", "5,961"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "claims.xlsx", {"Quotes": claims}),
                                  write_xlsx(tmp_path / "figures.xlsx", {"Figures": totals}))
    assert book.claims["as_of"].iloc[0] == pd.Timestamp("2017-07-31")
    row = reviewer.check(book).iloc[0]
    assert (row["method"], row["value"], row["assessment"]) == \
        ("as of; the source does not say what it counts (taken as deaths)", 4354, "match")


def test_a_row_of_group_names_over_the_column_names(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Monthly"
    for row in [["Civilian casualties by month"], [], ["Month", "Civilians killed", None, "Civilians injured", None],
                [None, "Min", "Max", "Min", "Max"], ["Jan 2017", 100, 150, 200, 250], ["Feb 2017", 120, 170, 210, 260]]:
        sheet.append(row)
    for merged in ("A3:A4", "B3:C3", "D3:E3"):
        sheet.merge_cells(merged)
    book.save(tmp_path / "airwars_monthly.xlsx")
    opened = reviewer.open_workbook(tmp_path / "airwars_monthly.xlsx")
    assert opened.sheets[0].mapping == {"date": "Month", "low": "Civilians killed Min",
                                        "high": "Civilians killed Max"}
    refs = opened.references
    assert refs["low"].tolist() == [100, 120] and refs["high"].tolist() == [150, 170] and refs["row"].tolist() == [5, 6]
    # "Month" merged down the two rows of names filled no data cell, so nothing is said of it.
    assert not any("merged down" in w for w in opened.warnings)


def test_places_over_killed_and_injured_are_one_sources_series(tmp_path: Path) -> None:
    rows = [["Date", "Iraq", "", "Syria", ""], ["", "Killed", "Injured", "Killed", "Injured"],
            ["2017-01-31", 10, 15, 20, 25], ["2017-02-28", 12, 17, 21, 26]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "unami_by_country.xlsx", {"Sheet1": rows}))
    refs = book.references
    assert refs.groupby("metric")["value"].apply(list).to_dict() == {
        "Iraq Killed": [10, 12], "Iraq Injured": [15, 17], "Syria Killed": [20, 21], "Syria Injured": [25, 26]}
    assert set(refs["source"]) == {"UN"}
    assert set(primary_series(refs)["metric"]) == {"Iraq Killed"}  # deaths, the first place listed


def test_a_title_of_two_cells_is_not_a_row_of_group_names(tmp_path: Path) -> None:
    rows = [["Civilian casualties", "Iraq"], ["Date", "Place", "Killed", "Injured"],
            ["2017-01-31", "Mosul", 10, 15], ["2017-02-28", "Raqqa", 12, 17]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "ibc.xlsx", {"Sheet1": rows}))
    assert book.sheets[0].header_row == 2 and book.sheets[0].mapping["date"] == "Date"
    assert primary_series(book.references)["value"].tolist() == [10, 12]
    assert set(book.references["metric"]) == {"Killed", "Injured"}  # not "Iraq Killed": no group over them


def test_hxl_hashtags_under_the_column_names_are_not_data_and_name_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "hdx_civilian_deaths.csv"
    path.write_text("Datum,Region,Zahl,Quelle\n#date,#adm1+name,#affected+killed,#meta+source\n"
                    "2017-03-17,Ninewa,105,Airwars\n2017-03-18,Ninewa,12,Airwars\n", encoding="utf-8")
    book = reviewer.open_workbook(path)
    sheet = book.sheets[0]
    assert sheet.header_row == 1 and sheet.mapping["figure"] == "Zahl"  # its name says nothing; its tag does
    assert book.references["value"].tolist() == [105, 12] and book.references["row"].tolist() == [3, 4]
    assert any("row 2: a row of HXL hashtags" in w for w in book.warnings)


def test_a_monitors_belligerents_column_does_not_make_the_coalition_the_source(tmp_path: Path) -> None:
    path = tmp_path / "airwars_export.csv"
    path.write_text("Code,Date,Belligerents,Location,Civilians reported killed (min),Civilians reported killed (max)\n"
                    "CS1234,\"March 17, 2017\",Coalition,Mosul,105,141\n"
                    "CS1235,\"March 18, 2017\",Coalition,Mosul,3,5\n",
                    encoding="utf-8")
    book = reviewer.open_workbook(path)
    assert set(book.references["source"]) == {"Airwars"}  # the file's name; the coalition did the harm
    assert book.references["low"].tolist() == [105, 3]


def test_a_report_table_with_counts_per_period_beside_a_running_total(tmp_path: Path) -> None:
    rows = [["Report date", "Reporting period", "Reports assessed", "Civilians killed (this report)",
             "Cumulative civilians killed"],
            ["2017-04-30", "Mar 2017", 80, 45, 352], ["2017-06-02", "Apr 2017", 42, 132, 484]]
    reports = write_xlsx(tmp_path / "cjtf_reports.xlsx", {"Monthly reports": rows})
    claims = write_xlsx(tmp_path / "claims.xlsx", {"Claims": [
        ["Key", "Claim", "Attributed to", "Figure", "Period"],
        ["B", "CJTF-OIR found 132 civilians killed in April 2017", "CJTF-OIR", "132", "April 2017"]]})
    book = reviewer.open_workbook(claims, reports)
    refs = book.references.set_index("metric")
    per_report = refs.loc["Civilians killed (this report)"]
    assert per_report["period_start"].tolist() == [pd.Timestamp("2017-03-01"), pd.Timestamp("2017-04-01")]
    assert set(per_report["kind"]) == {"incident"} and set(refs.loc["Cumulative civilians killed", "kind"]) == {
        "cumulative"}
    checked = reviewer.check(book)
    assert checked.iloc[0]["value"] == 132 and checked.iloc[0]["assessment"] == "match"


def test_a_claim_about_the_injured_is_compared_with_the_injured(tmp_path: Path) -> None:
    months = [dt.datetime(2017, m, 1) for m in (1, 2, 3)]
    sources = write_xlsx(tmp_path / "unami.xlsx", {"Sheet1": [["Category", *months], ["Injured", 500, 600, 700],
                                                              ["Killed", 382, 392, 367]]})
    deaths_only = write_xlsx(tmp_path / "ibc.xlsx", {"Sheet1": [["Date", "Deaths"], ["2017-01-15", 300]]})
    claims = write_xlsx(tmp_path / "claims.xlsx", {"Claims": [
        ["Key", "Claim", "Attributed to", "Figure", "Period"],
        ["K", "The UN said 382 civilians were killed in January 2017", "UNAMI", "382", "January 2017"],
        ["W", "The UN said 500 civilians were wounded in January 2017", "UNAMI", "500", "January 2017"],
        ["F", "The UN counted them in January 2017", "UNAMI", "500 injured", "January 2017"]]})
    checked = reviewer.check(reviewer.open_workbook(claims, sources, deaths_only)).set_index(["key", "source"])
    assert checked.loc[("K", "UN"), "value"] == 382 and checked.loc[("K", "UN"), "assessment"] == "match"
    assert checked.loc[("W", "UN"), "value"] == 500 and checked.loc[("W", "UN"), "assessment"] == "match"
    assert checked.loc[("F", "UN"), "value"] == 500  # the figure's own word says what it counts
    # A source that counts only deaths has nothing to say of the wounded.
    assert checked.loc[("W", "Iraq Body Count"), "assessment"] == "no data"
    assert checked.loc[("K", "Iraq Body Count"), "value"] == 300


def test_a_year_column_and_a_month_column_date_each_row_together(tmp_path: Path) -> None:
    path = tmp_path / "acled_monthly.csv"
    path.write_text("Country,Year,Month,Events,Fatalities\nIraq,2017,January,120,450\nIraq,2017,February,110,380\n"
                    "Iraq,2017,March,150,900\n", encoding="utf-8")
    numbers = tmp_path / "monthly.csv"
    numbers.write_text("year,month,day,deaths\n2017,3,17,105\n2017,3,18,12\n", encoding="utf-8")
    book = reviewer.open_workbook(path)
    assert book.sheets[0].mapping["period"] == "Year + Month"
    refs = book.references
    assert refs["period_start"].tolist() == [pd.Timestamp(f"2017-0{m}-01") for m in (1, 2, 3)]
    assert refs["period_end"].iloc[1] == pd.Timestamp("2017-02-28") and set(refs["kind"]) == {"incident"}
    days = reviewer.open_workbook(numbers).references
    assert days["date"].tolist() == [pd.Timestamp("2017-03-17"), pd.Timestamp("2017-03-18")]  # "3" is March


def test_a_month_column_of_whole_dates_beside_a_year_is_a_date_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "ibc.csv"
    path.write_text("Year,Month,Deaths\n2017,2017-01,100\n2017,2017-02,120\n", encoding="utf-8")
    book = reviewer.open_workbook(path)
    assert "period" not in book.sheets[0].mapping and book.sheets[0].mapping["date"] == "Month"  # the finer
    assert book.references["period_start"].tolist() == [pd.Timestamp("2017-01-01"), pd.Timestamp("2017-02-01")]


def test_sections_of_one_table_each_under_its_heading_are_series(tmp_path: Path) -> None:
    stacked = [["Iraq"], ["Month", "Likely deaths"], ["2017-01", 100], ["2017-02", 120], [], ["Syria"],
               ["Month", "Likely deaths"], ["2017-01", 50], ["2017-02", 70]]
    inline = [["Month", "Likely deaths"], ["Iraq"], ["2017-01", 100], ["2017-02", 120], ["Syria"], ["2017-01", 50],
              ["2017-02", 70]]
    for name, rows, data_rows in (("stacked", stacked, [3, 4, 8, 9]), ("inline", inline, [3, 4, 6, 7])):
        book = reviewer.open_workbook(write_xlsx(tmp_path / f"airwars_{name}.xlsx", {"Monthly": rows}))
        refs = book.references
        assert refs.groupby("metric")["value"].apply(list).to_dict() == {"Iraq": [100, 120], "Syria": [50, 70]}
        assert refs["row"].tolist() == data_rows
        assert not any("could not read" in w for w in book.warnings)
        assert any("head sections ('Iraq', 'Syria')" in w for w in book.warnings)


def test_one_stray_line_in_a_table_is_not_a_section(tmp_path: Path) -> None:
    rows = [["Civilian deaths by month"], ["Month", "Deaths"], ["2017-01", 100], ["Revised in May"],
            ["2017-02", 120]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "ibc.xlsx", {"Monthly": rows}))
    assert book.references["metric"].nunique() == 1  # the title above is no section's heading
    assert not any("head sections" in w for w in book.warnings)


def test_an_excel_pivot_table_with_sources_across(tmp_path: Path) -> None:
    rows = [["Sum of Deaths", "Column Labels"], ["Row Labels", "Airwars", "CJTF-OIR", "Grand Total"],
            ["2017-01", 100, 20, 120], ["2017-02", 150, 25, 175], ["Grand Total", 250, 45, 295]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "pivot.xlsx", {"Pivot": rows}))
    refs = book.references
    assert refs.groupby("source")["value"].apply(list).to_dict() == {"Airwars": [100, 150], "CJTF-OIR": [20, 25]}
    assert any("'Grand Total' adds up the others" in w for w in book.warnings)
    assert any("row 5: a total row was left out" in w for w in book.warnings)


def test_an_excel_pivot_table_with_places_down_and_their_subtotals(tmp_path: Path) -> None:
    rows = [["Row Labels", "Sum of Deaths"], ["Iraq", ""], ["2017-01", 100], ["2017-02", 150], ["Iraq Total", 250],
            ["Syria", ""], ["2017-01", 50], ["Syria Total", 50], ["Grand Total", 300]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "airwars_pivot.xlsx", {"Pivot": rows}))
    refs = book.references
    assert refs.groupby("metric")["value"].apply(list).to_dict() == {"Iraq": [100, 150], "Syria": [50]}
    assert 250 not in refs["value"].tolist() and 300 not in refs["value"].tolist()


def test_places_side_by_side_in_a_file_named_for_its_source_are_its_series(tmp_path: Path) -> None:
    rows = [["Date", "Ninewa", "Anbar", "Baghdad"], ["2017-01-31", 100, 20, 5], ["2017-02-28", 120, 25, 7]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "unami_by_governorate.xlsx", {"Sheet1": rows}))
    refs = book.references
    assert set(refs["source"]) == {"UN"} and set(refs["metric"]) == {"Ninewa", "Anbar", "Baghdad"}
    # Without a known source named anywhere, bare names side by side are sources.
    other = reviewer.open_workbook(write_xlsx(tmp_path / "monitors.xlsx", {"Sheet1": [
        ["Date", "SNHR", "VDC"], ["2017-01-31", 100, 90], ["2017-02-28", 120, 95]]})).references
    assert set(other["source"]) == {"SNHR", "VDC"}


def test_a_ucdp_export_whose_rows_leave_most_columns_empty(tmp_path: Path) -> None:
    header = ["id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dgid",
              "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
              "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
              "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
              "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
              "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
              "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
              "gwnoa", "gwnob"]
    rows = [header]
    for i, (day, best) in enumerate([("2017-03-17 00:00:00.000", 105), ("2017-04-02 00:00:00.000", 7)]):
        row = dict.fromkeys(header, "")
        row.update(id=str(i), year="2017", side_a="Government of Iraq", side_b="IS", country="Iraq", date_start=day,
                   date_end=day, deaths_a="0", deaths_b="5", deaths_civilians=str(best - 5), best=str(best),
                   high=str(best + 10), low=str(best - 2))
        rows.append(list(row.values()))
    path = tmp_path / "ged_iraq.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    book = reviewer.open_workbook(path)
    sheet = book.sheets[0]
    assert sheet.role == "reference" and sheet.header_row == 1
    refs = book.references
    assert set(refs["source"]) == {"UCDP"} and refs["value"].tolist() == [105, 7] and refs["high"].tolist() == [115, 17]
    assert refs["period_start"].tolist() == [pd.Timestamp("2017-03-17"), pd.Timestamp("2017-04-02")]


def test_running_totals_split_by_country_are_a_series_a_country(tmp_path: Path) -> None:
    rows = [["Date", "Country", "Cumulative civilian deaths"]]
    for day, iraq, syria in (("2017-01-31", 100, 50), ("2017-02-28", 150, 70), ("2017-03-31", 400, 90)):
        rows += [[day, "Iraq", iraq], [day, "Syria", syria]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "airwars_by_country.xlsx", {"Sheet1": rows}))
    refs = book.references
    assert refs.groupby("place")["value"].apply(list).to_dict() == {"Iraq": [100, 150, 400], "Syria": [50, 70, 90]}
    assert set(refs["kind"]) == {"cumulative"}
    claims = write_xlsx(tmp_path / "claims.xlsx", {"Claims": [
        ["Key", "Claim", "Figure", "As of"], ["SY", "Airwars: 70 civilians killed in Syria", "70", "2017-03-01"],
        ["ANY", "Airwars: 150 civilians killed", "150", "2017-03-01"]]})
    checked = reviewer.check(reviewer.open_workbook(claims, tmp_path / "airwars_by_country.xlsx")).set_index("key")
    assert (checked.loc["SY", "place"], checked.loc["SY", "value"]) == ("Syria", 70)  # not Iraq's 150
    # No place, two places and no total: nothing to compare with, and the method says why.
    assert checked.loc["ANY", "assessment"] == "no data" and "no total" in checked.loc["ANY", "method"]
    # Counts per event in several countries add up: they stay one series.
    events = write_xlsx(tmp_path / "acled_events.xlsx", {"Sheet1": [
        ["Date", "Country", "Fatalities"], ["2017-01-05", "Iraq", 5], ["2017-01-05", "Syria", 7],
        ["2017-01-09", "Iraq", 3], ["2017-01-12", "Syria", 2]]})
    assert set(reviewer.open_workbook(events).references["metric"]) == {""}


def test_a_sheet_of_claims_with_no_row_of_names(tmp_path: Path) -> None:
    rows = [["The coalition acknowledged at least 352 civilian deaths since 2014", "at least 352", "2017-04-30",
             "CJTF-OIR"],
            ["Airwars estimated that over 3,000 civilians had been killed", "over 3,000", "2017-04-30", "Airwars"]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "claims.xlsx", {"Sheet1": rows}))
    sheet = book.sheets[0]
    assert sheet.role == "claims" and sheet.header_row is None  # the first claim is no row of names
    assert book.claims["row"].tolist() == [1, 2] and book.claims["low"].tolist() == [352, 3000]
    assert book.claims["claimant"].tolist() == ["CJTF-OIR", "Airwars"]


def test_confirming_a_table_in_sections_keeps_its_sections_and_a_metric_column_replaces_them(tmp_path: Path) -> None:
    from reviewer.io.loader import SheetChoice

    rows = [["Month", "Likely deaths", "Kind of strike"], ["Iraq"], ["2017-01", 100, "air"], ["2017-02", 120, "air"],
            ["Syria"], ["2017-01", 50, "artillery"], ["2017-02", 70, "air"]]
    path = write_xlsx(tmp_path / "airwars.xlsx", {"Monthly": rows})
    book = reviewer.open_workbook(path)
    assert book.sheets[0].mapping["metric"] == "Section headings"
    confirmed = reviewer.open_workbook(path, choices={("airwars.xlsx", "Monthly"): SheetChoice(
        "reference", dict(book.sheets[0].mapping))})
    assert set(confirmed.references["metric"]) == {"Iraq", "Syria"}
    chosen = reviewer.open_workbook(path, choices={("airwars.xlsx", "Monthly"): SheetChoice(
        "reference", {"date": "Month", "figure": "Likely deaths", "metric": "Kind of strike"})})
    assert set(chosen.references["metric"]) == {"air", "artillery"}
