"""Load and save the preferences file in the Reviewer home folder, atomically."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

from reviewer.core.preferences import Preferences
from reviewer.io.paths import home

__all__ = ["load_preferences", "preferences_path", "save_preferences"]

log = logging.getLogger(__name__)


def preferences_path() -> Path:
    return home() / "preferences.json"


def load_preferences(path: Path | None = None) -> Preferences:
    path = path or preferences_path()
    try:
        # utf-8-sig: a file saved by Notepad starts with a byte order mark, which JSON does not allow
        return Preferences.from_json(json.loads(path.read_text(encoding="utf-8-sig")))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError, RecursionError) as error:  # RecursionError: JSON nested thousands deep
        log.warning("preferences in %s could not be read (%s); using defaults", path, type(error).__name__)
        return Preferences()


def save_preferences(prefs: Preferences, path: Path | None = None) -> None:
    write_json_atomically(path or preferences_path(), prefs.to_json())


def write_json_atomically(path: Path, data: object) -> None:
    """JSON written beside its target, flushed, then renamed: a crash leaves the old file or the new."""
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept open past this block, renamed after
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp")
    try:
        with handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
