"""The user's choices of sheet roles and column mapping, remembered per file."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path

from reviewer.io.loader import SheetChoice
from reviewer.io.paths import home
from reviewer.io.preferences_file import write_json_atomically

__all__ = ["load_choices", "save_choices"]

log = logging.getLogger(__name__)


def _path() -> Path:
    return home() / "layouts.json"


def _all() -> dict[str, dict[str, dict[str, object]]]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        log.warning("remembered layouts could not be read (%s); starting afresh", error)
        return {}


def load_choices(paths: Iterable[str | Path]) -> dict[tuple[str, str], SheetChoice]:
    stored = _all()
    choices: dict[tuple[str, str], SheetChoice] = {}
    for path in paths:
        for sheet, choice in stored.get(str(Path(path).resolve()), {}).items():
            mapping = choice.get("mapping")
            choices[(Path(path).name, sheet)] = SheetChoice(
                str(choice["role"]) if choice.get("role") else None,
                {str(k): str(v) for k, v in mapping.items()} if isinstance(mapping, dict) else None,
                str(choice["kind"]) if choice.get("kind") else None,
                str(choice["source"]) if choice.get("source") else None)
    return choices


def save_choices(path: str | Path, choices: dict[str, SheetChoice]) -> None:
    stored = _all()
    stored[str(Path(path).resolve())] = {sheet: choice.to_json() for sheet, choice in choices.items()}
    write_json_atomically(_path(), stored)
