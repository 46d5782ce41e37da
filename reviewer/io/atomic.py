"""Files written whole or not at all: a temporary file beside the target, flushed, then renamed."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reviewer.core.errors import ExportError

__all__ = ["atomic_write", "check_destination", "write_error"]


def write_error(error: OSError, path: Path) -> ExportError:
    if error.errno == errno.ENOSPC:
        return ExportError(f"the disk holding {path.parent} is full; free some space or choose another drive. The "
                           "review is safe in the review store")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY):
        return ExportError(f"{path.name} could not be written; if it is open in Excel, close it in Excel or choose "
                           "another name. The review is safe in the review store")
    if error.errno == errno.EROFS:
        return ExportError(f"{path.parent} is on a read-only drive; choose another folder")
    return ExportError(f"{path.name} could not be written ({error.strerror or error}); choose another name or "
                       "folder. The review is safe in the review store")


def atomic_write(path: Path, write: Callable[[Any], None], suffix: str = ".tmp", binary: bool = True) -> None:
    """Write to a temporary file beside the target, flush it to disk, then rename it into place."""
    try:
        # Kept open past this block and renamed after it is closed, hence no context manager here.
        if binary:
            handle: Any = tempfile.NamedTemporaryFile(  # noqa: SIM115
                "wb", dir=path.parent, prefix=f".{path.stem}-", suffix=suffix, delete=False)
        else:
            handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
                "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.stem}-", suffix=suffix,
                delete=False)
    except OSError as error:
        raise write_error(error, path) from None
    try:
        with handle:
            write(handle)
            handle.flush()
            # The temporary file is private (0600); the export is for colleagues, often on a shared folder.
            os.chmod(handle.name, _mode_for(path))
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except OSError as error:
        Path(handle.name).unlink(missing_ok=True)
        raise write_error(error, path) from None
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permissions a new file gets here: those of the file it replaces, else what the umask allows."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # Reading the umask without setting it: os.umask would change it for every thread for a moment.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_destination(path: Path, sources: list[str]) -> None:
    """Refuse, with a sentence, a target that is an opened source file, in a missing or read-only
    folder, or open in another program (Excel's and LibreOffice's lock files)."""
    resolved = path.resolve()
    if any(Path(source).resolve() == resolved for source in sources):
        raise ExportError(f"{path.name} is the file you opened, and Reviewer never writes over it; choose "
                          "another name")
    if not path.parent.exists():
        raise ExportError(f"the folder {path.parent} does not exist; choose another folder")
    if not os.access(path.parent, os.W_OK):
        raise ExportError(f"the folder {path.parent} cannot be written to; choose another folder")
    for lock in (path.parent / f".~lock.{path.name}#", path.parent / f"~${path.name}"):
        if lock.exists():
            raise ExportError(f"{path.name} is open in another program; close it in Excel or LibreOffice, or choose "
                              "another name")
