"""The open review: one owner of the workbook, the check settings, the check and the verdicts.

The window, the terminal commands, the notebook API and every export answer from a session, so
that a claim gets the same answer wherever it is looked at. The check is computed once, and again
only when a setting changes; exports are written from a snapshot taken where the session lives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from reviewer.core.assessments import DEFAULT_TOLERANCE, tolerance_problem
from reviewer.core.check import check, claim_assessments
from reviewer.core.review import Review
from reviewer.core.series import Series, build_series
from reviewer.core.verdicts import Verdict, VerdictScale
from reviewer.core.workbook import Workbook

__all__ = ["CheckResult", "CheckSettings", "ReviewSession", "ReviewSnapshot"]


def _frozen_aliases(aliases: Mapping[str, object] | None) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({str(k): tuple(str(x) for x in v)  # type: ignore[attr-defined]
                             for k, v in (aliases or {}).items()})


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """What the editor chooses about the check: how far a figure may differ and still match, and
    which names stand for which source."""

    tolerance: float = DEFAULT_TOLERANCE
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _frozen_aliases(None))

    def __post_init__(self) -> None:
        if problem := tolerance_problem(self.tolerance):
            raise ValueError(problem)
        object.__setattr__(self, "aliases", _frozen_aliases(self.aliases))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CheckSettings) and self.tolerance == other.tolerance and \
            dict(self.aliases) == dict(other.aliases)

    def __hash__(self) -> int:
        return hash((self.tolerance, tuple(sorted(self.aliases.items()))))

    def alias_lists(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in self.aliases.items()}

    def to_json(self) -> dict[str, object]:
        return {"tolerance": self.tolerance, "aliases": self.alias_lists()}


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The check of every claim against every source, and each claim's overall assessment."""

    settings: CheckSettings
    checked: pd.DataFrame  # one row per claim and source (reviewer.core.check.CHECK_COLUMNS)
    overall: pd.Series  # the claim's assessment, indexed by key
    rows_by_key: Mapping[str, np.ndarray]
    series: tuple[Series, ...]  # the sources' series, built once: a new setting checks them again as they are

    @classmethod
    def compute(cls, book: Workbook, settings: CheckSettings, series: tuple[Series, ...] | None = None
                ) -> CheckResult:
        series = tuple(build_series(book.references)) if series is None else series
        checked = check(book, tolerance=settings.tolerance, aliases=settings.alias_lists(), series=series)
        groups = checked.groupby("key", sort=False).indices if len(checked) else {}
        return cls(settings, checked, claim_assessments(book, checked),
                   MappingProxyType({str(k): v for k, v in groups.items()}), series)

    def for_claim(self, key: str) -> pd.DataFrame | None:
        rows = self.rows_by_key.get(key)
        return self.checked.iloc[rows] if rows is not None else None


@dataclass(frozen=True, slots=True)
class ReviewSnapshot:
    """Everything an export writes, copied where the session lives: a worker thread writing it never
    meets a verdict half-changed."""

    book: Workbook
    settings: CheckSettings
    checked: pd.DataFrame
    overall: pd.Series
    verdicts: Mapping[str, Verdict]
    scale: VerdictScale
    reviewer: str
    progress: tuple[int, int]
    orphans: Mapping[str, Verdict]


class ReviewSession:
    """The open review. Not thread-safe: it lives where its owner lives (the window's thread)."""

    def __init__(self, book: Workbook, review: Review, settings: CheckSettings | None = None,
                 result: CheckResult | None = None) -> None:
        settings = settings or CheckSettings()
        if result is None or result.settings != settings:
            result = CheckResult.compute(book, settings, result.series if result is not None else None)
        self.book = book
        self.review = review
        self.result = result

    @property
    def settings(self) -> CheckSettings:
        return self.result.settings

    @property
    def checked(self) -> pd.DataFrame:
        return self.result.checked

    @property
    def overall(self) -> pd.Series:
        return self.result.overall

    def checks_for(self, key: str) -> pd.DataFrame | None:
        return self.result.for_claim(key)

    def change_settings(self, settings: CheckSettings) -> bool:
        """Check again with new settings; False when nothing changed."""
        if settings == self.result.settings:
            return False
        self.result = CheckResult.compute(self.book, settings, self.result.series)
        return True

    def snapshot(self) -> ReviewSnapshot:
        review = self.review
        return ReviewSnapshot(self.book, self.settings, self.result.checked, self.result.overall,
                              MappingProxyType(review.verdicts()), review.scale, review.reviewer, review.progress(),
                              MappingProxyType(review.orphans()))
