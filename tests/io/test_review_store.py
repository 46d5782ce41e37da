"""Verdicts are kept: in the store at once, across reopening, across new versions of the workbook."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import reviewer
from reviewer.core.errors import ReviewError
from reviewer.io.review_store import ReviewStore
from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx


@pytest.fixture
def book(tmp_path: Path, figures_csv: Path) -> reviewer.Workbook:
    return reviewer.open_workbook(write_xlsx(tmp_path / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]}),
                                  figures_csv)


def test_a_verdict_is_in_the_store_when_the_call_returns(book: reviewer.Workbook, reviewer_home: Path) -> None:
    review = reviewer.Review(book, reviewer="Ana")
    review.set_verdict("R-01", "Accurate", note="Matches the April report")
    with sqlite3.connect(reviewer_home / "reviews.sqlite3") as db:  # a second connection sees it committed
        rows = db.execute("SELECT key, verdict, note, reviewer FROM verdicts").fetchall()
    assert rows == [("R-01", "Accurate", "Matches the April report", "Ana")]
    saved = review.verdict("R-01")
    assert saved is not None and saved.reviewer == "Ana" and saved.time.endswith("Z")
    assert review.progress() == (1, 5)


def test_reopening_brings_verdicts_back(book: reviewer.Workbook, tmp_path: Path, figures_csv: Path) -> None:
    reviewer.Review(book).set_verdict("R-02", "Overstated", note="Airwars said over 3,000")
    again = reviewer.Review(reviewer.open_workbook(tmp_path / "claims.xlsx", figures_csv))
    verdict = again.verdict("R-02")
    assert verdict is not None and (verdict.verdict, verdict.note) == ("Overstated", "Airwars said over 3,000")


def test_notes_clearing_and_history(book: reviewer.Workbook) -> None:
    review = reviewer.Review(book, reviewer="Ana")
    review.set_verdict("R-01", "Accurate")
    review.set_note("R-01", "checked twice")
    review.set_verdict("R-01", "Outdated")
    review.clear_verdict("R-01")
    assert review.verdict("R-01") is None and review.progress() == (0, 5)
    steps = [(h.old_verdict, h.new_verdict, h.new_note) for h in review.history("R-01")]
    assert steps == [(None, "Accurate", ""), ("Accurate", "Accurate", "checked twice"),
                     ("Accurate", "Outdated", "checked twice"), ("Outdated", None, "")]


def test_the_history_is_never_rewritten(book: reviewer.Workbook, reviewer_home: Path) -> None:
    reviewer.Review(book).set_verdict("R-01", "Accurate")
    with sqlite3.connect(reviewer_home / "reviews.sqlite3") as db, pytest.raises(sqlite3.DatabaseError):
        db.execute("DELETE FROM history")


def test_unknown_keys_and_labels_get_a_sentence(book: reviewer.Workbook) -> None:
    review = reviewer.Review(book)
    with pytest.raises(ReviewError, match="no claim with the key 'R-99'"):
        review.set_verdict("R-99", "Accurate")
    with pytest.raises(ReviewError, match="not on the verdict scale"):
        review.set_verdict("R-01", "Sort of true")
    with pytest.raises(ReviewError):
        review.verdict("nope")


def test_bulk_verdicts_in_one_change(book: reviewer.Workbook) -> None:
    review = reviewer.Review(book)
    change = review.set_many(["R-01", "R-02", "R-03"], "Unverifiable")
    assert change.keys == ("R-01", "R-02", "R-03") and change.before == (None, None, None)
    assert review.progress() == (3, 5)
    review.restore(dict(zip(change.keys, change.before, strict=True)))
    assert review.progress() == (0, 5)


def test_verdicts_follow_claims_when_rows_are_sorted_or_inserted(tmp_path: Path, figures_csv: Path) -> None:
    header = ["Claim", "Claimant", "Figure", "As of"]  # no key column: claims are known by their cells
    rows = [["The coalition said at least 352 died", "CJTF-OIR", "at least 352", "2017-04-30"],
            ["Airwars said over 3,000 died", "Airwars", "over 3,000", "2017-04-30"]]
    first = reviewer.open_workbook(write_xlsx(tmp_path / "desk.xlsx", {"Claims": [header, *rows]}))
    key = first.claims.loc[first.claims["text"] == rows[1][0], "key"].iloc[0]
    reviewer.Review(first).set_verdict(key, "Accurate")
    reordered = [header, ["A new claim inserted above", "UN", "5", "2017-01-01"], rows[1], rows[0]]
    second = reviewer.open_workbook(write_xlsx(tmp_path / "desk.xlsx", {"Claims": reordered}))
    review = reviewer.Review(second)
    moved = second.claims.loc[second.claims["text"] == rows[1][0], "key"].iloc[0]
    verdict = review.verdict(moved)
    assert verdict is not None and verdict.verdict == "Accurate"
    assert review.progress() == (1, 3)


def test_a_claim_that_disappeared_keeps_its_verdict_and_is_listed(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "desk.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})
    reviewer.Review(reviewer.open_workbook(path)).set_verdict("R-05", "Misattributed", note="was CJTF")
    write_xlsx(path, {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS[:4]]})
    review = reviewer.Review(reviewer.open_workbook(path))
    orphans = review.orphans()
    assert list(orphans) == ["R-05"] and orphans["R-05"].note == "was CJTF"
    assert review.progress() == (0, 4)


def test_two_processes_on_one_review_do_not_corrupt_it(book: reviewer.Workbook, reviewer_home: Path) -> None:
    first = reviewer.Review(book, store=ReviewStore())
    second = reviewer.Review(book, store=ReviewStore())
    first.set_verdict("R-01", "Accurate")
    second.set_verdict("R-02", "Overstated")
    merged = ReviewStore().all(first.id)
    assert set(merged) == {"R-01", "R-02"}
    with sqlite3.connect(reviewer_home / "reviews.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_custom_scale_travels_with_the_review(book: reviewer.Workbook) -> None:
    review = reviewer.Review(book, scale=("True", "False", "Misleading"))
    review.set_verdict("R-01", "Misleading")
    again = reviewer.Review(book)
    assert again.scale.labels == ("True", "False", "Misleading")
    assert reviewer.DEFAULT_VERDICTS[0] == "Accurate" and len(reviewer.DEFAULT_VERDICTS) >= 8
