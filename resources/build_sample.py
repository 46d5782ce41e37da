"""Build the sample workbook the app ships: python resources/build_sample.py"""

from __future__ import annotations

from pathlib import Path

from reviewer.sample import build_sample

if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "reviewer" / "resources" / "sample.xlsx"
    print(build_sample(target))
