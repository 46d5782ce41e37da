"""What a file really is, told from its first bytes rather than its name."""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.errors import LoadError
from reviewer.io.reader_text import wide_encoding

__all__ = ["FileKind", "sniff"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_NAMED = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xltx": "xlsx", ".xltm": "xlsx", ".xlsb": "xlsb", ".xls": "xls",
          ".ods": "ods", ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".tab": "csv"}
_SPREADSHEET_WORDS = {"xlsx": "an Excel workbook", "xlsb": "an Excel binary workbook",
                      "xls": "an Excel 97-2003 workbook", "ods": "an OpenDocument spreadsheet",
                      "csv": "a text (CSV) file"}


@dataclass(frozen=True, slots=True)
class FileKind:
    format: str  # xlsx, xlsb, xls, ods, csv
    warning: str | None = None  # set when the name says something else


def sniff(path: Path) -> FileKind:
    """The file's real format, or a LoadError that says what the file is instead."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise LoadError("it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise LoadError("it is not a regular file (a pipe, a device or a socket), so Reviewer does not read it; "
                            "choose the spreadsheet itself")
        size = info.st_size
        # O_NONBLOCK: a pipe put in the file's place since the look above must not make the open wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise LoadError("it is not a regular file, so Reviewer does not read it; choose the spreadsheet "
                                "itself")
            head = handle.read(8192)
    except FileNotFoundError:
        raise LoadError("the file does not exist; check the name and folder") from None
    except IsADirectoryError:
        raise LoadError("it is a folder, not a file") from None
    except PermissionError:
        raise LoadError("Reviewer is not allowed to read it; check the file's permissions") from None
    except OSError as error:
        raise LoadError(f"it could not be read ({error.strerror or error})") from None
    if size == 0 or not head.strip(b"\x00 \t\r\n\xef\xbb\xbf"):
        raise LoadError("the file is empty")
    real = _format_of(path, head)
    named = _NAMED.get(path.suffix.lower())
    warning = None
    if named is not None and named != real:
        warning = (f"{path.name} is named like {_SPREADSHEET_WORDS[named]} but is {_SPREADSHEET_WORDS[real]}; "
                   "it was read as what it is")
    return FileKind(real, warning)


def _format_of(path: Path, head: bytes) -> str:
    if head.startswith(_OLE2):
        if _is_encrypted_ole(path):
            raise LoadError("the workbook is protected by a password; open it in Excel, remove the password "
                            "(File > Info > Protect Workbook), save, and open it again")
        return "xls"
    if head.startswith(_ZIP):
        return _zip_format(path)
    if head.startswith(b"PK"):
        raise LoadError("the file is a damaged zip archive; save it again from the program that made it")
    text_head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text_head.startswith((b"<!doctype html", b"<html", b"<table", b"<head")) or b"<html" in text_head[:512]:
        raise LoadError("it is a web page (HTML), not a spreadsheet; open it in a browser or Excel and save "
                        "it as .xlsx or .csv")
    if text_head.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in head:
            raise LoadError("it is an Excel 2003 XML spreadsheet, which Reviewer cannot read; save it as .xlsx")
        raise LoadError("it is an XML document, not a spreadsheet; export it as .xlsx or .csv")
    if head.startswith(b"%PDF"):
        raise LoadError("it is a PDF, not a spreadsheet; export its table as .xlsx or .csv")
    if b"\x00" in head and wide_encoding(head) is None:
        raise LoadError("it is not a spreadsheet Reviewer can read (xlsx, xlsm, xlsb, xls, ods, csv, tsv)")
    return "csv"


def _is_encrypted_ole(path: Path) -> bool:
    # An encrypted xlsx is an OLE2 container with an "EncryptedPackage" stream; the stream's name sits
    # in the directory, which for small files is near the start and otherwise in the first sectors.
    with path.open("rb") as handle:
        data = handle.read(4 * 1024 * 1024)
    return _ENCRYPTED_STREAM in data


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mimetype:
                    return "ods"
                raise LoadError("it is an OpenDocument file but not a spreadsheet; save it from a spreadsheet "
                                "program as .ods or .xlsx")
    except zipfile.BadZipFile:
        raise LoadError("the file is damaged or incomplete (a zip archive that ends too early, as after an "
                        "interrupted download); get a fresh copy") from None
    except (OSError, EOFError, ValueError, NotImplementedError) as error:
        raise LoadError(f"the file is a damaged zip archive ({error}); get a fresh copy") from None
    lowered = {name.lower() for name in names}
    if any(name.endswith("workbook.bin") for name in lowered):
        return "xlsb"
    if any(name.endswith("workbook.xml") for name in lowered) or "[content_types].xml" in lowered:
        return "xlsx"
    if "content.xml" in lowered:
        return "ods"
    raise LoadError("it is a zip archive, not a spreadsheet; unpack it and open the spreadsheet inside")
