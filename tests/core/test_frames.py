"""Columns read once per distinct text: the cells always get back exactly what reading each would give."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.figures import parse_figures
from reviewer.core.frames import Coded, distinct_rows, table

_TEXTS = st.lists(st.sampled_from(["352", " 352", "352 ", "at least 1,200", "", " ", "Airwars", "airwars", "3 to 7"]),
                  max_size=40)


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_a_changed_coded_column_gives_each_cell_its_own_change_and_counts_each_result_once(cells: list[str]) -> None:
    column = pd.Series(cells, index=np.arange(len(cells)) * 3, dtype=object)  # a sheet's own row positions
    stripped = Coded.of(column).mapped(str.strip)
    assert stripped.series().tolist() == [cell.strip() for cell in cells]
    assert stripped.series().index.equals(column.index)
    assert len(set(stripped.texts.tolist())) == len(stripped.texts) == len({cell.strip() for cell in cells})


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_figures_read_by_distinct_text_are_those_read_cell_by_cell(cells: list[str]) -> None:
    column = pd.Series(cells, dtype=object)
    by_text = parse_figures(Coded.of(column))
    for i, cell in enumerate(cells):
        alone = parse_figures(pd.Series([cell], dtype=object)).iloc[0]
        assert by_text[["value", "low", "high"]].iloc[i].fillna(-1).tolist() == \
            alone[["value", "low", "high"]].fillna(-1).tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Airwars", "IBC"]), st.sampled_from(["Iraq", "Syria", ""]),
                          st.sampled_from([1.0, 2.0, float("nan")])), max_size=40))
def test_each_row_finds_its_own_labels_among_the_distinct_rows(rows: list[tuple[str, str, float]]) -> None:
    frame = table({"source": np.array([r[0] for r in rows], dtype=object),
                   "place": np.array([r[1] for r in rows], dtype=object),
                   "value": np.array([r[2] for r in rows], dtype=float)}, len(rows))
    codes, distinct = distinct_rows(frame, ["source", "place", "value"])
    assert len(distinct) == len({(s, p, "nan" if v != v else v) for s, p, v in rows})
    for i, (source, place, value) in enumerate(rows):
        found = distinct.iloc[codes[i]]
        assert (found["source"], found["place"]) == (source, place)
        assert found["value"] == value or (value != value and found["value"] != found["value"])
