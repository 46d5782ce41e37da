"""Refuse zip-based spreadsheets whose directory promises trouble, before any parser sees them.

The directory is read without decompressing anything, so a decompression bomb is refused in
milliseconds. Limits are generous for real workbooks: a million-row sheet is a few hundred MB of XML
that compresses about 10:1, while bombs compress hundreds or thousands to one.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.errors import LoadError

__all__ = ["ZipLimits", "check_zip"]

_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ZipLimits:
    total_bytes: int = 900 * _MIB
    entry_bytes: int = 600 * _MIB
    ratio: float = 200.0
    ratio_floor_bytes: int = 4 * _MIB  # small entries may compress as well as they like
    entries: int = 10_000


def check_zip(path: Path, limits: ZipLimits = ZipLimits()) -> None:
    """Raise LoadError when the archive's directory is hostile; return quietly otherwise."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_directory(infos, limits)
            _check_entities(archive, infos)
    except zipfile.BadZipFile:
        raise LoadError("the file is damaged or incomplete (a zip archive that ends too early, as after an "
                        "interrupted download); get a fresh copy") from None
    except (OSError, EOFError, ValueError, NotImplementedError) as error:
        raise LoadError(f"the file is a damaged zip archive ({error}); get a fresh copy") from None


def _check_directory(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    if len(infos) > limits.entries:
        raise LoadError(f"it holds {len(infos):,} parts, more than a spreadsheet ever needs; it may be built to "
                        "harm the reader, so it was not opened")
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise LoadError("it contains two parts with the same name, so different programs would read different "
                        "data from it; save it again from the program that made it")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.entry_bytes or total > limits.total_bytes:
            raise LoadError(f"it would unpack to over {total // _MIB:,} MB, more than Reviewer reads; it may be a "
                            "decompression bomb, so it was not opened")
        if info.file_size > limits.ratio_floor_bytes and info.compress_size > 0:
            ratio = info.file_size / info.compress_size
            if ratio > limits.ratio:
                raise LoadError(f"one of its parts is compressed {ratio:,.0f} to 1, as only decompression bombs "
                                "are; it was not opened")


def _check_entities(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    # A document type declaration must come before the root element, so the head of each XML part
    # is enough to find an entity definition (the "billion laughs").
    for info in infos:
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")) or info.file_size == 0:
            continue
        with archive.open(info) as part:
            head = part.read(2048)
        if b"<!ENTITY" in head or b"<!entity" in head:
            raise LoadError("it contains XML entity definitions, which Reviewer never expands (they can make a "
                            "reader run out of memory); save it again from Excel or LibreOffice")
