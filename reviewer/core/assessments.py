"""The assessments a check gives, and the default tolerance: light enough to import at start-up."""

from __future__ import annotations

__all__ = ["ASSESSMENTS", "DEFAULT_TOLERANCE", "HIGHER", "LOWER", "MATCH", "NO_DATA", "tolerance_problem"]

MATCH, HIGHER, LOWER, NO_DATA = "match", "claim higher", "claim lower", "no data"
ASSESSMENTS = (MATCH, HIGHER, LOWER, NO_DATA)
DEFAULT_TOLERANCE = 0.02


def tolerance_problem(tolerance: float) -> str | None:
    """What is wrong with a tolerance, as a sentence; None when it is a fraction Reviewer can use.
    NaN fails both comparisons, so it is refused too."""
    if 0 <= tolerance < 10:
        return None
    return "the tolerance is a fraction such as 0.02 for 2%"
