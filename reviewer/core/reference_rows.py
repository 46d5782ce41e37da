"""Turn a mapped sheet of a source's figures into reference observations: each series (source,
metric, place, measure) with its kind, and the source named from the sheet, the file or a column."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pandas as pd

from reviewer.core.aliases import DEFAULT_ALIASES, normalize_name, source_named_in
from reviewer.core.dates import parse_period
from reviewer.core.fields import normalize_header
from reviewer.core.figures import value_or_low
from reviewer.core.frames import distinct_rows, table
from reviewer.core.kinds import detect_kind
from reviewer.core.measures import read_measure
from reviewer.core.publishers import publisher_of_file
from reviewer.core.tables import REFERENCE_COLUMNS, MappedSheet, Warnings, figure_columns, read_dates, read_period

__all__ = ["MAX_SOURCES_IN_COLUMN", "build_references", "default_source", "pretty_source"]

MAX_SOURCES_IN_COLUMN = 12
_GENERIC_SHEET = re.compile(r"^(?:sheet|feuil|tabelle|hoja|foglio|blad|data|export|table|query)\s*\d*$",
                            re.IGNORECASE)
# "alleged civilian deaths in March 2017": a metric that names the period its figure covers.
_METRIC_PERIOD = re.compile(r"\b(?:in|during|for|over)\s+((?:[A-Z][a-z]{2,8}\.?\s+)?\d{4})\b")


def pretty_source(name: str) -> str:
    """A file or sheet name as a source: "iraq_body_count" -> "Iraq Body Count"."""
    words = re.sub(r"[_\-.]+", " ", name).strip()
    return words.title() if words == words.lower() else words


_ALIAS_SPELLINGS = {m for c, members in DEFAULT_ALIASES.items() for m in (c, *members)}


def _file_stem(sheet: MappedSheet) -> str:
    return sheet.file.rsplit(".", 1)[0]


def _sheet_name_says_nothing(sheet: MappedSheet) -> bool:
    """Whether the sheet's name is Excel's default ("Sheet1") or only repeats the file's (a CSV)."""
    return _GENERIC_SHEET.match(sheet.sheet.strip()) is not None or sheet.sheet == _file_stem(sheet)


def default_source(sheet: MappedSheet) -> str:
    """Whose figures a sheet without a source column holds: the sheet's name, else the file's; a known
    source mentioned in either ("airwars_export.csv") by its own name."""
    if sheet.source:
        return sheet.source
    file_stem = _file_stem(sheet)
    generic = _sheet_name_says_nothing(sheet)
    if generic and (publisher := publisher_of_file(file_stem)):
        return publisher  # "time_series_covid19_deaths_global.csv" is JHU CSSE's
    for name in ([] if generic else [sheet.sheet]) + [file_stem]:
        if name.strip() in _ALIAS_SPELLINGS:  # "IBC": named as the user names it
            return pretty_source(name) if name == file_stem else name.strip()
        known = source_named_in(name)
        if known:
            return known
    return pretty_source(file_stem) if generic else sheet.sheet.strip()


_PLACE_HEADERS = {"country", "governorate", "province", "region", "admin1", "adm1", "admin 1", "state", "city",
                  "place", "location", "area", "district", "territory"}
_MAX_PLACES = 1_000
_MAX_TOTALS_ROWS = 400_000  # running totals come a row a day at most, for years and a few hundred places


def _running_totals_by_place(sheet: MappedSheet, ends: np.ndarray, values: np.ndarray,
                             label: str) -> pd.Series | None:
    """An unmapped place column that splits running totals ("Date | Country | Cumulative deaths" with
    rows for Iraq and Syria): each row's place, or None. Read as one series, the totals of two places
    would alternate, or be added up. Counts per event across places are left as they are."""
    if len(sheet.data) > _MAX_TOTALS_ROWS:
        return None  # a file of events, not a table of running totals
    for position, header in enumerate(sheet.headers):
        if normalize_header(header) not in _PLACE_HEADERS or position in sheet.mapping.values() or \
                position not in sheet.data.columns:
            continue
        places = sheet._stripped(position)
        codes, names = pd.factorize(places.to_numpy(dtype=object))
        if not 2 <= len(names) <= _MAX_PLACES or (codes < 0).any():
            return None
        order = np.argsort(codes, kind="stable")
        groups = np.split(order, np.flatnonzero(np.diff(codes[order])) + 1)
        kinds = [detect_kind(ends[g], values[g], f"{names[codes[g[0]]]} {label} {sheet.sheet}") for g in groups]
        if any(len(g) < 2 for g in groups) or kinds.count("cumulative") < 0.9 * len(groups):
            return None
        return places
    return None


def _metric_periods(metric: pd.Series) -> tuple[pd.Series, pd.Series]:
    starts, ends = {}, {}
    for text in metric.unique():
        match = _METRIC_PERIOD.search(str(text))
        period = parse_period(match.group(1)) if match else None
        starts[text] = period.start if period else None
        ends[text] = period.end if period else None
    return (pd.to_datetime(metric.map(starts)).astype("datetime64[ns]"),
            pd.to_datetime(metric.map(ends)).astype("datetime64[ns]"))


def build_references(sheet: MappedSheet, out: list[str]) -> pd.DataFrame:
    if not sheet.wide and not sheet.pairs:
        return _build_references(sheet, out)
    # Series side by side: "Date | CJTF-OIR | Airwars" (a column per source), "Likely min | Likely max |
    # Alleged min | Alleged max" (a range per metric), or both ("Airwars min | Airwars max | CJTF-OIR").
    parts = _parts([_wide_part(sheet, column) for column in sheet.wide] +
                   [_range_part(sheet, *pair) for pair in sheet.pairs], out)
    parts = [part[part["figure_text"] != ""] for part in parts]
    # Side by side, the series are of one kind: a short column takes the kind its longer neighbours show.
    long_kinds = {str(p["kind"].iloc[0]) for p in parts if len(p) >= 3}
    if len(long_kinds) == 1 and not sheet.kind:
        for part in parts:
            part["kind"] = next(iter(long_kinds))
    return pd.concat(parts, ignore_index=True)


def _range_part(sheet: MappedSheet, name: str, low: int, high: int) -> MappedSheet:
    """One range of those side by side: a series of the sheet's source ("Likely"), or a known source's
    ("Airwars")."""
    mapping = {f: c for f, c in sheet.mapping.items() if f not in {"figure", "value"}}
    part = replace(sheet, mapping={**mapping, "low": low, "high": high}, pairs=[], wide=[])
    return _named(part, name, unknown_is_series=True)


def _wide_part(sheet: MappedSheet, column: int) -> MappedSheet:
    """One of the columns side by side, as a sheet of its own: a source's, or a series of the sheet's source.
    A header that names a known source among other words ("Airwars (likely)", "Coalition deaths") is
    that source's series, so that a claim by "the coalition" finds it."""
    labels = sheet.wide_labels.get(column, {})
    part = replace(sheet, mapping={**sheet.mapping, "figure": column}, wide=[], pairs=[],
                   place_name=labels.get("place", sheet.place_name),
                   measure_name=labels.get("measure", sheet.measure_name), kind=labels.get("kind", sheet.kind))
    return _named(part, sheet.headers[column].strip())


def _named(part: MappedSheet, name: str, *, unknown_is_series: bool = False) -> MappedSheet:
    """A part's series named by its header: a known source's; else a source of that name ("SNHR"
    beside "Airwars"), or with ``unknown_is_series`` a series of the sheet's source ("Likely")."""
    if part.wide_are_metrics:
        return replace(part, metric_name=name)
    known = source_named_in(name, common_words=True)
    if known is None and unknown_is_series:
        return replace(part, metric_name=name)
    if known is None or normalize_name(known) == normalize_name(name) or name in _ALIAS_SPELLINGS:
        return replace(part, source=name)
    return replace(part, source=known, metric_name=name)


def _parts(sheets: list[MappedSheet], out: list[str]) -> list[pd.DataFrame]:
    """Each part of a sheet read as a sheet of its own; a warning about a column they share is given once."""
    notes: list[str] = []
    parts = [_build_references(part, notes) for part in sheets]
    out.extend(dict.fromkeys(notes))
    return parts


def _build_references(sheet: MappedSheet, out: list[str]) -> pd.DataFrame:
    warnings = Warnings(sheet, out)
    figures = figure_columns(sheet, warnings)
    start, end = read_period(sheet, warnings)
    date_parsed = read_dates(sheet, "date", warnings)
    if date_parsed is None:
        date_parsed = read_dates(sheet, "as_of", warnings)
    n = len(sheet.data)
    sources = sheet.coded("source")
    fallback = default_source(sheet)
    named = sum(text != "" for text in sources.texts) if sources is not None else 0
    if named > MAX_SOURCES_IN_COLUMN:
        header = sheet.headers[sheet.mapping["source"]]
        out.append(f"{sheet.file}, sheet {sheet.sheet!r}: column {header!r} names {named:,} different sources "
                   f"(articles, not series); the figures are read as one source, {fallback!r}")
        sources = None
    source_coded = sources.mapped(lambda text: text or fallback) if sources is not None else None
    source = source_coded.series() if source_coded is not None else sheet.every_row(fallback)
    metric_column = sheet.column("metric")
    # Sheets "Iraq" and "Syria" of airwars.xlsx are both Airwars, and each its own series.
    named_by_file = sources is None and sheet.source is None and fallback != sheet.sheet.strip()
    own_series = sheet.sheet.strip() if named_by_file and not _sheet_name_says_nothing(sheet) else ""
    metric = metric_column if metric_column is not None else sheet.every_row(sheet.metric_name or own_series)
    if date_parsed is not None:
        day_start, day_end = date_parsed["start"], date_parsed["end"]
    else:
        day_start, day_end = start, end
    if metric_column is not None:
        metric_start, metric_end = _metric_periods(metric)
        start = start.where(start.notna(), metric_start)
        end = end.where(end.notna(), metric_end)
    start = start.where(start.notna(), day_start)
    end = end.where(end.notna(), day_end)
    kind_column = sheet.column("kind")
    kinds = np.full(n, None, dtype=object)
    header_label = " ".join(sheet.headers[p] for f, p in sheet.mapping.items() if f in {"figure", "value", "low"})
    values = value_or_low(figures).to_numpy(dtype=float)
    place = _named_or_column(sheet, "place", sheet.place_name)
    measure = _named_or_column(sheet, "measure", sheet.measure_name)
    if sheet.column("measure") is None and not sheet.measure_name and metric_column is None and \
            read_measure(header_label).name:
        measure = sheet.every_row(header_label)  # "Deaths": what the column counts
    if metric_column is None and not sheet.kind and sheet.column("place") is None and not sheet.place_name and \
            not sheet.metric_name:
        places = _running_totals_by_place(sheet, end.to_numpy(), values, header_label)
        if places is not None:
            place = places
    # Each series (source, metric, place, measure) by codes: a million rows name a few hundred series.
    frame = table({"source": source, "metric": metric, "place": place, "measure": measure}, n)
    # The columns' own numbering of their texts, where they are the columns as read.
    known = {name: coded.codes for name, coded in (("source", source_coded), *(
        (name, sheet.coded(name)) for name, part in (("metric", metric), ("place", place), ("measure", measure))
        if part is sheet.column(name))) if coded is not None}
    series, labels = distinct_rows(frame, ["source", "metric", "place", "measure"], known)
    # Rows in order of their series, each series' rows in their own order (a radix sort when the
    # series are few, as they are).
    order = np.argsort(series.astype(np.uint16) if len(labels) <= 1 << 16 else series, kind="stable")
    bounds = np.flatnonzero(np.diff(series[order])) + 1
    for positions in np.split(order, bounds) if n else []:
        if sheet.kind:
            kind = sheet.kind
        else:
            label = f"{labels['metric'].iloc[series[positions[0]]]} {header_label} {sheet.sheet}"
            kind = detect_kind(end.to_numpy()[positions], values[positions], label)
        kinds[positions] = kind
    if kind_column is not None:
        stated = kind_column.str.lower()
        kinds = np.where(stated.str.contains("cumul|total").to_numpy(), "cumulative",
                         np.where(stated.str.contains("incident|event|daily|count").to_numpy(), "incident", kinds))
    # A running total is as of the end of its date; an incident happened at its start.
    date = np.where(kinds == "cumulative", end.to_numpy(), start.to_numpy())
    url = sheet.column("url")
    columns = {
        "source": source, "sheet": sheet.sheet, "row": sheet.rows.astype(np.int64),
        "date": date.astype("datetime64[ns]"),
        "period_start": start, "period_end": end, **{c: figures[c] for c in figures.columns},
        "kind": kinds, "metric": metric, "url": url if url is not None else "", "file": sheet.file,
        "place": place, "measure": measure, "unit": "",
    }
    return table({name: columns[name] for name in REFERENCE_COLUMNS}, n)


def _named_or_column(sheet: MappedSheet, name: str, every_row: str | None) -> pd.Series:
    """A mapped column's cells; else the name every row shares; else empty text."""
    column = sheet.column(name)
    if column is not None:
        return column
    return sheet.every_row(every_row or "")
