"""Files that would stall or swamp the window: every format goes through the reader process, and what it
returns is bounded before anything is built from it."""

from __future__ import annotations

import os
import stat
import threading
import zipfile
from pathlib import Path

import pytest

import reviewer
from reviewer.core.errors import LoadError
from reviewer.io import guarded, read_worker
from reviewer.io.guarded import ReaderLimits
from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx

_SHEET = ('<?xml version="1.0" encoding="UTF-8"?><worksheet '
          'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')


def _with_sheet_xml(tmp_path: Path, name: str, rows: str) -> Path:
    """A real workbook whose first sheet's cells are replaced by ``rows``."""
    source = write_xlsx(tmp_path / "source.xlsx", {"Claims": [["Claim", "Figure"], ["x", "1"]]})
    target = tmp_path / name
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = _SHEET.format(rows=rows).encode() if info.filename.endswith("sheet1.xml") else old.read(info)
            new.writestr(info.filename, data)
    return target


def test_a_tiny_workbook_with_a_cell_at_column_zzzzz_is_left_out_with_a_sentence(tmp_path: Path) -> None:
    far = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Claim</t></is></c>'
           '<c r="ZZZZZ1" t="inlineStr"><is><t>far away</t></is></c></row>')
    path = _with_sheet_xml(tmp_path, "far.xlsx", far)
    assert path.stat().st_size < 6000
    try:
        book = reviewer.open_workbook(path)
    except LoadError as error:
        assert "column" in str(error) or "cells" in str(error)
        return
    assert any("beyond the 16,384 columns" in w for w in book.warnings)
    assert all(len(table.columns) <= 16_384 for table in book.tables.values())


def test_a_cell_longer_than_excel_holds_is_cut_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Key,Claim,Figure\nR-1," + "x" * 100_000 + ",5\n", encoding="utf-8")
    book = reviewer.open_workbook(path)
    assert any("32,767 characters" in w for w in book.warnings)
    assert book.claims["text"].str.len().max() == 32_767


def test_a_csv_of_one_line_without_a_break_is_read_or_refused(tmp_path: Path) -> None:
    path = tmp_path / "one-line.csv"
    path.write_bytes(b"ab," * 20_000_000)  # 60 MB, no line break: 20 million fields on one line
    with pytest.raises(LoadError, match="over 16,384 fields"):
        reviewer.open_workbook(path)
    path.write_bytes(b"x" * 60_000_000)  # one cell of 60 MB
    book = reviewer.open_workbook(path)
    assert any("32,767 characters" in w for w in book.warnings)


def test_an_unclosed_quote_in_a_csv_gets_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('Key,Claim,Figure\nR-1,"the coalition said,352\nR-2,fine,3\n', encoding="utf-8")
    with pytest.raises(LoadError, match="quotation mark on line 2 is opened and never closed"):
        reviewer.open_workbook(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_named_like_a_workbook_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "claims.xlsx"
    os.mkfifo(path)  # nobody ever writes to it: opening it for reading would wait for ever
    with pytest.raises(LoadError, match="not a regular file"):
        reviewer.open_workbook(path)


def test_a_device_and_a_folder_are_refused_at_once(tmp_path: Path) -> None:
    if os.path.exists(os.devnull) and stat.S_ISCHR(os.stat(os.devnull).st_mode):
        with pytest.raises(LoadError, match="not a regular file"):
            reviewer.open_workbook(os.devnull)
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(LoadError, match="folder"):
        reviewer.open_workbook(tmp_path / "folder.xlsx")


def test_the_reader_refuses_what_is_not_a_regular_file_by_itself(tmp_path: Path) -> None:
    (tmp_path / "swapped.xlsx").mkdir()  # as if the file were swapped for a folder after the first look
    with pytest.raises(read_worker.TooLarge, match="not a regular file"):
        read_worker.read_file(os.fsencode(tmp_path / "swapped.xlsx"), "xlsx", (16_384, 1_000_000, 32_767))


def test_a_csv_that_changes_while_it_is_read_gets_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.io import csv_reader

    path = tmp_path / "growing.csv"
    path.write_text("Key,Claim,Figure\nR-1,first,1\n", encoding="utf-8")
    parse = csv_reader.parse_csv

    def parse_while_written(*args: object) -> object:
        with path.open("a", encoding="utf-8") as handle:  # another program appends while the rows are parsed
            handle.write("R-2,second,2\n")
        return parse(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(csv_reader, "parse_csv", parse_while_written)
    answer = read_worker.read_file(os.fsencode(path), "csv", (16_384, 1_000_000, 32_767))
    assert any("open it again when it is complete" in w for w in answer["warnings"])
    untouched = tmp_path / "done.csv"
    untouched.write_text("Key,Claim,Figure\nR-1,first,1\n", encoding="utf-8")
    assert reviewer.open_workbook(untouched).warnings == []


def test_a_workbook_on_a_path_that_is_not_utf8_opens_and_is_named_readably(tmp_path: Path) -> None:
    folder = os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9")  # Latin-1 bytes, as from an old disk or archive
    os.mkdir(folder)
    path = os.path.join(folder, os.fsdecode(b"claims-\xff.xlsx"))
    write_xlsx(Path(path), {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})
    book = reviewer.open_workbook(path)
    assert len(book.claims) == 5
    assert set(book.claims["file"]) == {"claims-\ufffd.xlsx"}
    review = reviewer.Review(book)
    review.set_verdict("R-01", "Accurate", note="opened from a Latin-1 folder")
    again = reviewer.Review(reviewer.open_workbook(path)).verdict("R-01")
    assert again is not None and again.note == "opened from a Latin-1 folder"
    broken = os.path.join(folder, os.fsdecode(b"gone-\xff.xlsx"))
    with pytest.raises(LoadError) as raised:
        reviewer.open_workbook(broken)
    assert "\udcff" not in str(raised.value) and "gone-\ufffd.xlsx" in str(raised.value)


def test_cancel_ends_a_real_reader_at_work_and_the_next_open_works(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Key,Claim,Figure\n")
        handle.writelines(f"K{i},claim {i} about civilian deaths,{i}\n" for i in range(400_000))
    stop = threading.Event()
    stop.set()  # cancelled before the reader could answer
    with pytest.raises(LoadError, match="cancelled"):
        reviewer.open_workbook(path, stop=stop)
    assert guarded._POOL._busy == set()  # no reader left working for nobody
    small = write_xlsx(tmp_path / "small.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})
    assert len(reviewer.open_workbook(small).claims) == 5


def test_a_warm_reader_is_reused_and_quitting_leaves_none_running(tmp_path: Path) -> None:
    limits = ReaderLimits(memory=2000 * 1024 * 1024)  # a cap of its own: readers of other tests stay apart
    guarded.warm_up(limits)
    [warm] = [r for r in guarded._POOL._idle if r.memory == limits.memory]
    path = write_xlsx(tmp_path / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})
    reviewer.open_workbook(path, limits=limits)
    reviewer.open_workbook(path, limits=limits)
    assert [r for r in guarded._POOL._idle if r.memory == limits.memory] == [warm]  # one process, reused
    pid = warm.process.pid
    guarded.shutdown_readers()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_the_app_loads_the_country_names_ahead_so_the_first_workbook_does_not_wait() -> None:
    from reviewer.core import places
    from reviewer.io.warm import warm_up

    places._load_converter.cache_clear()
    warm_up(wait=60)
    assert places._load_converter.cache_info().currsize == 1  # loaded before any workbook asked
    assert [r for r in guarded._POOL._idle if r.ready]  # and a reader waits, ready


def test_limits_are_given_not_taken_from_hidden_state(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(50)) + "\n" + ",".join("1" * 50) + "\n", encoding="utf-8")
    with pytest.raises(LoadError, match="over 20 fields"):
        reviewer.open_workbook(path, limits=ReaderLimits(columns=20))
    assert reviewer.open_workbook(path).sheets[0].headers[:2] == ["c0", "c1"]


def test_a_process_that_opened_files_leaves_no_reader_behind_when_it_ends(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = write_xlsx(tmp_path / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})
    script = ("import sys, reviewer\nfrom reviewer.io import guarded\nreviewer.open_workbook(sys.argv[1])\n"
              "print(*[r.process.pid for r in guarded._POOL._idle])")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True,
                          timeout=120)
    pids = [int(pid) for pid in done.stdout.split()]
    assert pids  # the reader stayed up for the next file while the process lived
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_workbook_cell_longer_than_excel_holds_is_cut_with_a_warning(tmp_path: Path) -> None:
    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    rows = (f'<row r="1">{cell("A1", "Key")}{cell("B1", "Claim")}{cell("C1", "Figure")}</row>'
            f'<row r="2">{cell("A2", "R-1")}{cell("B2", "y" * 40_000)}{cell("C2", "5")}</row>'
            f'<row r="3">{cell("A3", "R-2")}{cell("B3", "a short claim")}{cell("C3", "7")}</row>')
    book = reviewer.open_workbook(_with_sheet_xml(tmp_path, "long.xlsx", rows))
    assert any("1 cell(s) held more than 32,767 characters" in w for w in book.warnings)
    assert book.claims["text"].str.len().tolist() == [32_767, len("a short claim")]


def test_a_long_csv_whose_late_line_is_wider_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    with path.open("w", encoding="utf-8") as handle:  # the rows go ahead in parts before the wide line is met
        handle.write("Source,Date,Deaths\n")
        handle.writelines(f"Airwars,2017-01-{1 + i % 28:02d},{i}\n" for i in range(450_000))
        handle.write("Airwars,2017-02-01,5,a note in a fourth field\n")
    raw = guarded.read_guarded(path, "csv")
    [sheet] = raw.sheets
    assert sheet.cells.shape == (450_002, 4)
    assert sheet.cells.iloc[-1].tolist() == ["Airwars", "2017-02-01", "5", "a note in a fourth field"]
    assert sheet.cells.iloc[1].tolist() == ["Airwars", "2017-01-01", "0", ""]


@pytest.mark.parametrize("value", ["nan", "inf", "-5", "0"])
def test_an_odd_read_timeout_falls_back_to_the_default(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    from reviewer.io.guarded import ReaderLimits

    monkeypatch.setenv("REVIEWER_READ_TIMEOUT", value)
    assert ReaderLimits.from_environment().timeout == ReaderLimits().timeout


def test_a_relative_name_is_read_in_the_folder_the_caller_is_in_now(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The reader process stays up between files, in the folder it started in: "claims.csv" from two folders
    # is two files, each opened as the caller means it.
    for folder, key in (("a", "A-1"), ("b", "B-1")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "claims.csv").write_text(f"Key,Claim,Figure,As of\n{key},352 killed,352,2017-04-30\n",
                                                      encoding="utf-8")
    keys = []
    for folder in ("a", "b"):
        monkeypatch.chdir(tmp_path / folder)
        keys.append(reviewer.open_workbook("claims.csv").claims["key"].tolist())
    assert keys == [["A-1"], ["B-1"]]


def test_a_small_workbook_of_thousands_of_sheets_is_read_sheet_by_sheet_once(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # 2,000 one-cell sheets in 300 KB: the far-column guard read the workbook's sheet list again for each
    # sheet, and such a file took the reader's whole time limit to be refused.
    from reviewer.io import xlsx_columns

    sheets = {f"s{i}": [["Claim"], [f"text {i}"]] for i in range(2000)}
    sheets["s1999"][1] = ["the last sheet's text"]
    path = write_xlsx(tmp_path / "many.xlsx", sheets)
    lists = []
    read_list = xlsx_columns.sheet_parts
    monkeypatch.setattr(xlsx_columns, "sheet_parts", lambda archive: lists.append(1) or read_list(archive))
    read = read_worker.read_file(os.fsencode(path), "xlsx", (16_384, 10**8, 32_767))
    assert len(read["sheets"]) == 2000 and "the last sheet's text" in str(read["sheets"][-1]["rows"])
    assert len(lists) == 1
