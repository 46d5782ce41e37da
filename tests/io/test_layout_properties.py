"""Any grid of cells, however odd, is read into claims and figures or refused with a sentence."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reviewer
from reviewer.core.errors import LoadError
from reviewer.io import loader
from reviewer.io.raw_sheet import RawBook, RawSheet

TOKENS = ["", "", "Date", "Month", "Year", "2014", "2015", "2016", "2017", "Jan", "Feb", "Mar", "Total", "Source",
          "Airwars", "CJTF-OIR", "Claim", "Figure", "Deaths", "Killed", "Injured", "Likely min", "Likely max",
          "Alleged min", "Alleged max", "Type", "Qualifier", "at least", "at least 352", "1,335", "3.000",
          "1.335.000", "804 to 1,213", "2017-03-01", "30.04.2017", "March 2017", "since 2014", "Source: UNAMI",
          "Who said it", "Governorate", "Ninewa", "The coalition acknowledged 352 civilian deaths since 2014",
          "Period", "As of", "Key", "R-01", "n/a", "Unknown", "\x1f", "=SUM(A1)", "#N/A", "#date", "#affected+killed",
          "Row Labels", "Column Labels", "Grand Total", "Iraq Total", "Iraq", "Syria", "2017-01", "3", "a dozen",
          "17-Mar-17", "Belligerents", "Reporting period", "Day", "wounded", "Country", "Country/Region",
          "Province/State", "Lat", "Long", "1/22/20", "1/23/20", "Indicator Name", "Country Code", "WHO",
          "killed_in_lebanon", "unit,geo\\time", "148175 p", ":", "2021 [note 2]", "k", "i", "killed_or_injured",
          "incident_date", "measure", "value", "World", "#country+name", "#org"]

grids = st.lists(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), min_size=1, max_size=6),
                 min_size=1, max_size=9)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheets=st.lists(grids, min_size=1, max_size=2), name=st.sampled_from(["Sheet1", "Claims", "Airwars", "By year"]))
def test_any_grid_is_read_or_refused_with_a_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     sheets: list[list[list[str]]], name: str) -> None:
    raw_sheets = []
    for index, grid in enumerate(sheets):
        width = max(len(row) for row in grid)
        cells = pd.DataFrame([row + [""] * (width - len(row)) for row in grid], dtype=object)
        raw_sheets.append(RawSheet(f"{name} {index}" if index else name, cells))
    path = tmp_path / "grid.xlsx"
    path.write_bytes(b"")
    monkeypatch.setattr(loader, "_read_files", lambda *_args: [RawBook(str(path), "xlsx", raw_sheets)])
    try:
        book = reviewer.open_workbook(path)
    except LoadError as error:
        assert str(error)
        return
    assert set(book.claims["row"]) <= set(range(1, 10)) and set(book.references["row"]) <= set(range(1, 10))
    reviewer.check(book)
