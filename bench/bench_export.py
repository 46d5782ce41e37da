"""Export: 10,000 and 100,000 reviewed claims, against openpyxl's write-only mode writing the same cells.

    python bench/bench_export.py
Target: within 1.5x of the bare write-only write.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import OUT
from generate import write_claims_xlsx


def bare_write(rows: list[list[str]], path: Path) -> float:
    from openpyxl import Workbook

    start = time.perf_counter()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Claims")
    for row in rows:
        sheet.append(row)
    book.save(path)
    return time.perf_counter() - start


def main() -> None:
    os.environ["REVIEWER_HOME"] = tempfile.mkdtemp(prefix="reviewer-bench-")
    import reviewer

    for n in (10_000, 100_000):
        source = OUT / f"claims-{n}.xlsx"
        if not source.exists():
            write_claims_xlsx(source, n)
        book = reviewer.open_workbook(source)
        review = reviewer.Review(book, reviewer="bench")
        keys = list(book.claims["key"])
        review.set_many(keys[::2], "Accurate")
        review.set_many(keys[1::2], "Overstated", note="checked against the monthly report")
        table = book.tables[(source.name, "Claims")].astype(str).to_numpy().tolist()
        added = [["Accurate", "checked against the monthly report", "bench", "2026-11-24T10:00:00Z", "no data",
                  "", "", ""]] * len(table)
        cells = [row + extra for row, extra in zip(table, added, strict=True)]
        bare = min(bare_write(cells, OUT / f"bare-{n}.xlsx") for _ in range(2))
        ours = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            review.export(OUT / f"reviewed-{n}.xlsx")
            ours = min(ours, time.perf_counter() - start)
        print(f"export {n:>7,} reviewed claims: {ours:6.2f} s; openpyxl write-only, same cells: {bare:6.2f} s; "
              f"ratio {ours / bare:.2f}x")


if __name__ == "__main__":
    main()
