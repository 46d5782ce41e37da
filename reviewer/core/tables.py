"""A mapped sheet of text cells, the reading of its figure, date and period columns, and claims from it.

Every figure and date is parsed here, in the domain; what cannot be read stays as text and gets a
warning that names the sheet, row, column and raw text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from reviewer.core.claim_periods import period_phrase
from reviewer.core.dates import numeric_date_order, parse_periods
from reviewer.core.figures import distinct_figures, figure_in_text, format_number, parse_figures, quote
from reviewer.core.frames import Coded, distinct_rows, repeated, table
from reviewer.core.text_search import Texts, matching

__all__ = ["CLAIM_COLUMNS", "REFERENCE_COLUMNS", "MappedSheet", "Warnings", "build_claims", "figure_columns",
           "read_dates", "read_period"]

CLAIM_COLUMNS = ["key", "sheet", "row", "text", "claimant", "figure_text", "value", "low", "high", "qualifier",
                 "period_start", "period_end", "as_of", "url", "date", "outlet", "file", "metric", "place", "measure"]
REFERENCE_COLUMNS = ["source", "sheet", "row", "date", "period_start", "period_end", "figure_text", "value", "low",
                     "high", "qualifier", "kind", "metric", "url", "file", "place", "measure", "unit"]
_WARNINGS_PER_COLUMN = 20
# Up to this many rows, a column's cells are stripped one by one (most of a claims sheet's texts
# differ); longer columns repeat themselves, and each distinct text is stripped once.
_STRIP_EACH = 200_000


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
    sent: dict[int, Coded] = field(default_factory=dict, repr=False)  # columns as the reader numbered them
    _cache: dict[int, pd.Series] = field(default_factory=dict, repr=False)
    _coded: dict[int, Coded] = field(default_factory=dict, repr=False)

    def column(self, name: str) -> pd.Series | None:
        """The mapped column's cells, stripped of surrounding spaces."""
        position = self.mapping.get(name)
        if position is None or position not in self.data.columns:
            return None
        return self._stripped(position)

    def coded(self, name: str) -> Coded | None:
        """The mapped column's cells, stripped, as its distinct texts: what is read from a cell is read
        once per distinct text."""
        position = self.mapping.get(name)
        if position is None or position not in self.data.columns:
            return None
        return self._coded_at(position)

    def _coded_at(self, position: int) -> Coded:
        coded = self._coded.get(position)
        if coded is None:
            if position in self._cache or len(self.data) <= _STRIP_EACH:
                coded = Coded.of(self._stripped(position))
            else:
                raw = self.sent.get(position) or Coded.of(self.data[position])
                coded = raw.mapped(lambda text: "" if text is None else str(text).strip())
            self._coded[position] = coded
        return coded

    def _stripped(self, position: int) -> pd.Series:
        cached = self._cache.get(position)
        if cached is not None:
            return cached
        if len(self.data) > _STRIP_EACH:
            # Long columns repeat themselves (dates, sources, counts): strip each distinct text once.
            cached = self._coded_at(position).series()
        else:
            cells = self.data[position].to_numpy(dtype=object)
            try:
                stripped = np.array(list(map(str.strip, cells)), dtype=object)
            except TypeError:  # a missing cell (None) among the texts
                stripped = np.array(["" if v is None else str(v).strip() for v in cells], dtype=object)
            cached = pd.Series(stripped, index=self.data.index, dtype=object)
        self._cache[position] = cached
        return cached

    def empty_column(self) -> pd.Series:
        return self.every_row("")

    def every_row(self, text: str) -> pd.Series:
        """A column that says the same text in every row."""
        return pd.Series(repeated(text, len(self.data)), index=self.data.index, dtype=object, copy=False)


class Warnings:
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


def read_dates(sheet: MappedSheet, name: str, warnings: Warnings, *, serial_ok: bool = True) -> pd.DataFrame | None:
    texts = sheet.coded(name)
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


def figure_columns(sheet: MappedSheet, warnings: Warnings) -> pd.DataFrame:
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
        # The column as it is (its distinct texts known), unless read from the claims' words or joined
        # to its qualifiers above.
        mapped = sheet.coded("figure")
        parsed = parse_figures(mapped if mapped is not None and figure is sheet.column("figure") else figure)
        warnings.column("figure", parsed["problem"])
        texts = figure.to_numpy(dtype=object)
        value, low, high = (parsed[c].to_numpy(dtype=float, copy=True) for c in ("value", "low", "high"))
        qualifier = parsed["qualifier"].to_numpy(dtype=object)
    no_text = texts == ""
    # Separate best / low / high columns (UCDP, Iraq Body Count, Airwars) fill what the text left open.
    for name, target in (("value", value), ("low", low), ("high", high)):
        column = sheet.coded(name)
        if column is None:
            continue
        # Read a value per distinct text; only the number each row takes is given to the rows.
        read = distinct_figures(column.texts)
        if any(problem is not None for problem in read["problem"]):
            warnings.column(name, pd.Series(column.each(read["problem"]), index=column.index))
        stated = read["value"]
        numbers = column.each(np.where(np.isnan(stated), read["high" if name == "high" else "low"], stated))
        open_cells = np.isnan(target) & no_text
        target[open_cells] = numbers[open_cells]
    # A best estimate alone (ACLED's fatalities) is an exact figure: both ends are the value.
    exact = no_text & ~np.isnan(value)
    for end in (low, high):
        fill = exact & np.isnan(end)
        end[fill] = value[fill]
    result = table({"figure_text": texts, "value": value, "low": low, "high": high, "qualifier": qualifier},
                   sheet.data.index)
    if figure is None:
        result["figure_text"] = _figure_text(result)
    return result


def _figure_text(frame: pd.DataFrame) -> pd.Series:
    """The figure as text, for sheets with separate best / low / high columns."""
    # Each distinct (value, low, high) is written once; a million events hold a few hundred.
    codes, distinct = distinct_rows(frame, ["value", "low", "high"])
    rows = distinct.to_numpy(dtype=float)
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


def read_period(sheet: MappedSheet, warnings: Warnings) -> tuple[pd.Series, pd.Series]:
    """Each row's period: its period columns, else the period its claim's words give."""
    n = len(sheet.data)
    nat = pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"), index=sheet.data.index)
    start, end = nat.copy(), nat.copy()
    period = read_dates(sheet, "period", warnings)
    if period is not None:
        start, end = period["start"], period["end"]
    for name, target in (("period_start", "start"), ("period_end", "end")):
        parsed = read_dates(sheet, name, warnings)
        if parsed is None:
            continue
        values = parsed["start"] if target == "start" else parsed["end"]
        if target == "start":
            start = start.where(start.notna(), values)
        else:
            end = end.where(end.notna(), values)
    if sheet.role_is_claims:
        given = any(f in sheet.mapping for f in ("period", "period_start", "period_end"))
        start, end = _period_from_words(sheet, warnings, start, end, given)
    return start, end


def _period_from_words(sheet: MappedSheet, warnings: Warnings, start: pd.Series, end: pd.Series,
                       given: bool) -> tuple[pd.Series, pd.Series]:
    """The period each claim's words give ("since 2014", "in March 2017"), and the editor is told: for
    every claim of a sheet without a period column; in a sheet with one, for a claim whose period cell is
    empty and whose words name a period outright ("Brazil's deaths in March 2021", said on 15 April).
    A running total the words say was reached in a period ("passed 100,000 in April 2021") is a figure
    as of the period's end, not a count over it."""
    texts = sheet.column("text")
    if texts is None:
        return start, end
    empty = (start.isna() & end.isna()).to_numpy()
    if not empty.any():
        return start, end
    # Only words with a year in them can name a period: the column is searched for one at once (RE2).
    asked = np.flatnonzero(empty)
    asked = asked[matching(Texts(texts.to_numpy(dtype=object)[asked]), r"(?:19|20)\d\d")]
    found: list[tuple[str, str] | None] = [None] * len(texts)
    for i in asked:
        found[i] = period_phrase(str(texts.iloc[i]))
    # Beside a period column, only a period the words name outright: "since", "by" and "on" a day are the
    # as-of date's.
    kinds = {"span", "named", "reached"} if given else {"span", "since", "by", "day", "named", "reached"}
    phrases = pd.Series([f[0] if f is not None and f[1] in kinds else "" for f in found], index=texts.index,
                        dtype=object)
    read = phrases != ""
    if not read.any():
        return start, end
    parsed = parse_periods(phrases[read])
    start, end = start.copy(), end.copy()
    start[read], end[read] = parsed["start"].to_numpy(), parsed["end"].to_numpy()
    reached = np.array([f is not None and f[1] == "reached" for f in found]) & read.to_numpy()
    start[reached] = pd.NaT
    example = phrases[read].iloc[0]
    why = "their period cells are empty" if given else "there is no period column"
    warnings.out.append(f"{sheet.file}, sheet {sheet.sheet!r}: {why}, so the periods of {int(read.sum()):,} "
                        f"claims were taken from their words (such as {quote(example)})")
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
    warnings = Warnings(sheet, out)
    figures = figure_columns(sheet, warnings)
    start, end = read_period(sheet, warnings)
    as_of_parsed = read_dates(sheet, "as_of", warnings)
    date_parsed = read_dates(sheet, "date", warnings)
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

    columns = {
        "key": _keys(sheet, out), "sheet": sheet.sheet, "row": sheet.rows.astype(np.int64),
        "text": text("text"), "claimant": text("claimant"), **{c: figures[c] for c in figures.columns},
        "period_start": start, "period_end": end, "as_of": as_of, "url": text("url"), "date": date,
        "outlet": text("outlet"), "file": sheet.file, "metric": text("metric"),  # "Type": killed, injured
        "place": text("place"), "measure": text("measure"),
    }
    return table({name: columns[name] for name in CLAIM_COLUMNS}, len(sheet.data))
