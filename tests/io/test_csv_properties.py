"""The text reader, property by property: any bytes give cells or a sentence, and rows come back as written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reviewer.io import csv_reader
from reviewer.io.guarded import ReaderLimits, _Parts, _sheet
from reviewer.io.reader_text import TooLarge
from reviewer.io.sniff import sniff

LIMITS = (200, 100_000, 50)


def parse_csv(data: bytes, path: bytes, limits: tuple[int, int, int]) -> tuple[list[dict[str, object]], list[str]]:
    """The text reader's answer as the window builds it: its parts sent, checked and put together."""
    bounds = ReaderLimits(columns=limits[0], cells=limits[1], text=limits[2])
    parts = _Parts(bounds)
    sheets, warnings = csv_reader.parse_csv(data, path, limits, parts.take)
    return [{**sheet, "cells": _sheet(sheet, bounds, parts).cells} for sheet in sheets], warnings


def _cells(sheet: dict[str, object]) -> list[list[str]]:
    """The sheet's rows, as the window holds them."""
    return [list(row) for row in sheet["cells"].itertuples(index=False)]  # type: ignore[attr-defined]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_bounded_cells_or_a_sentence(data: bytes) -> None:
    try:
        sheets, warnings = parse_csv(data, b"any.csv", LIMITS)
    except TooLarge as refusal:
        assert len(str(refusal)) > 20
        return
    [sheet] = sheets
    rows = _cells(sheet)
    assert len(rows) == sheet["height"] and all(len(row) == sheet["width"] for row in rows)
    assert all(len(cell) <= LIMITS[2] for row in rows for cell in row)
    assert all(isinstance(w, str) for w in warnings)


_CELL = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x1f"), max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=1, max_size=20))
@example([["", "\n", ";"], ["\n", "", ";0"]])  # line breaks in quotes once made ";" look like the delimiter
def test_rows_written_by_a_csv_writer_come_back_as_written(rows: list[list[str]]) -> None:
    rows = [["Key", "Claim", "Figure"], *rows]
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL).writerows(rows)
    sheets, _warnings = parse_csv(buffer.getvalue().encode("utf-8"), b"claims.csv", LIMITS)
    assert _cells(sheets[0]) == rows


def test_a_long_quoted_cell_over_many_short_lines_is_cut_too() -> None:
    long = "\n".join(["a short line of a long quoted cell"] * 10)  # 349 characters, no line over 40
    data = f'Key,Claim\nR-1,"{long}"\nR-2,short\n'.encode()
    sheets, warnings = parse_csv(data, b"claims.csv", LIMITS)
    assert [len(cell) for row in _cells(sheets[0]) for cell in row] == [3, 5, 3, 50, 3, 5]
    assert any("cut" in w for w in warnings)


_PLAIN_CELL = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters='\x00\x1f",;\t|\r\n'),
                      max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 5).flatmap(lambda width: st.lists(st.lists(_PLAIN_CELL, min_size=width, max_size=width),
                                                         min_size=1, max_size=20)),
       st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_a_table_without_quotes_comes_back_cell_for_cell(rows: list[list[str]], end: str, last: bool) -> None:
    rows = [[f"c{i}" for i in range(len(rows[0]))], *rows]
    text = end.join(",".join(row) for row in rows) + (end if last else "")
    sheets, _warnings = parse_csv(text.encode("utf-8"), b"figures.csv", LIMITS)
    assert _cells(sheets[0]) == rows


def test_a_plain_table_and_a_quoted_one_read_alike() -> None:
    plain = b"Key,Claim,Figure\r\nR-1,the coalition said,352\r\nR-2,,\r\n"
    quoted = b'Key,Claim,Figure\r\nR-1,"the coalition said",352\r\nR-2,,\r\n'
    first, second = parse_csv(plain, b"a.csv", LIMITS)[0][0], parse_csv(quoted, b"b.csv", LIMITS)[0][0]
    assert _cells(first) == _cells(second) == [["Key", "Claim", "Figure"], ["R-1", "the coalition said", "352"],
                                               ["R-2", "", ""]]


def test_a_line_with_a_form_feed_or_a_file_separator_loses_no_cell() -> None:
    for data in (b"a,b\x1cc,d,e\n", b"Key,Claim\nR-1,one\x0ctwo,three\n"):
        sheets, _warnings = parse_csv(data, b"odd.csv", LIMITS)
        cells = [cell for row in _cells(sheets[0]) for cell in row]
        kept = "".join(cells)
        assert all(part in kept for part in data.decode().replace("\n", ",").split(",") if part)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["2014-08-01", "Airwars", "", "a cell of sixty characters " * 3, "\x1f", "352"]),
                max_size=60), st.sampled_from([None, 5, 50]))
def test_a_column_travels_whole_whether_sent_by_its_distinct_texts_or_cell_by_cell(cells: list[str],
                                                                                  cut_at: int | None) -> None:
    import numpy as np

    from reviewer.io.reader_text import column_cells, encode_column

    array = np.empty(len(cells), dtype=object)
    array[:] = cells
    travels, cut = encode_column(array, cut_at)
    back = column_cells(travels, len(cells), cut_at or 1000)[0].tolist()
    assert back == [cell[:cut_at] if cut_at else cell for cell in cells]
    assert cut == sum(cut_at is not None and len(cell) > cut_at for cell in cells)


def test_a_column_of_repeated_texts_travels_as_its_distinct_texts_and_a_misfit_is_refused() -> None:
    import numpy as np
    import pytest

    from reviewer.io.reader_text import column_cells, encode_column

    cells = np.array(["Iraq", "Syria"] * 500, dtype=object)
    travels, _cut = encode_column(cells, None)
    assert isinstance(travels, dict) and travels["texts"] == "Iraq\x1fSyria"
    rows, coded = column_cells(travels, 1000, 50)
    assert coded is not None and coded[1].tolist() == ["Iraq", "Syria"]
    assert rows[0] is rows[2]  # one string for each distinct text, shared by its cells
    forged = {"codes": np.array([0, 7], dtype="<i4").tobytes(), "texts": "Iraq"}
    # A few bytes that would name one long text for every row, or a number where a text should be.
    long = {"codes": np.zeros(20_000, dtype="<i4").tobytes(), "texts": [" " + "x" * 60 + " "]}
    amplified = {"codes": np.zeros(40_000, dtype="<i4").tobytes(), "texts": ["x" * 50]}
    not_text = {"codes": np.zeros(2, dtype="<i4").tobytes(), "texts": [352]}
    for bad, height in ((travels, 999), (forged, 2), ({"codes": "x", "texts": 1}, 0), (3, 1), (long, 20_000),
                        (not_text, 2)):
        with pytest.raises(ValueError):
            column_cells(bad, height, 50)
    with pytest.MonkeyPatch.context() as patch:
        from reviewer.io import reader_text

        patch.setattr(reader_text, "MAX_TEXT_BYTES", 1_000_000)  # 40,000 rows of 50 characters: twice as much
        with pytest.raises(ValueError):
            column_cells(amplified, 40_000, 50)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["2014-08-01", "2014-08-02", " 2014-08-03"]),
                          st.sampled_from(["Iraq", "Syria"])), min_size=1, max_size=40), st.integers(1, 9))
def test_columns_sent_in_parts_keep_one_numbering_of_their_texts(rows: list[tuple[str, str]], part: int) -> None:
    import pytest

    data = ("date,country\n" + "".join(f"{d},{c}\n" for d, c in rows)).encode()
    bounds = ReaderLimits(columns=LIMITS[0], cells=LIMITS[1], text=LIMITS[2])
    parts = _Parts(bounds)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csv_reader, "_PART", part)  # many parts, each numbering its own texts
        sheets, _warnings = csv_reader.parse_csv(data, b"events.csv", LIMITS, parts.take)
    sheet = _sheet(sheets[0], bounds, parts)
    for column, (codes, texts) in sheet.coded.items():
        assert texts[codes].tolist() == sheet.cells[column].tolist()
        assert len(set(texts.tolist())) == len(texts)  # each text once, whichever part it came in


def test_a_column_that_repeats_in_every_part_comes_numbered_whole() -> None:
    import pytest

    data = ("date,country\n" + "".join(f"2014-08-0{i % 3 + 1},{'Iraq' if i % 2 else 'Syria'}\n"
                                         for i in range(40))).encode()
    bounds = ReaderLimits(columns=LIMITS[0], cells=LIMITS[1], text=LIMITS[2])
    parts = _Parts(bounds)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csv_reader, "_PART", 8)
        sheets, _warnings = csv_reader.parse_csv(data, b"events.csv", LIMITS, parts.take)
    sheet = _sheet(sheets[0], bounds, parts)
    codes, texts = sheet.coded[1]
    assert sorted(texts.tolist()) == ["Iraq", "Syria", "country"] and len(codes) == 41


def test_a_long_cell_of_a_utf16_file_is_cut_like_any_other() -> None:
    long = "ਪੰਜਾਬ" * 20  # 100 characters whose UTF-16 bytes hold line feeds (U+0A00 to U+0AFF)
    data = f"Key,Note\nR-1,{long}\nR-2,short\n".encode("utf-16")
    sheets, warnings = parse_csv(data, b"notes.csv", LIMITS)
    assert [row[1] for row in _cells(sheets[0])] == ["Note", long[:50], "short"]
    assert any("cut" in w for w in warnings)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
def test_a_text_file_of_wide_characters_is_read_with_or_without_its_byte_order_mark(tmp_path: Path,
                                                                                     encoding: str) -> None:
    rows = [["Key", "Claim", "Figure"], ["K-1", "Bogotá: 38484 Covid deaths", "38484"], ["K-2", "Malmö", "1"]]
    text = "".join(",".join(row) + "\n" for row in rows)
    data = text.encode(encoding)
    if encoding == "utf-32-le":  # written with its mark, which the bare codec leaves out
        data = b"\xff\xfe\x00\x00" + data
    sheets, _warnings = parse_csv(data, b"claims.csv", LIMITS)
    assert _cells(sheets[0]) == rows
    path = tmp_path / "claims.csv"
    path.write_bytes(data)
    assert sniff(path).format == "csv"


def test_numbers_stored_two_bytes_each_are_no_utf16_text(tmp_path: Path) -> None:
    import numpy as np

    from reviewer.core.errors import LoadError

    path = tmp_path / "readings.csv"
    path.write_bytes(np.tile(np.arange(1, 256, dtype="<i2"), 40).tobytes())  # every other byte zero, as in UTF-16
    with pytest.raises(LoadError, match="not a spreadsheet"):
        sniff(path)


def test_a_utf16_file_without_its_mark_whose_header_is_longer_than_the_sample_is_read() -> None:
    # JHU's wide header runs to thousands of characters: no line ends within the first 4 KB.
    header = ["Province/State", "Country/Region", *(f"{m}/{d}/20" for m in range(1, 13) for d in range(1, 29))]
    rows = [header, ["Alberta", "Canada", *(str(i) for i in range(len(header) - 2))]]
    data = "".join(",".join(row) + "\n" for row in rows).encode("utf-16-le")
    assert data.index("\n".encode("utf-16-le")) > 4096
    sheets, _warnings = parse_csv(data, b"deaths.csv", (2000, 100_000, 50))
    assert _cells(sheets[0]) == rows
