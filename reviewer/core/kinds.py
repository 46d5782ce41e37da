"""Whether a series is a running total (cumulative) or counts per event or period (incident)."""

from __future__ import annotations

import re

import numpy as np

from reviewer.core.vocabulary import MONTH_WORD, RUNNING_TOTAL_WORDS

__all__ = ["detect_kind"]

_CUMULATIVE_WORDS = re.compile(rf"{RUNNING_TOTAL_WORDS}|since|\bin total\b", re.IGNORECASE)
_TOTAL_WORD = re.compile(r"\btotal", re.IGNORECASE)
_INCIDENT_WORDS = re.compile(rf"\bin {MONTH_WORD}|per (?:day|month|week|year)|"
                             r"incident|event|attack|monthly|weekly|daily|yearly|annual|by (?:month|week|year)",
                             re.IGNORECASE)


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
    # A running total is sometimes revised down a little (1,139 then 1,132), or once by more (France's
    # cases: 64,452 then 47,378) and then rises on; counts per event fall often and far.
    small = np.abs(steps[falls]) <= 0.1 * np.maximum(v[:-1][falls], 1)
    if len(v) < 8 or falls.mean() > 0.1:
        return "incident"
    if bool(small.all()):
        return "cumulative"
    kept = v[1:][falls] >= 0.5 * v[:-1][falls]  # a revision keeps most of the total
    rises_on = v[-1] >= 0.9 * v.max()
    return "cumulative" if int((~small).sum()) == 1 and bool(kept.all()) and bool(rises_on) else "incident"
