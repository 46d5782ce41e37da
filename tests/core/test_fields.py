from __future__ import annotations

import pytest

from reviewer.core.aliases import source_named_in
from reviewer.core.fields import field_for_header
from reviewer.core.publishers import publisher_for


@pytest.mark.parametrize(
    ("header", "field"),
    [("Who said it", "claimant"), ("Source (who said it)", "claimant"), ("Speaker", "claimant"),
     ("When said", "date"), ("Said on", "date"), ("Date of claim", "date"), ("Claim date", "date"),
     ("Where", "outlet"), ("Where published", "outlet"), ("Figure (as quoted)", "figure"),
     ("Headline figure", "figure"), ("Claim #", "key"), ("#", "key"), ("No.", "key"), ("Claim ID", "key"),
     ("Claim (verbatim)", "text"), ("Claim URL", "url"), ("As at", "as_of"), ("Strikes", None),
     ("Governorate", "place"), ("Reports assessed", None), ("Official figure", "figure"),
     ("Official death toll", "figure"), ("Speaker (organisation)", "claimant"),
     ("WHO", None), ("who", "claimant"), ("Country", "place"), ("Country/Region", "place"), ("geo", "place"),
     ("Location", "place"), ("Region", "place"), ("Indicator Name", "measure"), ("Measure", "measure")],
)
def test_a_desks_own_words_for_its_columns(header: str, field: str | None) -> None:
    assert field_for_header(header) == field


def dataset_for(headers: list[str]) -> str | None:
    publisher = publisher_for(headers)
    return publisher.name if publisher is not None else None


def test_monitors_exports_are_known_by_their_columns() -> None:
    assert dataset_for(["event_id_cnty", "event_date", "source", "fatalities"]) == "ACLED"
    assert dataset_for(["id", "dyad_name", "date_start", "best"]) == "UCDP"
    assert dataset_for(["IBC code", "Start Date", "Reported Minimum"]) == "Iraq Body Count"
    assert dataset_for(["Date", "Source", "Deaths"]) is None
    assert dataset_for(["Province/State", "Country/Region", "Lat", "Long", "1/22/20"]) == "JHU CSSE"
    assert dataset_for(["Country Name", "Country Code", "Indicator Name", "Indicator Code", "1960"]) == "World Bank"
    assert dataset_for(["unit,geo\\time", "2019 ", "2018 "]) == "Eurostat"
    assert dataset_for(["Entity", "Code", "Year", "Population"]) == "Our World in Data"


@pytest.mark.parametrize(
    ("name", "source"),
    [("airwars_export", "Airwars"), ("ibc-incidents", "Iraq Body Count"), ("cjtf_monthly", "CJTF-OIR"),
     ("ged_iraq", "UCDP"), ("coalition_figures", None), ("monthly report", None), ("UNAMI casualty figures", "UN")],
)
def test_a_known_source_named_in_a_files_name(name: str, source: str | None) -> None:
    assert source_named_in(name) == source
