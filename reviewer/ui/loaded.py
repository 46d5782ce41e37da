"""A workbook as the window shows it: the book, its check, and the lookups that make selection instant."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from reviewer.core.check import INJURIES, check
from reviewer.core.workbook import Workbook
from reviewer.io.layout_choices import load_choices
from reviewer.io.loader import open_workbook

__all__ = ["Loaded"]


@dataclass(slots=True)
class Loaded:
    """A workbook as the window shows it: the book, its check, and the lookups selection needs."""

    paths: list[str]
    book: Workbook
    checked: pd.DataFrame
    checks_by_key: dict[str, np.ndarray] = field(default_factory=dict)
    plot_series: list[Any] = field(default_factory=list)  # what the time series draws, prepared off-screen
    injury_plot_series: list[Any] = field(default_factory=list)  # the same, for claims about the injured

    @classmethod
    def load(cls, paths: list[str], tolerance: float, aliases: dict[str, list[str]],
             progress: Any = None, stop: threading.Event | None = None) -> Loaded:
        book = open_workbook(*paths, choices=load_choices(paths), progress=progress, stop=stop)
        if progress:
            progress(len(paths), len(paths) + 1, "Checking claims against the sources")
        checked = check(book, tolerance=tolerance, aliases=aliases)
        groups = checked.groupby("key", sort=False).indices if len(checked) else {}
        from reviewer.plots.series_data import prepare_series

        return cls(paths, book, checked, {str(k): v for k, v in groups.items()}, prepare_series(book.references),
                   prepare_series(book.references, INJURIES))

    def plot_series_for(self, harm: str) -> list[Any]:
        return self.injury_plot_series if harm == INJURIES else self.plot_series

    def checks_for(self, key: str) -> pd.DataFrame | None:
        rows = self.checks_by_key.get(key)
        return self.checked.iloc[rows] if rows is not None else None
