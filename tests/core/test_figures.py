from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer.core.figures import figure_in_text, parse_figure, parse_figures

NAN = math.nan


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [
        ("1139", 1139, 1139, 1139, None),
        ("1,335", 1335, 1335, 1335, None),
        ("at least 352", None, 352, None, "at least"),
        ("over 3,000", None, 3000, None, "over"),
        ("more than 3,200", None, 3200, None, "more than"),
        ("3,000+", None, 3000, None, "at least"),
        ("up to 50", None, None, 50, "up to"),
        ("804 to 1,213", None, 804, 1213, None),
        ("6,500–10,000", None, 6500, 10000, None),
        ("3 – 7", None, 3, 7, None),
        ("3-7", None, 3, 7, None),
        ("between 10 and 20", None, 10, 20, None),
        ("about 300", 300, None, None, "about"),
        ("some 40", 40, None, None, "some"),
        ("nearly 1,000", 1000, None, None, "nearly"),
        ("352 civilians", 352, 352, 352, None),
        ("3.2 million", 3_200_000, 3_200_000, 3_200_000, None),
        ("  1 004  ", 1004, 1004, 1004, None),
    ],
)
def test_figures_are_read_as_written(text: str, value: float | None, low: float | None, high: float | None,
                                     qualifier: str | None) -> None:
    figure = parse_figure(text)
    assert (figure.value, figure.low, figure.high, figure.qualifier) == (value, low, high, qualifier)
    assert figure.problem is None
    assert figure.text == text


@pytest.mark.parametrize("text", ["Unknown", "n/a", "N/A", "-", "not known"])
def test_words_for_unknown_are_known_to_be_unknown(text: str) -> None:
    figure = parse_figure(text)
    assert figure.is_empty and figure.problem is None and figure.qualifier == "unknown"


@pytest.mark.parametrize("text", ["lots", "1,33", "3 or 4 hundred", "7 to 3", "at least 3 to 5", "12 May"])
def test_what_cannot_be_read_says_so_and_keeps_the_text(text: str) -> None:
    figure = parse_figure(text)
    assert figure.is_empty
    assert figure.problem and text[:5] in figure.problem


def test_the_column_reader_agrees_with_the_single_reader() -> None:
    texts = ["1139", "1,335", "at least 352", "804 to 1,213", "about 300", "lots", "", "over 3,000", "3,000+",
             "Unknown", "7 to 3", "  42 "]
    column = parse_figures(pd.Series(texts))
    for i, text in enumerate(texts):
        single = parse_figure(text)
        for field in ("value", "low", "high"):
            expected = getattr(single, field)
            got = column[field].iloc[i]
            assert (math.isnan(got) and expected is None) or got == expected, (text, field)
        assert (None if pd.isna(column["qualifier"].iloc[i]) else column["qualifier"].iloc[i]) == single.qualifier
        assert pd.isna(column["problem"].iloc[i]) == (single.problem is None), text


@given(st.text(max_size=60))
def test_any_text_gives_a_reading_or_a_problem_never_an_exception(text: str) -> None:
    figure = parse_figure(text)
    assert figure.text == text
    if figure.problem is None and not figure.is_empty:
        numbers = [x for x in (figure.value, figure.low, figure.high) if x is not None]
        assert all(math.isfinite(x) for x in numbers)
        if figure.low is not None and figure.high is not None:
            assert figure.low <= figure.high


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["{:,}", "{}", "at least {:,}", "about {}"]))
def test_written_numbers_come_back(number: int, form: str) -> None:
    figure = parse_figure(form.format(number))
    stated = figure.value if figure.value is not None else figure.low
    assert stated == number


@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_ranges_keep_both_ends(a: int, b: int) -> None:
    low, high = min(a, b), max(a, b)
    figure = parse_figure(f"{low:,}–{high:,}")
    assert (figure.low, figure.high, figure.value) == (low, high, None)


def test_a_point_between_thousands_is_never_guessed() -> None:
    assert parse_figure("7.500").is_empty and "as 7,500 or 7.5" in (parse_figure("7.500").problem or "")
    assert parse_figure("1.335.000").value == 1_335_000  # two groups can only be thousands
    assert parse_figure("2.5").value == 2.5
    column = parse_figures(pd.Series(["3.000", "1.5"]))
    assert pd.isna(column["value"].iloc[0]) and not pd.isna(column["problem"].iloc[0])
    assert column["value"].iloc[1] == 1.5


_FIGURE_PIECES = st.one_of(
    st.integers(0, 10**7).map(str), st.integers(0, 10**7).map("{:,}".format),
    st.sampled_from(["1,33", "12,3456", "3.000", "2.5", "-4", ",5", "5,", "١٢٣", "0012", "3,000+", "n/a", ""]),
)
_FIGURE_TEXTS = st.builds(
    lambda lead, phrase, a, sep, b, trail: f"{lead}{phrase}{a}{sep}{b}{trail}",
    st.sampled_from(["", " ", "\u00a0"]),
    st.sampled_from(["", "at least ", "AT LEAST ", "over ", "overall ", "about  ", "up to ", "some", "nearly\t",
                     "more than ", "around ", "between ", "~"]),
    _FIGURE_PIECES,
    st.sampled_from(["", "", " to ", "-", " – ", "to", " - ", " and "]),
    st.one_of(st.just(""), _FIGURE_PIECES),
    st.sampled_from(["", " ", " people", "\n", " since 2014", " in March 2017", " or more"]),
)


@given(st.lists(st.one_of(_FIGURE_TEXTS, st.text(max_size=12)), max_size=30))
def test_reading_a_column_at_once_gives_what_reading_each_cell_gives(texts: list[str]) -> None:
    # (A column that shows its points group thousands reads "3.000" as 3,000: tested on its own below.)
    texts = [t for t in texts if not re.match(r"^\d{1,3}(?:\.\d{3})+(?:,\d+|\.\d{3})$", t.strip())]
    column = parse_figures(pd.Series(texts, dtype=object))
    for i, text in enumerate(texts):
        single = parse_figure(text)
        for field in ("value", "low", "high"):
            expected, got = getattr(single, field), column[field].iloc[i]
            assert (expected is None and math.isnan(got)) or got == expected, (text, field)
        assert (None if pd.isna(column["qualifier"].iloc[i]) else column["qualifier"].iloc[i]) == single.qualifier, text
        assert (None if pd.isna(column["problem"].iloc[i]) else column["problem"].iloc[i]) == single.problem, text


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [("2,500*", 2500, 2500, 2500, None), ("1,234¹", 1234, 1234, 1234, None), ("352 [1]", 352, 352, 352, None),
     ("3,000 [a]", 3000, 3000, 3000, None), ("3,200 (est.)", 3200, None, None, "estimated"),
     ("3 – 7 (a)", None, 3, 7, None)],
)
def test_footnote_marks_after_a_figure_point_to_a_note_and_are_not_part_of_it(
        text: str, value: float | None, low: float | None, high: float | None, qualifier: str | None) -> None:
    figure = parse_figure(text)
    assert (figure.value, figure.low, figure.high, figure.qualifier, figure.problem) == (value, low, high, qualifier,
                                                                                          None)
    assert figure.text == text


def test_a_column_whose_points_group_thousands_reads_3_000_as_three_thousand() -> None:
    european = parse_figures(pd.Series(["1.335", "3.000", "1.335.000", "2.500,5", "12"]))
    assert european["value"].tolist()[:3] == [1335, 3000, 1335000] and european["problem"].isna().all()
    alone = parse_figures(pd.Series(["1.335", "12"]))
    assert pd.isna(alone["value"].iloc[0]) and "1,335 or 1.335" in alone["problem"].iloc[0]


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [("1.2 million people were displaced", "1.2 million"), ("At least 25 per cent of the 352 deaths", "352"),
     ("The 2nd strike killed 40", "40"), ("Reports put the dead at 12k", "12k"),
     ("The coalition acknowledged at least 352 civilian deaths since 2014", "at least 352"),
     ("On 3 May 2017 Airwars put the toll at more than 3,200 civilians", "more than 3,200")],
)
def test_the_figure_a_sentence_states(sentence: str, figure: str) -> None:
    assert figure_in_text(sentence) == figure
    assert parse_figure(figure).problem is None


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [("3,000 or more", None, 3000, None, "at least"), ("3,000-plus", None, 3000, None, "at least"),
     ("50 or fewer", None, None, 50, "at most"), ("300 or so", 300, None, None, "about"),
     ("300 approx.", 300, None, None, "about"), ("352 to 400 (est.)", None, 352, 400, None)],
)
def test_words_after_a_figure_that_bound_it(text: str, value: float | None, low: float | None, high: float | None,
                                           qualifier: str | None) -> None:
    figure = parse_figure(text)
    assert (figure.value, figure.low, figure.high, figure.qualifier, figure.problem) == (value, low, high, qualifier,
                                                                                          None)


def test_a_point_between_thousands_is_never_guessed_even_with_spaces_around() -> None:
    column = parse_figures(pd.Series(["0", " 3.000"]))
    assert pd.isna(column["value"].iloc[1]) and column["problem"].iloc[1] == parse_figure(" 3.000").problem


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [("two", 2, 2, 2, None), ("Twenty-three", 23, 23, 23, None), ("a dozen", 12, 12, 12, None),
     ("more than a dozen", None, 12, None, "more than"), ("three hundred and twenty", 320, 320, 320, None),
     ("some two thousand", 2000, None, None, "some"), ("≈3,000", 3000, None, None, "about"),
     ("1,3 million", 1_300_000, 1_300_000, 1_300_000, None)],
)
def test_figures_written_in_words_or_with_a_decimal_comma(text: str, value: float | None, low: float | None,
                                                          high: float | None, qualifier: str | None) -> None:
    figure = parse_figure(text)
    assert (figure.value, figure.low, figure.high, figure.qualifier, figure.problem) == (value, low, high, qualifier,
                                                                                          None)
    row = parse_figures(pd.Series([text, "5"])).iloc[0]  # a whole column reads it the same
    assert [None if pd.isna(row[c]) else row[c] for c in ("value", "low", "high")] == [value, low, high]


@pytest.mark.parametrize("text", ["dozens", "hundreds", "a few", "many"])
def test_vague_words_for_many_are_not_numbers(text: str) -> None:
    assert parse_figure(text).is_empty and parse_figure(text).problem


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [("nearly 6,000 civilians since 2014", 6000, None, None, "nearly"), ("1,000 in March 2017", 1000, 1000, 1000, None),
     ("352 as of 30 April 2017", 352, 352, 352, None), ("over 3,000 between 2014 and 2017", None, 3000, None, "over")],
)
def test_a_period_said_after_the_figure_is_not_part_of_it(text: str, value: float | None, low: float | None,
                                                          high: float | None, qualifier: str | None) -> None:
    figure = parse_figure(text)
    assert (figure.value, figure.low, figure.high, figure.qualifier, figure.problem) == (value, low, high, qualifier,
                                                                                          None)


@pytest.mark.parametrize("text", ["since 2014", "3,000 in 2,014 places", "12 May 2017"])
def test_a_year_alone_after_words_is_still_no_figure(text: str) -> None:
    assert parse_figure(text).problem


@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=0, max_value=99),
       st.sampled_from(["{}%", "{} %", "{} per cent", "{} percent"]))
def test_a_percent_is_its_number(whole: int, hundredths: int, form: str) -> None:
    number = f"{whole:,}.{hundredths:02d}"
    for text in (form.format(number), form.format(f"{whole:,}")):
        figure = parse_figure(text)
        expected = float(text.split("%")[0].split(" p")[0].replace(",", "").strip())
        assert figure.problem is None and figure.value == pytest.approx(expected)
        assert parse_figures(pd.Series([text]))["value"].iloc[0] == pytest.approx(expected)  # the column reader agrees


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9),
       st.sampled_from([("k", 1e3), ("m", 1e6), ("bn", 1e9), (" thousand", 1e3), (" million", 1e6)]))
def test_thousands_and_millions_written_short(whole: int, tenth: int, scale: tuple[str, float]) -> None:
    word, factor = scale
    figure = parse_figure(f"{whole}.{tenth}{word}")
    assert figure.value == pytest.approx((whole + tenth / 10) * factor)


@given(st.integers(min_value=1, max_value=10_000_000), st.sampled_from(["passed", "surpassed", "topped", "exceeded"]))
def test_passed_n_is_more_than_n(n: int, verb: str) -> None:
    figure = parse_figure(f"{verb} {n:,}")
    assert (figure.value, figure.low, figure.high, figure.qualifier) == (None, n, None, "more than")
