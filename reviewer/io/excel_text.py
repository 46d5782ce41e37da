"""Text as Excel can hold it: what openpyxl writes unchanged, and how other text is made safe."""

from __future__ import annotations

import re

__all__ = ["EXCEL_TEXT_LIMIT", "is_plain_text", "safe_text"]

EXCEL_TEXT_LIMIT = 32_767
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Excel writes a CR, which XML would read back as a line feed, as "_x000D_"; text that looks like such an
# escape has its underscore escaped ("_x005F_"), as Excel does, so that readers give back what was written.
_NEEDS_ESCAPE = re.compile(r"\r|_(?=x[0-9A-Fa-f]{4}_)")
# Either of the above, found in one pass: most text has neither.
_UNUSUAL = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ERROR_TEXTS = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"))


def is_plain_text(value: str) -> bool:
    """Text openpyxl would write unchanged as text: no formula start, no error code, nothing to escape."""
    return (not value.startswith("=") and value not in _ERROR_TEXTS and len(value) <= EXCEL_TEXT_LIMIT
            and _UNUSUAL.search(value) is None)


def safe_text(text: object) -> str:
    """Text Excel can hold: control characters made visible, cut to Excel's 32,767 characters, a CR kept."""
    value = "" if text is None else str(text)
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else "\ufffd", value)
    if len(value) > EXCEL_TEXT_LIMIT:
        marker = f"… [cut: {len(value) - EXCEL_TEXT_LIMIT + 40:,} more characters in Reviewer]"
        value = value[: EXCEL_TEXT_LIMIT - len(marker)] + marker
    if _NEEDS_ESCAPE.search(value):
        value = _NEEDS_ESCAPE.sub(lambda m: "_x000D_" if m.group() == "\r" else "_x005F_", value)
    return value
