"""What the window remembers between runs: geometry, splitters, column widths, sort, recent files.

Kept in an INI file in the Reviewer home folder (QSettings), apart from the preferences, which are
the editor's choices rather than the window's shape.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from reviewer.io.paths import home

__all__ = ["WindowSettings"]

RECENT_LIMIT = 8


class WindowSettings:
    def __init__(self) -> None:
        self.settings = QSettings(str(home() / "window.ini"), QSettings.Format.IniFormat)

    def state(self, name: str) -> QByteArray | None:
        """A saved geometry, splitter or header state, or None."""
        value = self.settings.value(name)
        return value if isinstance(value, QByteArray) else None

    def set_state(self, name: str, value: QByteArray) -> None:
        self.settings.setValue(name, value)

    def sort(self) -> tuple[str, bool] | None:
        """The claims list's sort: column and descending."""
        value = self.settings.value("sort")
        if isinstance(value, str) and ":" in value:
            column, direction = value.split(":", 1)
            return column, direction == "descending"
        return None

    def set_sort(self, sort: tuple[str, bool] | None) -> None:
        if sort is not None:
            self.settings.setValue("sort", f"{sort[0]}:{'descending' if sort[1] else 'ascending'}")

    def recent(self) -> list[str]:
        """Recently opened sets of files (one entry a set, paths joined by newlines) that still exist."""
        value = self.settings.value("recent", [])
        entries = [value] if isinstance(value, str) else [str(v) for v in value] if isinstance(value, list) else []
        return [e for e in entries if all(Path(p).exists() for p in e.split("\n"))][:RECENT_LIMIT]

    def remember(self, paths: list[str]) -> None:
        entry = "\n".join(str(Path(p).resolve()) for p in paths)
        self.settings.setValue("recent", [entry, *[e for e in self.recent() if e != entry]][:RECENT_LIMIT])

    def sync(self) -> None:
        self.settings.sync()
