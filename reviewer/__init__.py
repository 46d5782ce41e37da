"""Reviewer: check numeric claims against the figures each source published.

    import reviewer
    book = reviewer.open_workbook("claims.xlsx", "airwars.csv")
    reviewer.check(book, tolerance=0.02)
    review = reviewer.Review(book)
    review.set_verdict("R-01", "Accurate", note="Matches the April report")
    review.export("claims-reviewed.xlsx")

Names are imported when first used, so that ``reviewer --version`` and the window start fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from reviewer.version import __version__

_EXPORTS = {
    "open_workbook": "reviewer.io.loader",
    "SheetChoice": "reviewer.io.loader",
    "LoadError": "reviewer.core.errors",
    "ExportError": "reviewer.core.errors",
    "ReviewError": "reviewer.core.errors",
    "StoreError": "reviewer.core.errors",
    "Workbook": "reviewer.core.workbook",
    "check": "reviewer.api",
    "Review": "reviewer.api",
    "ReviewSession": "reviewer.core.session",
    "CheckSettings": "reviewer.core.session",
    "DEFAULT_VERDICTS": "reviewer.core.verdicts",
    "sample_workbook": "reviewer.sample",
    "parse_figure": "reviewer.core.figures",
    "parse_period": "reviewer.core.dates",
}

__all__ = [*sorted(_EXPORTS), "__version__"]

if TYPE_CHECKING:
    from reviewer.api import Review, check
    from reviewer.core.dates import parse_period
    from reviewer.core.errors import ExportError, LoadError, ReviewError, StoreError
    from reviewer.core.figures import parse_figure
    from reviewer.core.session import CheckSettings, ReviewSession
    from reviewer.core.verdicts import DEFAULT_VERDICTS
    from reviewer.core.workbook import Workbook
    from reviewer.io.loader import SheetChoice, open_workbook
    from reviewer.sample import sample_workbook


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reviewer' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
