"""Turn mapped sheets of text cells into claims and reference observations.

Every figure and date is parsed here, in the domain; what cannot be read stays as text and gets a
warning that names the sheet, row, column and raw text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from reviewer.core.aliases import DEFAULT_ALIASES, normalize_name, source_named_in
from reviewer.core.dates import numeric_date_order, parse_period, parse_periods, period_in_text
from reviewer.core.fields import normalize_header
from reviewer.core.figures import figure_in_text, format_number, parse_figures, quote, value_or_low

__all__ = ["CLAIM_COLUMNS", "REFERENCE_COLUMNS", "MappedSheet", "build_claims", "build_references", "pretty_source"]

CLAIM_COLUMNS = ["key", "sheet", "row", "text", "claimant", "figure_text", "value", "low", "high", "qualifier",
                 "period_start", "period_end", "as_of", "url", "date", "outlet", "file", "metric", "place", "measure"]
REFERENCE_COLUMNS = ["source", "sheet", "row", "date", "period_start", "period_end", "figure_text", "value", "low",
                     "high", "qualifier", "kind", "metric", "url", "file", "place", "measure", "unit"]
_WARNINGS_PER_COLUMN = 20
_GENERIC_SHEET = re.compile(r"^(?:sheet|feuil|tabelle|hoja|foglio|blad|data|export|table|query)\s*\d*$",
                            re.IGNORECASE)
_CUMULATIVE_WORDS = re.compile(r"cumulative|running total|to date|so far|since|\bin total\b", re.IGNORECASE)
_TOTAL_WORD = re.compile(r"\btotal", re.IGNORECASE)
_INCIDENT_WORDS = re.compile(r"\bin (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|per (?:day|month|week|year)|"
                             r"incident|event|attack|monthly|weekly|daily|yearly|annual|by (?:month|week|year)",
                             re.IGNORECASE)
MAX_SOURCES_IN_COLUMN = 12
# "alleged civilian deaths in March 2017": a metric that names the period its figure covers.
_METRIC_PERIOD = re.compile(r"\b(?:in|during|for|over)\s+((?:[A-Z][a-z]{2,8}\.?\s+)?\d{4})\b")


@dataclass(slots=True)
class MappedSheet:
    """A sheet's data rows as text, with the user's or the detected column mapping."""

    file: str  # the file's name, for warnings and the default source
    sheet: str
    data: pd.DataFrame  # str cells; columns are positions in the sheet
    rows: np.ndarray  # the spreadsheet row number of each data row
    headers: list[str]
    mapping: dict[str, int]
    kind: str | None = None
    source: str | None = None
    wide: list[int] = field(default_factory=list)  # one figure column per source
    wide_are_metrics: bool = False  # ... or per place or kind of one source
    wide_labels: dict[int, dict[str, str]] = field(default_factory=dict)  # column -> its place, measure, kind
    pairs: list[tuple[str, int, int]] = field(default_factory=list)  # metric, low, high: a range per metric
    metric_name: str | None = None  # the metric of every row, when no column names it
    place_name: str | None = None  # the place of every row, when no column names it ("Date | Ninewa | Anbar")
    measure_name: str | None = None  # what every row counts or measures, when no column says
    role_is_claims: bool = False
    _cache: dict[int, pd.Series] = field(default_factory=dict, repr=False)

    def column(self, name: str) -> pd.Series | None:
        """The mapped column's cells, stripped of surrounding spaces."""
        position = self.mapping.get(name)
        if position is None or position not in self.data.columns:
            return None
        return self._stripped(position)

    def _stripped(self, position: int) -> pd.Series:
        cached = self._cache.get(position)
        if cached is not None:
            return cached
        cells = self.data[position].to_numpy(dtype=object)
        if len(cells) > 200_000:
            # Long columns repeat themselves (dates, sources, counts): strip each distinct text once.
            codes, uniques = pd.factorize(cells, use_na_sentinel=False)
            stripped = np.array([str(u).strip() if u is not None else "" for u in uniques], dtype=object)[codes]
        else:
            try:
                stripped = np.array(list(map(str.strip, cells)), dtype=object)
            except TypeError:  # a missing cell (None) among the texts
                stripped = np.array(["" if v is None else str(v).strip() for v in cells], dtype=object)
        result = pd.Series(stripped, index=self.data.index, dtype=object)
        self._cache[position] = result
        return result

    def empty_column(self) -> pd.Series:
        return pd.Series([""] * len(self.data), index=self.data.index, dtype=object)


class _Warnings:
    def __init__(self, sheet: MappedSheet, out: list[str]) -> None:
        self.sheet, self.out = sheet, out

    def column(self, name: str, problems: pd.Series) -> None:
        bad = np.flatnonzero(problems.notna().to_numpy())
        if not len(bad):
            return
        header = self.sheet.headers[self.sheet.mapping[name]]
        where = f"{self.sheet.file}, sheet {self.sheet.sheet!r}, column {header!r}"
        for i in bad[:_WARNINGS_PER_COLUMN]:
            self.out.append(f"{where}, row {int(self.sheet.rows[i])}: {problems.iloc[i]}; kept as text")
        if len(bad) > _WARNINGS_PER_COLUMN:
            self.out.append(f"{where}: {len(bad) - _WARNINGS_PER_COLUMN:,} more cells could not be read")


def _dates(sheet: MappedSheet, name: str, warnings: _Warnings, *, serial_ok: bool = True) -> pd.DataFrame | None:
    texts = sheet.column(name)
    if texts is None:
        return None
    day_first, ambiguous = numeric_date_order(texts)
    if ambiguous is not None:
        header = sheet.headers[sheet.mapping[name]]
        warnings.out.append(f"{sheet.file}, sheet {sheet.sheet!r}, column {header!r}: dates such as "
                            f"{quote(ambiguous)} could be day-first or month-first; read as day-first")
    if day_first is None:
        day_first = True
    parsed = parse_periods(texts, day_first=day_first, serial_ok=serial_ok)
    warnings.column(name, parsed["problem"])
    return parsed


def _figure_columns(sheet: MappedSheet, warnings: _Warnings) -> pd.DataFrame:
    n = len(sheet.data)
    texts = np.full(n, "", dtype=object)
    value, low, high = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    qualifier = np.full(n, None, dtype=object)
    figure = sheet.column("figure")
    if figure is None and sheet.role_is_claims and not any(n in sheet.mapping for n in ("value", "low", "high")):
        claim_texts = sheet.column("text")
        if claim_texts is not None:
            # No figure column: the figure is the one the claim's sentence states, and the editor is told.
            figure = claim_texts.map(lambda t: figure_in_text(t) or "")
            warnings.out.append(f"{sheet.file}, sheet {sheet.sheet!r}: there is no figure column, so each "
                                "claim's figure was taken from its text")
            sheet.mapping["figure"] = sheet.mapping["text"]
    stated_qualifier = sheet.column("qualifier")
    if figure is not None and stated_qualifier is not None:
        # "at least" in a column of its own, beside "352": read together, as the desk meant them.
        bare = figure.str.match(r"^[\d.,\s]+$").fillna(False).to_numpy(dtype=bool) & (stated_qualifier != "").to_numpy()
        figure = figure.where(~bare, stated_qualifier + " " + figure)
    if figure is not None:
        parsed = parse_figures(figure)
        warnings.column("figure", parsed["problem"])
        texts = figure.to_numpy(dtype=object)
        value, low, high = (parsed[c].to_numpy(dtype=float, copy=True) for c in ("value", "low", "high"))
        qualifier = parsed["qualifier"].to_numpy(dtype=object)
    no_text = texts == ""
    # Separate best / low / high columns (UCDP, Iraq Body Count, Airwars) fill what the text left open.
    for name, target in (("value", value), ("low", low), ("high", high)):
        column = sheet.column(name)
        if column is None:
            continue
        parsed = parse_figures(column)
        warnings.column(name, parsed["problem"])
        stated = parsed["value"].to_numpy(dtype=float)
        numbers = np.where(np.isnan(stated), parsed["high" if name == "high" else "low"].to_numpy(dtype=float), stated)
        open_cells = np.isnan(target) & no_text
        target[open_cells] = numbers[open_cells]
    # A best estimate alone (ACLED's fatalities) is an exact figure: both ends are the value.
    exact = no_text & ~np.isnan(value)
    for end in (low, high):
        fill = exact & np.isnan(end)
        end[fill] = value[fill]
    result = pd.DataFrame({"figure_text": texts, "value": value, "low": low, "high": high, "qualifier": qualifier},
                          index=sheet.data.index)
    if figure is None:
        result["figure_text"] = _figure_text(result)
    return result


def _figure_text(frame: pd.DataFrame) -> pd.Series:
    """The figure as text, for sheets with separate best / low / high columns."""
    # Each distinct (value, low, high) is written once; a million events hold a few hundred.
    parts = [pd.factorize(frame[c].to_numpy(dtype=float), use_na_sentinel=False) for c in ("value", "low", "high")]
    combined = parts[0][0].astype(np.int64)
    for part_codes, part_uniques in parts[1:]:
        combined = combined * (len(part_uniques) + 1) + part_codes
    codes, first = np.unique(combined, return_inverse=True)[1], np.unique(combined, return_index=True)[1]
    rows = frame[["value", "low", "high"]].to_numpy(dtype=float)[first]
    texts = []
    for value, low, high in rows:
        if value == value:
            texts.append(format_number(value))
        elif low == low and high == high:
            texts.append(format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}")
        elif low == low:
            texts.append(f"at least {format_number(low)}")
        elif high == high:
            texts.append(f"up to {format_number(high)}")
        else:
            texts.append("")
    return pd.Series(np.array(texts, dtype=object)[codes], index=frame.index, dtype=object)


def _period(sheet: MappedSheet, warnings: _Warnings) -> tuple[pd.Series, pd.Series]:
    n = len(sheet.data)
    nat = pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"), index=sheet.data.index)
    start, end = nat.copy(), nat.copy()
    period = _dates(sheet, "period", warnings)
    if period is not None:
        start, end = period["start"], period["end"]
    for name, target in (("period_start", "start"), ("period_end", "end")):
        parsed = _dates(sheet, name, warnings)
        if parsed is None:
            continue
        values = parsed["start"] if target == "start" else parsed["end"]
        if target == "start":
            start = start.where(start.notna(), values)
        else:
            end = end.where(end.notna(), values)
    if sheet.role_is_claims and not any(f in sheet.mapping for f in ("period", "period_start", "period_end")):
        start, end = _period_from_words(sheet, warnings, start, end)
    return start, end


def _period_from_words(sheet: MappedSheet, warnings: _Warnings, start: pd.Series,
                       end: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A claims sheet without a period column: the period each claim's words give ("since 2014",
    "in March 2017"), and the editor is told."""
    texts = sheet.column("text")
    if texts is None:
        return start, end
    phrases = texts.map(lambda t: period_in_text(t) or "")
    read = phrases != ""
    if not read.any():
        return start, end
    parsed = parse_periods(phrases[read])
    start, end = start.copy(), end.copy()
    start[read], end[read] = parsed["start"].to_numpy(), parsed["end"].to_numpy()
    example = phrases[read].iloc[0]
    warnings.out.append(f"{sheet.file}, sheet {sheet.sheet!r}: there is no period column, so the periods of "
                        f"{int(read.sum()):,} claims were taken from their words (such as {quote(example)})")
    return start, end


def _keys(sheet: MappedSheet, out: list[str]) -> pd.Series:
    given = sheet.column("key")
    keys = given.copy() if given is not None else sheet.empty_column()
    missing = keys == ""
    if missing.any():
        # A claim without a key is known by its own cells, so sorting or inserting rows keeps its verdict.
        hashed = sheet.data[missing].astype(str).agg("\x1f".join, axis=1).map(
            lambda row: "#" + hashlib.sha1(row.encode("utf-8")).hexdigest()[:10])
        keys[missing] = hashed
    duplicated = keys.duplicated(keep=False)
    if duplicated.any():
        counts: dict[str, int] = {}
        for i in np.flatnonzero(duplicated.to_numpy()):
            key = keys.iloc[i]
            counts[key] = counts.get(key, 0) + 1
            if counts[key] > 1:
                new = f"{key}#{counts[key]}"
                out.append(f"{sheet.file}, sheet {sheet.sheet!r}, row {int(sheet.rows[i])}: the key {quote(key)} "
                           f"is used more than once; this claim is {new}")
                keys.iloc[i] = new
    return keys


def build_claims(sheet: MappedSheet, out: list[str]) -> pd.DataFrame:
    sheet = replace(sheet, mapping=dict(sheet.mapping), role_is_claims=True)
    warnings = _Warnings(sheet, out)
    figures = _figure_columns(sheet, warnings)
    start, end = _period(sheet, warnings)
    as_of_parsed = _dates(sheet, "as_of", warnings)
    date_parsed = _dates(sheet, "date", warnings)
    date = date_parsed["end"] if date_parsed is not None else pd.Series(pd.NaT, index=sheet.data.index)
    as_of = as_of_parsed["end"] if as_of_parsed is not None else pd.Series(pd.NaT, index=sheet.data.index)
    # A claim is "as of" its stated date, else the end of its period, else the day it was published.
    as_of = as_of.where(as_of.notna(), end).where(lambda s: s.notna(), date)
    if as_of_parsed is not None:
        # "as of March 2017" also says the figure covers up to the end of March.
        end = end.where(end.notna() | start.isna(), as_of)

    def text(name: str) -> pd.Series:
        column = sheet.column(name)
        return column if column is not None else sheet.empty_column()

    frame = pd.DataFrame({
        "key": _keys(sheet, out), "sheet": sheet.sheet, "row": sheet.rows.astype(np.int64),
        "text": text("text"), "claimant": text("claimant"), **{c: figures[c] for c in figures.columns},
        "period_start": start, "period_end": end, "as_of": as_of, "url": text("url"), "date": date,
        "outlet": text("outlet"), "file": sheet.file, "metric": text("metric"),  # "Type": killed, injured
        "place": text("place"), "measure": text("measure"),
    })
    return frame[CLAIM_COLUMNS].reset_index(drop=True)


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
    for name in ([] if generic else [sheet.sheet]) + [file_stem]:
        if name.strip() in _ALIAS_SPELLINGS:  # "IBC": named as the user names it
            return pretty_source(name) if name == file_stem else name.strip()
        known = source_named_in(name)
        if known:
            return known
    return pretty_source(file_stem) if generic else sheet.sheet.strip()


_PLACE_HEADERS = {"country", "governorate", "province", "region", "admin1", "adm1", "admin 1", "state", "city",
                  "place", "location", "area", "district", "territory"}
_MAX_PLACES = 20
_MAX_TOTALS_ROWS = 100_000  # running totals come a row a day at most, for years and a few places


def _running_totals_by_place(sheet: MappedSheet, ends: np.ndarray, values: np.ndarray, label: str,
                             out: list[str]) -> pd.Series | None:
    """A place column that splits running totals ("Date | Country | Cumulative deaths" with rows for
    Iraq and Syria): each place's rows as a series, or None. Read as one series, the totals of two
    places would alternate, and a claim would meet whichever place came last. Counts per event
    across places stay one series: they add up."""
    if len(sheet.data) > _MAX_TOTALS_ROWS:
        return None  # a file of events, not a table of running totals
    for position, header in enumerate(sheet.headers):
        mapped_place = position == sheet.mapping.get("place")
        if (normalize_header(header) not in _PLACE_HEADERS and not mapped_place) or \
                (position in sheet.mapping.values() and not mapped_place) or position not in sheet.data.columns:
            continue
        places = sheet._stripped(position)
        codes, names = pd.factorize(places.to_numpy(dtype=object))
        if not 2 <= len(names) <= _MAX_PLACES or (codes < 0).any():
            return None
        groups = [np.flatnonzero(codes == code) for code in range(len(names))]
        if any(len(g) < 2 for g in groups) or any(
                detect_kind(ends[g], values[g], f"{names[i]} {label} {sheet.sheet}") != "cumulative"
                for i, g in enumerate(groups)):
            return None
        out.append(f"{sheet.file}, sheet {sheet.sheet!r}: column {header!r} splits the running totals by place "
                   f"({', '.join(repr(str(n)) for n in names[:4])}); each place is a series, and claims are "
                   f"compared with the first, {str(names[0])!r}")
        return places
    return None


def detect_kind(dates: np.ndarray, values: np.ndarray, label: str) -> str:
    """cumulative for a running total (says so, or rises but for a few small revisions), incident for
    counts per event or day."""
    if _CUMULATIVE_WORDS.search(label):
        return "cumulative"
    if _INCIDENT_WORDS.search(label):
        return "incident"
    says_total = _TOTAL_WORD.search(label) is not None  # "Total deaths" may be a running total or an event's
    valid = ~np.isnat(dates) & ~np.isnan(values)
    if valid.sum() < 3:
        return "cumulative" if says_total else "incident"
    order = np.argsort(dates[valid], kind="stable")
    d, v = dates[valid][order], values[valid][order]
    repeated_days = 1 - len(np.unique(d)) / len(d)
    if repeated_days > 0.05:
        return "incident"
    steps = np.diff(v)
    falls = steps < 0
    if not falls.any():
        return "cumulative"
    # A running total is sometimes revised down a little (1,139 then 1,132); counts per event fall often
    # and far.
    small = np.abs(steps[falls]) <= 0.1 * np.maximum(v[:-1][falls], 1)
    return "cumulative" if len(v) >= 8 and falls.mean() <= 0.1 and bool(small.all()) else "incident"


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
    warnings = _Warnings(sheet, out)
    figures = _figure_columns(sheet, warnings)
    start, end = _period(sheet, warnings)
    date_parsed = _dates(sheet, "date", warnings)
    if date_parsed is None:
        date_parsed = _dates(sheet, "as_of", warnings)
    n = len(sheet.data)
    sources = sheet.column("source")
    fallback = default_source(sheet)
    if sources is not None and sources[sources != ""].nunique() > MAX_SOURCES_IN_COLUMN:
        header = sheet.headers[sheet.mapping["source"]]
        out.append(f"{sheet.file}, sheet {sheet.sheet!r}: column {header!r} names "
                   f"{sources[sources != ''].nunique():,} different sources (articles, not series); the figures "
                   f"are read as one source, {fallback!r}")
        sources = None
    source = sources.where(sources != "", fallback) if sources is not None else pd.Series([fallback] * n,
                                                                                         index=sheet.data.index)
    metric_column = sheet.column("metric")
    # Sheets "Iraq" and "Syria" of airwars.xlsx are both Airwars, and each its own series.
    named_by_file = sources is None and sheet.source is None and fallback != sheet.sheet.strip()
    own_series = sheet.sheet.strip() if named_by_file and not _sheet_name_says_nothing(sheet) else ""
    metric = metric_column if metric_column is not None else pd.Series([sheet.metric_name or own_series] * n,
                                                                         index=sheet.data.index)
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
    if metric_column is None and not sheet.kind and not sheet.metric_name:
        places = _running_totals_by_place(sheet, end.to_numpy(), values, header_label, out)
        if places is not None:
            metric = places
    place = _named_or_column(sheet, "place", sheet.place_name)
    measure = _named_or_column(sheet, "measure", sheet.measure_name)
    # Each series (source, metric, place and measure) by codes: a million rows name a handful of series.
    metric_codes, metric_names = pd.factorize(metric.to_numpy(dtype=object))
    series = np.zeros(n, dtype=np.int64)
    split = False
    for labels in (source, metric, place, measure):
        texts = labels.to_numpy(dtype=object)
        if not n or (texts == texts[0]).all():
            continue  # one label for every row (most sheets name one place and one measure) splits nothing
        codes, names = pd.factorize(texts)
        # Kept below n, so that a fourth label never overflows the codes.
        series = pd.factorize(series * len(names) + codes)[0].astype(np.int64) if split else codes.astype(np.int64)
        split = True
    order = np.argsort(series, kind="stable")
    bounds = np.flatnonzero(np.diff(series[order])) + 1
    for positions in np.split(order, bounds) if n else []:
        if sheet.kind:
            kind = sheet.kind
        else:
            label = f"{metric_names[metric_codes[positions[0]]]} {header_label} {sheet.sheet}"
            kind = detect_kind(end.to_numpy()[positions], values[positions], label)
        kinds[positions] = kind
    if kind_column is not None:
        stated = kind_column.str.lower()
        kinds = np.where(stated.str.contains("cumul|total").to_numpy(), "cumulative",
                         np.where(stated.str.contains("incident|event|daily|count").to_numpy(), "incident", kinds))
    # A running total is as of the end of its date; an incident happened at its start.
    date = np.where(kinds == "cumulative", end.to_numpy(), start.to_numpy())
    url = sheet.column("url")
    frame = pd.DataFrame({
        "source": source, "sheet": sheet.sheet, "row": sheet.rows.astype(np.int64),
        "date": pd.Series(date.astype("datetime64[ns]"), index=sheet.data.index),
        "period_start": start, "period_end": end, **{c: figures[c] for c in figures.columns},
        "kind": kinds, "metric": metric, "url": url if url is not None else sheet.empty_column(), "file": sheet.file,
        "place": place, "measure": measure, "unit": sheet.empty_column(),
    })
    return frame[REFERENCE_COLUMNS].reset_index(drop=True)


def _named_or_column(sheet: MappedSheet, name: str, every_row: str | None) -> pd.Series:
    """A mapped column's cells; else the name every row shares; else empty text."""
    column = sheet.column(name)
    if column is not None:
        return column
    return pd.Series([every_row] * len(sheet.data), index=sheet.data.index, dtype=object) if every_row else \
        sheet.empty_column()
