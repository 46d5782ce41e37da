"""Recording verdicts: 10,000 one by one, and opening a review of 100,000 verdicts.

    python bench/bench_verdicts.py
Recording one verdict should stay well under a keystroke (16 ms), each one committed and flushed.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewer.api import Review
from reviewer.core.workbook import Workbook


def book(n: int) -> Workbook:
    claims = pd.DataFrame({"key": [f"K{i:06d}" for i in range(n)], "text": [f"claim {i}" for i in range(n)],
                           "figure_text": "1", "file": "bench.xlsx", "claimant": "", "value": 1.0, "low": 1.0,
                           "high": 1.0, "as_of": np.datetime64("NaT"), "period_start": np.datetime64("NaT"),
                           "period_end": np.datetime64("NaT")})
    return Workbook([], [], claims, pd.DataFrame())


def main() -> None:
    os.environ["REVIEWER_HOME"] = tempfile.mkdtemp(prefix="reviewer-bench-")
    review = Review(book(10_000), reviewer="bench")
    samples = []
    start = time.perf_counter()
    for i, key in enumerate(review.book.claims["key"]):
        t = time.perf_counter()
        review.set_verdict(key, review.scale.labels[i % 8], note=f"note {i}")
        samples.append((time.perf_counter() - t) * 1000)
    total = time.perf_counter() - start
    print(f"record 10,000 verdicts one by one: {total:6.2f} s; per verdict median {statistics.median(samples):.2f} ms, "
          f"95th percentile {np.percentile(samples, 95):.2f} ms (a keystroke is 16 ms)")
    large = book(100_000)
    seed = Review(large, reviewer="bench")
    seed.set_many(list(large.claims["key"]), "Accurate")
    start = time.perf_counter()
    reopened = Review(large, reviewer="bench")
    print(f"open a review of 100,000 verdicts: {time.perf_counter() - start:6.2f} s "
          f"({reopened.progress()[0]:,} verdicts)")


if __name__ == "__main__":
    main()
