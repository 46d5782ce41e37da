"""The one step, once per workbook, that turns the places and measures files and claims write into the
names Reviewer compares: "US" and "United_States" are the United States, "Deaths" and "killed" are deaths.

It runs after every sheet is read, because a claim's place may be one that only a reference file names
("Ninewa").
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np
import pandas as pd

from reviewer.core.aliases import DEFAULT_ALIASES
from reviewer.core.frames import Coded, distinct_rows, each_distinct
from reviewer.core.measures import COUNT, PERCENT, group_of, measure_names, read_measure, say_percent, says_percent
from reviewer.core.places import WORLD_NAME, PlacesInText, canonical_places, country_in_name
from reviewer.core.series import places_named

__all__ = ["canonical_claims", "canonical_references", "canonical_workbook", "prepare"]

_WORLD_FILE = re.compile(r"world|global|international", re.IGNORECASE)


@lru_cache(maxsize=16_384)
def _reference_measure(raw: str) -> tuple[str, str, bool]:
    """A reference row's measure, unit and whether it is a level, from the text that names it; a name
    Reviewer does not know ("figure_text", "une_rt_a") leaves the measure open ("")."""
    measure = read_measure(raw)
    unit = measure.unit or (PERCENT if says_percent(raw) else "")
    return measure.name, unit, measure.level or unit == PERCENT


def _measure_by_file(raw_and_file: str) -> str:
    raw, _, stem = raw_and_file.partition("\x1f")
    of_file = read_measure(stem)
    if not of_file.name or of_file.level or " (" in of_file.name:
        return ""
    group = group_of(raw)
    return f"{of_file.name} ({group})" if group else of_file.name


# What a reference row's canonical place, measure and unit depend on: its own labels and its file's name.
_LABELS = ["place", "measure", "metric", "file", "source", "unit"]


def canonical_references(references: pd.DataFrame) -> pd.DataFrame:
    """The rows with canonical places and measures, units, and kind ``level`` for levels."""
    if references.empty:
        return references
    # A million rows hold a few hundred distinct labellings: each is read once, and its reading given
    # back to its rows.
    codes, labels = distinct_rows(references, _LABELS)
    read = _canonical_labels(labels.reset_index(drop=True))
    frame = references.copy(deep=False)  # columns are replaced, never written into (pandas copies on write)
    for column in ("place", "metric", "measure", "unit"):
        frame[column] = pd.Series(read[column].to_numpy(dtype=object)[codes], index=frame.index, dtype=object)
    level = read["level"].to_numpy(dtype=bool)[codes]
    if level.any():
        frame.loc[level, "kind"] = "level"
        # A level is of its period's start ("2016" is the 2016 figure), whatever kind the rows looked like.
        starts = frame["period_start"].where(frame["period_start"].notna(), frame["date"])
        frame.loc[level, "date"] = starts[level]
    return frame


def _canonical_labels(labels: pd.DataFrame) -> pd.DataFrame:
    """Each distinct labelling's canonical place, metric, measure and unit, and whether it is a level."""
    frame = labels.copy()
    place = canonical_places(frame["place"].fillna(""))
    raw = frame["measure"].fillna("").astype(str)
    # A column that names its place among its words ("killed_in_lebanon", "palestine_total") is that place's.
    unnamed = (place == "").to_numpy(dtype=bool)
    if unnamed.any():
        named = each_distinct(raw.where(raw.str.strip() != "", frame["metric"].fillna("").astype(str)),
                               country_in_name)
        place = place.where(~(unnamed & (named != "")), pd.Series(named, index=frame.index, dtype=object))
    # A file about the world ("worldwide-aggregate.csv") names no place in its rows: its rows are the world's.
    unnamed = (place == "").to_numpy(dtype=bool)
    if unnamed.any():
        about_world = each_distinct(frame["file"], lambda f: _WORLD_FILE.search(f) is not None).astype(bool)
        place = place.where(~(unnamed & about_world), WORLD_NAME)
    # A file about one place names it in its name ("gaza-casualties-daily.csv"), not in its rows.
    unnamed = (place == "").to_numpy(dtype=bool)
    if unnamed.any():
        of_file = each_distinct(frame["file"].fillna(""), lambda f: country_in_name(f.rsplit(".", 1)[0]))
        place = place.where(~(unnamed & (of_file != "")), pd.Series(of_file, index=frame.index, dtype=object))
    frame["place"] = place
    # Columns read as rows keep their own names as their series' names: two columns of one measure and
    # place ("palestine_total", "palestine_unknown") stay two series, never mixed.
    metric = frame["metric"].fillna("").astype(str)
    several = raw.groupby(frame["source"].astype(str)).transform("nunique").to_numpy() > 1
    frame["metric"] = metric.where((metric != "") | ~several, raw)
    # What is counted: as the measure column says, else the metric ("Likely" says nothing), else the file's name.
    known = each_distinct(raw, lambda t: bool(read_measure(t).name)).astype(bool)
    text = raw.where(known, frame["metric"].fillna("").astype(str))
    # A million rows name a handful of measures: each distinct text is read once, its three answers together.
    codes, uniques = pd.factorize(text.to_numpy(dtype=object), use_na_sentinel=False)
    read = [_reference_measure(str(u)) for u in uniques]
    name = np.array([r[0] for r in read] or [""], dtype=object)[codes]
    unit = np.array([r[1] for r in read] or [""], dtype=object)[codes]
    level = np.array([r[2] for r in read] or [False], dtype=bool)[codes]
    # A column that says only whose figures they are ("palestine_total", "israel_children") counts what its
    # file is of ("daily-killed-cumulative.csv"): deaths, of children where it says so.
    unread = name == ""
    if unread.any():
        rows = np.flatnonzero(unread)
        # Each distinct (text, file) pair is read once; a million rows hold a handful.
        text_codes, texts = pd.factorize(text.to_numpy(dtype=object)[rows], use_na_sentinel=False)
        file_codes, files = pd.factorize(frame["file"].fillna("").astype(str).to_numpy(dtype=object)[rows],
                                         use_na_sentinel=False)
        pair_codes, pairs = pd.factorize(text_codes.astype(np.int64) * len(files) + file_codes)
        read_pairs = [_measure_by_file(f"{texts[p // len(files)]}\x1f{str(files[p % len(files)]).rsplit('.', 1)[0]}")
                      for p in pairs]
        of_file = np.array(read_pairs or [""], dtype=object)[pair_codes]
        use = rows[of_file != ""]
        name[use], unit[use] = of_file[of_file != ""], COUNT
    frame["measure"] = name
    given_unit = frame["unit"].fillna("").astype(str)
    frame["unit"] = given_unit.where(given_unit != "", pd.Series(unit, index=frame.index, dtype=object))
    frame["level"] = level
    return frame


_PERCENT_WORDS = re.compile(r"\d+(?:\.\d+)?\s*(?:%|per ?cent\b|percent\b)|\bshare\b|\bper ?cent\b|\bpercent\b",
                            re.IGNORECASE)


def canonical_claims(claims: pd.DataFrame, references: pd.DataFrame) -> pd.DataFrame:
    """The claims with canonical places (from their place column, else their words) and measures (from
    their measure or metric column, else their figure, else their words)."""
    if claims.empty:
        return claims
    frame = claims.copy(deep=False)
    # What the claims' words count is read beside where they are about: RE2 lets go of the interpreter,
    # so a hundred thousand claims' two readings share the machine's cores.
    with ThreadPoolExecutor(max_workers=1) as beside:
        # Needed unless every claim's measure column says what it counts.
        unsaid = "text" in frame and ("measure" not in frame or (frame["measure"].fillna("") == "").any())
        words_measure = beside.submit(measure_names, frame["text"]) if unsaid else None
        place = _claim_places(frame, references)
        text_measures = words_measure.result() if words_measure is not None else None
    frame["place"] = place
    measure = np.full(len(frame), "", dtype=object)
    for column in ("measure", "metric", "figure_text", "text"):
        if column not in frame:
            continue
        # "22.1%" says a rate, and the words may say which ("unemployment rate"): a later column may tell more.
        open_ = (measure == "") | (measure == "rate")
        if not open_.any():
            break
        if column == "text":
            read = text_measures.copy() if text_measures is not None else measure_names(frame["text"])
            grouped = np.flatnonzero(open_ & np.array([" (" in str(n) for n in read], dtype=bool))
            for i in grouped:  # a sub-group only when said of the figure itself
                read[i] = _measure_in_words(str(frame["text"].iloc[i]), str(frame["figure_text"].iloc[i]))
        else:
            read = measure_names(frame[column])
        measure = np.where(open_ & (read != "") & ((measure == "") | (read != "rate")), read, measure)
    # "Deaths rose 20% to 34,000" counts deaths: a percent in the words makes a rate only when the figure
    # itself is one; the words are read again without it.
    rated = np.flatnonzero((measure == "rate") & ~say_percent(frame["figure_text"]))
    if len(rated):
        words = frame["text"].fillna("").astype(str).iloc[rated].str.replace(_PERCENT_WORDS, " ", regex=True)
        again = measure_names(words)
        measure[rated] = np.where((again != "") & (again != "rate"), again, measure[rated])
    frame["measure"] = measure
    return frame


def _claim_places(frame: pd.DataFrame, references: pd.DataFrame) -> pd.Series:
    """Each claim's place: from its place column, else from its words."""
    place = canonical_places(frame["place"].fillna(""))
    missing = (place == "").to_numpy(dtype=bool)
    if missing.any():
        known = places_named(references)
        finder = PlacesInText(known, [m for members in DEFAULT_ALIASES.values() for m in members])
        texts = Coded.of(frame["text"].fillna("").astype(str))
        found = np.empty(len(texts.texts), dtype=object)
        found[:] = finder.places_in([str(t) for t in texts.texts])
        place = place.where(~missing, pd.Series(texts.each(found), index=frame.index))
    return place


def canonical_workbook(claims: pd.DataFrame, references: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Claims and references of one workbook, their places and measures read as Reviewer compares them."""
    references = canonical_references(references)
    return canonical_claims(claims, references), references


_AMONG = re.compile(r"\b(?:including|among (?:them|whom)|of (?:them|whom)|many of|most of)\b|\bincl\.",
                    re.IGNORECASE)


def _measure_in_words(text: str, figure: str) -> str:
    """What a claim's words count. Some among the counted ("children") only when said of the figure
    itself ("9,100 children were killed"), not elsewhere ("300 killed, among them 50 children")."""
    measure = read_measure(text)
    if " (" not in measure.name:
        return measure.name
    at, end = -1, -1
    digits = re.sub(r"\D", "", figure)
    for number in re.finditer(r"\d[\d,.' ]*\d|\d", text) if digits else ():
        if re.sub(r"\D", "", number.group(0)) == digits:  # "9280" or "9,280", as the figure says
            at, end = number.start(), number.end()
            break
    if at < 0:
        # The figure stands apart from the words ("Women killed in Gaza" | 11,429): they say what it counts,
        # unless they name the group only among the counted ("Gaza death toll, including children").
        said = _AMONG.split(text, maxsplit=1)[0]
        return measure.name if read_measure(said).name == measure.name else measure.name.split(" (")[0]
    near = text[end:end + 24]
    return measure.name if near and read_measure(f"killed {near}").name == measure.name else \
        measure.name.split(" (")[0]


def prepare() -> None:
    """Load what reading places and measures needs (the country names, the patterns), so that the
    first workbook opened does not wait for it: the app calls this as it starts."""
    sample = pd.Series(["Italy's Covid toll passed 140,000 deaths, 22.1% of them in Lombardy"], dtype=object)
    canonical_places(sample)
    PlacesInText(["Lombardy"]).places_in(sample.tolist())
    measure_names(sample)
    say_percent(sample)
