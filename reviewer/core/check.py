"""What each source said for a claim's place and measure, at its date or over its period, and whether
the claim agrees.

A series is one source's figures of one measure for one place (``series.py``); each claim is asked of
the series of its own place and measure only, and each series, sorted once by date, finds its claims'
figures with ``searchsorted`` and period sums with a difference of cumulative sums, so the cost grows
with the number of claims plus rows, never with their product.

- A cumulative source (a running total) answers an as-of claim with its latest figure on or before
  that date, and a period claim with the change between the figure before the period and the
  figure at its end. A period that starts at or before the running total's first figure ("since
  2014", when the count began) is a claim about the running total: its latest figure by the as-of date.
- A level (a population, a rate) is never added up: its latest figure by the date or in the period.
- An incident source (counts per event or day) answers a period claim with the sum over the events
  in the period, and an as-of claim with the sum of all its events up to that date.
- The claim states a number (or both ends of a range; "at least N" states N); the source's figure is
  an interval (exact, a range, open above for "at least N"). ``match`` when the claim lies in the
  interval widened by the tolerance, or a claimed range overlaps it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from reviewer.core.aliases import Attribution
from reviewer.core.assessments import ASSESSMENTS, DEFAULT_TOLERANCE, HIGHER, LOWER, MATCH, NO_DATA, tolerance_problem
from reviewer.core.measures import claim_units
from reviewer.core.series import (
    ALL_PLACES,
    DEATHS,
    INJURIES,
    KINDS,
    Series,
    Target,
    all_places,
    build_series,
    claim_harm,
    primary_series,
    series_rows,
    target,
)
from reviewer.core.workbook import Workbook

__all__ = ["ASSESSMENTS", "CHECK_COLUMNS", "DEATHS", "DEFAULT_TOLERANCE", "INJURIES", "assess", "check",
           "claim_assessments", "claim_harm", "primary_series", "series_rows"]

CHECK_COLUMNS = ["key", "source", "attributed", "place", "measure", "date", "value", "low", "high", "figure_text",
                 "kind", "method", "events", "age_days", "sheet", "rows", "assessment"]
_NAT = np.iinfo(np.int64).min
_NO_AGE = np.iinfo(np.int64).min


def _claim_interval(claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    value = claims["value"].to_numpy(dtype=float)
    low = claims["low"].to_numpy(dtype=float)
    high = claims["high"].to_numpy(dtype=float)
    both = ~np.isnan(low) & ~np.isnan(high)
    single = np.where(~np.isnan(value), value, np.where(~np.isnan(low), low, high))
    return np.where(both, low, single), np.where(both, high, single)


def assess(claim_lo: np.ndarray, claim_hi: np.ndarray, source_lo: np.ndarray, source_hi: np.ndarray,
           tolerance: float) -> np.ndarray:
    """The assessment of each claim interval against each source interval, vectorized."""
    with np.errstate(invalid="ignore"):
        wide_lo = source_lo - np.abs(source_lo) * tolerance
        wide_hi = np.where(np.isinf(source_hi), np.inf, source_hi + np.abs(source_hi) * tolerance)
        missing = np.isnan(claim_lo) | np.isnan(claim_hi) | np.isnan(source_lo) | np.isnan(source_hi)
        higher = claim_lo > wide_hi
        lower = claim_hi < wide_lo
    return np.where(missing, NO_DATA, np.where(higher, HIGHER, np.where(lower, LOWER, MATCH))).astype(object)


def _as_of_cumulative(series: Series, at: np.ndarray) -> tuple[np.ndarray, ...]:
    index = np.searchsorted(series.dates, at, side="right") - 1
    ok = (index >= 0) & (at != _NAT)
    safe = np.where(ok, index, 0)
    lo = np.where(ok, series.lo[safe], np.nan)
    hi = np.where(ok, series.hi[safe], np.nan)
    value = np.where(ok, series.value[safe], np.nan)
    return ok, safe, lo, hi, value


def _cumsum(values: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(values)])


def _window(sums: np.ndarray, i0: np.ndarray, i1: np.ndarray) -> np.ndarray:
    return sums[i1] - sums[i0]


def _check_source(series: Series, start: np.ndarray, end: np.ndarray, as_of: np.ndarray) -> dict[str, np.ndarray]:
    n = len(start)
    has_period = (start != _NAT) | (end != _NAT)
    period_end = np.where(end != _NAT, end, as_of)
    lo = np.full(n, np.nan)
    hi = np.full(n, np.nan)
    value = np.full(n, np.nan)
    date = np.full(n, _NAT, dtype=np.int64)
    reach = np.full(n, _NAT, dtype=np.int64)  # the end of the period a level's figure covers ("2016": 31 Dec)
    first = np.zeros(n, dtype=np.int64)
    stop = np.zeros(n, dtype=np.int64)
    method = np.full(n, "", dtype=object)
    whole = np.zeros(n, dtype=bool)  # a claim about the whole running total
    if series.kind == "cumulative":
        # As of a date: the latest figure on or before it. A period with no start ("by the end of 2016")
        # is a date too: a running total says how many by then.
        point = (start == _NAT) & ((as_of != _NAT) | (end != _NAT))
        at = np.where(end != _NAT, np.where(as_of != _NAT, np.minimum(as_of, end), end), as_of)
        # A period that starts at or before the running total's first figure ("since 2014", when the
        # count began) is a claim about the running total: its latest figure by the claim's as-of date.
        from_start = (start != _NAT) & (start <= series.dates[0])
        point |= from_start
        whole = from_start
        at = np.where(from_start, np.where(as_of != _NAT, as_of, end), at)
        ok, index, p_lo, p_hi, p_value = _as_of_cumulative(series, np.where(point, at, _NAT))
        ok &= point
        lo[ok], hi[ok], value[ok] = p_lo[ok], p_hi[ok], p_value[ok]
        date[ok] = series.dates[index[ok]]
        first[ok], stop[ok] = index[ok], index[ok] + 1
        method[ok] = "as of"
        # Over a period inside the series: the change from the figure before the period to the figure at
        # its end (a period from before the first figure was taken above, as the running total).
        span = has_period & ~point & (period_end != _NAT)
        ok_end, i_end, e_lo, e_hi, e_value = _as_of_cumulative(series, np.where(span, period_end, _NAT))
        before = np.where(start != _NAT, start - 1, _NAT)
        ok_start, i_start, s_lo, s_hi, s_value = _as_of_cumulative(series, np.where(span, before, _NAT))
        # Both ends on the same observation says nothing about the period.
        ok = span & ok_end & ok_start & (i_end > i_start)
        with np.errstate(invalid="ignore"):
            lo[ok] = np.maximum(e_lo - s_hi, 0.0)[ok]
            hi[ok] = (e_hi - s_lo)[ok]
            value[ok] = (e_value - s_value)[ok]
        date[ok] = series.dates[i_end[ok]]
        first[ok], stop[ok] = i_start[ok], i_end[ok] + 1
        method[ok] = "change over period"
    elif series.kind == "level":
        # A level (a population, a rate) is never added up: the latest figure by the period's end or
        # the as-of date, and for a period, one inside it.
        at = np.where(has_period, period_end, as_of)
        ok, index, p_lo, p_hi, p_value = _as_of_cumulative(series, at)
        ok &= ~has_period | (start == _NAT) | (series.dates[index] >= start)
        lo[ok], hi[ok], value[ok] = p_lo[ok], p_hi[ok], p_value[ok]
        date[ok] = series.dates[index[ok]]
        reach[ok] = series.ends[index[ok]]
        first[ok], stop[ok] = index[ok], index[ok] + 1
        method[ok] = "as of"
    else:
        # Open-ended rows ("at least N") make the sum open above; they are counted apart so that
        # inf - inf never turns a later window into nan.
        open_above = np.isinf(series.hi)
        value_known = ~np.isnan(series.value)
        sum_lo = _cumsum(np.nan_to_num(series.lo, nan=0.0))
        sum_hi = _cumsum(np.where(open_above, 0.0, series.hi))
        opens = _cumsum(open_above.astype(float))
        sum_value = _cumsum(np.where(value_known, series.value, 0.0))
        unknown = _cumsum((~value_known).astype(float))
        window_start = np.where(has_period & (start != _NAT), start, np.iinfo(np.int64).min + 1)
        window_end = np.where(has_period, period_end, as_of)
        ok = window_end != _NAT
        i0 = np.searchsorted(series.dates, window_start, side="left")
        # A count for 2017 says nothing about the first half of 2017: only whole periods inside the window.
        i1 = np.searchsorted(series.ends if series.periods_in_turn else series.dates, window_end, side="right")
        ok &= i1 > i0
        lo[ok] = _window(sum_lo, i0, i1)[ok]
        hi[ok] = np.where(_window(opens, i0, i1) > 0, np.inf, _window(sum_hi, i0, i1))[ok]
        all_known = _window(unknown, i0, i1) == 0
        value[ok & all_known] = _window(sum_value, i0, i1)[ok & all_known]
        # The figures run to the end of the last one's period ("2016" to 31 December), not to its first day.
        date[ok] = np.minimum(series.ends[np.maximum(i1 - 1, 0)], window_end)[ok]
        first[ok], stop[ok] = i0[ok], i1[ok]
        method[ok] = np.where(has_period, "sum over period", "sum up to date")[ok]
    # How old the figure is at the claim's date: none while the claim's date is in the figure's period
    # (the 2016 population, for a claim about 2016), else the days from its period's end or to its start.
    reach = np.where(reach == _NAT, date, reach)
    gap = np.where(as_of > reach, as_of - reach, np.where(as_of < date, as_of - date, 0))
    age = np.where((date != _NAT) & (as_of != _NAT), gap // 86_400_000_000_000, np.iinfo(np.int64).min)
    return {"lo": lo, "hi": hi, "value": value, "date": date, "first": first, "stop": stop, "method": method,
            "age": age, "whole": whole}


def _targets(series_list: list[Series], source: str, places: np.ndarray, measures: np.ndarray,
             units: np.ndarray) -> tuple[np.ndarray, list[Target]]:
    """For each claim, which of the source's targets answers it (an index into the list returned)."""
    own = [s for s in series_list if s.source == source]
    measure_units: dict[str, str] = {}
    places_of: dict[str, set[str]] = {}
    for s in own:
        measure_units.setdefault(s.measure, s.unit)
        places_of.setdefault(s.measure, set()).add(s.place)
    # Claims ask about a few hundred (place, measure, unit) at most: each is worked out once.
    asked = pd.MultiIndex.from_arrays([places, measures, units])
    codes, uniques = pd.factorize(asked)
    found = [target(measure_units, places_of, str(m), str(p), str(u)) for p, m, u in uniques]
    return codes, found


def _answers(series_list: list[Series], source: str, claim_places: np.ndarray, claim_measures: np.ndarray,
             units: np.ndarray, start: np.ndarray, end: np.ndarray,
             as_of: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray, list[Target], np.ndarray]:
    """What the source says for each claim, from the series of the claim's place and measure, of the
    kind that suits it, and which series that is (-1 for none); each series is asked only about the
    claims that are its, so the cost grows with claims plus rows."""
    n = len(start)
    codes, targets = _targets(series_list, source, claim_places, claim_measures, units)
    index = {(s.measure, s.place, s.kind): i for i, s in enumerate(series_list) if s.source == source}
    for t in targets:
        if t.place == ALL_PLACES and t.measure is not None and (t.measure, ALL_PLACES, "incident") not in index:
            together = all_places(series_list, source, t.measure)
            if together is not None:
                series_list.append(together)  # asked like any other series of the source
                index[(t.measure, ALL_PLACES, "incident")] = len(series_list) - 1
    has_period = (start != _NAT) | (end != _NAT)
    best_score = np.full(n, -1, dtype=np.int64)
    chosen = np.full(n, -1, dtype=np.int64)
    out: dict[str, np.ndarray] = {
        "lo": np.full(n, np.nan), "hi": np.full(n, np.nan), "value": np.full(n, np.nan),
        "date": np.full(n, _NAT, dtype=np.int64), "first": np.zeros(n, dtype=np.int64),
        "stop": np.zeros(n, dtype=np.int64), "method": np.full(n, "", dtype=object),
        "age": np.full(n, _NO_AGE, dtype=np.int64)}
    for k, kind in enumerate(KINDS):
        of_target = np.array([index.get((t.measure, t.place, kind), -1) if t.measure is not None and
                              t.place is not None else -1 for t in targets] or [-1], dtype=np.int64)
        per_claim = of_target[codes] if n else np.zeros(0, dtype=np.int64)
        order = np.argsort(per_claim, kind="stable")
        bounds = np.flatnonzero(np.diff(per_claim[order])) + 1
        for members in np.split(order, bounds) if n else []:
            which = int(per_claim[members[0]])
            if which < 0:
                continue
            result = _check_source(series_list[which], start[members], end[members], as_of[members])
            found = ~np.isnan(result["lo"]) | ~np.isnan(result["hi"])
            # A figure found first; then the kind that suits the claim (a running total for a date,
            # counts for a period); then the running total.
            preferred = (has_period[members] == (kind == "incident")) | result["whole"]
            score = found.astype(np.int64) * 4 + preferred * 2 + (k == 0)
            better = score > best_score[members]
            take = members[better]
            best_score[take], chosen[take] = score[better], which
            for name in out:
                out[name][take] = result[name][better]
    return out, chosen, targets, codes


def _told(series: Series | None, last_end: int, found: bool, measure: str, counted: str, period_end: int) -> str:
    """What the editor is told beside a source's figure, besides how it was worked out (``last_end``: the
    end of the series' latest figure's period)."""
    if series is None:
        return ""
    told = [series.note]
    if found and measure and not counted:
        # A source that does not say what it counts answers any claim (a sheet of "Date | Figure" counts
        # what its claims count), but a file of cases would answer a claim about deaths.
        told.append(f"the source does not say what it counts (taken as {measure})")
    if found and period_end != _NAT and _NAT < last_end < period_end:
        # Summed or compared up to where the figures stop: the claim's period may run on past them.
        last = pd.Timestamp(last_end)
        told.append(f"the source's figures end on {last.day} {last:%B %Y}, before the claim's period does")
    return "; ".join(t for t in told if t)


def _cited_rows(series: Series, first: int, stop: int) -> np.ndarray:
    """The rows a figure was read from: a sum of parts' running totals is cited by every part's row. A row
    that holds a figure per date (JHU's, the World Bank's) is cited once for a change across its dates."""
    if series.part_rows is None:
        rows = series.rows[first:stop]  # a view: a million events' rows are not copied per claim
        if series.rows_repeat:  # rows that each hold a figure per date (summed over parts): each once
            _, first_seen = np.unique(rows, return_index=True)
            return rows[np.sort(first_seen)]
        return rows
    return np.unique(np.concatenate(list(series.part_rows[first:stop]))).astype(np.int64)


def check(book: Workbook, tolerance: float = DEFAULT_TOLERANCE,
          aliases: Mapping[str, list[str]] | None = None, series: Sequence[Series] | None = None) -> pd.DataFrame:
    """One row per claim and source: what the source said for the claim's place and measure, at its date
    or over its period, and the assessment. ``series``: ``build_series(book.references)``, when already
    built (they depend on the references alone, not on the settings)."""
    if problem := tolerance_problem(tolerance):
        raise ValueError(problem)
    claims = book.claims
    series_list = list(series) if series is not None else build_series(book.references)  # a check adds to it
    sources = list(dict.fromkeys(s.source for s in series_list))
    attribution = Attribution(sources, aliases)
    # The claimant names the source; a claim without one is attributed by the source its words name first.
    attributed_source = np.array([
        attribution.source_for(str(claimant)) if str(claimant).strip() else attribution.source_in_text(str(text))
        for claimant, text in zip(claims["claimant"], claims["text"], strict=True)], dtype=object)
    start = claims["period_start"].to_numpy("datetime64[ns]").view(np.int64)
    end = claims["period_end"].to_numpy("datetime64[ns]").view(np.int64)
    as_of = claims["as_of"].to_numpy("datetime64[ns]").view(np.int64)
    claim_lo, claim_hi = _claim_interval(claims)
    keys = claims["key"].to_numpy(dtype=object)
    places, measures, figure_texts = (claims[c].fillna("").astype(str) if c in claims else
                                      pd.Series("", index=claims.index, dtype=object)
                                      for c in ("place", "measure", "figure_text"))
    units = claim_units(figure_texts, measures)
    places, measures = places.to_numpy(dtype=object), measures.to_numpy(dtype=object)
    frames = []
    for source in sources:
        out, chosen, targets, codes = _answers(series_list, source, places, measures, units, start, end, as_of)
        found_any = ~np.isnan(out["lo"]) | ~np.isnan(out["hi"])
        first, stop, methods = out["first"], out["stop"], out["method"]
        reasons = np.array([t.reason for t in targets] + [""], dtype=object)[codes]
        where = [np.array([getattr(t, f) or "" for t in targets] + [""], dtype=object)[codes]
                 for f in ("place", "measure")]
        kinds = np.array([series_list[c].kind if c >= 0 else None for c in chosen], dtype=object)
        kinds[~found_any] = None
        rows, sheets, texts, notes = [], [], [], []
        # Where each chosen series' figures end (they need not be in date order), found once, not per claim.
        last_ends = {c: int(series_list[c].ends.max()) for c in np.unique(chosen).tolist()
                     if c >= 0 and len(series_list[c].ends)}
        for i in range(len(claims)):
            series = series_list[chosen[i]] if chosen[i] >= 0 else None
            ok = series is not None and found_any[i] and stop[i] > first[i]
            rows.append(_cited_rows(series, first[i], stop[i]) if ok and series is not None else np.zeros(0, np.int64))
            sheets.append(series.sheet[first[i]] if ok and series is not None else None)
            # One published figure is shown as written ("over 3,000"); sums and changes are computed.
            texts.append(series.texts[first[i]] if ok and series is not None and methods[i] == "as of"
                         and not series.note else None)
            notes.append(_told(series, last_ends.get(int(chosen[i]), _NAT), bool(found_any[i]), str(measures[i]),
                               str(where[1][i]), int(end[i])))
        # No figure: the method says why ("the source gives no figures for India", or when its figures run).
        spans = {c: _span(series_list[c]) for c in set(chosen[~found_any].tolist()) if c >= 0}
        method = np.array([f"{m}; {note}" if m and note else (m or (reason if c < 0 else spans.get(c, "")))
                           for m, note, reason, c in zip(methods, notes, reasons, chosen, strict=True)], dtype=object)
        age, lo, hi = out["age"], out["lo"], out["hi"]
        frames.append(pd.DataFrame({
            "key": keys, "source": source, "attributed": attributed_source == source,
            "place": where[0], "measure": where[1],
            "date": out["date"].view("datetime64[ns]"), "value": out["value"], "low": lo, "high": hi, "kind": kinds,
            "method": method, "events": (stop - first).astype(np.int64), "figure_text": texts,
            "age_days": pd.Series(age, dtype="Int64").mask(age == _NO_AGE).array,
            "sheet": sheets, "rows": rows, "assessment": assess(claim_lo, claim_hi, lo, hi, tolerance),
        }))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CHECK_COLUMNS})
    result = pd.concat(frames, ignore_index=True)
    result["_order"] = np.tile(np.arange(len(claims)), len(frames))
    result = result.sort_values(["_order", "attributed"], ascending=[True, False], kind="stable")
    return result.drop(columns="_order").reset_index(drop=True)[CHECK_COLUMNS]


def _span(series: Series) -> str:
    first, last = (np.datetime64(int(d), "ns").astype("datetime64[D]") for d in (series.dates[0], series.dates[-1]))
    return f"no figure for the claim's date or period: the source's figures run from {first} to {last}"


_SUMMARY_ORDER = (MATCH, HIGHER, LOWER)


_RECENT_DAYS = 366  # a yearly figure is still the latest a year on


def claim_assessments(book: Workbook, checked: pd.DataFrame) -> pd.Series:
    """Each claim's overall assessment, indexed by key: its attributed source's when that source is
    loaded (no data when it has no figure: the claim cannot be traced to it); else what most of the
    sources with a figure for its place and date say (agreement first on a tie); no data only when no
    source has one. A source that does not say what it counts speaks for a claim only when no source
    that does has a figure for it: a file of cases is no judge of a claim about deaths."""
    keys = book.claims["key"]
    attributed = checked.loc[checked["attributed"].astype(bool)].drop_duplicates("key").set_index("key")["assessment"]
    found = keys.map(attributed).astype(object)
    with_figure = checked[checked["assessment"] != NO_DATA]
    said = with_figure["measure"].fillna("").astype(str) != "" if "measure" in with_figure else \
        pd.Series(True, index=with_figure.index)
    with_figure = with_figure[said | ~said.groupby(with_figure["key"]).transform("any")]
    # Of the sources with a figure, those close to the claim's date speak for it: a running total last
    # published years before the claim (a Covid file beside a claim of 2023) does not.
    age = pd.to_numeric(with_figure["age_days"], errors="coerce").abs()
    recent = age.isna() | (age <= _RECENT_DAYS)
    has_recent = recent.groupby(with_figure["key"]).transform("any")
    with_figure = with_figure[recent | ~has_recent]
    if len(with_figure):
        counts = with_figure.groupby(["key", "assessment"], sort=False).size().unstack(fill_value=0)
        counts = counts.reindex(columns=[a for a in _SUMMARY_ORDER if a in counts.columns])
        summary = counts.idxmax(axis=1)  # ties go to the first column: match, then higher, then lower
        found = found.where(found.notna(), keys.map(summary))
    return found.where(found.notna(), NO_DATA).set_axis(keys)
