"""The check: 10,000 and 1,000 claims against 1,000,000 incident rows from three sources; and claims
naming their country against a long file of 200 places x 1,000 days of running totals (200,000 rows),
opened from CSV like any file.

    python bench/bench_check.py
Prints the times and their ratios: the cost should grow with claims plus rows, not with their product.
"""

from __future__ import annotations

import sys
import tempfile
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


def _countries(n: int) -> list[str]:
    from reviewer.core.places import _converter

    names = _converter().data["name_short"].tolist()  # type: ignore[attr-defined]
    return sorted(str(name) for name in names)[:n]


def write_long_file(path: Path, places: int, days: int, seed: int = 5) -> Path:
    """Date, Country, Deaths: each country's running total, a row a day (the layout of JHU's long files)."""
    rng = np.random.default_rng(seed)
    dates = (np.datetime64("2020-01-22") + np.arange(days)).astype(str)
    totals = np.cumsum(rng.integers(0, 50, (places, days)), axis=1)
    frame = pd.DataFrame({"Date": np.tile(dates, places), "Country": np.repeat(_countries(places), days),
                          "Deaths": totals.ravel()})
    frame.to_csv(path, index=False)
    return path


def write_place_claims(path: Path, n: int, places: int, days: int, seed: int = 6) -> Path:
    rng = np.random.default_rng(seed)
    names = np.array(_countries(places))[rng.integers(0, places, n)]
    as_of = (np.datetime64("2020-01-22") + rng.integers(0, days, n)).astype(str)
    figures = rng.integers(0, 25 * days, n)
    pd.DataFrame({"Key": [f"C{i}" for i in range(n)],
                  "Claim": [f"{name} recorded {figure:,} deaths" for name, figure in zip(names, figures, strict=True)],
                  "Country": names, "Figure": [f"{f:,}" for f in figures], "As of": as_of}).to_csv(path, index=False)
    return path


def long_file_case() -> None:
    from reviewer.io.loader import open_workbook

    folder = Path(tempfile.mkdtemp(prefix="reviewer-bench-long-"))
    results = {}
    for places, claims_n in ((200, 10_000), (200, 1_000), (100, 10_000)):
        data = write_long_file(folder / f"deaths-{places}.csv", places, 1_000)
        asked = write_place_claims(folder / f"claims-{places}-{claims_n}.csv", claims_n, places, 1_000)
        start = time.perf_counter()
        book = open_workbook(asked, data)
        opened = time.perf_counter() - start
        took = timed(book)  # the best of three: the machine may be shared
        checked = check(book)
        matched = int((checked["place"] != "").sum())
        results[(places, claims_n)] = took
        print(f"{claims_n:>6,} claims x {places} places x 1,000 days ({len(book.references):,} rows): "
              f"open {opened:6.2f} s, check {took:6.3f} s; {matched:,} answered from their own place")
    print(f"ratio 10k/1k claims: {results[(200, 10_000)] / results[(200, 1_000)]:.2f}x; "
          f"200/100 places (2x rows): {results[(200, 10_000)] / results[(100, 10_000)]:.2f}x")


def main() -> None:
    long_file_case()
    refs = references(1_000_000)
    small = timed(Workbook([], [], claims(1_000), refs))
    large = timed(Workbook([], [], claims(10_000), refs))
    print(f"1,000 claims x 1,000,000 incident rows (3 sources):  {small:7.3f} s")
    print(f"10,000 claims x 1,000,000 incident rows (3 sources): {large:7.3f} s")
    print(f"ratio 10k/1k: {large / small:.2f}x for 10x the claims (a per-claim scan of the rows would be 10x and "
          f"take minutes)")


if __name__ == "__main__":
    main()
