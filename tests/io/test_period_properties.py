"""Properties of reading a column per period: any run of days in either order of day and month, and
any figure with a statistics office's flag after it."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from reviewer.core.period_columns import find_period_columns, without_flags
from reviewer.io.place_names import place_in_header


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 1, 1)), st.integers(7, 60),
       st.booleans(), st.booleans())
def test_a_run_of_days_is_read_as_those_days(first: dt.date, count: int, day_first: bool, short_year: bool) -> None:
    days = [first + dt.timedelta(days=i) for i in range(count)]
    year = "%y" if short_year else "%Y"
    pattern = f"%d/%m/{year}" if day_first else f"%m/%d/{year}"
    found = find_period_columns(["Province/State", "Country/Region", "Lat", "Long",
                                 *(d.strftime(pattern) for d in days)])
    assert found is not None
    assert list(found.columns.values()) == [d.isoformat() for d in days]
    assert found.labels == {"place": 1} and found.skipped == [2, 3]


@given(st.integers(0, 10**12), st.sampled_from(["", " p", " b", " e", " bp", "p", " c"]))
def test_a_flagged_figure_is_its_number(number: int, flag: str) -> None:
    assert without_flags(np.array([f"{number}{flag}", ": ", ":", ": c"], dtype=object)).tolist() == \
        [str(number), "", "", ""]


@given(st.sampled_from(["Iraq", "Syria", "Lebanon", "Germany", "France", "United Kingdom", "Brazil"]),
       st.sampled_from(["killed_in_{}", "{}_total", "{} killed", "{}"]), st.booleans())
def test_a_country_in_a_heading_is_found_as_written(country: str, shape: str, lower: bool) -> None:
    name = country.lower() if lower else country
    header = shape.format(name.replace(" ", "_"))
    found = place_in_header(header)
    assert found is not None and found.replace("_", " ").lower() == country.lower()
