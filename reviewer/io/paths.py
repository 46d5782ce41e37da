"""Where Reviewer keeps its own files."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["home"]


def home() -> Path:
    """REVIEWER_HOME when set (tests, scripts), else the platform's user data folder."""
    given = os.environ.get("REVIEWER_HOME")
    if given:
        folder = Path(given)
    else:
        import platformdirs

        folder = Path(platformdirs.user_data_dir("Reviewer", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
