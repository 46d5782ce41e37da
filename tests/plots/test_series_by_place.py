"""The plot draws, for a claim, the series its check answered from, under the names the check gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import reviewer
from reviewer.core.session import CheckResult, CheckSettings
from reviewer.plots.series_data import SeriesByPlace, seconds
from tests.conftest import REAL_DATA as REAL


def test_a_country_summed_from_its_parts_and_a_territory_under_its_country_are_drawn_as_checked(
        tmp_path: Path) -> None:
    claims = tmp_path / "claims.csv"
    claims.write_text("Key,Claim,Figure,As of\nAU,Australia had 908 Covid deaths,908,2020-12-01\n"
                      "HK,Hong Kong had 109 Covid deaths,109,2020-12-01\n", encoding="utf-8")
    book = reviewer.open_workbook(claims, REAL / "time_series_covid19_deaths_global.csv")
    result = CheckResult.compute(book, CheckSettings())
    by_place = SeriesByPlace(book.references, result.series)
    day = seconds(np.array([np.datetime64("2020-12-01")]))[0]
    for key, figure in (("AU", 908), ("HK", 109)):
        [drawn] = by_place.for_checks(result.for_claim(key)) or []
        # time_series_covid19_deaths_global.csv, 12/1/20: Australia's rows 11-18 add up to 908 (no row of
        # its own; drawn one line, not eight states' lines as one); "Hong Kong, China", row 73: 109.
        assert drawn.level[drawn.x == day].tolist() == [figure], key
        assert len(np.unique(drawn.x)) == len(drawn.x), key  # one figure a day, not each state's in turn
