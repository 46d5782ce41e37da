"""Read a spreadsheet in a separate process with a time limit and a memory cap."""

from __future__ import annotations

import logging
import marshal
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from reviewer.core.errors import LoadError
from reviewer.io.raw_sheet import RawBook, RawSheet
from reviewer.io.read_worker import SEPARATOR

__all__ = ["read_guarded", "worker_command"]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = float(os.environ.get("REVIEWER_READ_TIMEOUT", "120"))
DEFAULT_MEMORY = int(os.environ.get("REVIEWER_READ_MEMORY_MB", "3072")) * 1024 * 1024


def worker_command(path: Path, memory: int) -> list[str]:
    if getattr(sys, "frozen", False):  # a bundled app has no "python -m"; it dispatches on this flag
        return [sys.executable, "--read-worker", str(path), str(memory)]
    return [sys.executable, "-m", "reviewer.io.read_worker", str(path), str(memory)]


def read_guarded(path: Path, format: str, *, timeout: float = DEFAULT_TIMEOUT,
                 memory: int = DEFAULT_MEMORY, stop: threading.Event | None = None) -> RawBook:
    """The file's sheets, read by a separate process. ``stop``, when set (the user cancelled), ends the
    reader at once instead of letting it run on."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    try:
        process = subprocess.Popen(worker_command(path, memory), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   stdin=subprocess.DEVNULL, env=env)
    except OSError as error:
        raise LoadError(f"Reviewer could not start its file reader ({error}); reinstall Reviewer") from None
    out, err = _wait(process, timeout, stop)
    if err:
        log.info("reader said on %s: %s", path, err[-2000:].decode("utf-8", "replace"))
    if process.returncode != 0 or not out:
        log.warning("reader for %s ended with status %s", path, process.returncode)
        raise LoadError(_crash_reason(process.returncode))
    try:
        result: dict[str, Any] = marshal.loads(out)
    except (EOFError, ValueError, TypeError):
        raise LoadError(_crash_reason(process.returncode)) from None
    if "error" in result:
        raise LoadError(_error_reason(result["error"], result.get("detail", ""), memory))
    sheets = [RawSheet(sheet["name"], _cell_frame(sheet["cells"], sheet["height"], sheet["width"]),
                       sheet["first_row"], sheet["first_col"], sheet["hidden"],
                       [(int(first), int(count)) for first, count in sheet.get("merged_down", [])])
              for sheet in result["sheets"]]
    return RawBook(str(path), format, sheets)


def _wait(process: subprocess.Popen[bytes], timeout: float, stop: threading.Event | None) -> tuple[bytes, bytes]:
    """The reader's output, looking every tenth of a second whether the user has cancelled."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return process.communicate(timeout=0.1 if stop is not None else timeout)
        except subprocess.TimeoutExpired:
            stopped = stop is not None and stop.is_set()
            if stopped or time.monotonic() >= deadline:
                process.kill()
                process.communicate()
                if stopped:
                    raise LoadError("reading was cancelled") from None
                raise LoadError(f"reading it took longer than {timeout:.0f} seconds, so it was stopped; the file "
                                "may be damaged or built to stall a reader") from None


def _cell_frame(cells: str | list[str], height: int, width: int) -> pd.DataFrame:
    """The worker's cells, row after row, as a frame of text columns 0..width-1."""
    if not height or not width:
        return pd.DataFrame(dtype=object)
    flat = cells.split(SEPARATOR) if isinstance(cells, str) else cells
    grid = np.fromiter(flat, dtype=object, count=height * width).reshape(height, width)
    columns = np.ascontiguousarray(grid.T)  # each column's cells side by side, as a column's scans want
    return pd.DataFrame({column: columns[column] for column in range(width)})


def _crash_reason(returncode: int) -> str:
    if returncode < 0 and -returncode in (signal.SIGKILL, signal.SIGABRT, signal.SIGSEGV):
        return ("the spreadsheet reader gave up on it (the file is damaged, or asks for far more memory than a "
                "real sheet, as a cell at the very last row and column does); open it in Excel or LibreOffice "
                "and save a fresh copy")
    return ("the spreadsheet reader failed on it; the file may be damaged. Open it in Excel or LibreOffice and "
            "save a fresh copy")


def _error_reason(kind: str, detail: str, memory: int) -> str:
    lowered = detail.lower()
    if kind == "memory":
        return (f"reading it needs more than {memory // (1024 * 1024):,} MB of memory, far more than a real sheet; "
                "the file may be damaged or built to harm the reader")
    if kind == "PasswordError" or "password" in lowered or "encrypt" in lowered:
        return ("the workbook is protected by a password; open it in Excel, remove the password, save, and open "
                "it again")
    if "biff5" in lowered or "unsupported" in lowered or "not supported" in lowered:
        return (f"it uses a form of spreadsheet Reviewer cannot read ({detail[:120]}); open it in Excel or "
                "LibreOffice and save it as .xlsx")
    if "cell limit" in lowered or "too large" in lowered:
        return ("it claims more cells than any real sheet holds, so it was not read; the file may be damaged or "
                "built to harm the reader")
    log.info("reader error %s: %s", kind, detail)
    return ("the file is damaged or not a spreadsheet Reviewer can read; open it in Excel or LibreOffice and "
            "save a fresh copy")
