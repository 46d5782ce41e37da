"""The text reader, property by property: any bytes give cells or a sentence, and rows come back as written."""

from __future__ import annotations

import csv
import io

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reviewer.io.csv_reader import parse_csv
from reviewer.io.reader_text import SEPARATOR, TooLarge

LIMITS = (200, 100_000, 50)


def _cells(sheet: dict[str, object]) -> list[list[str]]:
    """The sheet's rows, whichever way the reader sends them (row after row, or column after column)."""
    width = int(sheet["width"])  # type: ignore[call-overload]
    if "rows" in sheet:
        texts = sheet["rows"]
        flat = texts.split(SEPARATOR) if isinstance(texts, str) else list(texts)  # type: ignore[call-overload]
        return [flat[i:i + width] for i in range(0, len(flat), width)]
    columns = [c.split(SEPARATOR) if isinstance(c, str) else c for c in sheet["columns"]]  # type: ignore[attr-defined]
    return [list(row) for row in zip(*columns, strict=True)]


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
