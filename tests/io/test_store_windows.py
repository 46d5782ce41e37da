"""Several windows and processes on one review, and a review per file: nobody's verdicts are lost or mixed."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

import reviewer
from reviewer.core.errors import ConflictError
from reviewer.io.review_store import ReviewStore
from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]})


def _window(path: Path) -> reviewer.Review:
    """A review as a second window or process has it: its own connection to the store."""
    return reviewer.Review(reviewer.open_workbook(path), store=ReviewStore(), reviewer="Ana")


def test_a_note_edit_in_one_window_keeps_the_verdict_set_in_another(claims: Path) -> None:
    first, second = _window(claims), _window(claims)  # both open before either edits
    first.set_verdict("R-01", "Overstated")
    second.set_note("R-01", "checked against the April report")
    stored = ReviewStore().all(first.id)["R-01"]
    assert (stored.verdict, stored.note) == ("Overstated", "checked against the April report")
    first.set_verdict("R-01", "Accurate")  # and a verdict edit keeps the other window's note
    stored = ReviewStore().all(first.id)["R-01"]
    assert (stored.verdict, stored.note) == ("Accurate", "checked against the April report")


def test_a_window_sees_what_another_wrote(claims: Path) -> None:
    first, second = _window(claims), _window(claims)
    assert first.refresh() == {}
    second.set_verdict("R-02", "Understated", note="over 3,000")
    changed = first.refresh()
    assert set(changed) == {"R-02"}
    seen = first.verdict("R-02")
    assert seen is not None and (seen.verdict, seen.note) == ("Understated", "over 3,000")
    first.set_verdict("R-03", "Accurate")
    assert first.refresh() == {}  # its own change is not news to it
    second.clear_verdict("R-02")
    assert first.refresh() == {"R-02": None} and first.verdict("R-02") is None


def test_undo_does_not_overwrite_a_newer_change_from_another_window_without_asking(claims: Path) -> None:
    first, second = _window(claims), _window(claims)
    change = first.set_verdict("R-01", "Accurate")
    second.set_verdict("R-01", "Outdated")
    with pytest.raises(ConflictError, match="R-01 changed in another window") as raised:
        first.undo(change)
    assert raised.value.keys == ["R-01"]
    stored = ReviewStore().all(first.id)["R-01"]
    assert stored.verdict == "Outdated"
    seen = first.verdict("R-01")
    assert seen is not None and seen.verdict == "Outdated"  # the window now shows the newer change
    first.undo(change, force=True)  # the editor said yes
    assert "R-01" not in ReviewStore().all(first.id)


def test_undo_of_a_change_made_over_another_windows_verdict_puts_that_verdict_back(claims: Path,
                                                                                     tmp_path: Path) -> None:
    first, second = _window(claims), _window(claims)
    first.set_verdict("R-01", "Accurate")
    second.set_verdict("R-01", "Understated")  # the first window has not looked since
    second.set_verdict("R-02", "Outdated", note="the second window's only")
    change = first.set_verdict("R-01", "Overstated")
    assert change.before[0] is not None and change.before[0].verdict == "Understated"
    first.undo(change)
    assert _window(claims).verdict("R-01").verdict == "Understated"  # not the first window's older "Accurate"
    # An export holds what the other window wrote, whether or not this one has looked since.
    exported = first.export(tmp_path / "claims.csv").read_text(encoding="utf-8-sig")
    assert "the second window's only" in exported


def test_undo_of_a_note_puts_back_only_the_note(claims: Path) -> None:
    first = _window(claims)
    first.set_verdict("R-04", "Accurate")
    change = first.set_note("R-04", "draft")
    first.set_verdict("R-04", "Overstated")
    undone = first.undo(change)
    stored = first.verdict("R-04")
    assert stored is not None and (stored.verdict, stored.note) == ("Overstated", "")
    first.redo(undone)
    stored = first.verdict("R-04")
    assert stored is not None and (stored.verdict, stored.note) == ("Overstated", "draft")


def test_two_files_with_the_same_name_in_two_folders_have_their_own_reviews(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = write_xlsx(tmp_path / "a" / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS[:3]]})
    other = [[f"B-{i}", f"A different claim {i}", "UN", str(i * 10), "2019-01-01", ""] for i in range(3)]
    b = write_xlsx(tmp_path / "b" / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *other]})
    reviewer.Review(reviewer.open_workbook(a)).set_verdict("R-01", "Overstated", note="A's note")
    review_b = reviewer.Review(reviewer.open_workbook(b))
    assert review_b.verdicts() == {} and review_b.earlier is None
    review_b.set_verdict("B-0", "Accurate")
    review_a = reviewer.Review(reviewer.open_workbook(a))
    assert set(review_a.verdicts()) == {"R-01"} and review_a.id != review_b.id


def test_a_new_version_at_the_same_path_keeps_its_review(claims: Path) -> None:
    reviewer.Review(reviewer.open_workbook(claims)).set_verdict("R-02", "Overstated")
    write_xlsx(claims, {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS, ["R-06", "A claim added later", "UN", "7",
                                                                 "2020-01-01", ""]]})
    review = reviewer.Review(reviewer.open_workbook(claims))
    kept = review.verdict("R-02")
    assert kept is not None and kept.verdict == "Overstated"


def test_a_file_reviewed_together_with_another_is_offered_its_verdicts_when_opened_alone(tmp_path: Path) -> None:
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text("Key,Claim,Figure,As of\nA-1,352 civilians were killed,352,2017-04-30\n", encoding="utf-8")
    b.write_text("Key,Claim,Figure,As of\nB-1,484 civilians were killed,484,2017-06-02\n", encoding="utf-8")
    both = reviewer.Review(reviewer.open_workbook(a, b))
    both.set_verdict("A-1", "Accurate", note="checked")
    both.set_verdict("B-1", "Overstated")
    alone = reviewer.Review(reviewer.open_workbook(a))
    assert alone.verdicts() == {}  # not taken silently
    assert alone.earlier is not None and any("together" in notice for notice in alone.notices)
    assert alone.take_earlier() == 1
    assert {k: (v.verdict, v.note) for k, v in alone.verdicts().items()} == {"A-1": ("Accurate", "checked")}


def test_a_copy_elsewhere_is_offered_the_earlier_verdicts_and_told_so(claims: Path, tmp_path: Path) -> None:
    reviewer.Review(reviewer.open_workbook(claims)).set_verdict("R-03", "Outdated")
    (tmp_path / "copy").mkdir()
    copy = tmp_path / "copy" / "claims.xlsx"
    copy.write_bytes(claims.read_bytes())
    review = reviewer.Review(reviewer.open_workbook(copy))
    assert review.verdicts() == {}  # not taken silently
    assert review.earlier is not None and review.earlier.verdicts == 1
    assert any(str(claims) in notice and "same claims" in notice for notice in review.notices)
    assert review.take_earlier() == 1
    taken = review.verdict("R-03")
    assert taken is not None and taken.verdict == "Outdated"
    assert reviewer.Review(reviewer.open_workbook(copy)).verdict("R-03") is not None


def test_a_review_from_before_paths_were_kept_is_taken_over(claims: Path, reviewer_home: Path) -> None:
    reviewer.Review(reviewer.open_workbook(claims)).set_verdict("R-01", "Accurate", note="old")
    with sqlite3.connect(reviewer_home / "reviews.sqlite3") as db:  # as the previous Reviewer left it
        db.execute("UPDATE reviews SET path = NULL")
        db.execute("PRAGMA user_version = 1")
    kept = reviewer.Review(reviewer.open_workbook(claims)).verdict("R-01")
    assert kept is not None and (kept.verdict, kept.note) == ("Accurate", "old")


def test_text_that_cannot_be_stored_as_is_is_stored_readably(claims: Path) -> None:
    review = reviewer.Review(reviewer.open_workbook(claims), reviewer="Ana\udcff")
    review.set_verdict("R-01", "Accurate", note="half a pair \ud83d here")
    again = reviewer.Review(reviewer.open_workbook(claims)).verdict("R-01")
    assert again is not None and again.note == "half a pair \ufffd here" and again.reviewer == "Ana\ufffd"
    review.set_note("R-02", "a real pair \U0001f600 stays")
    kept = reviewer.Review(reviewer.open_workbook(claims)).verdict("R-02")
    assert kept is not None and kept.note == "a real pair \U0001f600 stays"


def test_a_note_with_carriage_returns_comes_back_as_written(claims: Path) -> None:
    note = "first line\rsecond\r\nthird\n"
    reviewer.Review(reviewer.open_workbook(claims)).set_note("R-05", note)
    kept = reviewer.Review(reviewer.open_workbook(claims)).verdict("R-05")
    assert kept is not None and kept.note == note


def test_threads_sharing_one_store_do_not_trip_over_each_other(claims: Path) -> None:
    review = reviewer.Review(reviewer.open_workbook(claims))
    labels = reviewer.DEFAULT_VERDICTS
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            for step in range(30):
                review.store.put_note(review.id, f"R-0{index + 1}", f"note {step}", "Ana", "2026-01-01T00:00:00Z")
                review.store.all(review.id)
                review.store.put_verdicts(review.id, [f"R-0{index + 1}"], labels[step % len(labels)], "Ana",
                                          "2026-01-01T00:00:00Z")
        except BaseException as error:  # any failure in a thread fails the test
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    stored = review.store.all(review.id)
    assert {stored[f"R-0{i + 1}"].note for i in range(4)} == {"note 29"}


def test_a_note_with_carriage_returns_comes_back_as_written_from_the_exported_workbook(claims: Path,
                                                                                      tmp_path: Path) -> None:
    note = "first line\rsecond\r\nthird, and text that looks like an escape: _x0041_"
    review = reviewer.Review(reviewer.open_workbook(claims), reviewer="Ana")
    review.set_verdict("R-05", "Accurate", note=note)
    exported = review.export(tmp_path / "reviewed.xlsx")
    again = reviewer.Review(reviewer.open_workbook(exported)).verdict("R-05")
    assert again is not None and again.note == note
    assert again.reviewer == "Ana"  # the same note: not taken for an edit made in a spreadsheet program


def test_a_file_reviewed_together_takes_back_its_own_verdicts_even_where_both_files_used_a_key(
        tmp_path: Path) -> None:
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text("Key,Claim,Figure,As of\nR-01,Airwars says 3000 were killed,3000,2017-04-30\n", encoding="utf-8")
    b.write_text("Key,Claim,Figure,As of\nR-01,Amnesty says 804 were killed,804,2016-08-31\n", encoding="utf-8")
    together = reviewer.open_workbook(a, b)
    both = reviewer.Review(together)
    b_key = next(k for k in together.claims["key"] if k != "R-01")  # renamed where both files use R-01
    both.set_verdict("R-01", "Accurate")
    both.set_verdict(b_key, "Overstated", note="Amnesty's own range is 804 to 1,213")
    alone = reviewer.Review(reviewer.open_workbook(b))
    assert alone.earlier is not None and alone.earlier.verdicts == 1
    assert alone.take_earlier() == 1
    taken = alone.verdict("R-01")
    assert taken is not None and (taken.verdict, taken.note) == ("Overstated", "Amnesty's own range is 804 to 1,213")
    # A file none of whose claims were given a verdict there is offered nothing.
    c = tmp_path / "c.csv"
    c.write_text("Key,Claim,Figure,As of\nC-1,Nobody checked this,1,2017-01-01\n", encoding="utf-8")
    reviewer.Review(reviewer.open_workbook(a, c)).set_verdict("R-01", "Accurate")
    assert reviewer.Review(reviewer.open_workbook(c)).earlier is None


def test_two_claims_worded_alike_each_take_back_their_own_verdict_never_one_the_others(tmp_path: Path) -> None:
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text("Key,Claim,Attributed to,Figure,As of\n"
                 "R-01,352 civilians were killed,CJTF-OIR,352,2017-04-30\n"
                 "R-02,352 civilians were killed,Airwars,352,2017-04-30\n", encoding="utf-8")
    b.write_text("Key,Claim,Figure,As of\nB-1,352 civilians were killed,352,2017-04-30\n", encoding="utf-8")
    both = reviewer.Review(reviewer.open_workbook(a, b))
    both.set_verdict("R-01", "Accurate")
    both.set_verdict("R-02", "Overstated")
    both.set_verdict("B-1", "Outdated")
    alone = reviewer.Review(reviewer.open_workbook(a))
    assert alone.take_earlier() == 2
    assert {k: v.verdict for k, v in alone.verdicts().items()} == {"R-01": "Accurate", "R-02": "Overstated"}
