"""Places and measures: read as publishers and claims write them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.measures import COUNT, MONEY, PERCENT, claim_units, read_measure
from reviewer.core.places import (
    COUNTRY,
    REGION,
    SUBNATIONAL,
    TOTAL,
    WORLD,
    Place,
    PlacesInText,
    country_in_name,
    read_place,
)


@pytest.mark.parametrize(("written", "name"), [
    ("US", "United States"), ("United_Kingdom", "United Kingdom"), ("Syrian Arab Republic", "Syria"),
    ("Iran, Islamic Rep.", "Iran"), ("DE", "Germany"), ("Korea, South", "South Korea"), ("Korea, Rep.", "South Korea"),
    ("Congo (Kinshasa)", "DR Congo"), ("Taiwan*", "Taiwan"), ("EL", "Greece"), ("NA", "Namibia"),
    ("Venezuela, RB", "Venezuela"), ("Gambia, The", "Gambia")])
def test_a_country_is_read_in_the_spellings_publishers_use(written: str, name: str) -> None:
    place = read_place(written)
    assert (place.name, place.scope) == (name, COUNTRY)


def test_aggregates_and_the_places_files_name() -> None:
    assert read_place("World").scope == read_place("worldwide").scope == WORLD
    assert read_place("All").scope == read_place("Total").scope == TOTAL
    assert read_place("Europe").scope == read_place("Euro area").scope == read_place("Arab World").scope == REGION
    assert read_place("EU27_2020").scope == REGION
    # Places only the files name are kept as they are written.
    assert read_place("Ninewa") == read_place("Ninewa")
    assert (read_place("North East").name, read_place("North East").scope) == ("North East", SUBNATIONAL)
    # JHU's province rows, written "Province, Country", are parts of their country.
    alberta = read_place("Alberta, Canada")
    assert (alberta.name, alberta.country, alberta.scope) == ("Alberta, Canada", "Canada", SUBNATIONAL)
    # A part whose name holds its country's is still a part; the country named twice is the country.
    for part in ("South Australia", "Western Australia", "Australian Capital Territory"):
        assert read_place(f"{part}, Australia") == Place(f"{part}, Australia", "Australia", SUBNATIONAL)
    assert read_place("France, France").scope == read_place("UK, United Kingdom").scope == COUNTRY
    assert read_place("Russian Federation, Russia") == Place("Russia", "Russia", COUNTRY)  # its official name
    assert read_place("Great Britain, United Kingdom").scope == SUBNATIONAL  # a part of it, not all of it
    assert read_place("Gaza").country == "Palestine" and read_place("Gaza").scope == SUBNATIONAL


def test_a_place_the_words_name_that_no_file_knows_is_kept_as_written() -> None:
    # Read as no place, these were checked against a file's World row (7.4 billion for Lombardy's people).
    finder = PlacesInText(["London, United Kingdom", "Ninewa"], ["Iraq Body Count", "Airwars"])
    assert finder.places_in(["Population of Lombardy was 10 million", "Covid deaths in New York City passed 20,000",
                             "Covid deaths in England", "In Lombardy, 10,000 died", "Airwars counts 3,000 in Mosul",
                             "12 killed in Ninewa"]) == \
        ["Lombardy", "New York City", "England", "Lombardy", "Mosul", "Ninewa"]
    # Times, illnesses, operations and sources after "in" are no places.
    assert finder.places_in(["Deaths in March 2021 were 66,000", "killed in Operation Inherent Resolve",
                             "killed in Coalition strikes", "deaths in Covid wards", "20 killed in Airwars' count",
                             "Iraq Body Count recorded 120 deaths"]) == [""] * 6
    # A place's kind after its name, a hyphenated name, a name in brackets or before a dash.
    assert finder.places_in(["deaths in Idlib province", "in Lombardy region", "deaths in Emilia-Romagna",
                             "deaths in Lombardy (the north)", "in Lombardy — the worst hit"]) == \
        ["Idlib", "Lombardy", "Emilia-Romagna", "Lombardy", "Lombardy"]
    # Nor a name of a kind of thing ("Omicron waves"), a compound ("Saudi-led"), a year, or another's report.
    assert finder.places_in(["1.7 million deaths recorded in Omicron waves", "killed in Saudi-led raids",
                             "Deaths in FY2020 reached 1.7 million", "in Houthi attacks", "in Amnesty's report",
                             "deaths in Fiscal Year 2020", "reported in Nature"]) == [""] * 7
    # A country's short name leading other capitalised words, and a country's older name.
    assert finder.places_in(["UK Covid deaths reached 67,000", "The US's Covid toll", "Deaths in Swaziland"]) == \
        ["United Kingdom", "United States", "Eswatini"]


def test_a_claims_words_name_its_place() -> None:
    finder = PlacesInText(["London", "North East", "Ninewa"], ["Iraq Body Count", "Syrian Observatory"])
    assert finder.place_in("India's Covid toll passed 101,000") == "India"
    assert finder.place_in("Worldwide deaths passed one million") == "World"
    assert finder.place_in("Deaths in London rose again") == "London"
    assert finder.place_in("300 civilians died in Ninewa in 2017") == "Ninewa"
    assert finder.place_in("Covid deaths in the UK") == "United Kingdom"
    # A source's name or a compound ("US-led") is no place, and neither are initials such as AI.
    assert finder.place_in("Iraq Body Count recorded 120 deaths") == ""
    assert finder.place_in("The US-led coalition admitted 352 deaths") == ""
    assert finder.place_in("AI said 300 died") == ""
    assert finder.place_in("Côte d'Ivoire recorded 22,697 deaths") == "Côte d'Ivoire"
    assert read_measure("Costa Rica recorded 4,841 deaths").name == "deaths"  # "Costa" is no cost


def test_a_column_names_its_place_among_its_words() -> None:
    assert country_in_name("killed_in_lebanon") == "Lebanon"
    assert country_in_name("palestine_total") == "Palestine"
    assert country_in_name("israel_children") == "Israel"
    assert country_in_name("normalised_rate") == ""  # "mali" inside a word is no Mali


@pytest.mark.parametrize(("written", "measure", "unit", "level"), [
    ("Deaths", "deaths", COUNT, False), ("killed_cum", "deaths", COUNT, False),
    ("injured_cum", "injured", COUNT, False), ("Confirmed", "cases", COUNT, False),
    ("Population, total", "population", COUNT, True), ("Unemployment rate", "unemployment rate", PERCENT, True),
    ("Increase rate", "rate", PERCENT, True), ("ext_killed_children_cum", "deaths (children)", COUNT, False),
    ("press_killed_cum", "deaths (journalists)", COUNT, False), ("Likely", "", "", False),
    # A place's name is no money ("euro area", "Low income"); people a place has are its population.
    ("The euro area had 340 million people", "population", COUNT, True),
    ("Population of low income countries", "population", COUNT, True),
    ("Iraq had 37.2 million people", "population", COUNT, True),
    ("4 million people displaced in Sudan", "displaced", COUNT, False),
    ("A budget of 2 billion euro", "price", MONEY, True)])
def test_what_a_column_counts(written: str, measure: str, unit: str, level: bool) -> None:
    read = read_measure(written)
    assert (read.name, read.unit, read.level) == (measure, unit, level)


def test_a_claim_in_percent_is_a_percent() -> None:
    import pandas as pd

    units = claim_units(pd.Series(["14.57%", "3.5 per cent", "24.9", "1,200"]),
                        pd.Series(["", "", "unemployment rate", "deaths"]))
    assert units.tolist() == [PERCENT, PERCENT, PERCENT, COUNT]


def _spellings() -> list[tuple[str, str]]:
    """Every name and code the converter's own table lists, with the country it is."""
    from reviewer.core.places import _converter

    data = _converter().data  # type: ignore[attr-defined]
    rows = []
    for _, row in data.iterrows():
        for column in ("name_short", "name_official", "ISO3", "ISO2"):
            value = row.get(column)
            if isinstance(value, str) and (value.isalpha() or column.startswith("name")):  # ISO2 may be a pattern
                rows.append((value, str(row["name_short"])))
    return rows


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_spelling_the_converter_knows_finds_its_country(data: st.DataObject) -> None:
    spelling, name = data.draw(st.sampled_from(_spellings()))
    underscores = data.draw(st.booleans())
    written = spelling.replace(" ", "_") if underscores else spelling
    place = read_place(written)
    assert place.scope == COUNTRY and place.name == name


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_any_country_a_claim_names_is_its_place(data: st.DataObject) -> None:
    from reviewer.core.places import _converter

    name = data.draw(st.sampled_from(sorted(_converter().data["name_short"])))  # type: ignore[attr-defined]
    sentence = data.draw(st.sampled_from(["{} recorded 4,841 deaths", "Deaths in {} rose to 300",
                                          "The toll in {} passed 1,000, officials said"]))
    assert PlacesInText([]).place_in(sentence.format(name)) == name


def test_a_publishers_file_is_named_for_the_publisher() -> None:
    from reviewer.core.publishers import publisher_of_file

    assert publisher_of_file("time_series_covid19_deaths_global") == "JHU CSSE"
    assert publisher_of_file("WHO-COVID-19-global-data") == "World Health Organization"
    assert publisher_of_file("gaza-casualties-daily") == "Gaza Ministry of Health"
    assert publisher_of_file("API_SP.POP.TOTL_DS2_en_csv_v2") == "World Bank"
    assert publisher_of_file("estat_une_rt_a") == "Eurostat"
    assert publisher_of_file("owid-covid-data") == "Our World in Data"
    assert publisher_of_file("countries-aggregated") is None


def test_the_place_a_claim_puts_its_figure_in_comes_before_one_it_mentions() -> None:
    finder = PlacesInText(["Gaza", "West Bank"])
    assert finder.place_in("Palestinians killed in Gaza passed 20,000") == "Gaza"
    assert finder.place_in("Israeli strikes killed 300 people in Lebanon") == "Lebanon"
    assert finder.place_in("Syrian refugees in Turkey number 3.6 million") == "Türkiye"
    assert finder.place_in("India's Covid toll passed 101,000") == "India"


_WORDS = ["killed", "children", "deaths", "injured", "population", "unemployment", "rate", "%", "GDP", "$", "price",
          "cases", "recovered", "displaced", "journalists", "women", "soldiers", "Costa", "the", "in", "1,200", "toll"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join), min_size=1, max_size=20))
def test_a_column_of_claims_is_read_as_each_claim_alone(texts: list[str]) -> None:
    import pandas as pd

    from reviewer.core.measures import measure_names

    assert list(measure_names(pd.Series(texts))) == [read_measure(t).name for t in texts]
