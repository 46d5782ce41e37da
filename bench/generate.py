"""Generated workbooks for the benchmarks: claims and incident reference rows at scale."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

SOURCES = ("Airwars", "Iraq Body Count", "ACLED")
CLAIMANTS = ("the coalition", "Airwars", "Iraq Body Count", "ACLED", "Amnesty", "a ministry")
FIGURE_FORMS = ("{:,}", "at least {:,}", "about {:,}", "{:,} to {:,}", "over {:,}", "{}")


def claims_rows(n: int, seed: int = 1) -> list[list[object]]:
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 365 * 5, n)
    base = np.datetime64("2014-08-01")
    rows: list[list[object]] = []
    for i in range(n):
        value = int(rng.integers(10, 20_000))
        form = FIGURE_FORMS[i % len(FIGURE_FORMS)]
        figure = form.format(value, value + int(rng.integers(1, 500)))
        day = base + np.timedelta64(int(days[i]), "D")
        period = f"{str(day)[:7]}" if i % 4 == 0 else ""
        rows.append([f"C-{i:06d}", f"Claim {i}: {CLAIMANTS[i % 6]} said {figure} people were killed by then",
                     CLAIMANTS[i % len(CLAIMANTS)], figure, str(day) if not period else "", period,
                     f"https://example.org/article/{i}"])
    return rows


CLAIM_HEADER = ["Key", "Claim", "Attributed to", "Figure quoted", "As of", "Period", "Link"]


def write_claims_xlsx(path: Path, n: int) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Claims")
    sheet.append(CLAIM_HEADER)
    for row in claims_rows(n):
        sheet.append(row)
    book.save(path)
    return path


def write_claims_csv(path: Path, n: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CLAIM_HEADER)
        writer.writerows(claims_rows(n))
    return path


def write_incidents_csv(path: Path, n: int, seed: int = 2) -> Path:
    rng = np.random.default_rng(seed)
    days = np.sort(rng.integers(0, 365 * 6, n))
    dates = (np.datetime64("2014-08-01") + days.astype("timedelta64[D]")).astype(str)
    low = rng.integers(0, 40, n)
    high = low + rng.integers(0, 10, n)
    sources = np.array(SOURCES)[rng.integers(0, len(SOURCES), n)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write("event_id,event_date,source,country,reported_minimum,reported_maximum\n")
        for i in range(0, n, 100_000):
            chunk = slice(i, min(n, i + 100_000))
            lines = [f"E{j},{d},{s},Iraq,{lo},{hi}\n" for j, d, s, lo, hi in
                     zip(range(chunk.start, chunk.stop), dates[chunk], sources[chunk], low[chunk], high[chunk],
                         strict=True)]
            handle.writelines(lines)
    return path
