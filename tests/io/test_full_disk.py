"""A disk that fills up during an export: the sentence says so, and nothing else is printed."""

from __future__ import annotations

import errno
import gc
import io
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

import reviewer
from reviewer.core.errors import ExportError
from reviewer.io import atomic
from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx


class _FullDisk(io.FileIO):
    """A temporary file on a disk with room for ``room`` bytes."""

    room = 3_000

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


def _full_temporary_file(*_args: object, dir: str, prefix: str = "", suffix: str = "", **_kwargs: object) -> Any:
    handle, name = tempfile.mkstemp(dir=dir, prefix=prefix, suffix=suffix)
    os.close(handle)
    return _FullDisk(name, "wb")


def test_a_full_disk_gives_the_sentence_and_no_stray_traceback(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [[f"R-{i}", f"Claim {i} " + "about civilian deaths " * 20, "UN", str(i), "2017-01-01", ""]
            for i in range(300)]
    book = reviewer.open_workbook(write_xlsx(tmp_path / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS,
                                                                                 *rows]}))
    review = reviewer.Review(book)
    review.set_verdict("R-01", "Accurate")
    ignored: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    monkeypatch.setattr(atomic.tempfile, "NamedTemporaryFile", _full_temporary_file)
    with pytest.raises(ExportError, match="disk .* is full"):
        review.export(tmp_path / "reviewed.xlsx")
    gc.collect()
    assert ignored == []
    assert not (tmp_path / "reviewed.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".reviewed")] == []
    assert review.verdict("R-01") is not None
