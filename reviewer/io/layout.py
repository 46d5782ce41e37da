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

import numpy as np
import pandas as pd

from reviewer.core.aliases import source_named_in
from reviewer.core.fields import DEATH_WORDS, field_for_header, is_known_header, normalize_header, place_rank
from reviewer.core.period_columns import find_period_columns
from reviewer.core.publishers import publisher_for
from reviewer.io.column_content import (
    TIME_FIELDS,
    category_column,
    dates_from_content,
    fill_from_content,
    texts_quote_figures,
)
from reviewer.io.header_rows import (
    HEADER_SCAN_ROWS,
    excel_column,
    find_header,
    groups_above,
    headers_for,
    hxl_tags,
    is_sub_header,
    join_header_rows,
    map_tags,
)
from reviewer.io.period_layout import period_layout
from reviewer.io.raw_sheet import RawSheet, rows_at
from reviewer.io.row_groups import (
    MONTH_HEADERS,
    YEAR_HEADERS,
    date_part_columns,
    section_labels,
)
from reviewer.io.sheet_layout import SECTION_HEADINGS, SheetLayout
from reviewer.io.side_by_side import (
    columns_are_series,
    measure_columns,
    metric_pairs,
    series_labels,
    sources_with_ranges,
    wide_columns,
)
from reviewer.io.table_edges import (
    TOTAL,
    footer_positions,
    source_in_notes,
    tell_merged_down,
    without_footer,
    without_repeated_headers,
    without_totals,
)

__all__ = ["SECTION_HEADINGS", "SheetLayout", "detect_layout", "excel_column"]

_CLAIM_SHEET = re.compile(r"claim|fact.?check|statements|quotes", re.IGNORECASE)
_OTHER_SHEET = re.compile(r"^(?:summary|readme|read me|notes?|about|metadata|instructions|contents|legend|"
                          r"lists?|lookups?|_reviewer.*|dashboard|chart.*)$", re.IGNORECASE)


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
        elif name == "place" and place_rank(header) < place_rank(headers[mapping["place"]]):
            mapping["place"] = index  # "Province/State | Country/Region": the country is the place
    figure = mapping.get("figure")
    if figure is not None and not is_known_header(headers[figure]) and any(
            f in mapping for f in ("value", "low", "high")):
        # UCDP's deaths_a beside best / low / high: the named estimate columns are the figure.
        del mapping["figure"]
    return mapping


def _role(sheet_name: str, mapping: dict[str, int], data: pd.DataFrame, by_name: bool, text_guessed: bool) -> str:
    if by_name and _OTHER_SHEET.match(sheet_name.strip()):
        return "other"
    # Short texts are claims too when the columns' names say what is claimed and who said it.
    has_text = "text" in mapping and (data[mapping["text"]].astype(str).str.len().mean() >= 15 or (
        not text_guessed and "claimant" in mapping))
    has_figure = any(f in mapping for f in ("figure", "value", "low", "high"))
    has_time = any(f in mapping for f in TIME_FIELDS)
    named_claims = bool(_CLAIM_SHEET.search(sheet_name))
    if text_guessed and not named_claims and any(f in mapping for f in ("value", "low", "high", "source", "metric")) \
            and not texts_quote_figures(data, mapping):
        has_text = False  # long notes beside an event's counts (ACLED, UCDP) do not make it a claims sheet
    if named_claims and (has_text or has_figure):
        return "claims"
    if has_text and (has_figure or "claimant" in mapping or (has_time and not text_guessed)):
        return "claims"
    if has_time and has_figure:
        return "reference"
    return "other"


def _column_names(raw: RawSheet, warnings: list[str]) -> tuple[int | None, list[str], int, list[str] | None]:
    """The step that finds the row of column names: its position (None when there is none), the names
    (joined over two rows under merged cells), the first position under them, and their HXL tags."""
    cells, width = raw.cells, raw.cells.shape[1]
    head_rows = cells.head(HEADER_SCAN_ROWS).astype(str).to_numpy().tolist()
    header_position = find_header(head_rows, width)
    if header_position is not None and (groups_above(head_rows, header_position) or (
            header_position > 0 and hxl_tags(cells, header_position) is not None)):
        header_position -= 1  # the names over the columns' groups, or over their HXL tags
    if header_position is None:
        warnings.append(f"sheet {raw.name!r}: no row of column names found; columns are named by letter")
        return None, [f"Column {excel_column(raw.first_col + i)}" for i in range(width)], 0, None
    header_cells = head_rows[header_position]
    start = header_position + 1
    if is_sub_header(head_rows, header_position):
        # "Deaths" over "Min | Max": two rows of names, read as "Deaths Min", "Deaths Max".
        header_cells = join_header_rows(header_cells, head_rows[header_position + 1])
        start += 1
    tags = hxl_tags(cells, start)
    if tags is not None:
        warnings.append(f"sheet {raw.name!r}, row {raw.row_number(start)}: a row of HXL hashtags "
                        f"({', '.join(t for t in tags if t)[:80]}) was read as a second row of column names")
        start += 1
    return header_position, headers_for(header_cells, width), start, tags


def _side_by_side(mapping: dict[str, int], data: pd.DataFrame,
                  headers: list[str]) -> tuple[list[int], list[tuple[str, int, int]] | None, bool]:
    """The step that finds series side by side: the figure columns read one at a time, the ranges of
    sources among them (or None), and whether the columns are measures of one source. ``mapping``
    loses the fields the columns replace."""
    # Beside a column of places, figures side by side are measures ("Country | Confirmed | Deaths").
    wide = wide_columns(mapping, data, headers) if "place" not in mapping else []
    mixed = sources_with_ranges(headers, mapping, data) if not wide else None
    if mixed is not None:
        for name in ("low", "high", "value"):
            mapping.pop(name, None)
        return mixed[1], mixed[0], False
    total_column = mapping.get("figure")
    if not wide and total_column is not None and TOTAL.match(headers[total_column]):
        # "Date | CJTF-OIR | Airwars | Total": the sources side by side, and their sum left out.
        wide = wide_columns({f: c for f, c in mapping.items() if f != "figure"}, data.drop(columns=total_column),
                            headers)
    if wide:
        return wide, None, False
    wide = measure_columns(mapping, data, headers)
    return wide, None, bool(wide)


def detect_layout(raw: RawSheet, *, by_name: bool = True, file_name: str = "") -> SheetLayout:
    """The sheet's layout. ``by_name`` lets a sheet called "Notes" or "Summary" be other; a CSV's
    "sheet name" is only its file name, so it is judged by content alone. ``file_name`` may name the
    source whose figures the sheet holds."""
    cells = raw.cells
    # Filled cells per row, a column at a time: no copy of the whole sheet as one grid.
    filled = np.zeros(len(cells), dtype=np.int64)
    for column in cells.columns:
        if column in raw.coded:  # sent as its distinct texts: each looked at once
            codes, texts = raw.coded[column]
            filled += (texts != "")[codes]
        else:
            filled += cells[column].to_numpy(dtype=object) != ""
    if cells.empty or not filled.any():
        return SheetLayout(raw.name, "other", None, None, [], {},
                           np.array([], dtype=np.int64), warnings=[f"sheet {raw.name!r} is empty"])
    warnings: list[str] = []
    header_position, headers, start, tags = _column_names(raw, warnings)
    positions = np.arange(start, len(cells))
    positions = positions[filled[positions] > 0]
    tell_merged_down(raw, start, warnings)
    if header_position is not None and len(positions):
        positions = without_repeated_headers(raw, cells, header_position, positions, warnings)
    by_period = find_period_columns(headers) if header_position is not None else None
    if by_period is not None:
        return period_layout(raw, cells, header_position, headers, positions, filled, by_period, warnings,
                              file_name)
    mapping = _map_headers(headers)
    if tags is not None:
        map_tags(tags, mapping)
    pairs = metric_pairs(headers, mapping)
    publisher = publisher_for(headers)
    dataset = publisher.name if publisher is not None else None
    if publisher is not None and publisher.source_lists_articles and "source" in mapping:
        # ACLED's "source" lists the outlets that reported an event; the figures are ACLED's.
        del mapping["source"]
    data = rows_at(cells, positions)
    early = dates_from_content(mapping, data, filled[positions], headers) if len(positions) else []
    # Beside a column of places, figures side by side are measures ("Country | Confirmed | Deaths").
    wide, mixed, measured = _side_by_side(mapping, data, headers) if len(positions) else ([], None, False)
    if mixed is not None:
        pairs = mixed
    if wide:
        mapping.pop("figure", None)  # each of the wide columns is a figure, read one at a time
        for column in data.columns:  # their "Total", or a pivot table's "Grand Total"
            if column not in wide and column not in mapping.values() and TOTAL.match(headers[column]):
                warnings.append(f"sheet {raw.name!r}: column {headers[column]!r} adds up the others and was left "
                                "out")
    date_parts = date_part_columns(headers, mapping, data) if len(positions) else ()
    if date_parts:
        mapping.pop("date", None)  # the year alone, or the month alone, does not date a row
    guessed = early + (fill_from_content(mapping, data, headers, guess_source=dataset is None)
                       if len(positions) and not wide else [])
    counted = category_column(mapping, data) if len(positions) and not wide else None
    if counted is not None:
        del mapping["figure"]  # its rows are counted, one person or event each
    footer = footer_positions(cells, positions, filled, len(mapping) + len(wide))
    before = len(positions)
    positions, notes = without_footer(raw, positions, footer, header_position, warnings)
    positions = without_totals(raw, positions, mapping, warnings)
    if len(positions) != before:
        data = rows_at(cells, positions)
    dated_mapping = {**mapping, "period": date_parts[0]} if date_parts else mapping
    role = _role(raw.name, dated_mapping, data, by_name, "text" in guessed) if len(positions) else "other"
    if (wide or counted is not None) and role == "other":
        role = "reference"
    if counted is not None and role == "reference":
        mapping.setdefault("metric", counted)
        warnings.append(f"sheet {raw.name!r}: each row is one person or event; the rows of each "
                        f"{headers[counted]!r} are counted per date")
    else:
        counted = None
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
    note_source = source_in_notes(notes)
    named = (dataset or note_source or source_named_in(raw.name) or
             source_named_in(file_name.rsplit(".", 1)[0])) if wide else None
    wide_are_metrics = bool(wide) and (measured or columns_are_series(wide, headers, named))
    if wide and role == "reference":
        what = ("one measure's figures" if measured else "one place's figures" if wide_are_metrics and all(
            "measure" not in label for label in series_labels(wide, headers).values()) else
            "one series of the sheet's source" if wide_are_metrics else "one source's figures")
        names = [repr(p[0]) for p in pairs] if mixed is not None else []  # ranges of sources beside the columns
        warnings.append(f"sheet {raw.name!r}: each of the columns {', '.join(names + [repr(headers[c]) for c in wide])}"
                        f" is read as {what}")
    return SheetLayout(raw.name, role, header_position, header_row, headers, mapping, positions, warnings=warnings,
                       wide=wide if role == "reference" else [],
                       wide_are_metrics=wide_are_metrics,
                       wide_labels=series_labels(wide, headers) if wide_are_metrics and role == "reference" else {},
                       source=dataset or (None if "source" in mapping else note_source),
                       pairs=pairs if role == "reference" else [], date_parts=date_parts, sections=sections,
                       counted=counted, measure_name=_measure_named(headers, mapping) if role == "reference" and not (
                           wide or pairs or counted is not None) else None)


_SAYS_NOTHING = {"figure", "figures", "value", "values", "count", "number", "amount", "total", "estimate", "best",
                 "data", "obs value"}


def _measure_named(headers: list[str], mapping: dict[str, int]) -> str | None:
    """What the figure column's name says it counts ("Deaths", "Population (historical)"), when no
    column names each row's measure; None for names that say nothing ("Value")."""
    column = mapping.get("figure", mapping.get("value"))
    if "measure" in mapping or column is None or normalize_header(headers[column]) in _SAYS_NOTHING:
        return None
    return headers[column].strip()
