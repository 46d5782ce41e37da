"""The assessments a check gives, and the default tolerance: light enough to import at start-up."""

from __future__ import annotations

__all__ = ["ASSESSMENTS", "DEFAULT_TOLERANCE", "HIGHER", "LOWER", "MATCH", "NO_DATA"]

MATCH, HIGHER, LOWER, NO_DATA = "match", "claim higher", "claim lower", "no data"
ASSESSMENTS = (MATCH, HIGHER, LOWER, NO_DATA)
DEFAULT_TOLERANCE = 0.02
