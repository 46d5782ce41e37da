"""Helpers for the benchmarks: run a measurement in a fresh process, report time and peak memory."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

OUT = Path(os.environ.get("REVIEWER_BENCH_DIR", Path(tempfile.gettempdir()) / "reviewer-bench"))
OUT.mkdir(parents=True, exist_ok=True)
ROOT = Path(__file__).resolve().parents[1]

_MEASURE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
{setup}
start = time.perf_counter()
{code}
elapsed = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({{"seconds": elapsed, "peak_mb": max(own, children) / 1024}}))
"""


def measure(code: str, setup: str = "", repeat: int = 3) -> dict[str, float]:
    """Best time and its peak resident memory (this process or its reader child) over fresh processes."""
    env = dict(os.environ, REVIEWER_HOME=str(OUT / "home"))
    runs = []
    for _ in range(repeat):
        script = _MEASURE.format(root=str(ROOT), setup=setup, code=code)
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda r: r["seconds"])
    return {"seconds": best["seconds"], "peak_mb": best["peak_mb"]}


def median_ms(action: Callable[[], object], times: int = 30) -> float:
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def row(name: str, value: dict[str, float], baseline: dict[str, float] | None = None) -> str:
    text = f"{name:<48} {value['seconds']:8.3f} s  {value['peak_mb']:8.0f} MB"
    if baseline:
        text += f"   ratio {value['seconds'] / baseline['seconds']:5.2f}x time, " \
                f"{value['peak_mb'] / baseline['peak_mb']:5.2f}x memory"
    return text
