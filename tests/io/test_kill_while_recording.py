"""Kill a process with SIGKILL while it records verdicts: everything it confirmed is in the store."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import reviewer
from tests.conftest import write_xlsx

RECORDER = """
import sys
import reviewer
book = reviewer.open_workbook(sys.argv[1])
review = reviewer.Review(book, reviewer="recorder")
keys = book.claims["key"].tolist()
labels = reviewer.DEFAULT_VERDICTS
i = 0
while True:
    key = keys[i % len(keys)]
    label = labels[i % len(labels)]
    review.set_verdict(key, label, note=f"note {i}")
    print(f"{key}\\t{label}\\tnote {i}", flush=True)
    i += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_sigkill_at_random_moments_loses_nothing_confirmed(tmp_path: Path, reviewer_home: Path) -> None:
    rows = [["Key", "Claim", "Claimant", "Figure", "As of"]]
    rows += [[f"K{i:03d}", f"Claim number {i} about civilian deaths", "Airwars", str(i), "2017-04-30"]
             for i in range(40)]
    path = write_xlsx(tmp_path / "claims.xlsx", {"Claims": rows})
    rng = random.Random(7)
    env = dict(os.environ, REVIEWER_HOME=str(reviewer_home))
    total_confirmed = 0
    for _ in range(5):
        process = subprocess.Popen([sys.executable, "-c", RECORDER, str(path)], stdout=subprocess.PIPE, env=env,
                                   text=True)
        assert process.stdout is not None
        # Killed after a number of confirmed verdicts, not after a time: the same test on a loaded machine.
        wanted = rng.randint(5, 400)
        lines = [process.stdout.readline() for _ in range(wanted)]
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate()
        assert all(line.endswith("\n") for line in lines), "the recorder ended before it was killed"
        confirmed: dict[str, tuple[str, str]] = {}
        for line in "".join(lines).splitlines() + out.splitlines():
            parts = line.split("\t")
            if len(parts) == 3:  # the last line may be cut by the kill: it was never confirmed
                confirmed[parts[0]] = (parts[1], parts[2])
        total_confirmed += len(confirmed)
        review = reviewer.Review(reviewer.open_workbook(path))
        for key, (label, note) in confirmed.items():
            stored = review.verdict(key)
            assert stored is not None
            # The store may hold a later verdict the process made but had not yet printed; never an older one.
            history = [(h.new_verdict, h.new_note) for h in review.history(key)]
            assert (label, note) in history
            assert history.index((label, note)) <= history.index((stored.verdict, stored.note))
    assert total_confirmed > 5
