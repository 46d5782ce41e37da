"""Files built to crash, stall or exhaust a reader: each is refused with a sentence, and the caller lives on."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

import reviewer
from reviewer.core.errors import LoadError
from tests.conftest import CORPUS, write_xlsx

SHARED_CORPUS = Path(os.environ.get("REVIEWER_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpus"))


def _open_or_refuse(path: Path) -> str:
    try:
        book = reviewer.open_workbook(path)
    except LoadError as error:
        message = str(error)
        assert message.startswith(f"cannot open {path}: ") and len(message) > len(str(path)) + 20
        assert "Traceback" not in message
        return "refused"
    assert isinstance(book.warnings, list)
    return "opened"


@pytest.mark.parametrize("path", sorted(p for p in CORPUS.iterdir() if p.suffix != ".md"), ids=lambda p: p.name)
def test_bundled_hostile_files(path: Path) -> None:
    _open_or_refuse(path)


CORPUS_FILES = sorted(p for p in SHARED_CORPUS.glob("*/*") if p.suffix != ".md") if SHARED_CORPUS.exists() else []


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_file_of_the_corpus_opens_or_is_refused(path: Path) -> None:
    _open_or_refuse(path)


def test_password_protected_workbooks_say_so() -> None:
    for name in ("pass_protected.xlsx", "password.xls"):
        with pytest.raises(LoadError, match="password"):
            reviewer.open_workbook(CORPUS / name)


def test_a_cell_at_the_last_row_and_column_does_not_take_the_app_down(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "Claim"
    book.active["XFD1048576"] = "far away"
    book.save(tmp_path / "far.xlsx")
    with pytest.raises(LoadError, match="more cells|gave up|memory"):
        reviewer.open_workbook(tmp_path / "far.xlsx")


def test_a_decompression_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    write_xlsx(path, {"Claims": [["Claim"], ["x"]]})
    chunk = b"<row>" + b"0" * (16 * 1024 * 1024 - 5)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive, \
            archive.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as part:
        for _ in range(64):  # 1 GiB
            part.write(chunk)
    with pytest.raises(LoadError, match="decompression bomb|compressed"):
        reviewer.open_workbook(path)


def test_xml_entities_are_never_expanded(tmp_path: Path) -> None:
    path = tmp_path / "laughs.xlsx"
    write_xlsx(path, {"Claims": [["Claim"], ["x"]]})
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')
    rebuilt = tmp_path / "rebuilt.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for info in source.infolist():
            data = lol.encode() if info.filename == "xl/worksheets/sheet1.xml" else source.read(info)
            target.writestr(info, data)
    with pytest.raises(LoadError, match="entit"):
        reviewer.open_workbook(rebuilt)


def test_duplicate_zip_entries_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "twins.xlsx"
    write_xlsx(path, {"Claims": [["Claim"], ["x"]]})
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    with pytest.raises(LoadError, match="same name"):
        reviewer.open_workbook(path)


def test_a_reader_that_runs_too_long_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.io import guarded

    path = write_xlsx(tmp_path / "slow.xlsx", {"Claims": [["Claim"], ["x"]]})
    guarded.shutdown_readers()  # no warm reader: the next one is the stalling one
    monkeypatch.setattr(guarded, "worker_command", lambda *_: ["sleep", "30"])
    with pytest.raises(LoadError, match="longer than 1 seconds"):
        guarded.read_guarded(path, "xlsx", limits=guarded.ReaderLimits(timeout=1))


def test_a_reader_that_crashes_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.io import guarded

    path = write_xlsx(tmp_path / "crash.xlsx", {"Claims": [["Claim"], ["x"]]})
    guarded.shutdown_readers()
    monkeypatch.setattr(guarded, "worker_command", lambda *_: ["sh", "-c", "kill -ABRT $$"])
    with pytest.raises(LoadError, match="gave up"):
        guarded.read_guarded(path, "xlsx")


def test_cancelling_ends_the_reader_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import threading
    import time

    from reviewer.io import guarded

    path = write_xlsx(tmp_path / "slow.xlsx", {"Claims": [["Claim"], ["x"]]})
    pid_file = tmp_path / "reader.pid"
    guarded.shutdown_readers()
    monkeypatch.setattr(guarded, "worker_command", lambda *_: ["sh", "-c", f"echo $$ > {pid_file}; exec sleep 30"])
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    started = time.monotonic()
    with pytest.raises(LoadError, match="cancelled"):
        reviewer.open_workbook(path, stop=stop)
    assert time.monotonic() - started < 5
    with pytest.raises(ProcessLookupError):  # the reader is gone, not left running
        os.kill(int(pid_file.read_text()), 0)
