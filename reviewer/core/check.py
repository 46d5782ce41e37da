"""What each source said for a claim's date or period, and whether the claim agrees.

For every source the observations are sorted once by date; each claim then finds its figure with
``searchsorted`` and each period sum with a difference of cumulative sums, so the cost grows with
the number of claims and rows, never with their product.

- A cumulative source (a running total) answers an as-of claim with its latest figure on or before
  that date, and a period claim with the change between the figure before the period and the
  figure at its end (from zero when the series starts inside the period).
- An incident source (counts per event or day) answers a period claim with the sum over the events
  in the period, and an as-of claim with the sum of all its events up to that date.
- The claim states a number (or both ends of a range; "at least N" states N); the source's figure is
  an interval (exact, a range, open above for "at least N"). ``match`` when the claim lies in the
  interval widened by the tolerance, or a claimed range overlaps it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reviewer.core.aliases import Attribution
from reviewer.core.assessments import ASSESSMENTS, DEFAULT_TOLERANCE, HIGHER, LOWER, MATCH, NO_DATA
from reviewer.core.fields import DEATH_WORDS
from reviewer.core.workbook import Workbook

__all__ = ["ASSESSMENTS", "CHECK_COLUMNS", "DEATHS", "DEFAULT_TOLERANCE", "INJURIES", "assess", "check",
           "claim_assessments", "claim_harm", "primary_series", "series_rows"]

CHECK_COLUMNS = ["key", "source", "attributed", "date", "value", "low", "high", "figure_text", "kind", "method",
                 "events", "age_days", "sheet", "rows", "assessment"]
_NAT = np.iinfo(np.int64).min
DEATHS, INJURIES = "deaths", "injuries"
_INJURY_WORDS = re.compile(r"injur|wound", re.IGNORECASE)


@dataclass(slots=True)
class _Series:
    """One source's observations of one kind, sorted by date."""

    source: str
    kind: str
    sheet: np.ndarray
    rows: np.ndarray
    dates: np.ndarray  # int64 nanoseconds
    value: np.ndarray
    lo: np.ndarray  # the lower end each row states (value when exact)
    hi: np.ndarray  # the upper end, inf when open above
    texts: np.ndarray  # each figure as the source wrote it
    ends: np.ndarray  # int64 nanoseconds: the end of the period each figure covers (its date when a day)
    harm: str = DEATHS  # what the figures count: deaths, or injuries

    @property
    def periods_in_turn(self) -> bool:
        """Whether the figures cover periods one after another (a count per month or per year), so that
        a figure counts for a claim only when its whole period lies inside the claim's."""
        return bool(len(self.ends) and np.any(self.ends > self.dates) and np.all(self.ends[:-1] < self.dates[1:]))


def _ends(group: pd.DataFrame) -> np.ndarray:
    dates = group["date"].to_numpy("datetime64[ns]")
    if "period_end" not in group:
        return dates.view(np.int64)
    ends = group["period_end"].to_numpy("datetime64[ns]")
    return np.where(np.isnat(ends) | (ends < dates), dates, ends).view(np.int64)


def _intervals(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    value = frame["value"].to_numpy(dtype=float)
    low = frame["low"].to_numpy(dtype=float)
    high = frame["high"].to_numpy(dtype=float)
    lo = np.where(np.isnan(low), value, low)
    hi = np.where(np.isnan(high), np.where(np.isnan(value) & ~np.isnan(low), np.inf, value), high)
    lo = np.where(np.isnan(lo) & ~np.isnan(hi), 0.0, lo)  # "up to N" states 0..N
    return lo, hi


def _counts_injuries(text: str) -> bool:
    return bool(_INJURY_WORDS.search(text)) and not DEATH_WORDS.search(text)


def claim_harm(text: str, figure_text: str = "", metric: str = "") -> str:
    """What a claim counts: injuries when its metric column ("Type: injured"), else its figure ("over
    1,000 wounded"), else its words speak of the injured or wounded and not of deaths; deaths
    otherwise, as almost every claim does."""
    for words in (metric, figure_text):
        if _INJURY_WORDS.search(words) or DEATH_WORDS.search(words):
            return INJURIES if _counts_injuries(words) else DEATHS
    return INJURIES if _counts_injuries(text) else DEATHS


def _claim_harms(claims: pd.DataFrame) -> np.ndarray:
    """``claim_harm`` of every claim, a column at a time."""
    harm = np.full(len(claims), DEATHS, dtype=object)
    decided = np.zeros(len(claims), dtype=bool)
    for column in ("metric", "figure_text", "text"):
        if column not in claims:
            continue
        words = claims[column].astype(str)
        injured = words.str.contains(_INJURY_WORDS).to_numpy(dtype=bool)
        dead = words.str.contains(DEATH_WORDS).to_numpy(dtype=bool)
        harm[~decided & injured & ~dead] = INJURIES
        decided |= injured | dead  # the first of metric, figure and words that speaks of harm decides
    return harm


_TOTAL_METRIC = re.compile(r"^\s*(?:grand\s+)?(?:total|all|overall)\b", re.IGNORECASE)
_HARM_NOT_DEATH = re.compile(r"injur|wound|hurt|displac|missing|detain|arrest|casualt", re.IGNORECASE)


def primary_series(references: pd.DataFrame) -> pd.DataFrame:
    """For each source and kind, the rows of its main metric: a total if it has one, else the one with
    the most rows.

    A source may publish several series (Airwars' "likely" and "alleged" deaths); adding or
    comparing across them would mix different counts.
    """
    if references.empty:
        return references
    # Ties go to the metric the sheet lists first (its main columns come first).
    counts = references.groupby(["source", "kind", "metric"], sort=False, dropna=False).size().reset_index(name="n")
    # A "Total" row of a table by place ("Ninewa | Anbar | Total") is the whole count: it comes first.
    # Deaths before injuries ("Killed | Injured"), as a claim's figure is almost always of deaths.
    counts["partial"] = ~counts["metric"].astype(str).str.match(_TOTAL_METRIC)
    counts["not_deaths"] = counts["metric"].astype(str).str.contains(_HARM_NOT_DEATH) & \
        ~counts["metric"].astype(str).str.contains(DEATH_WORDS)
    counts = counts.sort_values(["source", "kind", "partial", "not_deaths", "n"],
                                ascending=[True, True, True, True, False], kind="stable")
    chosen = counts.drop_duplicates(["source", "kind"])
    keep = references.merge(chosen[["source", "kind", "metric"]], on=["source", "kind", "metric"], how="left",
                            indicator=True)["_merge"].eq("both").to_numpy()
    return references[keep]


def _of_injuries(metrics: pd.Series) -> np.ndarray:
    """Which rows' metric counts the injured: each of the few distinct metrics is read once."""
    codes, names = pd.factorize(metrics.astype(str).to_numpy(dtype=object))
    return np.array([_counts_injuries(str(n)) for n in names], dtype=bool)[codes] if len(names) else \
        np.zeros(len(metrics), dtype=bool)


def series_rows(references: pd.DataFrame, harm: str = DEATHS) -> pd.DataFrame:
    """The rows each source's series of ``harm`` is made of, per source and kind: of deaths, its main
    series (``primary_series``) unless that counts the injured; of injuries, its series of the injured
    or wounded with the most rows."""
    dated = references[references["date"].notna()]
    if dated.empty:
        return dated
    of_injuries = _of_injuries(dated["metric"])
    if harm == INJURIES and not of_injuries.any():
        return dated[of_injuries]  # most workbooks count no injuries: no main series to work out
    main = primary_series(dated)
    main_counts_injuries = _of_injuries(main["metric"])
    if harm == DEATHS:
        return main[~main_counts_injuries]
    injured = dated[of_injuries]
    counts = injured.groupby(["source", "kind", "metric"], sort=False, dropna=False).size().reset_index(name="n")
    chosen = pd.concat([main[main_counts_injuries][["source", "kind", "metric"]].drop_duplicates(),
                        counts.sort_values("n", ascending=False, kind="stable")[["source", "kind", "metric"]]])
    chosen = chosen.drop_duplicates(["source", "kind"])
    keep = injured.merge(chosen, on=["source", "kind", "metric"], how="left",
                         indicator=True)["_merge"].eq("both").to_numpy()
    return injured[keep]


def _series(references: pd.DataFrame) -> list[_Series]:
    result = []
    for harm in (DEATHS, INJURIES):
        for (source, kind), group in series_rows(references, harm).groupby(["source", "kind"], sort=False):
            group = group.sort_values(["date", "row"], kind="stable")
            lo, hi = _intervals(group)
            known = ~np.isnan(lo) | ~np.isnan(hi)
            if not known.any():
                continue  # figures that could not be read (a column of "k" and "i") make no series
            group, lo, hi = group[known], lo[known], hi[known]
            texts = group["figure_text"] if "figure_text" in group else pd.Series("", index=group.index)
            result.append(_Series(str(source), str(kind), group["sheet"].to_numpy(dtype=object),
                                  group["row"].to_numpy(dtype=np.int64),
                                  group["date"].to_numpy("datetime64[ns]").view(np.int64),
                                  group["value"].to_numpy(dtype=float), lo, hi,
                                  texts.astype(str).to_numpy(dtype=object), _ends(group), harm))
    return result


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


def _as_of_cumulative(series: _Series, at: np.ndarray) -> tuple[np.ndarray, ...]:
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


def _check_source(series: _Series, claims: pd.DataFrame, start: np.ndarray, end: np.ndarray,
                  as_of: np.ndarray) -> dict[str, np.ndarray]:
    n = len(claims)
    has_period = (start != _NAT) | (end != _NAT)
    period_end = np.where(end != _NAT, end, as_of)
    lo = np.full(n, np.nan)
    hi = np.full(n, np.nan)
    value = np.full(n, np.nan)
    date = np.full(n, _NAT, dtype=np.int64)
    first = np.zeros(n, dtype=np.int64)
    stop = np.zeros(n, dtype=np.int64)
    method = np.full(n, "", dtype=object)
    if series.kind == "cumulative":
        # As of a date: the latest figure on or before it. A period with no start ("by the end of 2016")
        # is a date too: a running total says how many by then.
        point = (start == _NAT) & ((as_of != _NAT) | (end != _NAT))
        at = np.where(end != _NAT, np.where(as_of != _NAT, np.minimum(as_of, end), end), as_of)
        ok, index, p_lo, p_hi, p_value = _as_of_cumulative(series, np.where(point, at, _NAT))
        ok &= point
        lo[ok], hi[ok], value[ok] = p_lo[ok], p_hi[ok], p_value[ok]
        date[ok] = series.dates[index[ok]]
        first[ok], stop[ok] = index[ok], index[ok] + 1
        method[ok] = "as of"
        # Over a period: the change from the figure before the period to the figure at its end.
        span = has_period & ~point & (period_end != _NAT)
        ok_end, i_end, e_lo, e_hi, e_value = _as_of_cumulative(series, np.where(span, period_end, _NAT))
        before = np.where(start != _NAT, start - 1, _NAT)
        ok_start, i_start, s_lo, s_hi, s_value = _as_of_cumulative(series, np.where(span, before, _NAT))
        from_zero = span & ~ok_start
        s_lo, s_hi, s_value = (np.where(from_zero, 0.0, a) for a in (s_lo, s_hi, s_value))
        # Both ends on the same observation says nothing about the period.
        ok = span & ok_end & (from_zero | (i_end > i_start))
        with np.errstate(invalid="ignore"):
            lo[ok] = np.maximum(e_lo - s_hi, 0.0)[ok]
            hi[ok] = (e_hi - s_lo)[ok]
            value[ok] = (e_value - s_value)[ok]
        date[ok] = series.dates[i_end[ok]]
        first[ok] = np.where(from_zero, i_end, i_start)[ok]
        stop[ok] = i_end[ok] + 1
        method[ok] = np.where(from_zero, "change from series start", "change over period")[ok]
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
    age = np.where((date != _NAT) & (as_of != _NAT), (as_of - date) // 86_400_000_000_000, np.iinfo(np.int64).min)
    return {"lo": lo, "hi": hi, "value": value, "date": date, "first": first, "stop": stop, "method": method,
            "age": age}


def check(book: Workbook, tolerance: float = DEFAULT_TOLERANCE,
          aliases: Mapping[str, list[str]] | None = None) -> pd.DataFrame:
    """One row per claim and source: what the source said for the claim's date or period, and the assessment."""
    if not 0 <= tolerance < 10:
        raise ValueError("the tolerance is a fraction such as 0.02 for 2%")
    claims = book.claims
    series_list = _series(book.references)
    attribution = Attribution((s.source for s in series_list), aliases)
    # The claimant names the source; a claim without one is attributed by the source its words name first.
    attributed_source = np.array([
        attribution.source_for(str(claimant)) if str(claimant).strip() else attribution.source_in_text(str(text))
        for claimant, text in zip(claims["claimant"], claims["text"], strict=True)], dtype=object)
    start = claims["period_start"].to_numpy("datetime64[ns]").view(np.int64)
    end = claims["period_end"].to_numpy("datetime64[ns]").view(np.int64)
    as_of = claims["as_of"].to_numpy("datetime64[ns]").view(np.int64)
    claim_lo, claim_hi = _claim_interval(claims)
    keys = claims["key"].to_numpy(dtype=object)
    # A source may have a cumulative and an incident series, of deaths and of injuries; each claim uses
    # one of what it counts, of the kind that suits it (cumulative for an as-of claim, incident sums for
    # a period), falling back to the other kind.
    by_source: dict[str, list[_Series]] = {}
    for series in series_list:
        by_source.setdefault(series.source, []).append(series)
    has_period = (start != _NAT) | (end != _NAT)
    harms = _claim_harms(claims)
    frames = []
    for source, options in by_source.items():
        results: list[tuple[_Series, dict[str, np.ndarray]]] = [
            (s, _check_source(s, claims, start, end, as_of)) for s in options]
        choice = _choice(results, has_period, harms)
        taken = np.maximum(choice, 0)
        claim_index = np.arange(len(claims))

        def pick(name: str, results: list[tuple[_Series, dict[str, np.ndarray]]] = results,
                 taken: np.ndarray = taken, claim_index: np.ndarray = claim_index) -> np.ndarray:
            return np.stack([r[name] for _, r in results])[taken, claim_index]

        kinds = np.array([s.kind for s, _ in results], dtype=object)[taken]
        suits = choice >= 0  # no series of what the claim counts: nothing to compare it with
        lo, hi = np.where(suits, pick("lo"), np.nan), np.where(suits, pick("hi"), np.nan)
        first, stop = pick("first"), pick("stop")
        found_any = ~np.isnan(lo) | ~np.isnan(hi)
        kinds[~found_any] = None
        methods = np.where(suits, pick("method"), "").astype(object)
        rows, sheets, texts = [], [], []
        for i in range(len(claims)):
            chosen = results[taken[i]][0]
            rows.append(chosen.rows[first[i]:stop[i]] if found_any[i] else chosen.rows[:0])
            sheets.append(chosen.sheet[first[i]] if found_any[i] and stop[i] > first[i] else None)
            # One published figure is shown as written ("over 3,000"); sums and changes are computed.
            texts.append(chosen.texts[first[i]] if methods[i] == "as of" else None)
        date = np.where(suits, pick("date"), _NAT)
        age = np.where(suits, pick("age"), np.iinfo(np.int64).min)
        frames.append(pd.DataFrame({
            "key": keys, "source": source, "attributed": attributed_source == source,
            "date": date.view("datetime64[ns]"),
            "value": pick("value"), "low": lo, "high": hi, "kind": kinds,
            "method": methods, "events": (stop - first).astype(np.int64), "figure_text": texts,
            "age_days": pd.Series(age, dtype="Int64").mask(age == np.iinfo(np.int64).min).array,
            "sheet": sheets, "rows": rows, "assessment": assess(claim_lo, claim_hi, lo, hi, tolerance),
        }))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CHECK_COLUMNS})
    result = pd.concat(frames, ignore_index=True)
    result["_order"] = np.tile(np.arange(len(claims)), len(frames))
    result = result.sort_values(["_order", "attributed"], ascending=[True, False], kind="stable")
    return result.drop(columns="_order").reset_index(drop=True)[CHECK_COLUMNS]


def _choice(results: list[tuple[_Series, dict[str, np.ndarray]]], has_period: np.ndarray,
            harms: np.ndarray) -> np.ndarray:
    """For each claim, which of a source's series answers it: one that counts what the claim counts,
    that found a figure, of the kind that suits the claim; -1 when none counts what the claim counts."""
    scores = []
    for series, result in results:
        found = ~np.isnan(result["lo"]) | ~np.isnan(result["hi"])
        preferred = has_period == (series.kind == "incident")
        score = found.astype(np.int64) * 2 + preferred
        scores.append(np.where(harms == series.harm, score, -1))
    stacked = np.stack(scores)
    best = np.argmax(stacked, axis=0)  # ties go to the series listed first
    return np.where(stacked.max(axis=0) >= 0, best, -1)


def claim_assessments(book: Workbook, checked: pd.DataFrame) -> pd.Series:
    """Each claim's overall assessment: its attributed source's, or no data. Indexed by key."""
    attributed = checked.loc[checked["attributed"].astype(bool)].drop_duplicates("key").set_index("key")["assessment"]
    found = book.claims["key"].map(attributed).astype(object)
    return found.where(found.notna(), NO_DATA).set_axis(book.claims["key"])
