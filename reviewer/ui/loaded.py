"""A workbook as the window receives it from the background: the book, its check, and the plot's series."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from reviewer.core.check import INJURIES
from reviewer.core.session import CheckResult, CheckSettings
from reviewer.core.workbook import Workbook
from reviewer.io.layout_choices import load_choices
from reviewer.io.loader import open_workbook

__all__ = ["Loaded"]


@dataclass(slots=True)
class Loaded:
    """What the background job prepares for the window: the book, its check under the window's
    settings, and what the time series draws."""

    paths: list[str]
    book: Workbook
    result: CheckResult
    plot_series: list[Any] = field(default_factory=list)
    injury_plot_series: list[Any] = field(default_factory=list)  # the same, for claims about the injured
    by_place: Any = None  # SeriesByPlace: the series of a claim's own place and measure

    @classmethod
    def load(cls, paths: list[str], settings: CheckSettings, progress: Any = None,
             stop: threading.Event | None = None) -> Loaded:
        # The reading's steps out of all of them, checking included: the bar never runs back from "Done".
        reading = None if progress is None else \
            (lambda done, total, text: None if text == "Done" else progress(done, total + 1, text))
        book = open_workbook(*paths, choices=load_choices(paths), progress=reading, stop=stop)
        if progress:
            progress(len(paths), len(paths) + 1, "Checking claims against the sources")
        from reviewer.plots.series_data import SeriesByPlace, prepare_series

        result = CheckResult.compute(book, settings)
        return cls(paths, book, result, prepare_series(book.references), prepare_series(book.references, INJURIES),
                   SeriesByPlace(book.references, result.series))

    def plot_series_for(self, harm: str) -> list[Any]:
        return self.injury_plot_series if harm == INJURIES else self.plot_series
