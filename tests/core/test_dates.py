from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer.core.claim_periods import period_in_text, period_phrase
from reviewer.core.dates import detect_day_first, parse_period, parse_periods, period_label

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


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("H1 2017", "2017-01-01", "2017-06-30"), ("second half of 2016", "2016-07-01", "2016-12-31"),
     ("2014–17", "2014-01-01", "2017-12-31"), ("2014-15", "2014-01-01", "2015-12-31"),
     ("2014-12", "2014-12-01", "2014-12-31"), ("Sunday, 30 April 2017", "2017-04-30", "2017-04-30"),
     ("Aug 2014 - present", "2014-08-01", None), ("Apr 2017 to date", "2017-04-01", None),
     ("20170430", "2017-04-30", "2017-04-30"), ("end of April 2017", "2017-04-30", "2017-04-30"),
     ("by the end of 2016", "2016-12-31", "2016-12-31"), ("04/2017", "2017-04-01", "2017-04-30"),
     ("2017.04.30", "2017-04-30", "2017-04-30"), ("w/e 30 April 2017", "2017-04-24", "2017-04-30")],
)
def test_half_years_short_year_ranges_weekdays_and_open_ends(text: str, start: str, end: str | None) -> None:
    period = parse_period(text)
    assert period.problem is None
    assert str(period.start) == start and (str(period.end) if period.end else None) == end


@pytest.mark.parametrize("text", ["2016/17", "mid-2017", "late 2016", "20171340"])
def test_what_could_mean_two_things_is_not_guessed(text: str) -> None:
    assert parse_period(text).is_empty and parse_period(text).problem


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("The coalition acknowledged at least 352 civilian deaths since 2014", "since 2014"),
     ("In March 2017 alone, over 1,000 civilians were killed", "March 2017"),
     ("Between May 2017 and June 2017 there were 500 deaths", "May 2017 to June 2017"),
     ("A strike killed 105 people in Mosul on the 17th of March 2017", "17th March 2017"),
     ("1,000 died during the first half of 2017", "first half of 2017"),
     ("about 300 deaths in 2016 and 400 in 2017", None), ("No period here", None),
     ("The coalition killed 1,000 civilians by the end of 2016", "by 2016"),
     ("Since 2014, and by April 2017, some 3,000 died", "2014 to April 2017")],
)
def test_the_period_a_claims_words_give(text: str, phrase: str | None) -> None:
    assert period_in_text(text) == phrase
    if phrase:
        assert parse_period(phrase).problem is None


@pytest.mark.parametrize(("text", "kind"), [
    ("Brazil's deaths in March 2021 were 66,000", "named"),
    ("Italy's Covid toll passed 100,000 in April 2021", "reached"),
    ("Deaths reached 1,591 in 2024", "reached"), ("Unemployment hit 6.3% in 2020", "named"),
    ("Brazil's monthly Covid deaths rose to 66959 in March 2021", "named"),
    ("500 killed in the West Bank so far in 2024", "named"),
    ("352 civilian deaths since the air war began in 2014", "since"),
    ("Between May 2017 and June 2017 there were 500 deaths", "span"),
    ("352 civilian deaths since 2014", "since"), ("1,000 killed by the end of 2016", "by")])
def test_a_period_the_words_name_says_whether_a_total_was_reached_in_it(text: str, kind: str) -> None:
    found = period_phrase(text)
    assert found is not None and found[1] == kind


@given(st.text(max_size=80), st.sampled_from(["", " since 2014", " in March 2017", " on 3 May 2017"]))
def test_any_claim_text_gives_a_readable_period_or_none(text: str, tail: str) -> None:
    phrase = period_in_text(text + tail)
    assert phrase is None or parse_period(phrase).problem is None


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [("2016-01-01", "2016-12-31", "2016"), ("2017-03-01", "2017-03-31", "March 2017"),
     ("2017-01-01", "2017-03-31", "Q1 2017"), ("2017-07-01", "2017-12-31", "H2 2017"),
     ("2017-03-17", "2017-03-17", "17 March 2017"), ("2014-01-01", "2016-12-31", "2014 to 2016"),
     ("2014-08-01", "2017-04-30", "August 2014 to April 2017"),
     ("2017-03-02", "2017-03-19", "2–19 March 2017"), ("2017-03-02", "2017-04-19", "2017-03-02 to 2017-04-19")],
)
def test_a_period_is_named_as_people_name_it(start: str, end: str, label: str) -> None:
    assert period_label(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == label
    period = parse_period(label.replace(" to ", " - ") if "-" not in label else label)
    assert (str(period.start), str(period.end)) == (start, end)


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [("2016-01-01", "2016-12-31", "2016"), ("2014-01-01", "2016-12-31", "2014–2016"), ("2017-03-01", "2017-03-31",
                                                                                        "2017-03"),
     ("2017-03-17", "2017-03-17", "2017-03-17"), ("2017-03-19", "2017-03-21", "2017-03-19 – 2017-03-21")],
)
def test_a_period_in_a_narrow_column(start: str, end: str, label: str) -> None:
    assert period_label(dt.date.fromisoformat(start), dt.date.fromisoformat(end), short=True) == label


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("17-Mar-17", "2017-03-17", "2017-03-17"), ("Mar-17", "2017-03-01", "2017-03-31"),
     ("Jan.–Mar. 2017", "2017-01-01", "2017-03-31"), ("März 2017", "2017-03-01", "2017-03-31"),
     ("17. März 2017", "2017-03-17", "2017-03-17"), ("1er avril 2017", "2017-04-01", "2017-04-01"),
     ("août 2016", "2016-08-01", "2016-08-31"), ("17 de marzo de 2017", "2017-03-17", "2017-03-17"),
     ("Dez 2016 - Feb 2017", "2016-12-01", "2017-02-28"),
     # notes, marks and times after a date leave the date
     ("30 April 2017 (updated 2 May)", "2017-04-30", "2017-04-30"), ("2017-04-30*", "2017-04-30", "2017-04-30"),
     ("30/04/2017 [1]", "2017-04-30", "2017-04-30"), ("March 2017†", "2017-03-01", "2017-03-31"),
     ("(30 April 2017)", "2017-04-30", "2017-04-30"), ("30 April 2017, 14:00", "2017-04-30", "2017-04-30"),
     ("30 April 2017 at 2:30 pm", "2017-04-30", "2017-04-30")],
)
def test_excel_short_dates_other_languages_and_notes_after_a_date(text: str, start: str, end: str) -> None:
    period = parse_period(text)
    assert period.problem is None and (str(period.start), str(period.end)) == (start, end)


@pytest.mark.parametrize("text", ["2017-03-17T10:00:00Z", "2017-03-17 00:00:00+00:00", "2017-03-17T10:00:00.000Z",
                                  "2017-03-17T23:30+03:00", "2017-03-17 10:00 UTC"])
def test_a_time_of_day_and_its_zone_leave_the_day(text: str) -> None:
    assert parse_period(text).start == D(2017, 3, 17) and parse_period(text).precision == "day"
    column = parse_periods(pd.Series([text, "2017-03-18"]))  # the fast path for a column agrees
    assert column["start"].iloc[0] == pd.Timestamp("2017-03-17") and column["problem"].isna().all()


@pytest.mark.parametrize("text", ["(est.)", "*", "c. 2016"])
def test_a_note_or_a_vague_year_alone_is_no_date(text: str) -> None:
    assert parse_period(text).is_empty and parse_period(text).problem


@given(st.integers(min_value=1900, max_value=2100), st.integers(min_value=1, max_value=12))
def test_early_mid_and_late_are_the_thirds_of_a_month(year: int, month: int) -> None:
    name = dt.date(year, month, 1).strftime("%B")
    early, mid, late = (parse_period(form.format(f"{name} {year}")) for form in ("early {}", "mid-{}", "late {}"))
    whole = parse_period(f"{name} {year}")
    assert (early.start, early.end) == (whole.start, dt.date(year, month, 10))
    assert (mid.start, mid.end) == (dt.date(year, month, 11), dt.date(year, month, 20))
    assert (late.start, late.end) == (dt.date(year, month, 21), whole.end)
