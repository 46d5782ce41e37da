"""Recognise an annotated workbook by its hidden metadata sheet."""

from __future__ import annotations

import json
from typing import Any

from reviewer.io.raw_sheet import RawBook

__all__ = ["METADATA_SHEET", "read_metadata"]

METADATA_SHEET = "_reviewer"


def read_metadata(raw: RawBook) -> dict[str, Any] | None:
    for sheet in raw.sheets:
        if sheet.name != METADATA_SHEET or sheet.cells.empty:
            continue
        pairs = {str(r[0]): str(r[1]) for r in sheet.cells.itertuples(index=False) if len(r) > 1 and r[0]}
        try:
            return {k: json.loads(v) if v[:1] in "[{" else v for k, v in pairs.items()}
        except json.JSONDecodeError:
            return dict(pairs)
    return None
