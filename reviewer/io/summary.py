"""What an exported workbook says of its review: how many claims, how many reviewed, each verdict's count."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewer.core.errors import LoadError
from reviewer.core.verdicts import VerdictScale
from reviewer.io.loader import open_workbook

__all__ = ["read_summary"]


def read_summary(path: str | Path) -> dict[str, Any]:
    """Verdict counts of an exported workbook: {"total", "reviewed", "verdicts": {label: count}}."""
    book = open_workbook(path)
    if not book.annotated:
        raise LoadError(f"cannot open {path}: it is not a workbook exported by Reviewer (it has no review "
                        "metadata); export one with `reviewer export`")
    scale = VerdictScale.from_json(book.annotated.get("scale"))
    verdicts = [str(r[2]) for r in book.annotated.get("_rows", []) if r[2]]
    counts = {label: 0 for label in scale.labels}
    for label in verdicts:
        counts[label] = counts.get(label, 0) + 1
    return {"total": len(book.claims), "reviewed": len(verdicts), "verdicts": counts}
