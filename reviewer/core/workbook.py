"""The opened workbook: claims and reference observations, with how they were read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

import reviewer.core.frames  # noqa: F401  (one text storage for every table: see frames)

__all__ = ["SheetInfo", "SourceFile", "Workbook"]


@dataclass(slots=True)
class SheetInfo:
    file: str
    sheet: str
    role: str
    header_row: int | None
    mapping: dict[str, str]  # field -> header
    headers: list[str]
    rows: int
    kind: str | None = None
    hidden: bool = False
    first_col: int = 0  # the sheet's first used column (0 is A): table column i is first_col + i
    origin: str = ""  # the file the sheet was first read from, for a sheet of an exported workbook


@dataclass(slots=True)
class SourceFile:
    path: str
    format: str
    sha256: str


@dataclass(slots=True)
class Workbook:
    files: list[SourceFile]
    sheets: list[SheetInfo]
    claims: pd.DataFrame
    references: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    # Sheets as read (header + data rows), kept so the export can write them back unchanged.
    tables: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict, repr=False)
    # Set when the workbook is an annotated export: its metadata and the verdicts it carries.
    annotated: dict[str, Any] | None = None

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(self.references["source"].tolist()))

    @property
    def name(self) -> str:
        from pathlib import PurePath

        return ", ".join(PurePath(f.path).name for f in self.files)
