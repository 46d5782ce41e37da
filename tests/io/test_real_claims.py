"""Claims checked end to end against real published files, with answers found by hand in the files.

Each expected figure names the file, the row (as a text editor numbers it, the header being row 1) and
the column it comes from.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pandas as pd
import pytest

import reviewer
from reviewer.cli import main
from tests.conftest import REAL_DATA as REAL

CLAIMS = """Key,Claim,Attributed to,Figure,As of
IN,"India's Covid toll passed 100,000",Johns Hopkins University,"passed 100,000",2020-10-03
FR,France's Covid deaths reached 23634,,"23,634",2020-04-28
IT,Italy recorded 27359 deaths,,"27,359",2020-04-28
UK,Covid deaths in the United Kingdom,,"58,545",2020-11-30
US,US deaths from Covid,,"268,165",2020-11-30
W,Worldwide deaths from Covid,,"224,001",2020-04-28
NP,Deaths from Covid,,"224,001",2020-04-28
DE,Germany had 30000 Covid deaths,,"30,000",2020-12-21
"""


@pytest.fixture
def checked(tmp_path: Path) -> dict[str, dict[str, dict[str, object]]]:
    claims = _claims_csv(tmp_path, CLAIMS)
    book = reviewer.open_workbook(claims, REAL / "countries-aggregated.csv", REAL / "worldwide-aggregate.csv")
    result = reviewer.check(book)
    answers: dict[str, dict[str, dict[str, object]]] = {}
    for row in result.to_dict("records"):
        answers.setdefault(str(row["key"]), {})[str(row["source"])] = row
    return answers


def test_each_country_is_checked_against_its_own_rows(checked: dict[str, dict[str, dict[str, object]]]) -> None:
    by_country = {key: checked[key]["Countries Aggregated"] for key in ("IN", "FR", "IT", "UK", "US", "DE")}
    # countries-aggregated.csv, column Deaths: India row 26722 (2020-10-03) 101782; France row 20869
    # (2020-04-28) 23634; Italy row 28574 (2020-04-28) 27359; United Kingdom row 60950 (2020-11-30) 58545;
    # US row 59610 (2020-11-30) 268165; Germany row 22446 (2020-12-21) 27110.
    expected = {"IN": ("India", 101782, 26722), "FR": ("France", 23634, 20869), "IT": ("Italy", 27359, 28574),
                "UK": ("United Kingdom", 58545, 60950), "US": ("United States", 268165, 59610),
                "DE": ("Germany", 27110, 22446)}
    for key, (place, value, row) in expected.items():
        answer = by_country[key]
        assert (answer["place"], answer["value"], list(answer["rows"])) == (place, value, [row]), key  # type: ignore
        assert answer["measure"] == "deaths"
    assert by_country["IN"]["assessment"] == "match"  # passed 100,000: 101,782
    assert by_country["DE"]["assessment"] == "claim higher"  # 30,000 against 27,110
    # A country's claim is not compared with the world's figures.
    assert checked["IN"]["Worldwide Aggregate"]["assessment"] == "no data"


def test_the_world_and_a_claim_with_no_place(checked: dict[str, dict[str, dict[str, object]]]) -> None:
    # worldwide-aggregate.csv, row 99 (2020-04-28), column Deaths: 224001.
    for key in ("W", "NP"):
        world = checked[key]["Worldwide Aggregate"]
        assert (world["place"], world["value"], world["assessment"]) == ("World", 224001, "match")
        assert list(world["rows"]) == [99]  # type: ignore[call-overload]
    # countries-aggregated.csv has 191 countries and no world row: no data, never their sum.
    by_country = checked["NP"]["Countries Aggregated"]
    assert by_country["assessment"] == "no data" and "no total" in str(by_country["method"])
    assert isinstance(by_country["value"], float) and math.isnan(by_country["value"])


def test_check_json_is_strict_and_names_place_and_measure(tmp_path: Path) -> None:
    import io

    claims = _claims_csv(tmp_path, CLAIMS)
    out = io.StringIO()
    assert main(["check", str(claims), str(REAL / "countries-aggregated.csv"), str(REAL / "worldwide-aggregate.csv"),
                 "--json"], out=out) == 0
    text = out.getvalue()
    payload = json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
    india = next(c for c in payload["claims"] if c["key"] == "IN")
    assert india["place"] == "India" and india["measure"] == "deaths" and india["assessment"] == "match"
    sources = {s["source"]: s for s in india["sources"]}
    assert (sources["Countries Aggregated"]["place"], sources["Countries Aggregated"]["measure"]) == ("India",
                                                                                                      "deaths")
    assert sources["Worldwide Aggregate"]["value"] is None and sources["Worldwide Aggregate"]["method"]


PUBLISHERS_CLAIMS = """Key,Claim,Attributed to,Figure,As of
IT,Italy's Covid death toll reached 27359,Johns Hopkins University,"27,359",2020-04-28
FR,France had lost 23600 people to Covid,JHU,"23,600",2020-04-28
CA,Canada recorded 4634 Covid deaths,JHU CSSE,"4,634",2020-04-28
ON,Ontario counted 1950 deaths,JHU,"1,950",2020-04-28
AU,Australia had recorded 89 Covid deaths,JHU,89,2020-04-28
WA,Western Australia counted 8 deaths,JHU,8,2020-04-28
IQ,Iraq's population was 37.2 million in 2016,World Bank,37.2 million,2016-12-31
GK,Gaza's health ministry said 21978 people had been killed,MoH,"21,978",2024-01-01
GC,9280 children have been killed,Gaza Ministry of Health,"9,280",2024-01-01
LB,205 people have been killed in Lebanon,360info,205,2024-01-11
"""


def test_claims_against_publishers_files_as_published(tmp_path: Path) -> None:
    claims = _claims_csv(tmp_path, PUBLISHERS_CLAIMS)
    book = reviewer.open_workbook(claims, REAL / "time_series_covid19_deaths_global.csv",
                                  REAL / "API_SP.POP.TOTL_DS2_en_csv_v2.csv", REAL / "gaza-casualties-daily.csv",
                                  REAL / "daily-killed-cumulative.csv")
    checked = reviewer.check(book)
    attributed = checked[checked["attributed"]].set_index("key")
    # time_series_covid19_deaths_global.csv, column 4/28/20: Italy row 156 27359; France's own row 133 23600
    # (not its overseas rows); Canada rows 42-57 add up to 4634 (no national row); Ontario row 52 1950;
    # Australia rows 11-18 add up to 89, "South Australia", "Western Australia" and "Australian Capital
    # Territory" (3, 4 and 8) among them; Western Australia row 18 8.
    # API_SP.POP.TOTL_DS2_en_csv_v2.csv, row Iraq, column 2016: 37202572.
    # gaza-casualties-daily.csv row 88 (2024-01-01): killed_cum 21978, ext_killed_children_cum 9280.
    expected = {"IT": ("JHU CSSE", "Italy", 27359), "FR": ("JHU CSSE", "France", 23600),
                "CA": ("JHU CSSE", "Canada", 4634), "ON": ("JHU CSSE", "Ontario, Canada", 1950),
                "AU": ("JHU CSSE", "Australia", 89), "WA": ("JHU CSSE", "Western Australia, Australia", 8),
                "IQ": ("World Bank", "Iraq", 37202572), "GK": ("Gaza Ministry of Health", "Gaza", 21978),
                "GC": ("Gaza Ministry of Health", "Gaza", 9280)}
    for key, (source, place, value) in expected.items():
        row = attributed.loc[key]
        assert (row["source"], row["place"], row["value"], row["assessment"]) == (source, place, value, "match"), key
    assert "sub-national" in attributed.loc["CA", "method"]
    assert list(attributed.loc["CA", "rows"]) == list(range(42, 58))  # the sum is cited by every row it adds
    assert list(attributed.loc["AU", "rows"]) == list(range(11, 19)) and list(attributed.loc["WA", "rows"]) == [18]
    assert attributed.loc["IQ", "age_days"] == 0  # the 2016 population, for a claim about 2016: not a year old
    assert attributed.loc["GC", "measure"] == "deaths (children)"
    # daily-killed-cumulative.csv, row 100 (2024-01-11), column killed_in_lebanon: 205. 360info is no source
    # here, so the claim's assessment is what the sources with a figure for Lebanon say.
    lebanon = checked[(checked["key"] == "LB") & (checked["place"] == "Lebanon") &
                      (checked["value"] == 205)]
    assert len(lebanon) == 1 and lebanon.iloc[0]["assessment"] == "match"


def test_a_claim_of_2023_is_judged_by_the_source_of_its_time_not_a_covid_file_years_older(tmp_path: Path) -> None:
    claims = _claims_csv(tmp_path, "Key,Claim,Figure,As of,Country\n"
                                   'LB,"170 people killed in Lebanon by 31 December 2023",170,2023-12-31,Lebanon\n')
    out = io.StringIO()
    assert main(["check", str(claims), str(REAL / "daily-killed-cumulative.csv"),
                 str(REAL / "countries-aggregated.csv"), "--json"], out=out) == 0
    [claim] = json.loads(out.getvalue())["claims"]
    # daily-killed-cumulative.csv, row 88: 2023-12-31, killed_in_lebanon 170; countries-aggregated.csv ends in
    # December 2020 with Lebanon's Covid deaths (1,294), three years before the claim.
    assert claim["assessment"] == "match"
    by_source = {s["source"]: s for s in claim["sources"]}
    assert [s["value"] for s in by_source.values() if s["assessment"] == "match"] == [170]


def test_the_summary_draws_one_line_a_source_of_deaths_never_a_mix_of_countries(tmp_path: Path) -> None:
    import openpyxl

    claims = _claims_csv(tmp_path,
                         "Key,Claim,Figure,As of\nW,\"1.7 million deaths worldwide\",1.7 million,2020-12-21\n")
    target = tmp_path / "reviewed.xlsx"
    assert main(["export", str(claims), str(REAL / "countries-aggregated.csv"),
                 str(REAL / "worldwide-aggregate.csv"), "--out", str(target)], out=io.StringIO()) == 0
    rows = list(openpyxl.load_workbook(target)["Summary"].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] == "Date")
    assert [c for c in rows[header][1:] if c] == ["Worldwide Aggregate"]  # countries-aggregated has no one line
    by_day = {row[0].date().isoformat(): row[1] for row in rows[header + 1:] if row[0] is not None}
    assert by_day["2020-12-21"] == 1_702_596  # worldwide-aggregate.csv, row 336, Deaths


def test_a_place_no_file_names_gets_no_figure_never_the_worlds(tmp_path: Path) -> None:
    claims = _claims_csv(tmp_path, "Key,Claim,Figure,As of\n"
                                   "LO,Population of Lombardy,10 million,2016\n"
                                   "UK,UK Covid deaths,\"67,500\",2020-12-20\n"
                                   "EA,Population of the Euro area,341 million,2016\n")
    book = reviewer.open_workbook(claims, REAL / "API_SP.POP.TOTL_DS2_en_csv_v2.csv", REAL / "countries-aggregated.csv")
    checked = reviewer.check(book).set_index(["key", "source"])
    # Lombardy is in neither file: no figure, not the World row's 7,442,135,578 (World Bank row 263, 2016).
    lombardy = checked.loc["LO"]
    assert lombardy["value"].isna().all() and set(lombardy["assessment"]) == {"no data"}
    assert "Lombardy" in lombardy.loc["World Bank", "method"]
    # countries-aggregated.csv row 60970: 2020-12-20, United Kingdom, Deaths 67,503.
    assert checked.loc[("UK", "Countries Aggregated"), "value"] == 67_503
    # World Bank row 72, "Euro area", 2016: 340,894,606.
    assert checked.loc[("EA", "World Bank"), "value"] == 340_894_606


def test_the_group_a_claim_counts_is_read_from_its_words_when_its_figure_stands_apart(tmp_path: Path) -> None:
    claims = _claims_csv(tmp_path, "Key,Claim,Figure,As of\n"
                                   "W,Women killed in Gaza,\"11,429\",2024-09-29\n"
                                   "J,Journalists killed in Gaza,173,2024-09-29\n"
                                   "A,\"41,595 killed in Gaza, among them 173 journalists\",\"41,595\",2024-09-29\n"
                                   "T,\"Gaza death toll, including women and children\",\"41,595\",2024-09-29\n")
    checked = reviewer.check(reviewer.open_workbook(claims, REAL / "gaza-casualties-daily.csv")).set_index("key")
    # gaza-casualties-daily.csv row 360 (2024-09-29): ext_killed_women_cum 11,429, ext_press_killed_cum 173,
    # killed_cum 41,595 (not the women's or the journalists' figure: the group is said of another number).
    assert checked.loc["W", ["measure", "value"]].tolist() == ["deaths (women)", 11_429]
    assert checked.loc["J", ["measure", "value"]].tolist() == ["deaths (journalists)", 173]
    assert checked.loc["A", ["measure", "value"]].tolist() == ["deaths", 41_595]
    assert checked.loc["T", ["measure", "value"]].tolist() == ["deaths", 41_595]  # the groups are among them


def test_a_source_that_does_not_say_what_it_counts_is_said_to_be_taken_as_the_claims_measure(tmp_path: Path) -> None:
    claims = _claims_csv(tmp_path, "Key,Claim,Figure,As of\nD,Italy had recorded 27359 Covid deaths,27359,2020-04-28\n")
    [row] = reviewer.check(reviewer.open_workbook(claims, REAL / "key-countries-pivoted.csv")).itertuples()
    # key-countries-pivoted.csv row 99 (2020-04-28), column Italy: 201,505, confirmed cases; nothing in the
    # file says so, and the editor is told that the figure was taken as deaths.
    assert row.value == 201_505
    assert "does not say what it counts (taken as deaths)" in row.method


def test_a_place_a_file_names_as_part_of_a_country_answers_a_claim_that_names_it_alone(tmp_path: Path) -> None:
    claims = _claims_csv(tmp_path, "Key,Claim,Figure,As of,Country,Period\n"
                                   "GL,Covid deaths,1,2022-01-01,Greenland,\n"
                                   "HK,Covid deaths,213,2021-12-31,Hong Kong,\n"
                                   "BR,Covid deaths,\"66,959\",,Brazil,March 2021\n")
    checked = reviewer.check(reviewer.open_workbook(claims, REAL / "time_series_covid19_deaths_global.csv"))
    by_key = checked.set_index("key")
    # time_series_covid19_deaths_global.csv: "Greenland, Denmark" row 106, 1 on 1/1/22; "Hong Kong, China"
    # row 73, 213 on 12/31/21; Brazil row 33, 3/31/21 less 2/28/21 is 66,959.
    assert by_key.loc["GL", ["place", "value"]].tolist() == ["Greenland, Denmark", 1]
    assert by_key.loc["HK", ["place", "value"]].tolist() == ["Hong Kong, China", 213]
    assert by_key.loc["BR", "value"] == 66_959
    assert list(by_key.loc["BR", "rows"]) == [33]  # one row holds the month's figures: cited once, not 32 times


def test_a_period_that_runs_past_the_sources_last_figure_is_said_to(tmp_path: Path) -> None:
    claims = _claims_csv(tmp_path, "Key,Claim,Figure,As of,Period\n"
                                   "DEC,Worldwide deaths in December 2020,\"about 240,000\",,December 2020\n"
                                   "NOV,Worldwide deaths in November 2020,\"about 270,000\",,November 2020\n")
    checked = reviewer.check(reviewer.open_workbook(claims, REAL / "worldwide-aggregate.csv")).set_index("key")
    # worldwide-aggregate.csv ends on row 336, 2020-12-21 (Deaths 1,702,596); row 315, 2020-11-30: 1,468,577.
    assert checked.loc["DEC", "value"] == 1_702_596 - 1_468_577
    assert "end on 21 December 2020, before the claim's period does" in checked.loc["DEC", "method"]
    assert "before the claim's period" not in checked.loc["NOV", "method"]


def test_the_period_a_claims_words_name_is_read_when_its_period_cell_is_empty(tmp_path: Path) -> None:
    claims = _claims_csv(tmp_path, "Key,Claim,Figure,As of,Period\n"
                                   "BR,Brazil's deaths in March 2021 were 66000,66000,15 April 2021,\n"
                                   "IT,Italy's Covid toll passed 100000 in April 2021,100000,,\n"
                                   "IQ,Brazil's Covid deaths,\"66,959\",15 April 2021,March 2021\n"
                                   "MO,Brazil's monthly Covid deaths rose to 66959 in March 2021,66959,2021-04-02,\n"
                                   "SD,Brazil recorded 66959 Covid deaths in March 2021,66959,2021-03-31,\n"
                                   "ON,Brazil had recorded 321515 Covid deaths on 31 March 2021,321515,2021-03-31,\n")
    checked = reviewer.check(reviewer.open_workbook(claims, REAL / "time_series_covid19_deaths_global.csv"))
    by_key = checked.set_index("key")
    # time_series_covid19_deaths_global.csv, Brazil row 33: 3/31/21 less 2/28/21 is 66,959, the deaths in
    # March, not the 365,000 reached by 15 April. Italy row 156, 4/30/21: 120,807, the running total at the
    # end of April that "passed 100,000" speaks of, not April's own 11,461.
    assert by_key.loc["BR", ["value", "method", "assessment"]].tolist() == [66_959, "change over period", "match"]
    assert by_key.loc["IT", ["value", "method"]].tolist() == [120_807, "as of"]
    # Said on the month's last day, or after it, the words' month is the month's count.
    assert by_key.loc["IQ", "value"] == by_key.loc["MO", "value"] == by_key.loc["SD", "value"] == 66_959
    # "On 31 March" beside a period column is the day it was said of: the total by then, row 33's 3/31/21.
    assert by_key.loc["ON", ["value", "method"]].tolist() == [322_138, "as of"]


def test_a_file_that_does_not_say_what_it_counts_is_no_judge_beside_one_that_does(tmp_path: Path) -> None:
    claims = _claims_csv(tmp_path, "Key,Claim,Figure,As of\nUS,US Covid deaths passed 300000,300000,2020-12-14\n")
    # Two files of cases, neither saying so, outnumber the one file of deaths.
    copy = tmp_path / "countries-pivoted-copy.csv"
    copy.write_bytes((REAL / "key-countries-pivoted.csv").read_bytes())
    book = reviewer.open_workbook(claims, REAL / "countries-aggregated.csv", REAL / "key-countries-pivoted.csv",
                                  copy)
    checked = reviewer.check(book).set_index("source")
    # countries-aggregated.csv row 59624: 2020-12-14, US, Deaths 300,777; key-countries-pivoted.csv row 329,
    # column US: 16,527,207, the confirmed cases, a file that does not say what it counts.
    assert checked.loc["Countries Aggregated", ["value", "assessment"]].tolist() == [300_777, "match"]
    assert checked.loc["Key Countries Pivoted", "value"] == 16_527_207
    from reviewer.core.check import claim_assessments

    assert claim_assessments(book, checked.reset_index())["US"] == "match"  # not "claim lower", as the cases


def test_an_exported_workbook_read_again_gives_the_answers_it_was_exported_with(tmp_path: Path) -> None:
    claims = _claims_csv(tmp_path, "Key,Claim,Figure,As of\n"
                                   "AU,Australia had 908 Covid deaths,908,2020-12-01\n"
                                   "UK,UK had 1.9 million confirmed cases,1.9 million,2020-12-20\n"
                                   "LB,205 people have been killed in Lebanon,205,2024-01-11\n")
    book = reviewer.open_workbook(claims, REAL / "time_series_covid19_deaths_global.csv",
                                  REAL / "countries-aggregated.csv", REAL / "gaza-casualties-daily.csv")
    exported = reviewer.Review(book).export(tmp_path / "reviewed.xlsx")
    # JHU's file says what it counts by its name ("…_deaths_global"), datahub's names its source, and the
    # Gaza ministry's says where its figures are (so it is no answer about Lebanon): the sheets copied into
    # the export are read as the files they came from.
    columns = ["key", "source", "measure", "value", "assessment"]
    def answers(checked: pd.DataFrame) -> list[dict[str, object]]:
        return checked[columns].astype(object).where(checked[columns].notna(), None).to_dict("records")

    before = answers(reviewer.check(book))
    reopened = reviewer.open_workbook(exported)
    after = answers(reviewer.check(reopened))
    assert after == before
    again = reviewer.Review(reopened).export(tmp_path / "reviewed-again.xlsx")  # an export of the export
    assert answers(reviewer.check(reviewer.open_workbook(again))) == before
    assert {r["source"] for r in after} == {"JHU CSSE", "Countries Aggregated", "Gaza Ministry of Health"}


def _claims_csv(tmp_path: Path, text: str) -> Path:
    claims = tmp_path / "claims.csv"
    claims.write_text(text, encoding="utf-8")
    return claims
