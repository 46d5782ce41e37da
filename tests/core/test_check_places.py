"""The check picks each claim's place and measure, on rows taken from real published files.

The publishers' layouts are read elsewhere; here their rows are given to the domain as a reader would
give them (a place and a measure per row, as the file writes them), and every expected answer was found
by hand in the file, with its row and column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.canonical import canonical_workbook
from reviewer.core.check import check, claim_assessments
from reviewer.core.tables import CLAIM_COLUMNS, REFERENCE_COLUMNS
from reviewer.core.workbook import Workbook
from tests.conftest import REAL_DATA as REAL


def _claims(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for column in CLAIM_COLUMNS:
        if column not in frame:
            frame[column] = "" if column in {"text", "claimant", "figure_text", "place", "measure", "metric", "sheet",
                                             "url", "outlet", "file"} else np.nan
    for column in ("as_of", "period_start", "period_end", "date"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    frame["row"] = np.arange(2, len(frame) + 2)
    return frame[CLAIM_COLUMNS]



def _exact(figure: str) -> dict[str, object]:
    """A claim's figure written as one number ("27,359"): its value and both ends."""
    value = float(figure.replace(",", ""))
    return {"figure_text": figure, "value": value, "low": value, "high": value}

def _references(frame: pd.DataFrame, source: str, kind: str) -> pd.DataFrame:
    """Rows of date, place, measure and value, as a reader gives them."""
    frame = frame.copy()
    frame["source"], frame["kind"], frame["sheet"] = source, kind, source
    frame["row"] = frame.get("row", pd.Series(np.arange(2, len(frame) + 2), index=frame.index))
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["period_start"] = frame.get("period_start", frame["date"])
    frame["period_end"] = frame.get("period_end", frame["date"])
    frame["low"] = frame["high"] = frame["value"]
    frame["figure_text"] = frame["value"].map(lambda v: f"{v:,.0f}" if v == v else "")
    for column in REFERENCE_COLUMNS:
        if column not in frame:
            frame[column] = "" if column in {"metric", "url", "file", "place", "measure", "unit"} else None
    return frame[REFERENCE_COLUMNS]


def _book(claims: pd.DataFrame, *references: pd.DataFrame) -> Workbook:
    refs = pd.concat(references, ignore_index=True)
    claims, refs = canonical_workbook(claims, refs)
    return Workbook([], [], claims, refs)


def _jhu(province_as_metric: bool) -> pd.DataFrame:
    """JHU CSSE's global deaths (places down, a column per date), as rows: the place "Alberta, Canada", or
    the place "Canada" with the province as the series' name."""
    wide = pd.read_csv(REAL / "time_series_covid19_deaths_global.csv", dtype=str, keep_default_na=False)
    if province_as_metric:
        wide["place"], wide["metric"] = wide["Country/Region"], wide["Province/State"]
    else:
        wide["place"] = np.where(wide["Province/State"] != "",
                                 wide["Province/State"] + ", " + wide["Country/Region"], wide["Country/Region"])
        wide["metric"] = ""
    wide["row"] = np.arange(2, len(wide) + 2)
    dates = [c for c in wide.columns if c.count("/") == 2]
    long = wide.melt(id_vars=["place", "metric", "row"], value_vars=dates, var_name="date", value_name="value")
    long["date"] = pd.to_datetime(long["date"], format="%m/%d/%y")
    long["value"] = long["value"].astype(float)
    long["measure"] = "Deaths"
    return _references(long, "JHU CSSE", "cumulative")


@pytest.mark.parametrize("province_as_metric", [False, True])
def test_jhu_a_countrys_deaths_are_its_own_row_and_canadas_the_sum_of_its_provinces(province_as_metric: bool) -> None:
    claims = _claims([
        # time_series_covid19_deaths_global.csv, row 156 (",Italy"), column 4/28/20: 27359
        {"key": "IT", "text": "Italy's Covid death toll reached 27,359", "claimant": "Johns Hopkins University",
         **_exact("27,359"), "as_of": "2020-04-28"},
        # row 133 (",France"), column 4/28/20: 23600; the overseas rows (Martinique, row 125: 14) are not added
        {"key": "FR", "text": "France had lost 23,600 people to Covid", "claimant": "JHU",
         **_exact("23,600"), "as_of": "2020-04-28"},
        # rows 42-57 (Canada's provinces, no national row), column 4/28/20: 80+106+1+6+3+27+1950+2456+5 = 4634
        {"key": "CA", "text": "Canada recorded 4,634 Covid deaths", "claimant": "JHU CSSE",
         **_exact("4,634"), "as_of": "2020-04-28"},
        {"key": "NONE", "text": "Covid deaths reached 4,634", "claimant": "JHU",
         **_exact("4,634"), "as_of": "2020-04-28"},
    ])
    book = _book(claims, _jhu(province_as_metric))
    checked = check(book).set_index("key")
    assert (checked.loc["IT", "place"], checked.loc["IT", "value"]) == ("Italy", 27359)
    assert list(checked.loc["IT", "rows"]) == [156]
    assert (checked.loc["FR", "place"], checked.loc["FR", "value"]) == ("France", 23600)
    assert checked.loc["CA", "value"] == 4634 and checked.loc["CA", "assessment"] == "match"
    assert "sum of 16 sub-national rows" in checked.loc["CA", "method"]  # and the method says so
    # No place against 289 places and no world row: no data, never a sum nor the first place.
    assert checked.loc["NONE", "assessment"] == "no data" and "no total" in checked.loc["NONE", "method"]
    assert checked.loc["IT", "measure"] == "deaths" and bool(checked.loc["IT", "attributed"])
    # A province is a place of its own: rows 52 (Ontario) and 54 (Quebec), column 4/28/20.
    ontario = check(_book(_claims([{"key": "ON", "text": "Ontario counted 1,950 deaths", "figure_text": "1,950",
                                    "value": 1950, "low": 1950, "high": 1950, "as_of": "2020-04-28"}]),
                          _jhu(province_as_metric))).set_index("key").loc["ON"]
    assert (ontario["place"], ontario["value"], list(ontario["rows"])) == ("Ontario, Canada", 1950, [52])
    overall = claim_assessments(book, check(book))
    assert overall.to_dict() == {"IT": "match", "FR": "match", "CA": "match", "NONE": "no data"}


def _world_bank() -> pd.DataFrame:
    """The World Bank's "Population, total" (title rows, header on row 5, a column per year) as rows."""
    wide = pd.read_csv(REAL / "API_SP.POP.TOTL_DS2_en_csv_v2.csv", skiprows=4, dtype=str, keep_default_na=False,
                       encoding="utf-8-sig")
    wide["row"] = np.arange(6, len(wide) + 6)
    years = [c for c in wide.columns if c.isdigit()]
    long = wide.melt(id_vars=["Country Name", "Indicator Name", "row"], value_vars=years, var_name="year",
                     value_name="text")
    long = long[long["text"] != ""]
    long = long.assign(place=long["Country Name"], measure=long["Indicator Name"], value=long["text"].astype(float),
                       date=pd.to_datetime(long["year"] + "-01-01"),
                       period_end=pd.to_datetime(long["year"] + "-12-31").astype("datetime64[ns]"))
    return _references(long.drop(columns=["text"]), "World Bank", "cumulative")


def test_world_bank_a_population_is_a_level_of_its_country_and_year() -> None:
    refs = _world_bank()
    claims = _claims([
        # API_SP.POP.TOTL_DS2_en_csv_v2.csv, row "Iraq", column 2016: 37202572
        {"key": "IQ", "text": "Iraq's population was 37.2 million in 2016", "claimant": "World Bank",
         "figure_text": "37.2 million", "value": 37.2e6, "low": 37.2e6, "high": 37.2e6,
         "period_start": "2016-01-01", "period_end": "2016-12-31", "as_of": "2016-12-31"},
        # row "World", column 2016: 7442135578
        {"key": "W", "text": "The world's population passed 7.4 billion in 2016", "claimant": "WB",
         "figure_text": "passed 7.4 billion", "low": 7.4e9, "period_start": "2016-01-01",
         "period_end": "2016-12-31", "as_of": "2016-12-31"},
    ])
    book = _book(claims, refs)
    assert set(book.references["kind"]) == {"level"} and set(book.references["measure"]) == {"population"}
    checked = check(book).set_index("key")
    iraq = checked.loc["IQ"]
    assert (iraq["place"], iraq["value"], iraq["assessment"]) == ("Iraq", 37202572, "match")
    assert iraq["kind"] == "level" and iraq["events"] == 1  # one figure, never a sum of years or countries
    world = checked.loc["W"]
    assert (world["place"], world["value"], world["assessment"]) == ("World", 7442135578, "match")


def test_gaza_ministry_of_health_figures_by_measure() -> None:
    daily = pd.read_csv(REAL / "gaza-casualties-daily.csv", dtype=str, keep_default_na=False)
    daily["row"] = np.arange(2, len(daily) + 2)
    columns = ["killed_cum", "injured_cum", "ext_killed_children_cum"]
    long = daily.melt(id_vars=["report_date", "row"], value_vars=columns, var_name="measure", value_name="text")
    long = long[long["text"] != ""].rename(columns={"report_date": "date"})
    long["value"] = long["text"].astype(float)
    refs = _references(long.drop(columns=["text"]), "Gaza Ministry of Health", "cumulative")
    claims = _claims([
        # gaza-casualties-daily.csv, row 88 (2024-01-01), column killed_cum: 21978
        {"key": "K", "text": "Gaza's health ministry said 21,978 people had been killed", "claimant": "MoH",
         **_exact("21,978"), "as_of": "2024-01-01"},
        # row 88, column injured_cum: 56697
        {"key": "I", "text": "56,697 injured, the ministry said", "claimant": "Ministry of Health",
         **_exact("56,697"), "as_of": "2024-01-01"},
        # row 88, column ext_killed_children_cum: 9280
        {"key": "C", "text": "9,280 children have been killed", "claimant": "Gaza Ministry of Health",
         **_exact("9,280"), "as_of": "2024-01-01"},
        # the rise in November: row 56 (2023-11-30) killed_cum 14800 less row 26 (2023-10-31) 8525 = 6275
        {"key": "NOV", "text": "more than 5,000 were killed in November 2023", "claimant": "MoH",
         "figure_text": "more than 5,000", "low": 5000, "period_start": "2023-11-01", "period_end": "2023-11-30",
         "as_of": "2023-11-30"},
    ])
    checked = check(_book(claims, refs)).set_index("key")
    assert (checked.loc["K", "measure"], checked.loc["K", "value"]) == ("deaths", 21978)
    assert list(checked.loc["K", "rows"]) == [88]
    assert (checked.loc["I", "measure"], checked.loc["I", "value"]) == ("injured", 56697)
    assert (checked.loc["C", "measure"], checked.loc["C", "value"]) == ("deaths (children)", 9280)
    assert all(checked.loc[k, "assessment"] == "match" for k in ("K", "I", "C"))
    november = checked.loc["NOV"]
    # "more than 5,000" states 5,000: lower than November's rise, not compared with the whole running total.
    assert (november["method"], november["value"], november["assessment"]) == ("change over period", 6275,
                                                                               "claim lower")
    assert (november["rows"][0], november["rows"][-1]) == (26, 56)


def _rates() -> pd.DataFrame:
    rows = [{"date": f"{year}-01-01", "period_end": f"{year}-12-31", "place": place, "measure": "Unemployment rate",
             "value": value} for place, values in (("ES", (24.4, 22.1)), ("EL", (26.5, 24.9)))
            for year, value in zip((2014, 2015), values, strict=True)]
    frame = pd.DataFrame(rows)
    frame["period_end"] = pd.to_datetime(frame["period_end"]).astype("datetime64[ns]")
    return _references(frame, "Eurostat", "incident")


def test_a_rate_is_a_level_of_its_place_never_added_up() -> None:
    claims = _claims([
        {"key": "ES", "text": "Spain's unemployment rate was 22.1% in 2015", "figure_text": "22.1%", "value": 22.1,
         "low": 22.1, "high": 22.1, "period_start": "2015-01-01", "period_end": "2015-12-31", "as_of": "2015-12-31"},
        {"key": "GR", "text": "Unemployment in Greece: 24.9 per cent", "figure_text": "24.9 per cent", "value": 24.9,
         "low": 24.9, "high": 24.9, "period_start": "2014-01-01", "period_end": "2015-12-31", "as_of": "2015-12-31"},
        {"key": "COUNT", "text": "Greece: 24.9 deaths", "figure_text": "24.9", "value": 24.9, "low": 24.9,
         "high": 24.9, "as_of": "2015-12-31"},
    ])
    checked = check(_book(claims, _rates())).set_index("key")
    spain = checked.loc["ES"]
    assert (spain["place"], spain["value"], spain["kind"]) == ("Spain", 22.1, "level")
    # Two years of Greece's rate are never added up (26.5 + 24.9): the latest in the period is the figure.
    assert (checked.loc["GR", "place"], checked.loc["GR", "value"]) == ("Greece", 24.9)
    assert checked.loc["GR", "assessment"] == "match"
    # A count of deaths is not compared with a rate.
    assert checked.loc["COUNT", "assessment"] == "no data" and "only percents" in checked.loc["COUNT", "method"]


def test_a_percent_is_compared_only_with_a_percent_or_a_rate() -> None:
    deaths = _references(pd.DataFrame({"date": ["2020-04-28"], "place": ["Italy"], "measure": ["Deaths"],
                                       "value": [27359.0]}), "JHU CSSE", "cumulative")
    claims = _claims([{"key": "P", "text": "Italy's deaths rose 14.57%", "figure_text": "14.57%", "value": 14.57,
                       "low": 14.57, "high": 14.57, "as_of": "2020-04-28"}])
    checked = check(_book(claims, deaths)).set_index("key")
    assert checked.loc["P", "assessment"] == "no data" and "percent" in checked.loc["P", "method"]


def test_a_claim_with_no_place_takes_the_sources_own_total() -> None:
    rows = pd.DataFrame({"date": ["2017-03-31"] * 3, "place": ["Ninewa", "Anbar", "All"], "value": [300.0, 50, 400]})
    claims = _claims([{"key": "ALL", "text": "400 civilians were killed", "figure_text": "400", "value": 400,
                       "low": 400, "high": 400, "as_of": "2017-03-31"},
                      {"key": "NIN", "text": "300 civilians were killed in Ninewa", "figure_text": "300",
                       "value": 300, "low": 300, "high": 300, "as_of": "2017-03-31"}])
    checked = check(_book(claims, _references(rows, "UNAMI", "cumulative"))).set_index("key")
    assert (checked.loc["ALL", "place"], checked.loc["ALL", "value"]) == ("Total", 400)
    # A place only the file names is found in the claim's words.
    assert (checked.loc["NIN", "place"], checked.loc["NIN", "value"]) == ("Ninewa", 300)


_COUNTRIES = ["Germany", "France", "Italy", "Spain", "Iraq", "Syria", "United Kingdom", "United States", "India",
              "Iran", "South Korea", "DR Congo"]
_SPELLINGS = {"Germany": ["DE", "DEU", "Germany"], "France": ["FR", "FRA", "France"],
              "Italy": ["IT", "ITA", "Italy"], "Spain": ["ES", "ESP", "Spain"], "Iraq": ["IQ", "IRQ", "Iraq"],
              "Syria": ["Syrian Arab Republic", "SYR", "Syria"], "United Kingdom": ["UK", "United_Kingdom", "GBR"],
              "United States": ["US", "USA", "United States of America"], "India": ["IN", "IND", "India"],
              "Iran": ["Iran, Islamic Rep.", "IRN", "Iran (Islamic Republic of)"],
              "South Korea": ["Korea, South", "Korea, Rep.", "KOR"], "DR Congo": ["Congo, Dem. Rep.", "COD"]}


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_any_spelling_of_a_place_finds_its_series(data: st.DataObject) -> None:
    country = data.draw(st.sampled_from(_COUNTRIES))
    file_spelling = data.draw(st.sampled_from(_SPELLINGS[country]))
    claim_spelling = data.draw(st.sampled_from(_SPELLINGS[country]))
    values = {c: float(100 + i) for i, c in enumerate(_COUNTRIES)}
    rows = pd.DataFrame({"date": ["2020-04-28"] * len(_COUNTRIES),
                         "place": [file_spelling if c == country else c for c in _COUNTRIES],
                         "value": [values[c] for c in _COUNTRIES]})
    claims = _claims([{"key": "K", "text": "x", "place": claim_spelling, "figure_text": "1", "value": 1, "low": 1,
                       "high": 1, "as_of": "2020-04-28"}])
    checked = check(_book(claims, _references(rows, "S", "cumulative"))).set_index("key")
    assert (checked.loc["K", "place"], checked.loc["K", "value"]) == (country, values[country])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=1, max_value=1e9, allow_nan=False), min_size=2, max_size=12),
       st.integers(min_value=0, max_value=11))
def test_a_level_is_never_summed(values: list[float], cut: int) -> None:
    """Whatever the period a claim names, a population's figure is one of the figures published."""
    years = [2000 + i for i in range(len(values))]
    rows = pd.DataFrame({"date": [f"{y}-01-01" for y in years], "place": "Iraq", "measure": "Population, total",
                         "value": values})
    first = years[min(cut, len(years) - 1)]
    claims = _claims([{"key": "K", "text": "Iraq's population", **_exact("1"),
                       "period_start": f"{years[0]}-01-01", "period_end": f"{first}-12-31",
                       "as_of": f"{first}-12-31"}])
    checked = check(_book(claims, _references(rows, "World Bank", "incident"))).set_index("key")
    assert checked.loc["K", "value"] == values[years.index(first)]
    assert checked.loc["K", "events"] == 1 and checked.loc["K", "kind"] == "level"


def test_frances_cases_revised_down_once_stay_a_running_total() -> None:
    from reviewer.core.kinds import detect_kind

    # countries-aggregated.csv, France's Confirmed column: 64,452 on 2020-04-03 (row 20844) and 47,378 the next
    # day (row 20845), then rising on to 2,535,716 (row 21106): a revision, not daily counts.
    frame = pd.read_csv(REAL / "countries-aggregated.csv")
    france = frame[frame["Country"] == "France"]
    kind = detect_kind(pd.to_datetime(france["Date"]).to_numpy("datetime64[ns]"),
                       france["Confirmed"].to_numpy(dtype=float), "Confirmed")
    assert kind == "cumulative"
    rows = france.assign(date=france["Date"], place="France", measure="Confirmed", value=france["Confirmed"])
    claims = _claims([{"key": "FR", "text": "France had 169,098 confirmed cases", "figure_text": "169,098",
                       "value": 169098, "low": 169098, "high": 169098, "as_of": "2020-04-28"}])
    checked = check(_book(claims, _references(rows[["date", "place", "measure", "value"]], "Countries Aggregated",
                                              kind))).set_index("key")
    assert (checked.loc["FR", "value"], checked.loc["FR", "measure"]) == (169098, "cases")  # row 20869


def test_a_national_total_row_answers_a_claim_with_no_place_and_regions_answer_their_own() -> None:
    rows = pd.DataFrame({"date": ["2021-03-31"] * 4, "place": ["England", "Wales", "North East", "United Kingdom"],
                         "value": [110.0, 7, 6, 126]})
    claims = _claims([{"key": "UK", "text": "126,000 deaths", "figure_text": "126", "value": 126, "low": 126,
                       "high": 126, "as_of": "2021-03-31"},
                      {"key": "NE", "text": "The North East counted 6,000 deaths", "figure_text": "6", "value": 6,
                       "low": 6, "high": 6, "as_of": "2021-03-31"}])
    checked = check(_book(claims, _references(rows, "ONS", "cumulative"))).set_index("key")
    assert (checked.loc["UK", "place"], checked.loc["UK", "value"]) == ("United Kingdom", 126)
    assert (checked.loc["NE", "place"], checked.loc["NE", "value"]) == ("North East", 6)


def test_360info_columns_name_their_place_and_the_file_what_they_count() -> None:
    wide = pd.read_csv(REAL / "daily-killed-cumulative.csv", dtype=str, keep_default_na=False)
    wide["row"] = np.arange(2, len(wide) + 2)
    columns = [c for c in wide.columns if c not in {"date", "row"}]
    long = wide.melt(id_vars=["date", "row"], value_vars=columns, var_name="measure", value_name="text")
    long = long[long["text"] != ""].assign(file="daily-killed-cumulative.csv")
    long["value"] = long["text"].astype(float)
    refs = _references(long.drop(columns=["text"]), "360info", "cumulative")
    claims = _claims([
        # daily-killed-cumulative.csv, row 100 (2024-01-11): palestine_total 23469, killed_in_lebanon 205,
        # israel_adults 1429.
        {"key": "PS", "text": "23,469 Palestinians have been killed", "figure_text": "23,469", "value": 23469,
         "low": 23469, "high": 23469, "as_of": "2024-01-11"},
        {"key": "LB", "text": "205 people have been killed in Lebanon", "figure_text": "205", "value": 205,
         "low": 205, "high": 205, "as_of": "2024-01-11"},
        {"key": "IL", "text": "In Israel, 1,429 adults were killed", "figure_text": "1,429", "value": 1429,
         "low": 1429, "high": 1429, "as_of": "2024-01-11"},
    ])
    book = _book(claims, refs)
    assert {"Lebanon", "Palestine", "Israel"} <= set(book.references["place"])
    checked = check(book).set_index("key")
    assert (checked.loc["PS", "place"], checked.loc["PS", "measure"], checked.loc["PS", "value"]) == (
        "Palestine", "deaths", 23469)  # the total, not the children's, adults' or unknown's column
    assert (checked.loc["LB", "place"], checked.loc["LB", "value"]) == ("Lebanon", 205)
    assert (checked.loc["IL", "place"], checked.loc["IL", "measure"], checked.loc["IL", "value"]) == (
        "Israel", "deaths (adults)", 1429)
    assert set(checked["assessment"]) == {"match"}


def test_no_figure_for_the_date_says_when_the_figures_run() -> None:
    rows = pd.DataFrame({"date": ["2023-10-07", "2024-01-01"], "place": "Gaza", "measure": "killed_cum",
                         "value": [232.0, 21978]})
    claims = _claims([{"key": "EARLY", "text": "200 were killed in Gaza", "figure_text": "200", "value": 200,
                       "low": 200, "high": 200, "as_of": "2023-01-01"}])
    early = check(_book(claims, _references(rows, "Gaza Ministry of Health", "cumulative"))).iloc[0]
    assert early["assessment"] == "no data" and "run from 2023-10-07 to 2024-01-01" in early["method"]


def test_a_percent_in_the_words_of_a_count_claim_does_not_make_it_a_rate() -> None:
    from reviewer.core.canonical import canonical_claims

    claims = pd.DataFrame({"key": ["A", "B"], "text": ["Deaths in Italy rose 20% to 34,000",
                                                       "Italy's death rate was 14.5%"],
                           "figure_text": ["34,000", "14.5%"], "place": ["Italy", "Italy"], "measure": ["", ""],
                           "metric": ["", ""]})
    assert canonical_claims(claims, pd.DataFrame())["measure"].tolist() == ["deaths", "rate"]


def test_a_word_a_file_lists_as_a_row_is_not_a_place_in_a_sentence() -> None:
    from reviewer.core.places import PlacesInText

    finder = PlacesInText(["Unknown, China", "Ontario, Canada", "Iraq"])
    assert finder.place_in("Iraq: 5 killed by unknown attackers") == "Iraq"
    assert finder.place_in("In Ontario, deaths passed 2,000") == "Ontario, Canada"


@pytest.mark.parametrize("words", [
    "Unemployment hit 6.3%", "CPI rose", "a Death Rate of 2 per 100,000", "deaths per million", "GDP fell",
    "Wages rose", "Population, total", "the share of cases", "5 KILLED", "the toll rose", "60 Wounded",
    "IDPs in camps", "Refugees fled", "12 missing", "Detained: 40", "recovered 300", "vaccinated 2m",
    "1,000 doses", "Tested 5,000", "hospitalised 70", "ICU admissions", "Confirmed cases 12", "Salaries",
    "said 3,000 people were killed by then", "no measure here at all", "per capita income", "price of bread",
])
def test_a_column_of_claims_reads_each_measure_as_one_claim_alone_does(words: str) -> None:
    from reviewer.core.measures import measure_names, read_measure

    column = pd.Series([words, words.upper(), f"In March, {words.lower()} (reported)"])
    assert measure_names(column).tolist() == [read_measure(t).name for t in column]


def test_a_territory_a_file_lists_under_its_country_answers_for_it_and_a_state_of_the_same_name_does_not() -> None:
    from reviewer.core.series import target

    jhu = {"deaths": {"Greenland, Denmark", "Denmark", "Hong Kong, China", "Hubei, China"}}
    states = {"deaths": {"Georgia, United States", "Alabama, United States"}}
    assert target({"deaths": ""}, jhu, "deaths", "Greenland", "").place == "Greenland, Denmark"
    assert target({"deaths": ""}, jhu, "deaths", "Hong Kong", "").place == "Hong Kong, China"
    georgia = target({"deaths": ""}, states, "deaths", "Georgia", "")  # the country, not the US state
    assert georgia.place is None and "Georgia" in georgia.reason


def test_a_count_per_day_summed_over_a_countrys_parts_cites_each_parts_row_once() -> None:
    # Deaths per day, provinces down and a day per column (as JHU's daily counts are laid out): Canada's
    # deaths over three days are the sum of two provinces' rows, each row cited once.
    wide = pd.DataFrame({"place": ["Alberta, Canada", "Ontario, Canada"], "row": [5, 6]})
    days = ["2020-04-01", "2020-04-02", "2020-04-03"]
    for day, counts in zip(days, ([1, 10], [2, 20], [3, 30]), strict=True):
        wide[day] = counts
    long = wide.melt(id_vars=["place", "row"], value_vars=days, var_name="date", value_name="value")
    long["value"] = long["value"].astype(float)
    long["measure"] = "Deaths"
    claims = _claims([{"key": "CA", "text": "Canada recorded 66 Covid deaths in three days", **_exact("66"),
                       "as_of": "2020-04-03", "period_start": "2020-04-01", "period_end": "2020-04-03"}])
    checked = check(_book(claims, _references(long, "Health agency", "incident"))).set_index("key")
    assert checked.loc["CA", "value"] == 66 and list(checked.loc["CA", "rows"]) == [5, 6]
