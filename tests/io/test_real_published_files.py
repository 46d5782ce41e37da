"""Publishers' files as they release them (../shared/data/real/), read into figures with a date or
period, a place and a measure. Every figure checked here was found by hand in the file; the comment
beside it gives the row (as Excel numbers it, the header being row 1 unless said) and the column."""

from __future__ import annotations

import pandas as pd

import reviewer
from tests.conftest import REAL_DATA as REAL


def _open(name: str) -> reviewer.Workbook:
    return reviewer.open_workbook(REAL / name)


def _one(refs: pd.DataFrame, **where: object) -> pd.Series:
    rows = refs
    for column, value in where.items():
        rows = rows[rows[column] == (pd.Timestamp(value) if column == "date" else value)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_a_long_file_gives_every_measure_column_for_each_country() -> None:
    book = _open("countries-aggregated.csv")  # Date, Country, Confirmed, Recovered, Deaths
    refs = book.references
    assert book.sheets[0].role == "reference" and book.sheets[0].mapping["place"] == "Country"
    assert refs["place"].nunique() == 191 and set(refs["measure"]) == {"cases", "recovered", "deaths"}
    assert set(refs["metric"]) == {"Confirmed", "Recovered", "Deaths"}  # the columns, as published
    assert len(refs) == 63_985 * 3  # every row's three figures
    india = refs[(refs["place"] == "India") & (refs["date"] == pd.Timestamp("2020-12-21"))]
    # Row 26801: 2020-12-21,India,10075116,9636487,146111
    assert india.set_index("metric")["value"].to_dict() == {"Confirmed": 10_075_116, "Recovered": 9_636_487,
                                                             "Deaths": 146_111}
    assert set(india["row"]) == {26801}
    deaths = refs[(refs["place"] == "France") & (refs["measure"] == "deaths")]
    assert set(deaths["kind"]) == {"cumulative"}  # each country's running total, not all countries' sum
    assert _one(deaths, date="2020-12-21")["value"] == 61_019  # row 21106, column Deaths
    # France's Confirmed falls once (64,452 on 2020-04-03, row 20844; 47,378 the next day) and rises on.
    cases = refs[(refs["place"] == "France") & (refs["measure"] == "cases")]
    assert set(cases["kind"]) == {"cumulative"} and _one(cases, date="2020-04-28")["value"] == 169_098  # row 20869


def test_world_totals_per_day_give_each_measure() -> None:
    refs = _open("worldwide-aggregate.csv").references  # Date, Confirmed, Recovered, Deaths, Increase rate
    assert set(refs["metric"]) == {"Confirmed", "Recovered", "Deaths", "Increase rate"}
    assert set(refs["measure"]) == {"cases", "recovered", "deaths", "rate"} and set(refs["place"]) == {"World"}
    assert set(refs.loc[refs["measure"] == "rate", "kind"]) == {"level"}  # a rate is never added up
    # Row 336: 2020-12-21,77364641,43637283,1702596,0.7044…
    assert _one(refs, measure="deaths", date="2020-12-21")["value"] == 1_702_596
    assert _one(refs, measure="cases", date="2020-12-21")["value"] == 77_364_641


def test_a_column_per_country_gives_every_country() -> None:
    book = _open("key-countries-pivoted.csv")  # Date, China, US, United_Kingdom, Italy, France, Germany, …
    refs = book.references
    assert set(refs["place"]) == {"China", "United States", "United Kingdom", "Italy", "France", "Germany", "Spain",
                                  "Iran"}  # "US" and "United_Kingdom" as the file writes them
    assert refs.groupby("place").size().eq(335).all()
    # Row 336: 2020-12-21,95150,18035209,2079678,1964054,2535716,1534218,1819249,1164535
    assert _one(refs, place="France", date="2020-12-21")["value"] == 2_535_716
    assert _one(refs, place="United States", date="2020-12-21")["value"] == 18_035_209
    assert refs["source"].nunique() == 1  # one publisher's countries, not eight sources


def test_columns_that_name_a_place_and_what_they_count() -> None:
    refs = _open("daily-killed-cumulative.csv").references
    places = refs.groupby("metric")["place"].first().to_dict()
    assert places["killed_in_lebanon"] == "Lebanon" and places["palestine_total"] == "Palestine"
    assert places["israel_adults"] == "Israel"
    assert refs.groupby("metric")["measure"].first()["killed_in_lebanon"] == "deaths"
    assert refs["metric"].nunique() == 9  # every column after the date
    # Row 363: 2024-09-29, palestine_total 41595, killed_in_lebanon blank
    assert _one(refs, metric="palestine_total", date="2024-09-29")["value"] == 41_595
    assert _one(refs, metric="israel_adults", date="2024-09-29")["value"] == 1_591
    assert refs[(refs["metric"] == "killed_in_lebanon") & (refs["date"] == pd.Timestamp("2024-09-29"))].empty


def test_gaza_daily_and_cumulative_columns_are_series_with_their_measure_and_kind() -> None:
    refs = _open("gaza-casualties-daily.csv").references
    kinds = refs.groupby("metric")["kind"].first().to_dict()
    assert len(kinds) == 14
    assert kinds["killed_cum"] == "cumulative" and kinds["injured_cum"] == "cumulative"
    assert kinds["killed"] == "incident" and kinds["ext_injured"] == "incident"
    measures = refs.groupby("metric")["measure"].first().to_dict()
    assert measures["killed_cum"] == "deaths" and measures["ext_injured_cum"] == "injured"
    # Row 87: 2023-12-31, killed 150, killed_cum 21822, injured_cum 56451
    assert _one(refs, metric="killed_cum", date="2023-12-31")["value"] == 21_822
    assert _one(refs, metric="killed", date="2023-12-31")["value"] == 150
    assert _one(refs, metric="injured_cum", date="2023-12-31")["value"] == 56_451


def test_jhu_places_down_with_a_column_per_day() -> None:
    book = _open("time_series_covid19_deaths_global.csv")
    sheet, refs = book.sheets[0], book.references
    assert sheet.role == "reference" and sheet.header_row == 1
    assert set(refs["source"]) == {"JHU CSSE"} and set(refs["measure"]) == {"deaths"}
    assert set(refs["kind"]) == {"cumulative"}
    assert len(refs) == 285 * 853  # 285 rows, 853 days from 1/22/20 to 5/23/22
    # Row 150: India (no province), column 12/21/20 holds 146111; the last column, 5/23/22, 524490.
    india = refs[refs["place"] == "India"]
    assert _one(india, date="2020-12-21")["value"] == 146_111 and _one(india, date="2022-05-23")["value"] == 524_490
    assert set(india["row"]) == {150}
    # Rows 42-57: Canada only as provinces, each its own series within Canada; row 42 Alberta, Lat 53.9333.
    canada = refs[refs["place"] == "Canada"]
    assert canada["metric"].nunique() == 16 and "Alberta" in set(canada["metric"])
    assert _one(canada[canada["metric"] == "Alberta"], date="2020-12-21")["value"] == 860
    assert 53.9333 not in set(refs["value"]) and 20.593684 not in set(refs["value"])  # coordinates, not figures
    assert _one(refs[refs["metric"] == "Korea, South"], date="2020-12-21")["place"] == "South Korea"  # row 164


def test_world_bank_table_under_title_rows() -> None:
    book = _open("API_SP.POP.TOTL_DS2_en_csv_v2.csv")
    sheet, refs = book.sheets[0], book.references
    assert sheet.header_row == 5 and set(refs["source"]) == {"World Bank"}
    assert set(refs["measure"]) == {"population"}  # the indicator ("Population, total"), not a place
    assert refs["place"].nunique() == 263 and "IRQ" not in set(refs["place"])  # codes are no places
    # Row 117: "Iraq","IRQ","Population, total", column 2016: 37202572; row 263 World, 2016: 7442135578.
    iraq_2016 = _one(refs, place="Iraq", period_start=pd.Timestamp("2016-01-01"))
    assert iraq_2016["value"] == 37_202_572 and iraq_2016["row"] == 117
    assert _one(refs, place="World", period_start=pd.Timestamp("2016-01-01"))["value"] == 7_442_135_578
    assert _one(refs, place="Germany", period_start=pd.Timestamp("2016-01-01"))["value"] == 82_667_685  # row 59


def test_a_single_column_of_soldiers_killed() -> None:
    refs = _open("israel-killed.csv").references  # date, killed_soldiers_gaza
    assert len(refs) == 193 and refs["value"].max() > 0
