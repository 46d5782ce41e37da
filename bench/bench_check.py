"""The check: 10,000 and 1,000 claims against 1,000,000 incident rows from three sources.

    python bench/bench_check.py
Prints both times and their ratio: the cost should grow with the claims, not with claims x rows.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate import SOURCES

from reviewer.core.check import check
from reviewer.core.workbook import Workbook


def references(n: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = np.sort(rng.integers(0, 365 * 6, n))
    low = rng.integers(0, 40, n).astype(float)
    return pd.DataFrame({
        "source": np.array(SOURCES)[rng.integers(0, 3, n)], "sheet": "events", "row": np.arange(2, n + 2),
        "date": np.datetime64("2014-08-01") + days.astype("timedelta64[D]"), "value": np.nan, "low": low,
        "high": low + rng.integers(0, 10, n), "kind": "incident", "metric": "",
    })


def claims(n: int, seed: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    as_of = np.datetime64("2015-01-01") + rng.integers(0, 365 * 5, n).astype("timedelta64[D]")
    start = np.where(rng.random(n) < 0.5, as_of - np.timedelta64(30, "D"), np.datetime64("NaT"))
    value = rng.integers(0, 20_000, n).astype(float)
    return pd.DataFrame({"key": [f"C{i}" for i in range(n)], "claimant": np.array(SOURCES)[rng.integers(0, 3, n)],
                         "value": value, "low": value, "high": value, "as_of": as_of,
                         "period_start": start.astype("datetime64[ns]"),
                         "period_end": np.where(np.isnat(start), np.datetime64("NaT"), as_of).astype("datetime64[ns]"),
                         "text": "", "figure_text": ""})


def timed(book: Workbook) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        check(book)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    refs = references(1_000_000)
    small = timed(Workbook([], [], claims(1_000), refs))
    large = timed(Workbook([], [], claims(10_000), refs))
    print(f"1,000 claims x 1,000,000 incident rows (3 sources):  {small:7.3f} s")
    print(f"10,000 claims x 1,000,000 incident rows (3 sources): {large:7.3f} s")
    print(f"ratio 10k/1k: {large / small:.2f}x for 10x the claims (a per-claim scan of the rows would be 10x and "
          f"take minutes)")


if __name__ == "__main__":
    main()
