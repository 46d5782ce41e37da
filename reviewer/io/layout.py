"""How a sheet is laid out: its header row, where its data ends, its role and column mapping.

Detection looks at the first rows the way a person does: titles and blank rows above, a row of
names, then data; notes, totals and repeated rows of names are not data. Names are matched to fields
first; where names say nothing, the content decides (long texts are claims, mostly numbers are
figures, mostly dates are dates). Some tables put several series side by side: a column per source
("Date | CJTF-OIR | Airwars"), a range per metric ("Likely min | Likely max | Alleged min | …") or a
column per period ("Governorate | 2014 | 2015", read in ``period_columns``). The row of names itself
is found in ``header_rows``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from reviewer.core.aliases import source_named_in
from reviewer.core.dates import parse_period
from reviewer.core.fields import DEATH_WORDS, dataset_for, field_for_header, is_known_header, normalize_header
from reviewer.core.figures import parse_figure, parse_figures, quote
from reviewer.io.header_rows import (
    HEADER_SCAN_ROWS,
    NUMBERISH,
    excel_column,
    find_header,
    groups_above,
    headers_for,
    hxl_tags,
    is_sub_header,
    join_header_rows,
    map_tags,
)
from reviewer.io.period_columns import PeriodColumns, find_period_columns
from reviewer.io.raw_sheet import RawSheet
from reviewer.io.row_groups import (
    MONTH_HEADERS,
    NOTE_START,
    YEAR_HEADERS,
    date_part_columns,
    first_text,
    section_labels,
)

__all__ = ["SheetLayout", "detect_layout", "excel_column"]

_CLAIM_SHEET = re.compile(r"claim|fact.?check|statements|quotes", re.IGNORECASE)
_OTHER_SHEET = re.compile(r"^(?:summary|readme|read me|notes?|about|metadata|instructions|contents|legend|"
                          r"lists?|lookups?|_reviewer.*|dashboard|chart.*)$", re.IGNORECASE)


SECTION_HEADINGS = "Section headings"  # the metric of a table in sections ("Iraq", then "Syria")
_TIME_FIELDS = ("date", "period", "period_start", "period_end", "as_of")  # the fields that date a row


@dataclass(slots=True)
class SheetLayout:
    sheet: str
    role: str  # claims, reference, other
    header_position: int | None  # position in RawSheet.cells, None when the sheet has no header
    header_row: int | None  # the spreadsheet's row number
    headers: list[str]  # one name per column of the sheet
    mapping: dict[str, int]  # field -> column position
    data_positions: np.ndarray  # positions of the data rows in RawSheet.cells
    kind: str | None = None  # reference kind override: cumulative or incident
    warnings: list[str] = field(default_factory=list)
    wide: list[int] = field(default_factory=list)  # one figure column per source ("Date | CJTF-OIR | Airwars")
    wide_are_metrics: bool = False  # the columns are places or kinds of one source ("Iraq killed | Syria killed")
    source: str | None = None  # whose figures these are, when the columns say it (a monitor's export)
    by_period: PeriodColumns | None = None  # a column per period ("Governorate | 2014 | 2015 | 2016")
    pairs: list[tuple[str, int, int]] = field(default_factory=list)  # metric, low, high: "Likely min | Likely max"
    date_parts: tuple[int, ...] = ()  # year, month and maybe day columns that together date each row
    sections: np.ndarray | None = None  # per data row, the heading of its section ("Iraq", then "Syria")

    @property
    def date_parts_header(self) -> str:
        return " + ".join(self.headers[c] for c in self.date_parts)

    def mapped_headers(self) -> dict[str, str]:
        mapped = {name: self.headers[column] for name, column in self.mapping.items()}
        if self.date_parts:
            mapped["period"] = self.date_parts_header  # "Year + Month"
        if self.sections is not None:
            mapped["metric"] = SECTION_HEADINGS
        return mapped

    def with_choices(self, role: str | None = None, mapping: dict[str, str] | None = None,
                     kind: str | None = None) -> SheetLayout:
        """The layout with the user's choices: a role, a field -> header name mapping, a kind."""
        new_mapping = dict(self.mapping)
        if mapping is not None:
            positions = {name: i for i, name in enumerate(self.headers)}
            new_mapping = {f: positions[h] for f, h in mapping.items() if h in positions}
        # The user's own columns replace the periods; the detected ones, confirmed, keep them.
        by_period = self.by_period if new_mapping == self.mapping else None
        dated = any(f in new_mapping for f in _TIME_FIELDS)
        return replace(self, role=role or self.role, mapping=new_mapping, kind=kind or self.kind, by_period=by_period,
                       date_parts=() if dated else self.date_parts,
                       sections=None if "metric" in new_mapping else self.sections)


def _date_rank(header: str) -> int:
    """How coarse a date column's name says it is: a date or a day 0, a week 1, a month 2, a year 3."""
    name = normalize_header(header)
    return 3 if name in YEAR_HEADERS else 2 if name in MONTH_HEADERS | {"month ending"} else \
        1 if name in {"week", "week ending"} else 0


def _map_headers(headers: list[str]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = field_for_header(header)
        if name and name not in mapping:
            mapping[name] = index
        elif name == "figure" and DEATH_WORDS.search(header) and not DEATH_WORDS.search(headers[mapping["figure"]]):
            mapping["figure"] = index  # "Casualties | Deaths": a claim's figure is of deaths
        elif name == "date" and _date_rank(header) < _date_rank(headers[mapping["date"]]):
            mapping["date"] = index  # "Year | Month": the finer of two dates
    figure = mapping.get("figure")
    if figure is not None and not is_known_header(headers[figure]) and any(
            f in mapping for f in ("value", "low", "high")):
        # UCDP's deaths_a beside best / low / high: the named estimate columns are the figure.
        del mapping["figure"]
    return mapping


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


def _sources_with_ranges(headers: list[str], mapping: dict[str, int],
                         data: pd.DataFrame) -> tuple[list[tuple[str, int, int]], list[int]] | None:
    """Sources side by side where some give ranges ("Date | Airwars min | Airwars max | CJTF-OIR"): the
    ranges and the single columns each named by a known source, or None."""
    if "low" not in mapping or "high" not in mapping or "source" in mapping:
        return None
    ranges = _ranges(headers)
    named = [r for r in ranges if source_named_in(r[0], common_words=True)]
    taken = {c for r in ranges for c in r[1:]} | set(mapping.values())
    singles = [c for c in data.columns if c not in taken and source_named_in(headers[c], common_words=True)
               and _column_profile(data[c])[0] >= 0.8]
    return (named, singles) if named and len(named) + len(singles) >= 2 else None


def _metric_pairs(headers: list[str], mapping: dict[str, int]) -> list[tuple[str, int, int]]:
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


# "30.04.2017", and months as "2017-03" (no count is written so: its first number would exceed its second)
_DATE_LIKE = re.compile(r"^\s*(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|"
                        r"(?:18|19|20)\d\d-(?:0[1-9]|1[0-2])\s*$)")


def _column_profile(values: pd.Series) -> tuple[float, float, float]:
    """Share of figures, share of dates and mean length, on a sample of the column."""
    head = values.head(1000).astype(str)
    sample = head[head.str.strip() != ""].head(200)
    if sample.empty:
        return 0.0, 0.0, 0.0
    read = parse_figures(sample)  # as a column: its other cells may show how "3.000" is meant
    figures = int((read["problem"].isna() & (read["value"].notna() | read["low"].notna() | read["high"].notna())).sum())
    dates = sum(1 for v in sample if (parse_period(v).start is not None and not NUMBERISH.match(v)) or
                _DATE_LIKE.match(v) is not None)
    return figures / len(sample), dates / len(sample), float(sample.str.len().mean())


def _texts_quote_figures(data: pd.DataFrame, mapping: dict[str, int]) -> bool:
    """Whether most sentences quote the figure beside them word for word ("… at least 352 civilian
    deaths …" beside "at least 352"), as claims do; a monitor's counts are numbers beside notes."""
    if "figure" not in mapping or any(f in mapping for f in ("value", "low", "high")):
        return False
    pairs = [(str(t).lower(), str(f).strip().lower()) for t, f in
             zip(data[mapping["text"]].head(200), data[mapping["figure"]].head(200), strict=True) if str(f).strip()]
    quoting = sum(1 for text, figure in pairs if not NUMBERISH.match(figure) and figure in text)
    return bool(pairs) and quoting >= 0.6 * len(pairs)


def _role(sheet_name: str, mapping: dict[str, int], data: pd.DataFrame, by_name: bool, text_guessed: bool) -> str:
    if by_name and _OTHER_SHEET.match(sheet_name.strip()):
        return "other"
    has_text = "text" in mapping and data[mapping["text"]].astype(str).str.len().mean() >= 15
    has_figure = any(f in mapping for f in ("figure", "value", "low", "high"))
    has_time = any(f in mapping for f in _TIME_FIELDS)
    named_claims = bool(_CLAIM_SHEET.search(sheet_name))
    if text_guessed and not named_claims and any(f in mapping for f in ("value", "low", "high", "source", "metric")) \
            and not _texts_quote_figures(data, mapping):
        has_text = False  # long notes beside an event's counts (ACLED, UCDP) do not make it a claims sheet
    if named_claims and (has_text or has_figure):
        return "claims"
    if has_text and (has_figure or "claimant" in mapping or (has_time and not text_guessed)):
        return "claims"
    if has_time and has_figure:
        return "reference"
    return "other"


_NOT_A_SOURCE = re.compile(r"^(?:year|month|day|week|id|no|number|code|lat|latitude|lon|lng|longitude|"
                           r"geo.*|iso.*|timestamp|time|row|index|#)$", re.IGNORECASE)


def _wide_columns(mapping: dict[str, int], data: pd.DataFrame, headers: list[str]) -> list[int]:
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
        and not headers[c].startswith("Column ") and not _TOTAL.match(headers[c])]
    numeric = [c for c in candidates if (p := _column_profile(data[c]))[0] >= 0.8 and p[1] < 0.5]
    return numeric if len(numeric) >= 2 else []


def _wide_are_metrics(wide: list[int], headers: list[str], named: str | None = None) -> bool:
    """Whether columns side by side are places or kinds of one source ("Iraq killed | Syria killed")
    rather than sources ("Coalition deaths | Airwars deaths"): their names name no known source, and
    either they are words for deaths or a known source is ``named`` by the file, the sheet or a note
    ("Date | Ninewa | Anbar" in unami_by_governorate.xlsx). Bare names alone ("CJTF-OIR | SNHR") are
    sources."""
    names = [headers[c] for c in wide]
    if any(source_named_in(n, common_words=True) for n in names):
        return False
    return named is not None or all(field_for_header(n) == "figure" for n in names)


# The words a total row's label starts with; the pattern and the quick scan below share them.
_TOTAL_WORDS = ("total", "totals", "sum", "overall", "all sources", "subtotal")
_TOTAL = re.compile(rf"^\s*(?:grand\s+)?(?:{'|'.join(_TOTAL_WORDS)})\b", re.IGNORECASE)
_TOTAL_AFTER = re.compile(r"\S\s+(?:sub)?totals?\s*$", re.IGNORECASE)  # a pivot table's "Iraq Total"


_TOTAL_FIRST = frozenset("gGtTsSoOaA\u017f")  # ſ matches s when case is ignored


def _may_hold_totals(labels: np.ndarray) -> bool:
    """Whether any label holds a word a total row starts with: one scan of the joined column, where
    most columns (dates, keys) hold none."""
    try:
        text = "\x1f".join(labels).lower()
    except TypeError:  # a missing cell: look at each label
        return True
    return any(word in text for word in _TOTAL_WORDS) or "\u017f" in text


def _total_positions(cells: pd.DataFrame, positions: np.ndarray, mapping: dict[str, int]) -> np.ndarray:
    """Rows that add up others ("Total", "Grand total"): counting them would count everything twice."""
    label_columns = [mapping[f] for f in ("date", "key", "source", "period", "claimant", "metric") if f in mapping]
    label_columns = label_columns or [int(cells.columns[0])]
    marks = np.zeros(len(positions), dtype=bool)
    for column in label_columns[:3]:
        labels = cells[column].to_numpy(dtype=object)[positions]
        if _may_hold_totals(labels):
            marks |= _total_labels(labels)
    return positions[marks]


def _total_labels(labels: np.ndarray) -> np.ndarray:
    """Which labels name a total ("Total", "Grand total", a pivot table's "Iraq Total"). Each distinct
    label is tested once: a million dated rows hold a few thousand dates."""
    codes, uniques = pd.factorize(labels)
    # A total's label starts with one of a few letters (or a space): only those meet the first pattern.
    is_total = np.array([((u[:1] in _TOTAL_FIRST or u[:1].isspace()) and bool(_TOTAL.match(u))) or
                         bool(_TOTAL_AFTER.search(u)) if isinstance(u, str) else False for u in uniques],
                        dtype=bool)
    return is_total[codes] if len(uniques) else np.zeros(len(labels), dtype=bool)


_PROFILED_COLUMNS = 256


# Columns that name who did the harm (Airwars' "Belligerents": Coalition), not whose figures they are.
_PARTY = re.compile(r"belligerent|perpetrat|actor|\bpart(?:y|ies)\b|attacker|responsib|strike by|forces|target",
                    re.IGNORECASE)


def _fill_from_content(mapping: dict[str, int], data: pd.DataFrame, headers: list[str], *,
                       guess_source: bool = True) -> list[str]:
    """Map the fields names did not reveal, from what the columns hold. Returns what was guessed.
    ``guess_source`` is off for a monitor's export, whose figures are the monitor's own."""
    notes = []
    # A table's fields are in its first columns; a sheet 16,384 columns wide is not profiled to the end.
    free = [c for c in data.columns if c not in mapping.values()][:_PROFILED_COLUMNS]
    profiles = {c: _column_profile(data[c]) for c in free}
    if "text" not in mapping:
        long_texts = [c for c in free if profiles[c][2] >= 40 and profiles[c][0] < 0.5]
        if long_texts:
            mapping["text"] = max(long_texts, key=lambda c: profiles[c][2])
            notes.append("text")
    if not any(f in mapping for f in ("date", "period", "period_start", "as_of")):
        dated = [c for c in free if c not in mapping.values() and profiles[c][1] >= 0.8]
        if dated:
            mapping["date"] = dated[0]
            notes.append("date")
    if not any(f in mapping for f in ("figure", "value", "low", "high")):
        numeric = [c for c in free if c not in mapping.values() and profiles[c][0] >= 0.8 and profiles[c][1] < 0.5]
        if numeric:
            mapping["figure"] = numeric[0]
            notes.append("figure")
    if guess_source and not any(f in mapping for f in ("source", "claimant")):
        named = [c for c in free if c not in mapping.values() and profiles[c][2] < 60
                 and not _PARTY.search(headers[c]) and _names_sources(data[c])]
        if named:
            mapping["source"] = named[0]  # whose figure each row is ("Quelle": Airwars, CJTF-OIR)
            notes.append("source")
    return notes


def _names_sources(values: pd.Series) -> bool:
    """Whether most cells of a column name known sources (Airwars, the coalition, IBC)."""
    sample = [str(v).strip() for v in values.head(1000) if str(v).strip()][:100]
    distinct = set(sample)
    if not sample or len(distinct) > 20:
        return False
    named = {v for v in distinct if source_named_in(v, common_words=True) is not None}
    return sum(1 for v in sample if v in named) >= 0.8 * len(sample)


def _footer_positions(cells: pd.DataFrame, positions: np.ndarray, filled: np.ndarray, mapped: int) -> int:
    """How many trailing data rows are notes under the table rather than data."""
    if mapped < 3:
        return 0
    count = 0
    for position in positions[::-1]:
        if filled[position] != 1:
            break
        text = first_text(cells, position)
        if not (NOTE_START.match(text) or len(text) > 25 or parse_figure(text).problem):
            break
        count += 1
    return count


_SOURCE_NOTE = re.compile(r"^\s*(?:data\s+)?sources?\s*[:\-–]\s*(?P<named>.+)", re.IGNORECASE)


def _note_texts(cells: pd.DataFrame, header_position: int | None, footer: Iterable[int]) -> list[str]:
    """The titles above the table and the notes under it."""
    positions = [*range(header_position or 0), *footer]
    return [str(c) for p in positions for c in cells.iloc[int(p)] if str(c).strip()]


def _source_in_notes(notes: list[str]) -> str | None:
    """The known source a title or note names ("Source: UNAMI monthly casualty figures" is the UN)."""
    for text in notes:
        match = _SOURCE_NOTE.match(text)
        if match and (known := source_named_in(match["named"])):
            return known
    return None


def _without_repeated_headers(raw: RawSheet, cells: pd.DataFrame, header_position: int, positions: np.ndarray,
                              warnings: list[str]) -> np.ndarray:
    """Data rows that repeat the column names (a table pasted page by page) are not data."""
    header = [str(c).strip().lower() for c in cells.iloc[header_position]]
    if sum(1 for c in header if c) < 2:
        return positions
    first = next(i for i, c in enumerate(header) if c)
    column = cells[cells.columns[first]].to_numpy(dtype=object)
    candidates = positions[column[positions] == column[header_position]]  # one cheap pass first
    repeated = [p for p in candidates if [str(c).strip().lower() for c in cells.iloc[int(p)]] == header]
    if not repeated:
        return positions
    warnings.append(f"sheet {raw.name!r}: {len(repeated)} repeated rows of column names (row "
                    f"{', '.join(str(raw.row_number(int(p))) for p in repeated[:5])}) were left out")
    return positions[~np.isin(positions, repeated)]


def _without_footer(raw: RawSheet, positions: np.ndarray, footer: int, header_position: int | None,
                    warnings: list[str]) -> tuple[np.ndarray, list[str]]:
    """The data rows without the notes under the table (each named in a warning), and the texts of
    those notes and of the titles above, where a source may be named."""
    below = positions[len(positions) - footer:] if footer else positions[:0]
    for position in below:
        text = first_text(raw.cells, position)
        warnings.append(f"sheet {raw.name!r}, row {raw.row_number(int(position))}: a note under the table was left "
                        f"out: {quote(text)}")
    return positions[: len(positions) - footer], _note_texts(raw.cells, header_position, below)


def _without_totals(raw: RawSheet, positions: np.ndarray, mapping: dict[str, int],
                    warnings: list[str]) -> np.ndarray:
    """The data rows without those that add up others ("Total"), each named in a warning (up to 20)."""
    totals = _total_positions(raw.cells, positions, mapping) if len(positions) else positions
    for position in totals[:20]:
        warnings.append(f"sheet {raw.name!r}, row {raw.row_number(int(position))}: a total row was left out so that "
                        "nothing is counted twice")
    return positions[~np.isin(positions, totals)] if len(totals) else positions


def _period_layout(raw: RawSheet, cells: pd.DataFrame, header_position: int | None, headers: list[str],
                   positions: np.ndarray, filled: np.ndarray, found: PeriodColumns,
                   warnings: list[str]) -> SheetLayout:
    """A sheet with a column per period: each cell under a period is one figure."""
    positions, notes = _without_footer(raw, positions, _footer_positions(cells, positions, filled, len(found.columns)),
                                       header_position, warnings)
    if found.months_alone:
        # "Year | Jan | … | Dec" with a "Total" row: that row adds up years, and is no year of its own.
        positions = _without_totals(raw, positions, {}, warnings)
    names = [headers[c] for c in found.columns]
    warnings.append(f"sheet {raw.name!r}: each of the columns {', '.join(repr(n) for n in names[:4])}"
                    f"{' …' if len(names) > 4 else ''} is read as one period's figures")
    for column in found.totals:
        warnings.append(f"sheet {raw.name!r}: column {headers[column]!r} adds up the periods and was left out")
    # The label names each row's series ("Ninewa"), or its year when the columns are months.
    mapping = {"date" if found.months_alone else "metric": found.label} if found.label is not None else {}
    header_row = raw.row_number(header_position) if header_position is not None else None
    return SheetLayout(raw.name, "reference" if len(positions) else "other", header_position, header_row, headers,
                       mapping, positions, warnings=warnings, by_period=found, source=_source_in_notes(notes))


def _dates_from_content(mapping: dict[str, int], data: pd.DataFrame, filled: np.ndarray,
                        headers: list[str]) -> list[str]:
    """A first column of dates under a name that says nothing ("Row Labels", or none), taken as the
    date before columns side by side are looked for; its headings and totals are not counted."""
    if any(f in mapping for f in _TIME_FIELDS):
        return []
    full = data[filled >= 2]
    for column in [c for c in data.columns[:3] if c not in mapping.values()]:
        labels = full[column].astype(str)
        labels = labels[~_total_labels(labels.to_numpy(dtype=object))]
        if len(labels) and _column_profile(labels)[1] >= 0.8 and not field_for_header(headers[column]):
            mapping["date"] = column
            return ["date"]
    return []


def _tell_merged_down(raw: RawSheet, start: int, warnings: list[str]) -> None:
    """Name the data cells that were filled from a cell merged down their column; a name merged down
    two rows of column names is no news to the user."""
    count = sum(max(0, first + many - max(first, start)) for first, many in raw.merged_down)
    if count:
        warnings.append(f"sheet {raw.name!r}: {count:,} cells under cells merged down a column were read as the "
                        "merged cell's value")


def detect_layout(raw: RawSheet, *, by_name: bool = True, file_name: str = "") -> SheetLayout:
    """The sheet's layout. ``by_name`` lets a sheet called "Notes" or "Summary" be other; a CSV's
    "sheet name" is only its file name, so it is judged by content alone. ``file_name`` may name the
    source whose figures the sheet holds."""
    cells = raw.cells
    # Filled cells per row, a column at a time: no copy of the whole sheet as one grid.
    filled = np.zeros(len(cells), dtype=np.int64)
    for column in cells.columns:
        filled += cells[column].to_numpy(dtype=object) != ""
    if cells.empty or not filled.any():
        return SheetLayout(raw.name, "other", None, None, [], {},
                           np.array([], dtype=np.int64), warnings=[f"sheet {raw.name!r} is empty"])
    width = cells.shape[1]
    head_rows = cells.head(HEADER_SCAN_ROWS).astype(str).to_numpy().tolist()
    header_position = find_header(head_rows, width)
    if header_position is not None and (groups_above(head_rows, header_position) or (
            header_position > 0 and hxl_tags(cells, header_position) is not None)):
        header_position -= 1  # the names over the columns' groups, or over their HXL tags
    warnings: list[str] = []
    if header_position is None:
        headers = [f"Column {excel_column(raw.first_col + i)}" for i in range(width)]
        start = 0
        warnings.append(f"sheet {raw.name!r}: no row of column names found; columns are named by letter")
    else:
        header_cells = head_rows[header_position]
        start = header_position + 1
        if is_sub_header(head_rows, header_position):
            # "Deaths" over "Min | Max": two rows of names, read as "Deaths Min", "Deaths Max".
            header_cells = join_header_rows(header_cells, head_rows[header_position + 1])
            start += 1
        headers = headers_for(header_cells, width)
    tags = hxl_tags(cells, start) if header_position is not None else None
    if tags is not None:
        warnings.append(f"sheet {raw.name!r}, row {raw.row_number(start)}: a row of HXL hashtags "
                        f"({', '.join(t for t in tags if t)[:80]}) was read as a second row of column names")
        start += 1
    positions = np.arange(start, len(cells))
    positions = positions[filled[positions] > 0]
    _tell_merged_down(raw, start, warnings)
    if header_position is not None and len(positions):
        positions = _without_repeated_headers(raw, cells, header_position, positions, warnings)
    by_period = find_period_columns(headers) if header_position is not None else None
    if by_period is not None:
        return _period_layout(raw, cells, header_position, headers, positions, filled, by_period, warnings)
    mapping = _map_headers(headers)
    if tags is not None:
        map_tags(tags, mapping)
    pairs = _metric_pairs(headers, mapping)
    dataset = dataset_for(headers)
    if dataset is not None and "source" in mapping:
        # ACLED's "source" lists the outlets that reported an event; the figures are ACLED's.
        del mapping["source"]
    data = cells.iloc[positions]
    early = _dates_from_content(mapping, data, filled[positions], headers) if len(positions) else []
    wide = _wide_columns(mapping, data, headers) if len(positions) else []
    mixed = _sources_with_ranges(headers, mapping, data) if len(positions) and not wide else None
    if mixed is not None:
        pairs, wide = mixed
        for name in ("low", "high", "value"):
            mapping.pop(name, None)
    total_column = mapping.get("figure")
    if not wide and len(positions) and total_column is not None and _TOTAL.match(headers[total_column]):
        # "Date | CJTF-OIR | Airwars | Total": the sources side by side, and their sum left out.
        wide = _wide_columns({f: c for f, c in mapping.items() if f != "figure"}, data.drop(columns=total_column),
                             headers)
    if wide:
        mapping.pop("figure", None)  # each of the wide columns is a figure, read one at a time
        for column in data.columns:  # their "Total", or a pivot table's "Grand Total"
            if column not in wide and column not in mapping.values() and _TOTAL.match(headers[column]):
                warnings.append(f"sheet {raw.name!r}: column {headers[column]!r} adds up the others and was left "
                                "out")
    date_parts = date_part_columns(headers, mapping, data) if len(positions) else ()
    if date_parts:
        mapping.pop("date", None)  # the year alone, or the month alone, does not date a row
    guessed = early + (_fill_from_content(mapping, data, headers, guess_source=dataset is None)
                       if len(positions) and not wide else [])
    footer = _footer_positions(cells, positions, filled, len(mapping) + len(wide))
    before = len(positions)
    positions, notes = _without_footer(raw, positions, footer, header_position, warnings)
    positions = _without_totals(raw, positions, mapping, warnings)
    if len(positions) != before:
        data = cells.iloc[positions]
    dated_mapping = {**mapping, "period": date_parts[0]} if date_parts else mapping
    role = _role(raw.name, dated_mapping, data, by_name, "text" in guessed) if len(positions) else "other"
    if wide and role == "other":
        role = "reference"
    sections = None
    if role == "reference" and not wide and not pairs and "metric" not in mapping:
        positions, sections = section_labels(raw, positions, filled, header_position, warnings)
    if role == "claims" and "claimant" not in mapping and "source" in mapping:
        mapping["claimant"] = mapping.pop("source")
    if role == "claims" and "figure" not in mapping and "value" in mapping:
        mapping["figure"] = mapping.pop("value")
    for name in guessed:
        if name in mapping:
            warnings.append(f"sheet {raw.name!r}: column {headers[mapping[name]]!r} was taken as the {name} "
                            "from its content")
    header_row = raw.row_number(header_position) if header_position is not None else None
    if pairs and role == "reference" and mixed is None:
        warnings.append(f"sheet {raw.name!r}: each of the ranges {', '.join(repr(p[0]) for p in pairs)} is read as "
                        "one series of the sheet's source")
    note_source = _source_in_notes(notes)
    named = (dataset or note_source or source_named_in(raw.name) or
             source_named_in(file_name.rsplit(".", 1)[0])) if wide else None
    wide_are_metrics = bool(wide) and _wide_are_metrics(wide, headers, named)
    if wide and role == "reference":
        what = "one series of the sheet's source" if wide_are_metrics else "one source's figures"
        names = [repr(p[0]) for p in pairs] if mixed is not None else []
        warnings.append(f"sheet {raw.name!r}: each of the columns {', '.join(names + [repr(headers[c]) for c in wide])}"
                        f" is read as {what}")
    return SheetLayout(raw.name, role, header_position, header_row, headers, mapping, positions, warnings=warnings,
                       wide=wide if role == "reference" else [],
                       wide_are_metrics=wide_are_metrics,
                       source=dataset or (None if "source" in mapping else note_source),
                       pairs=pairs if role == "reference" else [], date_parts=date_parts, sections=sections)
