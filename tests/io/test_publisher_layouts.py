"""Each way publishers lay out their files, on small files written here: every figure is read with its
date or period, its place and its measure, and the file's source is named for its publisher."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

import reviewer
from reviewer.cli import main
from reviewer.io.layout_choices import load_choices, save_choices
from reviewer.io.loader import SheetChoice
from tests.conftest import write_xlsx


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _series(refs: pd.DataFrame, *by: str) -> dict[object, list[float]]:
    return refs.groupby(list(by) if len(by) > 1 else by[0], sort=True)["value"].apply(list).to_dict()


def test_long_with_measure_columns_and_aggregate_rows(tmp_path: Path) -> None:
    path = _csv(tmp_path / "covid.csv", "Date,Country,Confirmed,Deaths\n"
                "2020-03-01,Italy,1694,34\n2020-03-01,World,88371,2996\n2020-03-01,Europe,2252,38\n"
                "2020-03-02,Italy,2036,52\n2020-03-02,World,90309,3085\n2020-03-02,Europe,2712,58\n")
    book = reviewer.open_workbook(path)
    refs = book.references
    assert book.sheets[0].mapping == {"date": "Date", "place": "Country"}
    assert _series(refs, "place", "measure") == {
        ("Europe", "cases"): [2252, 2712], ("Europe", "deaths"): [38, 58],
        ("Italy", "cases"): [1694, 2036], ("Italy", "deaths"): [34, 52],
        ("World", "cases"): [88371, 90309], ("World", "deaths"): [2996, 3085]}  # "Confirmed" counts cases
    world = refs[(refs["place"] == "World") & (refs["measure"] == "deaths")]
    assert world["row"].tolist() == [3, 6]  # the aggregate rows are read as rows of their own


def test_long_with_a_measure_column(tmp_path: Path) -> None:
    rows = ["date,country,measure,value"] + [
        f"2021-01-0{d},{c},{m},{v}" for d, c, m, v in (
            (1, "Germany", "deaths", 100), (1, "Germany", "cases", 5000), (1, "France", "deaths", 80),
            (2, "Germany", "deaths", 120), (2, "Germany", "cases", 5600), (2, "France", "deaths", 95))]
    book = reviewer.open_workbook(_csv(tmp_path / "long.csv", "\n".join(rows) + "\n"))
    assert book.sheets[0].mapping == {"date": "date", "place": "country", "measure": "measure", "value": "value"}
    assert _series(book.references, "place", "measure") == {
        ("France", "deaths"): [80, 95], ("Germany", "cases"): [5000, 5600], ("Germany", "deaths"): [100, 120]}


def test_a_column_per_place_reads_every_column(tmp_path: Path) -> None:
    path = _csv(tmp_path / "pivoted.csv", "Date,China,US,United_Kingdom\n2020-03-01,79968,75,36\n"
                "2020-03-02,80174,100,40\n2020-03-03,80304,124,51\n")
    refs = reviewer.open_workbook(path).references
    assert _series(refs, "place") == {"China": [79968, 80174, 80304], "United States": [75, 100, 124],
                                      "United Kingdom": [36, 40, 51]}  # "US", "United_Kingdom" as read
    assert set(refs["source"]) == {"Pivoted"}  # one source's places, not three sources


def test_columns_naming_a_place_and_a_measure(tmp_path: Path) -> None:
    path = _csv(tmp_path / "daily-killed-cumulative.csv", "date,killed_in_lebanon,palestine_total,israel_adults\n"
                "2023-10-09,6,560,\n2023-10-10,6,900,1245\n2023-10-11,6,1100,1245\n")
    refs = reviewer.open_workbook(path).references
    found = refs.groupby("metric")[["place", "measure"]].first().to_dict("index")
    assert found == {"killed_in_lebanon": {"place": "Lebanon", "measure": "deaths"},
                     "palestine_total": {"place": "Palestine", "measure": "deaths"},
                     "israel_adults": {"place": "Israel", "measure": "deaths (adults)"}}
    assert _series(refs, "metric")["israel_adults"] == [1245, 1245]  # the blank cell is no figure


def test_places_down_with_a_column_per_day(tmp_path: Path) -> None:
    days = [f"3/{d}/20" for d in range(1, 9)]
    path = _csv(tmp_path / "time_series_covid19_deaths_global.csv",
                "Province/State,Country/Region,Lat,Long," + ",".join(days) + "\n"
                ",Italy,41.87194,12.56738," + ",".join(str(34 + 20 * d) for d in range(8)) + "\n"
                "Ontario,Canada,51.2538,-85.3232," + ",".join(str(d) for d in range(8)) + "\n"
                "Quebec,Canada,52.9399,-73.5491," + ",".join(str(2 * d) for d in range(8)) + "\n")
    book = reviewer.open_workbook(path)
    refs = book.references
    assert book.sheets[0].header_row == 1 and set(refs["source"]) == {"JHU CSSE"}
    assert set(refs["measure"]) == {"deaths"} and set(refs["kind"]) == {"cumulative"}
    assert _series(refs, "place", "metric") == {
        ("Canada", "Ontario"): list(range(8)), ("Canada", "Quebec"): [2 * d for d in range(8)],
        ("Italy", "Italy"): [34 + 20 * d for d in range(8)]}
    italy = refs[refs["place"] == "Italy"]
    assert italy["date"].iloc[-1] == pd.Timestamp("2020-03-08")  # month first, as the days run
    assert not refs["value"].isin([41.87194, 12.56738, 51.2538]).any()  # coordinates are no figures
    assert any("'Lat' holds codes or coordinates" in w for w in book.warnings)


def test_places_down_with_a_column_per_year_under_titles(tmp_path: Path) -> None:
    path = _csv(tmp_path / "API_SP.POP.TOTL_DS2_en_csv_v2.csv",
                '\ufeff"Data Source","World Development Indicators",\n\n"Last Updated Date","2018-01-25",\n\n'
                '"Country Name","Country Code","Indicator Name","Indicator Code","2014","2015","2016",\n'
                '"Iraq","IRQ","Population, total","SP.POP.TOTL","35006080","36115649","37202572",\n'
                '"World","WLD","Population, total","SP.POP.TOTL","7259691769","7346633037","7442135578",\n')
    book = reviewer.open_workbook(path)
    refs = book.references
    assert book.sheets[0].header_row == 5 and set(refs["source"]) == {"World Bank"}
    assert set(refs["measure"]) == {"population"} and set(refs["place"]) == {"Iraq", "World"}
    assert set(refs["kind"]) == {"level"}  # a population is never added up
    iraq = refs[refs["place"] == "Iraq"]
    assert iraq["value"].tolist() == [35006080, 36115649, 37202572] and set(iraq["row"]) == {6}
    assert iraq["period_end"].tolist()[-1] == pd.Timestamp("2016-12-31")


def test_a_statistics_offices_table_with_notes_on_its_years(tmp_path: Path) -> None:
    rows = [["Table 4: Unemployment rate by region, 2019 to 2021"], ["Source: Office for National Statistics"],
            ["Area code", "Area name", "2019", "2020 [note 2]", "2021 [note 2]"],
            ["E12000001", "North East", 5.9, 6.6, "6.0 [x]"], ["E12000007", "London", 4.5, 6.3, 6.2],
            ["Note 2: 2020 and 2021 figures are affected by the pandemic."]]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "regions.xlsx", {"Table 4": rows}))
    refs = book.references
    assert _series(refs, "place") == {"London": [4.5, 6.3, 6.2], "North East": [5.9, 6.6, 6.0]}
    assert set(refs["measure"]) == {"unemployment rate"} and set(refs["unit"]) == {"percent"}
    london_2021 = refs[(refs["place"] == "London") & (refs["period_start"] == pd.Timestamp("2021-01-01"))]
    assert london_2021["row"].tolist() == [5]
    assert not refs["place"].isin(["E12000001"]).any()
    assert any("row 6: a note under the table was left out" in w for w in book.warnings)


def test_eurostats_bulk_tsv(tmp_path: Path) -> None:
    path = _csv(tmp_path / "demo_pjan.tsv", "unit,sex,age,geo\\time\t2019 \t2018 \t2017 \n"
                "NR,T,TOTAL,AT\t8858775 \t8822267 \t8772865 \n"
                "NR,T,TOTAL,BE\t11455519 p\t11398589 \t11351727 \n"
                "NR,T,TOTAL,EU28\t: \t512379225 \t511522671 b\n")
    book = reviewer.open_workbook(path)
    refs = book.references
    assert set(refs["source"]) == {"Eurostat"}
    by_place = refs.sort_values("period_start").groupby("place")["value"].apply(list).to_dict()
    assert by_place == {"Austria": [8772865, 8822267, 8858775], "Belgium": [11351727, 11398589, 11455519],
                        "EU28": [511522671, 512379225]}  # ":" is no figure; "p" and "b" are flags
    assert not any("could not read a figure" in w for w in book.warnings)


def test_one_row_per_person_is_counted_per_category_and_date(tmp_path: Path, capsys: object) -> None:
    victims = _csv(tmp_path / "victims.csv", "name,age,incident_date,governorate,killed_or_injured\n"
                   "A,23,2023-10-07,Gaza,k\nB,31,2023-10-07,Gaza,k\nC,8,2023-10-07,Gaza,i\n"
                   "D,45,2023-10-08,Rafah,k\nE,17,2023-10-08,Rafah,i\nF,60,2023-10-08,Rafah,i\n")
    book = reviewer.open_workbook(victims)
    refs = book.references
    counts = refs.groupby(["date", "measure"])["value"].sum().to_dict()
    assert counts == {(pd.Timestamp("2023-10-07"), "deaths"): 2, (pd.Timestamp("2023-10-07"), "injured"): 1,
                      (pd.Timestamp("2023-10-08"), "deaths"): 1, (pd.Timestamp("2023-10-08"), "injured"): 2}
    assert 23 not in refs["value"].tolist()  # an age is no figure
    assert set(refs["kind"]) == {"incident"}
    claims = _csv(tmp_path / "claims.csv", "Claim,Claimant,Figure,Date\n"
                  "At least 3 people were killed by 8 October,Victims,3,2023-10-08\n")
    assert main(["check", str(victims), str(claims), "--json"]) == 0  # no traceback
    checked = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert checked["claims"][0]["sources"][0]["value"] == 3  # killed up to 8 October: rows 2, 3 and 5


def test_a_column_named_who_is_the_world_health_organizations(tmp_path: Path) -> None:
    path = _csv(tmp_path / "figures.csv", "Date,WHO,MoH\n2023-11-01,8805,8805\n2023-11-08,10569,10569\n"
                "2023-11-15,11320,11470\n")
    book = reviewer.open_workbook(path)
    assert "claimant" not in book.sheets[0].mapping
    assert _series(book.references, "source") == {"MoH": [8805, 10569, 11470], "WHO": [8805, 10569, 11320]}


def test_a_claims_place_column_and_short_claims(tmp_path: Path) -> None:
    path = _csv(tmp_path / "claims.csv", "Claim,Said by,Country,Figure,Date\n"
                "Toll tops 146k,JHU,India,146000,2020-12-21\nOver 61k dead,Reuters,France,61000,2020-12-21\n")
    book = reviewer.open_workbook(path)
    assert book.sheets[0].role == "claims"  # short texts, but the columns say what is claimed and by whom
    assert book.claims["place"].tolist() == ["India", "France"]
    for header in ("Place", "Region", "Location", "Governorate", "geo"):
        other = _csv(tmp_path / f"{header}.csv", f"Claim,Claimant,{header},Figure\n"
                     f"The toll in Ninewa passed 100,UN,Ninewa,100\n")
        assert reviewer.open_workbook(other).claims["place"].tolist() == ["Ninewa"], header


def test_known_publishers_are_named_by_their_columns(tmp_path: Path) -> None:
    owid = _csv(tmp_path / "population.csv", "Entity,Code,Year,Population (historical)\n"
                "Afghanistan,AFG,2021,40099462\nWorld,OWID_WRL,2021,7954448326\n")
    refs = reviewer.open_workbook(owid).references
    assert set(refs["source"]) == {"Our World in Data"} and set(refs["place"]) == {"Afghanistan", "World"}
    assert set(refs["measure"]) == {"population"}  # "Population (historical)"
    acled = _csv(tmp_path / "export.csv", "event_id_cnty,event_date,country,sub_event_type,actor1,source,fatalities\n"
                 "IRQ1,2017-03-17,Iraq,Air/drone strike,Coalition,Reuters,105\n")
    acled_refs = reviewer.open_workbook(acled).references
    assert set(acled_refs["source"]) == {"ACLED"} and acled_refs["place"].tolist() == ["Iraq"]
    hdx = _csv(tmp_path / "casualties.csv", "Date,Country,Agency,Killed\n#date,#country+name,#org,#affected+killed\n"
               "2023-10-07,Palestine,OCHA,232\n2023-10-08,Palestine,OCHA,370\n")
    hdx_book = reviewer.open_workbook(hdx)
    assert set(hdx_book.references["source"]) == {"OCHA"}  # the #org tag names whose figures they are
    assert hdx_book.sheets[0].mapping["source"] == "Agency"


def test_the_editor_names_a_files_source_and_it_is_remembered(tmp_path: Path, monkeypatch: object) -> None:
    monkeypatch.setenv("REVIEWER_HOME", str(tmp_path / "home"))  # type: ignore[attr-defined]
    path = _csv(tmp_path / "export_2023.csv", "Date,Killed\n2023-10-07,232\n2023-10-08,370\n2023-10-09,560\n")
    assert set(reviewer.open_workbook(path).references["source"]) == {"Export 2023"}
    save_choices(path, {"export_2023": SheetChoice(source="Gaza Ministry of Health")})
    choices = load_choices([path])
    assert choices[("export_2023.csv", "export_2023")].source == "Gaza Ministry of Health"
    book = reviewer.open_workbook(path, choices=choices)
    assert set(book.references["source"]) == {"Gaza Ministry of Health"}
    assert book.references["value"].tolist() == [232, 370, 560]


def test_counties_down_with_a_column_per_day(tmp_path: Path) -> None:
    days = [f"1/{d}/21" for d in range(1, 9)]
    head = "UID,iso2,iso3,code3,FIPS,Admin2,Province_State,Country_Region,Lat,Long_,Combined_Key,Population,"
    path = _csv(tmp_path / "time_series_covid19_deaths_US.csv", head + ",".join(days) + "\n"
                '84001001,US,USA,840,1001.0,Autauga,Alabama,US,32.5395,-86.6440,"Autauga, Alabama, US",55869,'
                + ",".join(str(40 + d) for d in range(8)) + "\n"
                '84053033,US,USA,840,53033.0,King,Washington,US,47.4913,-121.8346,"King, Washington, US",2252782,'
                + ",".join(str(800 + 2 * d) for d in range(8)) + "\n")
    refs = reviewer.open_workbook(path).references
    assert set(refs["place"]) == {"United States"} and set(refs["source"]) == {"JHU CSSE"}
    assert _series(refs, "metric") == {"Autauga, Alabama, US": [40 + d for d in range(8)],
                                       "King, Washington, US": [800 + 2 * d for d in range(8)]}
    assert not refs["value"].isin([55869, 2252782, 32.5395]).any()  # population and coordinates are no days


def test_a_long_file_of_many_measures_per_place(tmp_path: Path) -> None:
    path = _csv(tmp_path / "owid-covid-data.csv",
                "iso_code,continent,location,date,total_deaths,new_deaths,tests_units\n"
                "AFG,Asia,Afghanistan,2020-03-01,0,0,\nAFG,Asia,Afghanistan,2020-03-02,1,1,\n"
                "OWID_WRL,,World,2020-03-01,2996,55,\nOWID_WRL,,World,2020-03-02,3085,89,\n")
    refs = reviewer.open_workbook(path).references
    assert set(refs["source"]) == {"Our World in Data"}
    assert _series(refs, "place", "metric") == {
        ("Afghanistan", "new_deaths"): [0, 1], ("Afghanistan", "total_deaths"): [0, 1],
        ("World", "new_deaths"): [55, 89], ("World", "total_deaths"): [2996, 3085]}
    assert set(refs["measure"]) == {"deaths"}  # both count deaths: new ones a day, and the running total


def test_statistics_offices_long_files_name_their_publisher_and_places(tmp_path: Path) -> None:
    eurostat = _csv(tmp_path / "estat_demo_pjan.csv",
                    "DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
                    "ESTAT:DEMO_PJAN(1.0),24/03/2023 23:00:00,A,NR,AT,2019,8858775,\n"
                    "ESTAT:DEMO_PJAN(1.0),24/03/2023 23:00:00,A,NR,BE,2019,11455519,p\n")
    refs = reviewer.open_workbook(eurostat).references
    assert set(refs["source"]) == {"Eurostat"} and _series(refs, "place") == {"Austria": [8858775],
                                                                              "Belgium": [11455519]}
    assert refs["period_end"].tolist() == [pd.Timestamp("2019-12-31")] * 2
    oecd = _csv(tmp_path / "DP_LIVE.csv", "LOCATION,INDICATOR,SUBJECT,MEASURE,FREQUENCY,TIME,Value,Flag Codes\n"
                "AUS,HUR,TOT,PC_LF,A,2019,5.158333,\nDEU,HUR,TOT,PC_LF,A,2019,3.141667,\n")
    refs = reviewer.open_workbook(oecd).references
    assert set(refs["source"]) == {"OECD"}
    assert _series(refs, "place") == {"Australia": [5.158333], "Germany": [3.141667]}  # AUS, DEU as read
    statcan = _csv(tmp_path / "17100005.csv", '"REF_DATE","GEO","DGUID","UOM","SCALAR_FACTOR","VECTOR","VALUE"\n'
                   '"2022","Canada","2016A000011124","Persons","units","v1","38929902"\n'
                   '"2022","Ontario","2016A000235","Persons","units","v2","15109416"\n')
    refs = reviewer.open_workbook(statcan).references
    assert set(refs["source"]) == {"Statistics Canada"}
    assert _series(refs, "place") == {"Canada": [38929902], "Ontario": [15109416]}


def test_years_after_a_shared_name_and_code_columns_left_out(tmp_path: Path) -> None:
    path = _csv(tmp_path / "NST-EST2022-ALLDATA.csv",
                "SUMLEV,REGION,DIVISION,STATE,NAME,ESTIMATESBASE2020,POPESTIMATE2020,POPESTIMATE2021,POPESTIMATE2022\n"
                "010,0,0,00,United States,331449520,331511512,332031554,333287557\n"
                "040,3,6,01,Alabama,5024356,5031362,5049846,5074296\n")
    book = reviewer.open_workbook(path)
    refs = book.references
    assert set(refs["measure"]) == {"population"}  # POPESTIMATE2020 …
    assert _series(refs, "metric") == {"Alabama": [5031362, 5049846, 5074296],
                                       "United States": [331511512, 332031554, 333287557]}
    assert not refs["value"].isin([331449520, 3, 6]).any()  # the base estimate and the codes are no years
    assert any("'STATE' holds codes" in w for w in book.warnings)


def test_the_whos_table_and_names_written_in_camel_case(tmp_path: Path) -> None:
    who = _csv(tmp_path / "WHO-COVID-19-global-data.csv",
               "Date_reported,Country_code,Country,WHO_region,New_deaths,Cumulative_deaths\n"
               "2020-03-01,DE,Germany,EURO,0,0\n2020-03-02,DE,Germany,EURO,1,1\n2020-03-03,DE,Germany,EURO,0,1\n")
    book = reviewer.open_workbook(who)
    assert "claimant" not in book.sheets[0].mapping  # WHO_region is the WHO's region, not who said it
    refs = book.references
    # Named as its file's name, its columns and the aliases all name it.
    assert set(refs["source"]) == {"World Health Organization"} and set(refs["place"]) == {"Germany"}
    assert refs.groupby("metric")["kind"].first()["Cumulative_deaths"] == "cumulative"
    dashboard = _csv(tmp_path / "dashboard.csv", "areaCode,areaName,areaType,date,newDeaths28DaysByDeathDate,"
                     "cumDeaths28DaysByDeathDate\nE92000001,England,nation,2021-01-18,1326,76292\n"
                     "E92000001,England,nation,2021-01-19,1359,77651\nW92000004,Wales,nation,2021-01-19,70,4502\n")
    refs = reviewer.open_workbook(dashboard).references
    assert _series(refs, "place", "metric")[("England", "cumDeaths28DaysByDeathDate")] == [76292, 77651]
    assert set(refs["measure"]) == {"deaths"}  # newDeaths… and cumDeaths… both count deaths
    assert refs.groupby("metric")["kind"].first()["cumDeaths28DaysByDeathDate"] == "cumulative"
