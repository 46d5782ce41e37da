"""A long text file's repeated columns are read by their distinct texts: the answers are those of reading
every cell, titles, column names and totals around the data included."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import reviewer
from reviewer.core import tables

SOURCES = [f"Monitor {chr(65 + i)}" for i in range(12)]


def _events(path: Path) -> Path:
    lines = ["15/04/2021", "Date,Source,Place,Killed"]  # a title that is itself a day-first date
    for day in range(1, 29):
        for index, source in enumerate(SOURCES):
            lines.append(f"04/{day:02d}/2020,{source},{'Iraq' if index % 2 else 'Syria'},{day + index}")
    lines += ["Total,,,99999", "Source: the monitors' own exports"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reading_by_distinct_text_gives_the_answers_of_reading_every_cell(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = _events(tmp_path / "events.csv")
    every_cell = reviewer.open_workbook(path)
    monkeypatch.setattr(tables, "_STRIP_EACH", 0)  # as a sheet of a million rows is read
    by_text = reviewer.open_workbook(path)
    pd.testing.assert_frame_equal(by_text.references, every_cell.references)
    assert by_text.warnings == every_cell.warnings
    refs = by_text.references
    assert sorted(set(refs["source"])) == SOURCES  # twelve sources: the column's name is none of them
    assert refs["date"].min() == pd.Timestamp("2020-04-01") and refs["date"].max() == pd.Timestamp("2020-04-28")
    assert 99999 not in set(refs["value"])  # the total row is left out


@pytest.mark.parametrize("name", ["countries-aggregated.csv", "gaza-casualties-daily.csv", "key-countries-pivoted.csv",
                                  "API_SP.POP.TOTL_DS2_en_csv_v2.csv"])
def test_publishers_files_read_by_distinct_text_read_as_cell_by_cell(name: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import REAL_DATA

    every_cell = reviewer.open_workbook(REAL_DATA / name)
    monkeypatch.setattr(tables, "_STRIP_EACH", 0)
    by_text = reviewer.open_workbook(REAL_DATA / name)
    pd.testing.assert_frame_equal(by_text.references, every_cell.references)
    assert by_text.warnings == every_cell.warnings
