"""Start-up: from launching the process until the window is shown, against a bare PySide6 window.

    python bench/bench_startup.py
Target: within 2x of the bare window.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
def shown():
    print("shown", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def launch(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "shown":
            break
    elapsed = time.perf_counter() - start
    process.wait(timeout=30)
    return elapsed


def main() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               REVIEWER_HOME=tempfile.mkdtemp(prefix="reviewer-bench-"), REVIEWER_EXIT_WHEN_SHOWN="1")
    bare = [launch([sys.executable, "-c", BARE], env) for _ in range(5)]
    ours = [launch([sys.executable, "-m", "reviewer"], env) for _ in range(5)]
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"bare PySide6 window shown: median {b * 1000:.0f} ms")
    print(f"Reviewer window shown:     median {o * 1000:.0f} ms   ratio {o / b:.2f}x")


if __name__ == "__main__":
    main()
