"""The check, on the figures the coalition and Airwars actually published."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reviewer
from reviewer.core.check import assess, check, claim_assessments
from reviewer.core.workbook import Workbook


def _claims_file(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "claims.csv"
    lines = ["Key,Claim,Attributed to,Figure quoted,As of,Period"]
    lines += [",".join(f'"{cell}"' for cell in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _check(tmp_path: Path, figures_csv: Path, rows: list[list[str]], **kwargs: float) -> pd.DataFrame:
    book = reviewer.open_workbook(_claims_file(tmp_path, rows), figures_csv)
    return check(book, **kwargs)


def _answer(result: pd.DataFrame, key: str, source: str) -> pd.Series:
    return result[(result["key"] == key) & (result["source"] == source)].iloc[0]


def test_the_coalitions_352_matches_its_april_2017_report(tmp_path: Path, figures_csv: Path) -> None:
    result = _check(tmp_path, figures_csv, [["R-01", "at least 352 since 2014", "the coalition", "at least 352",
                                             "30 April 2017", ""]])
    coalition = _answer(result, "R-01", "CJTF-OIR")
    assert coalition["attributed"] and coalition["assessment"] == "match"
    assert coalition["low"] == 352 and np.isinf(coalition["high"])
    assert coalition["date"] == pd.Timestamp("2017-04-30") and coalition["age_days"] == 0
    assert list(coalition["rows"]) == [11]
    airwars = _answer(result, "R-01", "Airwars")
    assert not airwars["attributed"] and airwars["assessment"] == "claim lower"


def test_a_later_claim_uses_the_latest_report_before_it(tmp_path: Path, figures_csv: Path) -> None:
    result = _check(tmp_path, figures_csv, [["R-04", "1,139 by end of 2018", "Pentagon", "1139", "2019-01-15", ""],
                                            ["R-05", "603 in July", "CJTF-OIR", "603", "2017-07-20", ""]])
    pentagon = _answer(result, "R-04", "CJTF-OIR")
    assert pentagon["assessment"] == "match" and pentagon["date"] == pd.Timestamp("2018-12-30")
    assert pentagon["age_days"] == 16
    assert _answer(result, "R-05", "CJTF-OIR")["value"] == 603


def test_claims_outside_the_tolerance_say_which_way(tmp_path: Path, figures_csv: Path) -> None:
    result = _check(tmp_path, figures_csv, [["A", "x", "CJTF-OIR", "500", "2017-06-02", ""],
                                            ["B", "x", "CJTF-OIR", "450", "2017-06-02", ""]])
    assert _answer(result, "A", "CJTF-OIR")["assessment"] == "claim higher"  # the report said 484
    assert _answer(result, "B", "CJTF-OIR")["assessment"] == "claim lower"


def test_tolerance_at_the_edge(tmp_path: Path, figures_csv: Path) -> None:
    # 484 published; 2% either side is 474.32 .. 493.68
    rows = [["IN-HI", "x", "CJTF-OIR", "493", "2017-06-02", ""], ["OUT-HI", "x", "CJTF-OIR", "494", "2017-06-02", ""],
            ["IN-LO", "x", "CJTF-OIR", "475", "2017-06-02", ""], ["OUT-LO", "x", "CJTF-OIR", "474", "2017-06-02", ""]]
    result = _check(tmp_path, figures_csv, rows, tolerance=0.02)
    assert [_answer(result, k, "CJTF-OIR")["assessment"] for k in ("IN-HI", "OUT-HI", "IN-LO", "OUT-LO")] == [
        "match", "claim higher", "match", "claim lower"]
    strict = _check(tmp_path, figures_csv, rows, tolerance=0.0)
    assert _answer(strict, "IN-HI", "CJTF-OIR")["assessment"] == "claim higher"


def test_open_ended_source_ranges(tmp_path: Path, figures_csv: Path) -> None:
    # Airwars said "over 3,000" on 30 April 2017: any claim from 3,000 up agrees, below does not.
    rows = [["HIGH", "x", "Airwars", "5,000", "2017-04-30", ""], ["LOW", "x", "Airwars", "2,500", "2017-04-30", ""],
            ["RANGE", "x", "Airwars", "2,000 to 3,100", "2017-04-30", ""]]
    result = _check(tmp_path, figures_csv, rows)
    assert _answer(result, "HIGH", "Airwars")["assessment"] == "match"
    assert _answer(result, "LOW", "Airwars")["assessment"] == "claim lower"
    assert _answer(result, "RANGE", "Airwars")["assessment"] == "match"  # a claimed range that overlaps


def test_a_claim_before_a_sources_first_figure_has_no_data(tmp_path: Path, figures_csv: Path) -> None:
    result = _check(tmp_path, figures_csv, [["EARLY", "x", "CJTF-OIR", "10", "2015-06-01", ""],
                                            ["UNDATED", "x", "CJTF-OIR", "10", "", ""]])
    assert set(result[result["key"] == "EARLY"]["assessment"]) == {"no data"}
    assert set(result[result["key"] == "UNDATED"]["assessment"]) == {"no data"}


def test_a_monthly_figure_is_checked_against_the_sources_count_for_that_month(tmp_path: Path,
                                                                               figures_csv: Path) -> None:
    result = _check(tmp_path, figures_csv, [["M", "1,782 alleged deaths in March", "Airwars", "1,782", "",
                                             "March 2017"]])
    airwars = _answer(result, "M", "Airwars")
    assert airwars["assessment"] == "match" and airwars["kind"] == "incident" and airwars["value"] == 1782


def test_amnestys_untraceable_range_finds_nothing_in_its_period(tmp_path: Path, figures_csv: Path) -> None:
    result = _check(tmp_path, figures_csv, [["AM", "804 to 1,213 in Syria", "Amnesty", "804 to 1,213", "",
                                             "September 2014 to August 2016"]])
    assert _answer(result, "AM", "Amnesty International")["assessment"] == "no data"
    book = reviewer.open_workbook(_claims_file(tmp_path, [["AM", "x", "Amnesty", "804 to 1,213", "",
                                                           "September 2014 to August 2016"]]), figures_csv)
    assert claim_assessments(book, check(book))["AM"] == "no data"


def _incident_book(events: pd.DataFrame, claims: pd.DataFrame) -> Workbook:
    return Workbook([], [], claims, events)


def _claims_frame(rows: list[tuple[str, float, str | None, str | None, str | None]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["key", "value", "as_of", "period_start", "period_end"])
    for column in ("as_of", "period_start", "period_end"):
        frame[column] = pd.to_datetime(frame[column])
    frame["low"] = frame["high"] = frame["value"]
    frame["claimant"] = "IBC"
    frame["text"] = frame["figure_text"] = ""
    return frame


def _events(days: list[str], lows: list[float], highs: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"source": "Iraq Body Count", "sheet": "events", "row": np.arange(2, len(days) + 2),
                         "date": pd.to_datetime(days), "value": np.nan, "low": lows, "high": highs,
                         "kind": "incident", "metric": ""})


def test_incident_counts_are_summed_over_the_claims_period() -> None:
    events = _events(["2017-02-27", "2017-03-01", "2017-03-15", "2017-03-31", "2017-04-01"], [1, 2, 3, 4, 5],
                     [1, 3, 5, 7, 9])
    claims = _claims_frame([("MARCH", 10, "2017-03-31", "2017-03-01", "2017-03-31"),
                            ("TOO-HIGH", 20, "2017-03-31", "2017-03-01", "2017-03-31")])
    result = check(_incident_book(events, claims))
    march = result[result["key"] == "MARCH"].iloc[0]
    assert (march["low"], march["high"], march["events"]) == (9, 15, 3)
    assert list(march["rows"]) == [3, 4, 5] and march["assessment"] == "match"
    assert result[result["key"] == "TOO-HIGH"].iloc[0]["assessment"] == "claim higher"


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False))
def test_the_assessment_never_depends_on_row_order(random: object) -> None:
    events = _events([f"2017-0{m}-1{d}" for m in range(1, 6) for d in range(5)], list(range(25)),
                     [x + 2 for x in range(25)])
    claims = _claims_frame([(f"C{i}", float(v), f"2017-0{1 + i % 5}-15", None if i % 2 else "2017-01-01",
                             None if i % 2 else f"2017-0{1 + i % 5}-28") for i, v in enumerate(range(0, 300, 20))])
    baseline = check(_incident_book(events, claims))
    order = list(range(len(events)))
    random.shuffle(order)  # type: ignore[attr-defined]
    shuffled = check(_incident_book(events.iloc[order].reset_index(drop=True), claims))
    assert baseline["assessment"].tolist() == shuffled["assessment"].tolist()
    assert [list(r) for r in baseline["rows"]] == [list(r) for r in shuffled["rows"]]


@given(st.lists(st.tuples(st.floats(0, 1e6), st.floats(0, 1e6), st.floats(0, 1e6), st.floats(0, 1e6)),
                min_size=1, max_size=20), st.floats(0, 1), st.floats(0, 1))
def test_widening_the_tolerance_never_turns_a_match_into_a_mismatch(
        cases: list[tuple[float, float, float, float]], narrow: float, extra: float) -> None:
    claim_lo = np.array([min(a, b) for a, b, _, _ in cases])
    claim_hi = np.array([max(a, b) for a, b, _, _ in cases])
    source_lo = np.array([min(c, d) for _, _, c, d in cases])
    source_hi = np.array([max(c, d) for _, _, c, d in cases])
    before = assess(claim_lo, claim_hi, source_lo, source_hi, narrow)
    after = assess(claim_lo, claim_hi, source_lo, source_hi, narrow + extra)
    assert all(a == "match" for b, a in zip(before, after, strict=True) if b == "match")


def test_the_tolerance_must_be_a_fraction(tmp_path: Path, figures_csv: Path) -> None:
    book = reviewer.open_workbook(_claims_file(tmp_path, [["A", "x", "CJTF-OIR", "1", "2017-01-01", ""]]), figures_csv)
    with pytest.raises(ValueError, match="fraction"):
        check(book, tolerance=-1)


def test_a_claim_without_a_claimant_is_attributed_by_its_words(tmp_path: Path, figures_csv: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text("Key,Claim,Figure quoted,As of\n"
                    "A,\"Airwars estimates that over 3,000 civilians have been killed by coalition strikes\","
                    "\"3,000\",2017-04-30\n"
                    "B,\"The coalition acknowledged at least 352 deaths\",at least 352,2017-04-30\n", encoding="utf-8")
    book = reviewer.open_workbook(path, figures_csv)
    result = check(book)
    attributed = result[result["attributed"]].set_index("key")["source"].to_dict()
    assert attributed == {"A": "Airwars", "B": "CJTF-OIR"}
    assert claim_assessments(book, result).to_dict() == {"A": "match", "B": "match"}


def test_a_source_named_with_other_words_is_found_by_its_aliases() -> None:
    from reviewer.core.aliases import Attribution

    attribution = Attribution(["Coalition (acknowledged)", "Airwars (likely)", "Amnesty International"])
    assert attribution.source_for("the coalition") == "Coalition (acknowledged)"
    assert attribution.source_for("Pentagon") == "Coalition (acknowledged)"
    assert attribution.source_for("Airwars") == "Airwars (likely)"
    assert attribution.source_for("IBC") is None


def test_what_a_claim_counts_is_told_the_same_one_claim_or_a_column_at_a_time() -> None:
    from reviewer.core.canonical import canonical_claims
    from reviewer.core.check import claim_harm

    rows = [("Over 1,000 were wounded", "1,000", ""), ("20 killed and 50 wounded", "20", ""),
            ("The UN counted them", "500 injured", ""), ("The UN counted them", "500", "Injured"),
            ("1,000 wounded", "1,000 deaths", ""), ("No harm words", "3", "Killed")]
    claims = pd.DataFrame(rows, columns=["text", "figure_text", "metric"]).assign(place="", measure="")
    measures = canonical_claims(claims, pd.DataFrame({"place": []}))["measure"].tolist()
    assert measures == ["injured", "deaths", "injured", "injured", "deaths", "deaths"]
    assert [claim_harm(*row) for row in rows] == ["injuries", "deaths", "injuries", "injuries", "deaths", "deaths"]


def test_a_period_from_before_a_running_totals_start_is_a_claim_about_the_running_total(
        tmp_path: Path, figures_csv: Path) -> None:
    # "at least 352 since the operation began in 2014" (Aug 2014 - Mar 2017), said on 30 April 2017:
    # public_figures.csv row 11 is CJTF-OIR's 352 of 30 April 2017, row 12 Airwars' "over 3,000" that day.
    result = _check(tmp_path, figures_csv, [["R", "at least 352 since 2014", "CJTF-OIR", "at least 352",
                                             "30 April 2017", "August 2014 - March 2017"]])
    coalition = _answer(result, "R", "CJTF-OIR")
    assert (coalition["low"], coalition["method"], coalition["assessment"]) == (352, "as of", "match")
    assert list(coalition["rows"]) == [11]
    airwars = _answer(result, "R", "Airwars")
    assert airwars["method"] == "as of" and airwars["low"] == 3000


def test_a_claim_without_a_source_of_its_own_takes_what_the_sources_with_a_figure_say(
        tmp_path: Path, figures_csv: Path) -> None:
    rows = [["RKI", "x", "RKI", "320", "2017-05-01", ""], ["TIE", "x", "", "484", "2017-06-02", ""],
            ["NOTHING", "x", "", "484", "2010-01-01", ""]]
    book = reviewer.open_workbook(_claims_file(tmp_path, rows), figures_csv)
    checked = check(book)
    overall = claim_assessments(book, checked)
    # The Robert Koch Institute publishes nothing here, so the sources with a figure decide: CJTF-OIR's "at
    # least 352" (row 11) and Airwars' "over 3,000" (row 12) are above 320, Amnesty's 300 below: most say lower.
    assert sorted(checked[checked["key"] == "RKI"]["assessment"]) == ["claim higher", "claim lower", "claim lower"]
    assert overall["RKI"] == "claim lower"
    # 484 on 2 June 2017: CJTF-OIR matches, Airwars says more, Amnesty less; one each, and agreement comes first.
    assert sorted(checked[checked["key"] == "TIE"]["assessment"]) == ["claim higher", "claim lower", "match"]
    assert overall["TIE"] == "match"
    assert overall["NOTHING"] == "no data"  # no source has a figure from before 2010


def test_known_abbreviations_are_their_publishers() -> None:
    from reviewer.core.aliases import Attribution

    attribution = Attribution(["Robert Koch Institute", "World Health Organization", "JHU CSSE",
                               "Gaza Ministry of Health", "Our World in Data"])
    assert attribution.source_for("RKI") == "Robert Koch Institute"
    assert attribution.source_for("WHO") == "World Health Organization"
    assert attribution.source_for("Johns Hopkins University") == attribution.source_for("JHU") == "JHU CSSE"
    assert attribution.source_for("MoH") == attribution.source_for("Ministry of Health") == "Gaza Ministry of Health"
    assert attribution.source_for("OWID") == "Our World in Data"
