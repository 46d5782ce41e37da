"""Where Reviewer keeps its own files."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["home", "shown", "shown_name"]


def home() -> Path:
    """REVIEWER_HOME when set (tests, scripts), else the platform's user data folder."""
    given = os.environ.get("REVIEWER_HOME")
    if given:
        folder = Path(given)
    else:
        import platformdirs

        folder = Path(platformdirs.user_data_dir("Reviewer", appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        from reviewer.core.errors import StoreError

        reason = "a file, not a folder, has that name" if isinstance(error, FileExistsError) else \
            (error.strerror or type(error).__name__).lower()
        raise StoreError(f"Reviewer keeps its reviews and settings in {shown(folder)}, but cannot make that folder "
                         f"({reason}); set REVIEWER_HOME to a folder you can write to, or unset it") from None
    return folder


def shown(path: str | os.PathLike[str]) -> str:
    """A path as a person can read it: bytes that are not UTF-8 (a name from an old disk or archive) show
    as U+FFFD instead of escapes that cannot be printed."""
    return os.fsencode(path).decode("utf-8", "replace")


def shown_name(path: str | os.PathLike[str]) -> str:
    return shown(os.path.basename(os.fspath(path)))
