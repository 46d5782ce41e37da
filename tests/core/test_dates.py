from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer.core.dates import detect_day_first, parse_period, parse_periods

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2017-04-30", D(2017, 4, 30), D(2017, 4, 30), "day"),
        ("2017-04-30 00:00:00", D(2017, 4, 30), D(2017, 4, 30), "day"),
        ("3 May 2017", D(2017, 5, 3), D(2017, 5, 3), "day"),
        ("June 2, 2017", D(2017, 6, 2), D(2017, 6, 2), "day"),
        ("Sept. 26, 2019", D(2019, 9, 26), D(2019, 9, 26), "day"),
        ("30/08/2018", D(2018, 8, 30), D(2018, 8, 30), "day"),
        ("March 2017", D(2017, 3, 1), D(2017, 3, 31), "month"),
        ("Feb 2016", D(2016, 2, 1), D(2016, 2, 29), "month"),
        ("2016", D(2016, 1, 1), D(2016, 12, 31), "year"),
        ("23 Sep 2014 - Aug 2016", D(2014, 9, 23), D(2016, 8, 31), "period"),
        ("September 2014 to August 2016", D(2014, 9, 1), D(2016, 8, 31), "period"),
        ("Sep - Dec 2016", D(2016, 9, 1), D(2016, 12, 31), "period"),
        ("2014–2016", D(2014, 1, 1), D(2016, 12, 31), "period"),
        ("since Aug 2014", D(2014, 8, 1), None, "period"),
    ],
)
def test_dates_and_periods_in_the_forms_people_write(text: str, start: D, end: D | None, precision: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.precision, period.problem) == (start, end, precision, None)


def test_excel_serial_numbers_only_where_the_column_is_a_date_column() -> None:
    assert parse_period("42855", serial_ok=True).start == D(2017, 4, 30)
    assert parse_period("42855").problem is not None


def test_month_first_when_the_column_shows_it() -> None:
    column = pd.Series(["04/30/2017", "05/03/2017"])
    assert detect_day_first(column) is False
    assert detect_day_first(pd.Series(["30/04/2017", "03/05/2017"])) is True
    assert detect_day_first(pd.Series(["03/04/2017"])) is None
    assert parse_period("05/03/2017", day_first=False).start == D(2017, 5, 3)


@pytest.mark.parametrize("text", ["mid-2017", "31/02/2017", "the day after", "2017-13-45", "99999"])
def test_unreadable_dates_say_so(text: str) -> None:
    period = parse_period(text)
    assert period.is_empty and period.problem and text[:4] in period.problem


def test_column_reader_agrees_with_single_reader() -> None:
    texts = ["2017-04-30", "3 May 2017", "March 2017", "nonsense", "", "2017-02-30"]
    frame = parse_periods(pd.Series(texts))
    for i, text in enumerate(texts):
        single = parse_period(text)
        got = frame["start"].iloc[i]
        assert (pd.isna(got) and single.start is None) or got.date() == single.start, text
        assert pd.isna(frame["problem"].iloc[i]) == (single.problem is None), text


@given(st.text(max_size=40), st.booleans(), st.booleans())
def test_any_text_gives_a_period_or_a_problem_never_an_exception(text: str, day_first: bool, serial: bool) -> None:
    period = parse_period(text, day_first=day_first, serial_ok=serial)
    if period.start and period.end:
        assert period.start <= period.end


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2150, 12, 31)))
def test_every_written_day_comes_back(day: D) -> None:
    for text in (day.isoformat(), f"{day.day} {day:%B %Y}", f"{day:%B} {day.day}, {day.year}",
                 f"{day.day:02d}/{day.month:02d}/{day.year}"):
        assert parse_period(text).start == day, text


def test_quarters() -> None:
    assert (parse_period("Q2 2017").start, parse_period("Q2 2017").end) == (D(2017, 4, 1), D(2017, 6, 30))
    assert parse_period("2016-Q4").end == D(2016, 12, 31)
    assert parse_period("Q3 2016 - Q1 2017").start == D(2016, 7, 1)
