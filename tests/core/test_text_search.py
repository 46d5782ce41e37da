"""Claims' words read a column at a time (RE2) give the same answers as reading each sentence with Python's re."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.measures import _ANY_GROUP, _MEASURES, _MONEY, measure_names, read_measure
from reviewer.core.places import PlacesInText
from reviewer.core.text_search import Texts, first_match, masked, matching, re2_accepts

_WORDS = ["Bogotá", "Malmö", "KİLLED", "GazaÉcosse",
          "killed", "Killed", "deaths", "died", "injured", "wounded", "displaced", "IDPs", "unemployment", "rate",
          "22.1%", "per cent", "cases", "tests", "population", "GDP", "$4bn", "prices", "children", "women",
          "journalists", "medical", "in", "the", "UK", "France", "London", "Gaza", "Iraq", "Body", "Count",
          "worldwide", "Syrian", "Observatory", "US-led", "coalition", "said", "1,234", "at", "least", "Britain's",
          "Ninewa", "North", "East", "—", "é", "Médecins", "Sans", "Frontières", "\n", "toll", "lives", "cpi"]
_SENTENCES = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=12).map(" ".join)


def test_every_pattern_run_over_a_column_is_one_re2_takes():
    # A pattern RE2 refuses would still give the right answer, a sentence at a time: this keeps them all fast.
    patterns = [p for p, _ in _MEASURES] + [_MONEY, _ANY_GROUP]
    finder = PlacesInText(["London, United Kingdom", "North East", "Ninewa"], ["Iraq Body Count", "Syrian Observatory"])
    patterns += [finder._world, finder._not_places, finder._known]
    assert [p.pattern for p in patterns if p is not None and not re2_accepts(p.pattern)] == []


@settings(max_examples=150, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=30))
def test_a_column_of_sentences_reads_the_measure_each_sentence_reads_alone(sentences):
    assert list(measure_names(pd.Series(sentences, dtype=object))) == [read_measure(s).name for s in sentences]


@settings(max_examples=150, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=30))
def test_a_column_of_sentences_finds_the_place_each_sentence_names_alone(sentences):
    finder = PlacesInText(["London, United Kingdom", "North East", "Ninewa", "Gaza", "Bogotá, Colombia", "Malmö"],
                          ["Iraq Body Count", "Syrian Observatory"])
    one_by_one = []
    for sentence in sentences:
        assert finder._not_places is not None
        words = finder._not_places.sub("_", sentence)
        one_by_one.append(PlacesInText(["London, United Kingdom", "North East", "Ninewa", "Gaza", "Bogotá, Colombia",
                                        "Malmö"],
                                       ["Iraq Body Count", "Syrian Observatory"])._place_in(sentence, words))
    assert finder.places_in(sentences) == one_by_one


def test_a_place_named_in_a_sentence_is_found_among_many():
    finder = PlacesInText(["London, United Kingdom", "Ninewa"], ["Iraq Body Count"])
    texts = ["Iraq Body Count said 352 were killed", "deaths in the UK passed 100,000",
             "unemployment in London hit 6.3%", "12 killed in Ninewa", "the toll worldwide", "nothing here"] * 3
    assert finder.places_in(texts) == ["", "United Kingdom", "London, United Kingdom", "Ninewa", "World", ""] * 3


def test_a_pattern_re2_refuses_is_run_with_python_re_with_the_same_answer():
    behind = re.compile(r"(?<=at least )\d+", re.IGNORECASE)
    texts = Texts(["At least 352 died", "352 died", ""])
    assert not re2_accepts(behind.pattern)
    assert list(matching(texts, behind)) == [True, False, False]
    assert list(first_match(texts, behind.pattern)) == ["", "", ""]  # case as written: "At" is not "at"
    assert list(masked(texts, behind).values) == ["At least _ died", "352 died", ""]


def test_missing_cells_match_nothing_and_an_empty_column_is_empty():
    texts = Texts(np.array(["killed", None], dtype=object))
    assert list(matching(texts, "kill")) == [True, False]
    assert len(matching(Texts([]), "kill")) == 0
    assert list(first_match(Texts(["in Gaza", "none"]), r"\bGaza\b")) == ["Gaza", ""]


def test_a_place_or_a_measure_with_letters_beyond_ascii_is_read_as_python_reads_it():
    finder = PlacesInText(["Bogotá, Colombia", "Malmö", "Gaza"], ["Iraq Body Count"])
    assert finder.places_in(["Deaths in Bogotá rose to 40", "Three killed in Malmö on Monday", "GazaÉcosse"]) == \
        ["Bogotá, Colombia", "Malmö", finder._place_in("GazaÉcosse", "GazaÉcosse")]
    assert list(measure_names(pd.Series(["40 KİLLED İN ATTACK"], dtype=object))) == \
        [read_measure("40 KİLLED İN ATTACK").name]


@settings(max_examples=150, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=30))
def test_masked_texts_read_as_python_masks_them_and_match_as_freshly_made_texts(sentences):
    aliases = re.compile(r"\b(?:Iraq Body Count|Syrian Observatory|Médecins Sans Frontières)\b", re.IGNORECASE)
    result = masked(Texts(sentences), aliases)
    assert list(result.values) == [aliases.sub("_", s) for s in sentences]
    killed = re.compile(r"\bkilled\b", re.IGNORECASE)
    assert list(matching(result, killed)) == list(matching(Texts([aliases.sub("_", s) for s in sentences]), killed))
