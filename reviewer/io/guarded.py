"""Read any file (spreadsheet or text) in a separate process with a time limit and a memory cap.

Reader processes stay up between files (one is started ahead, with the app), so an open does not
wait for Python, pandas and calamine to start. A reader that runs over its time, or whose caller
cancels, is killed, and the next open gets a fresh one; nothing is left running. What a reader
returns is checked against the limits again before anything is built from it in this process.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import marshal
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.core.errors import LoadError
from reviewer.io.reader_text import FRAME, column_cells, merged_codes, split_cells

if TYPE_CHECKING:  # pandas is loaded with the first file, so that starting a reader with the app costs nothing
    from reviewer.io.raw_sheet import RawBook, RawSheet

__all__ = ["ReaderLimits", "read_guarded", "shutdown_readers", "warm_up", "worker_command"]

log = logging.getLogger(__name__)
_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReaderLimits:
    """How far a reader may go on one file. Generous for real workbooks: Excel itself holds 16,384
    columns and 32,767 characters in a cell."""

    timeout: float = 120.0  # seconds
    memory: int = 3072 * _MIB  # bytes of address space for the reader process
    columns: int = 16_384
    cells: int = 60_000_000
    text: int = 32_767  # characters per cell; longer cells are cut, with a warning
    answer_bytes: int = 2048 * _MIB  # the most a reader may send back

    @classmethod
    def from_environment(cls) -> ReaderLimits:
        """The limits, with REVIEWER_READ_TIMEOUT (seconds) and REVIEWER_READ_MEMORY_MB when set."""
        limits = cls()
        try:
            timeout = float(os.environ.get("REVIEWER_READ_TIMEOUT", limits.timeout))
            memory = int(os.environ.get("REVIEWER_READ_MEMORY_MB", limits.memory // _MIB)) * _MIB
        except ValueError:
            log.warning("REVIEWER_READ_TIMEOUT or REVIEWER_READ_MEMORY_MB is not a number; using the defaults")
            return limits
        if not (0 < timeout < float("inf")) or memory <= 0:  # NaN fails the comparison too
            log.warning("REVIEWER_READ_TIMEOUT or REVIEWER_READ_MEMORY_MB is not a positive number; using the defaults")
            return limits
        return cls(timeout=timeout, memory=memory)


def worker_command(memory: int) -> list[str]:
    if getattr(sys, "frozen", False):  # a bundled app has no "python -m"; it dispatches on this flag
        return [sys.executable, "--read-worker", str(memory)]
    return [sys.executable, "-m", "reviewer.io.read_worker", str(memory)]


class _Reader:
    """One reader process and its pipes."""

    def __init__(self, memory: int) -> None:
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        try:
            self.process = subprocess.Popen(worker_command(memory), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL, env=env, start_new_session=True)
        except OSError as error:
            raise LoadError(f"Reviewer could not start its file reader ({error}); reinstall Reviewer") from None
        self.memory = memory
        self.ready = False

    def wait_ready(self, timeout: float) -> bool:
        """Wait until the reader has loaded its libraries (it says so with one byte)."""
        if not self.ready and self.process.stdout is not None:
            with selectors.DefaultSelector() as selector:
                selector.register(self.process.stdout.fileno(), selectors.EVENT_READ)
                if selector.select(timeout=timeout) and os.read(self.process.stdout.fileno(), 1) == b"R":
                    self.ready = True
        return self.ready

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):  # a request left in a pipe nobody reads any more
                    stream.close()
        self.process.wait()

    def ask(self, request: bytes, limits: ReaderLimits, stop: threading.Event | None,
            on_part: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
        """The reader's answer to one request, watching the time limit and ``stop``; the parts it sends
        ahead go to ``on_part`` as they come."""
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(FRAME.pack(len(request)) + request)
            self.process.stdin.flush()
        except OSError:
            raise LoadError(_crash_reason(self.process.wait())) from None
        deadline = time.monotonic() + limits.timeout
        fd = self.process.stdout.fileno()
        buffer = bytearray()
        size = None
        received = 0
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while True:
                if stop is not None and stop.is_set():
                    raise LoadError("reading was cancelled")
                if time.monotonic() >= deadline:
                    raise LoadError(f"reading it took longer than {limits.timeout:.0f} seconds, so it was stopped; "
                                    "the file may be damaged or built to stall a reader")
                if not selector.select(timeout=0.1):
                    continue
                chunk = os.read(fd, 1 << 22)
                if not chunk:
                    raise LoadError(_crash_reason(self.process.wait()))
                buffer += chunk
                if not self.ready and buffer:
                    del buffer[:1]  # the reader's "ready" byte
                    self.ready = True
                while True:  # every whole frame in the buffer
                    if size is None and len(buffer) >= FRAME.size:
                        size = FRAME.unpack_from(buffer)[0]
                        received += size
                        if received > limits.answer_bytes:
                            raise LoadError("the reader's answer is larger than any real sheet; the file may be "
                                            "damaged or built to harm the reader")
                    if size is None or len(buffer) < FRAME.size + size:
                        break
                    message = _message(bytes(memoryview(buffer)[FRAME.size:FRAME.size + size]))
                    del buffer[:FRAME.size + size]
                    size = None
                    if "part" not in message and "reset" not in message:
                        return message
                    on_part(message)


class _Pool:
    """Idle readers, by memory cap. A reader is taken for one file and given back when it answered."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Reader] = []
        self._busy: set[_Reader] = set()

    def take(self, memory: int) -> _Reader:
        with self._lock:
            for reader in list(self._idle):
                if reader.process.poll() is not None:  # ended while idle (killed from outside)
                    self._idle.remove(reader)
                elif reader.memory == memory:
                    self._idle.remove(reader)
                    self._busy.add(reader)
                    return reader
        reader = _Reader(memory)
        with self._lock:
            self._busy.add(reader)
        return reader

    def give_back(self, reader: _Reader, healthy: bool) -> None:
        with self._lock:
            self._busy.discard(reader)
            if healthy and len(self._idle) < 2:
                self._idle.append(reader)
                return
        reader.kill()

    def warm(self, memory: int) -> _Reader:
        with self._lock:
            for reader in self._idle:
                if reader.memory == memory:
                    return reader
        reader = _Reader(memory)
        with self._lock:
            self._idle.append(reader)
        return reader

    def shutdown(self) -> None:
        with self._lock:
            readers = [*self._idle, *self._busy]
            self._idle.clear()
            self._busy.clear()
        for reader in readers:
            reader.kill()


_POOL = _Pool()
atexit.register(_POOL.shutdown)


def warm_up(limits: ReaderLimits | None = None, *, wait: float = 0.0) -> None:
    """Start a reader ahead of the first file (the app calls this as it starts); with ``wait``, wait up
    to that many seconds for it to be ready (a benchmark that times the open alone)."""
    reader = _POOL.warm((limits or ReaderLimits.from_environment()).memory)
    if wait:
        reader.wait_ready(wait)


def shutdown_readers() -> None:
    """End every reader process, idle or busy (the app is quitting)."""
    _POOL.shutdown()


def read_guarded(path: Path, format: str, *, limits: ReaderLimits | None = None,
                 stop: threading.Event | None = None) -> RawBook:
    """The file's sheets, read by a reader process. ``stop``, when set (the user cancelled), ends the
    reader at once instead of letting it run on."""
    from reviewer.io.raw_sheet import RawBook

    limits = limits or ReaderLimits.from_environment()
    # The reader process keeps the folder it started in: a relative name is made whole here, in the folder
    # the caller means now (a notebook that changed folder would read the other folder's file of that name).
    request = marshal.dumps((os.fsencode(os.path.abspath(path)), format, (limits.columns, limits.cells, limits.text),
                             limits.timeout))
    parts = _Parts(limits)
    reader = _POOL.take(limits.memory)
    healthy = False
    try:
        result = reader.ask(request, limits, stop, parts.take)
        healthy = True
    finally:
        _POOL.give_back(reader, healthy)
    if "error" in result:
        raise LoadError(_error_reason(result["error"], result.get("detail", ""), limits.memory))
    return RawBook(str(path), format, [_sheet(sheet, limits, parts) for sheet in result["sheets"]],
                   list(result.get("warnings", [])), str(result.get("sha256", "")))


def _message(data: bytes) -> dict[str, Any]:
    try:
        message = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        raise LoadError(_crash_reason(0)) from None
    if not isinstance(message, dict):
        raise LoadError(_crash_reason(0))
    return message


class _Parts:
    """A text file's rows sent ahead, part by part: each part's columns are built as it comes, while the
    reader parses the next; bounded as they come."""

    def __init__(self, limits: ReaderLimits) -> None:
        self.limits = limits
        self.columns: list[list[Any]] = []
        self.codes: list[list[Any]] = []  # per column, each part's numbers and distinct texts (None: sent as is)
        self.height = 0

    def take(self, message: dict[str, Any]) -> None:
        if "reset" in message:
            self.columns, self.codes, self.height = [], [], 0
            return
        part, height = message.get("part"), message.get("height")
        if not isinstance(part, list) or not isinstance(height, int) or height < 0 \
                or (self.columns and len(part) != len(self.columns)) or len(part) > self.limits.columns:
            raise LoadError(_MISFIT)
        self.height += height
        if self.height * len(part) > self.limits.cells:
            raise LoadError("it holds more cells than Reviewer reads at once; split it or filter it before opening")
        try:
            built = [column_cells(column, height, self.limits.text) for column in part]
        except ValueError:
            raise LoadError(_MISFIT) from None
        if not self.columns:
            self.columns, self.codes = [[] for _ in built], [[] for _ in built]
        for kept, codes, (array, coded) in zip(self.columns, self.codes, built, strict=True):
            kept.append(array)
            codes.append(coded)

    def coded(self) -> dict[int, tuple[Any, Any]]:
        """Each column that came as its distinct texts in every part: its numbers and texts, whole."""
        return {index: merged_codes(parts) for index, parts in enumerate(self.codes)
                if parts and all(part is not None for part in parts)}


_MISFIT = ("the file reader sent cells that do not fit their sheet; the file may be damaged. Open it in Excel or "
           "LibreOffice and save a fresh copy")


def _sheet(sheet: dict[str, Any], limits: ReaderLimits, parts: _Parts) -> RawSheet:
    """A sheet built from the reader's answer, after checking it holds what the limits allow (the reader
    has cut each cell to ``limits.text`` already)."""
    import numpy as np
    import pandas as pd

    from reviewer.io.raw_sheet import RawSheet

    height, width = int(sheet["height"]), int(sheet["width"])
    if width > limits.columns or height * width > limits.cells:
        raise LoadError("it holds more cells than Reviewer reads at once; split it or filter it before opening")
    misfit = LoadError(_MISFIT)
    coded: dict[int, tuple[Any, Any]] = {}
    if not height or not width:
        frame = pd.DataFrame(dtype=object)
    elif "rows" in sheet:  # a spreadsheet's cells, row after row
        cells = sheet["rows"]
        flat = split_cells(cells)
        if len(flat) != height * width:
            raise misfit
        values = np.empty(height * width, dtype=object)
        values[:] = flat
        # One block, each column's cells side by side (as a column's scans want), handed to pandas uncopied
        # and as Python strings (pandas would otherwise look at every cell to turn it into its own text type).
        frame = pd.DataFrame(np.ascontiguousarray(values.reshape(height, width).T).T, copy=False, dtype=object)
    else:  # a text file's rows, sent ahead part by part and built as they came
        if parts.height != height or len(parts.columns) != width:
            raise misfit
        grid = np.empty((width, height), dtype=object)
        for index, pieces in enumerate(parts.columns):
            np.concatenate(pieces, out=grid[index])
        frame = pd.DataFrame(grid.T, copy=False, dtype=object)
        coded = parts.coded()
    return RawSheet(str(sheet["name"]), frame, int(sheet["first_row"]), int(sheet["first_col"]),
                    bool(sheet["hidden"]), [(int(first), int(count)) for first, count in sheet.get("merged_down", [])],
                    coded)


def _crash_reason(returncode: int) -> str:
    if returncode < 0 and -returncode in (signal.SIGKILL, signal.SIGABRT, signal.SIGSEGV, signal.SIGXCPU):
        return ("the spreadsheet reader gave up on it (the file is damaged, or asks for far more memory than a "
                "real sheet, as a cell at the very last row and column does); open it in Excel or LibreOffice "
                "and save a fresh copy")
    return ("the spreadsheet reader failed on it; the file may be damaged. Open it in Excel or LibreOffice and "
            "save a fresh copy")


def _error_reason(kind: str, detail: str, memory: int) -> str:
    lowered = detail.lower()
    if kind == "memory":
        return (f"reading it needs more than {memory // _MIB:,} MB of memory, far more than a real sheet; "
                "the file may be damaged or built to harm the reader")
    if kind == "refused":
        return detail
    if kind in {"FileNotFoundError"}:
        return "the file does not exist; check the name and folder"
    if kind in {"PermissionError"}:
        return "Reviewer is not allowed to read it; check the file's permissions"
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
