"""Measures: what a figure counts or measures (deaths, injured, cases, population, unemployment rate …)
and its unit (a count, a percent or rate, money), read from column and metric names and a claim's words.

A level (a population, a rate, a price) is a value at a time: it is never added up over time or places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from reviewer.core.frames import Coded, each_distinct
from reviewer.core.text_search import Texts, matching

__all__ = ["COUNT", "MONEY", "PERCENT", "Measure", "claim_units", "group_of", "measure_names", "read_measure",
           "say_percent", "says_percent"]

COUNT, PERCENT, MONEY = "count", "percent", "money"


@dataclass(frozen=True, slots=True)
class Measure:
    name: str  # "" when the words say nothing of what is counted
    unit: str  # count, percent, money; "" when not known
    level: bool = False


# In order: the first that the words speak of decides ("deaths per 100,000" is a rate, "injured" not deaths).
_MEASURES: list[tuple[re.Pattern[str], Measure]] = [
    (re.compile(r"unemploy", re.I), Measure("unemployment rate", PERCENT, level=True)),
    (re.compile(r"inflation|\bcpi\b|consumer price", re.I), Measure("inflation rate", PERCENT, level=True)),
    (re.compile(r"mortality rate|death rate|case fatality|\bcfr\b|per (?:100|1,?000|100,?000|million)\b|"
                r"per capita", re.I), Measure("rate", PERCENT, level=True)),
    (re.compile(r"\bgdp\b|gross domestic", re.I), Measure("GDP", MONEY, level=True)),
    # An income only of someone ("median income"): the World Bank's "Low income", "High income" are groups
    # of countries.
    (re.compile(r"\bprices?\b|\bcosts?\b|\bwages?\b|\bsalar(?:y|ies)\b|"
                r"\b(?:median|average|mean|household|disposable|personal|annual|per capita)\s+incomes?\b", re.I),
     Measure("price", MONEY, level=True)),
    (re.compile(r"population|popestimate|\bpop\b|inhabitants|\bresidents\b|people living", re.I),
     Measure("population", COUNT, level=True)),
    (re.compile(r"increase rate|growth rate|\brate\b|percent|per cent|\bshare\b|%|\bpct\b", re.I),
     Measure("rate", PERCENT, level=True)),
    (re.compile(r"death|dead|\bdie[ds]?\b|dying|kill|fatalit|\btoll\b|\blives\b", re.I),
     Measure("deaths", COUNT)),
    (re.compile(r"injur|wound|hurt", re.I), Measure("injured", COUNT)),
    (re.compile(r"displac|refugee|\bidps?\b|fled|homeless", re.I), Measure("displaced", COUNT)),
    (re.compile(r"missing", re.I), Measure("missing", COUNT)),
    (re.compile(r"detain|arrest|prisoner|abduct|kidnap", re.I), Measure("detained", COUNT)),
    (re.compile(r"recover", re.I), Measure("recovered", COUNT)),
    (re.compile(r"vaccin|\bdoses?\b|\bjabs?\b", re.I), Measure("vaccinations", COUNT)),
    (re.compile(r"\btests?\b|\btested\b|testing", re.I), Measure("tests", COUNT)),
    (re.compile(r"hospitali[sz]|admission|\bicu\b", re.I), Measure("hospitalised", COUNT)),
    (re.compile(r"\bcases?\b|confirmed|infect|positive", re.I), Measure("cases", COUNT)),
    # Last: "had 37.2 million people" is a population only when the words count nothing else ("4 million
    # people displaced" are the displaced).
    (re.compile(r"\b(?:ha[sd]|have|home to)\s+(?:about |some |nearly |almost |around |over |more than )?"
                r"[\d.,]+\s*(?:million|billion|m|bn)?\s+(?:people|inhabitants)\s*(?:[.,;]|$)", re.I),
     Measure("population", COUNT, level=True)),
]
# Money: a currency's sign or name; "euro" only beside a number ("the euro area" is a place).
_MONEY = re.compile(r"[$€£¥]|\busd\b|\beur\b|\bgbp\b|dollar|\beuros\b|(?:\d|\bmillion|\bbillion|\bbn)\s*euro\b|"
                    r"pound|\bcurrent us\b", re.I)
_PERCENT_FIGURE = re.compile(r"%|\bper ?cent\b|\bpercent(?:age)?\b|\bpct\b|\bpercentage points?\b", re.I)
_NONE = Measure("", "")


# Who among the counted, when only some ("killed_children_cum", "journalists killed"): a count of its own.
_GROUPS = [(re.compile(p, re.I), name) for p, name in (
    (r"child|\bminors?\b|\bkids\b|\bboys\b|\bgirls\b", "children"), (r"women|\bfemale", "women"),
    (r"\badults?\b", "adults"),
    (r"(?:^|_|\b)med(?:_|\b)|medic|health ?(?:care )?workers|doctors|nurses|paramedic", "medical staff"),
    (r"press|journalist|media workers|reporters", "journalists"), (r"civdef|civil defen[cs]e", "civil defence"),
    (r"soldier|military personnel|\btroops\b|\bidf\b|servicem[ae]n", "soldiers"),
    (r"aid workers|humanitarian workers|\bun staff|unrwa staff", "aid workers"))]


_ANY_GROUP = re.compile("|".join(f"(?:{p.pattern})" for p, _ in _GROUPS), re.IGNORECASE)


def group_of(text: str) -> str:
    """Which of the counted a name speaks of ("killed_children_cum": children), or ""."""
    words = text.replace("_", " ")
    for pattern, name in _GROUPS:
        if pattern.search(words) or pattern.search(text):
            return name
    return ""


@lru_cache(maxsize=65_536)
def read_measure(text: str) -> Measure:
    """What a column, metric or claim speaks of; ``Measure("", "")`` when it says nothing of it. A count
    of some among the counted is a measure of its own: "deaths (children)"."""
    for pattern, measure in _MEASURES:
        if pattern.search(text):
            if measure.unit != MONEY and _MONEY.search(text) and measure.level:
                return Measure(measure.name, MONEY, level=True)
            if not measure.level and (group := group_of(text)):
                return Measure(f"{measure.name} ({group})", measure.unit)
            return measure
    if _MONEY.search(text):
        return Measure("price", MONEY, level=True)
    return _NONE


def measure_names(texts: pd.Series) -> np.ndarray:
    """``read_measure(t).name`` of every text, a pattern at a time over the column (RE2, in C): a hundred
    thousand claims' sentences are read in a few column passes rather than a pattern loop per sentence."""
    # Each distinct text once: a column of a hundred thousand empty cells is one empty text.
    coded = Coded.of(texts.fillna("").astype(str))
    return coded.each(_measure_names(Texts(coded.texts)))


def _measure_names(words: Texts) -> np.ndarray:
    names = np.full(len(words), "", dtype=object)
    open_ = np.ones(len(words), dtype=bool)
    searched, where = words, np.arange(len(words))  # the texts searched, and their positions in ``words``
    for pattern, measure in _MEASURES:
        still = open_[where]
        if not still.any():
            break
        if still.sum() * 2 < len(where):  # most are read: search only the rest from now on
            searched, where = searched.take(np.flatnonzero(still)), where[still]
            still = np.ones(len(where), dtype=bool)
        hit = where[matching(searched, pattern) & still]
        names[hit] = measure.name
        open_[hit] = False
    # The few that need more (money, a sub-group) are read one by one, as ``read_measure`` reads them.
    money = matching(words, _MONEY)
    for i in np.flatnonzero(money | (~open_ & matching(words, _ANY_GROUP))):
        names[i] = read_measure(str(words.values[i])).name
    return names


def says_percent(text: str) -> bool:
    """Whether a figure as written is a percent ("14.57%", "3.5 per cent")."""
    return bool(_PERCENT_FIGURE.search(text))


def say_percent(texts: pd.Series) -> np.ndarray:
    """``says_percent`` of each text, the column at once."""
    return matching(Texts(texts.fillna("").astype(str).to_numpy(dtype=object)), _PERCENT_FIGURE)


def claim_units(figure_texts: pd.Series, measures: pd.Series) -> np.ndarray:
    """Each claim's unit: percent when its figure is written as one or what it measures is a rate,
    else a count or money as its measure says, else "" (a plain number)."""
    percent = say_percent(figure_texts)
    return np.where(percent, PERCENT, each_distinct(measures, _unit_of)).astype(object)


@lru_cache(maxsize=4_096)
def _unit_of(measure: str) -> str:
    measure = measure.split(" (")[0]
    for _, known in _MEASURES:
        if known.name == measure:
            return known.unit
    return ""
