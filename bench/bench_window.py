"""The window with 10,000 claims and 1,000,000 reference rows: selecting a claim, typing in the filter.

    QT_QPA_PLATFORM=offscreen python bench/bench_window.py
Prints medians; the target is under 100 ms for both.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["REVIEWER_HOME"] = tempfile.mkdtemp(prefix="reviewer-bench-")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import OUT, median_ms
from generate import write_claims_csv, write_incidents_csv


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from reviewer.core.session import CheckSettings
    from reviewer.ui.loaded import Loaded
    from reviewer.ui.main_window import MainWindow

    claims = OUT / "claims-10k.csv"
    incidents = OUT / "incidents-1m.csv"
    if not claims.exists():
        write_claims_csv(claims, 10_000)
    if not incidents.exists():
        write_incidents_csv(incidents, 1_000_000)
    app = QApplication.instance() or QApplication([])
    start = time.perf_counter()
    loaded = Loaded.load([str(claims), str(incidents)], CheckSettings())
    print(f"open and check 10,000 claims with 1,000,000 reference rows: {time.perf_counter() - start:.2f} s")
    window = MainWindow()
    window.resize(1440, 900)
    window.show()
    start = time.perf_counter()
    window.on_opening_opened(loaded)
    app.processEvents()
    print(f"show the loaded workbook (tables, plot): {time.perf_counter() - start:.2f} s")
    rows = iter(range(1, 10_000, 97))

    def select() -> None:
        window.claims_view.selectRow(next(rows))
        app.processEvents()

    print(f"select a claim (comparison, source tables, plot updated): median {median_ms(select, 60):.1f} ms")
    words = iter(["a", "ai", "air", "airw", "airwa", "airwar", "airwars"] * 10)

    def type_one() -> None:
        window.filter_edit.setText(next(words))
        window.reviewing.apply_filter()
        app.processEvents()

    print(f"type one character in the filter (list refiltered): median {median_ms(type_one, 42):.1f} ms")
    window.close()
    window.deleteLater()
    app.processEvents()


if __name__ == "__main__":
    main()
