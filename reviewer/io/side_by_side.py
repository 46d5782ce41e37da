"""Series side by side in one table: a column per source ("Date | CJTF-OIR | Airwars"), per place or
kind of one source ("Iraq killed | Syria killed"), or a range per metric ("Likely min | Likely max")."""

from __future__ import annotations

import re

import pandas as pd

from reviewer.core.aliases import source_named_in
from reviewer.core.fields import field_for_header, is_known_header
from reviewer.core.vocabulary import RUNNING_TOTAL_WORDS, plain_words
from reviewer.io.column_content import TIME_FIELDS, column_profile
from reviewer.io.place_names import place_in_header, without_place
from reviewer.io.table_edges import TOTAL

__all__ = ["columns_are_series", "measure_columns", "metric_pairs", "series_labels", "sources_with_ranges",
           "wide_columns"]


_BOUND_WORD = re.compile(r"[\s_\-(]*\b(?:min|max|minimum|maximum|low|high|lower|upper)\b[\s_\-)]*", re.IGNORECASE)

def _ranges(headers: list[str]) -> list[tuple[str, int, int]]:
    """Each pair of columns that gives a range, named by what the two headers share: "Likely min |
    Likely max" is ("Likely", 3, 4)."""
    ends: dict[str, dict[str, int]] = {}
    for index, header in enumerate(headers):
        bound = field_for_header(header)
        if bound in {"low", "high"}:
            stem = " ".join(_BOUND_WORD.sub(" ", header).split()) or header
            ends.setdefault(stem, {}).setdefault(bound, index)
    return [(stem, found["low"], found["high"]) for stem, found in ends.items() if len(found) == 2]

def sources_with_ranges(headers: list[str], mapping: dict[str, int],
                         data: pd.DataFrame) -> tuple[list[tuple[str, int, int]], list[int]] | None:
    """Sources side by side where some give ranges ("Date | Airwars min | Airwars max | CJTF-OIR"): the
    ranges and the single columns each named by a known source, or None."""
    if "low" not in mapping or "high" not in mapping or "source" in mapping:
        return None
    ranges = _ranges(headers)
    named = [r for r in ranges if source_named_in(r[0], common_words=True)]
    taken = {c for r in ranges for c in r[1:]} | set(mapping.values())
    singles = [c for c in data.columns if c not in taken and source_named_in(headers[c], common_words=True)
               and column_profile(data[c])[0] >= 0.8]
    return (named, singles) if named and len(named) + len(singles) >= 2 else None

def metric_pairs(headers: list[str], mapping: dict[str, int]) -> list[tuple[str, int, int]]:
    """Several ranges side by side ("Alleged min | Alleged max | Likely min | Likely max"): each pair is
    its own metric. A monitor's own known columns (Airwars' civilians killed) stay its one figure; of
    "Min age | Max age | Min deaths | Max deaths" the deaths are the figure (``mapping`` is updated)."""
    if "low" not in mapping or "high" not in mapping or is_known_header(headers[mapping["low"]]):
        return []
    pairs = _ranges(headers)
    # "Min age | Max age | Min deaths | Max deaths": where some ranges name deaths, only those are figures.
    of_deaths = [p for p in pairs if field_for_header(p[0]) == "figure"]
    pairs = of_deaths or pairs
    if len(pairs) == 1:  # the one range of deaths is the figure
        mapping["low"], mapping["high"] = pairs[0][1], pairs[0][2]
        return []
    return pairs

_NOT_A_SOURCE = re.compile(r"^(?:year|month|day|week|id|no|number|code|lat|latitude|lon|lng|longitude|"
                           r"geo.*|iso.*|timestamp|time|row|index|#)$", re.IGNORECASE)

def wide_columns(mapping: dict[str, int], data: pd.DataFrame, headers: list[str]) -> list[int]:
    """Columns of figures that each name a source: a dated sheet with a column per publisher
    ("Date | CJTF-OIR | Airwars", or "Date | Coalition deaths | Airwars deaths")."""
    if "source" in mapping or not any(f in mapping for f in ("date", "period", "period_start", "as_of")):
        return []
    if any(f in mapping for f in ("value", "low", "high", "text")):
        return []
    figure_named = [c for c, h in enumerate(headers) if field_for_header(h) == "figure" and c in data.columns]
    if "figure" in mapping and len(figure_named) < 2:
        return []
    candidates = figure_named if len(figure_named) >= 2 else [
        c for c in data.columns if c not in mapping.values() and not _NOT_A_SOURCE.match(headers[c].strip())
        and not headers[c].startswith("Column ") and not TOTAL.match(headers[c])]
    numeric = [c for c in candidates if (p := column_profile(data[c]))[0] >= 0.8 and p[1] < 0.5]
    return numeric if len(numeric) >= 2 else []

def columns_are_series(wide: list[int], headers: list[str], named: str | None = None) -> bool:
    """Whether columns side by side are places or kinds of one source ("Iraq killed | Syria killed")
    rather than sources ("Coalition deaths | Airwars deaths"): their names name no known source, and
    either they are words for deaths or a known source is ``named`` by the file, the sheet or a note
    ("Date | Ninewa | Anbar" in unami_by_governorate.xlsx). Bare names alone ("CJTF-OIR | SNHR") are
    sources."""
    names = [headers[c] for c in wide]
    if any(source_named_in(n, common_words=True) for n in names):
        return False
    if all(place_in_header(n) for n in names):
        return True  # "Date | China | US | United_Kingdom": a column per country
    return named is not None or all(field_for_header(n) == "figure" for n in names)


def measure_columns(mapping: dict[str, int], data: pd.DataFrame, headers: list[str]) -> list[int]:
    """Columns of figures of several measures of one source, beside a date and maybe a place: "Date |
    Country | Confirmed | Recovered | Deaths", "date | killed_in_lebanon | palestine_total", or []."""
    if "source" in mapping or not any(f in mapping for f in TIME_FIELDS):
        return []
    if any(f in mapping for f in ("value", "low", "high", "text", "measure")) or not (
            "figure" in mapping or "place" in mapping):
        return []
    candidates = [c for c in data.columns if (c == mapping.get("figure") or c not in mapping.values())
                  and not _NOT_A_SOURCE.match(headers[c].strip()) and not headers[c].startswith("Column ")
                  and not TOTAL.match(headers[c]) and not source_named_in(headers[c], common_words=True)]
    if "place" not in mapping:
        # Without a place column, only columns that name what they count or where ("Reports assessed" is
        # no measure beside "Cumulative deaths").
        candidates = [c for c in candidates if c == mapping.get("figure") or field_for_header(headers[c]) == "figure"
                      or _MEASURE_WORDS.search(headers[c]) or place_in_header(headers[c])]
    numeric = [c for c in candidates if (p := column_profile(data[c]))[0] >= 0.8 and p[1] < 0.5]
    return numeric if len(numeric) >= 2 else []


_MEASURE_WORDS = re.compile(r"confirmed|recovered|cases|infect|tests?\b|vaccin|hospital|icu\b|population|\brate\b|"
                            r"displaced|refugee|missing|detain|arrest|abduct|destroy|damaged|evacuat|homeless|"
                            r"unemploy|employ|gdp|births?\b|percent|share\b|per cent", re.IGNORECASE)


_CUMULATIVE = re.compile(rf"(?:^|[\s_\-(])(?:cum|cumul|{RUNNING_TOTAL_WORDS})(?:$|[\s_\-)])", re.IGNORECASE)




def series_labels(wide: list[int], headers: list[str]) -> dict[int, dict[str, str]]:
    """For columns that are series of one source, what each names: its place ("lebanon" of
    "killed_in_lebanon"), its measure (the rest of the name) and, when the name says so, its kind."""
    labels: dict[int, dict[str, str]] = {}
    for column in wide:
        header = headers[column].strip()
        place = place_in_header(header)
        found = {"place": place} if place else {}
        measure = without_place(header) if place else header
        if _CUMULATIVE.search(plain_words(header, split_camel_case=True)):  # "killed_cum", "cumDeaths28Days"
            found["kind"] = "cumulative"  # "killed_cum": the name says it is a running total
            measure = " ".join(_CUMULATIVE.sub(" ", measure).split()) or measure  # what is counted: "killed"
        if measure:
            found["measure"] = measure
        labels[column] = found
    return labels
