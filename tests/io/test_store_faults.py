"""A review store that is damaged, or made by a newer Reviewer: a sentence, and nothing lost or changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import reviewer
from reviewer.core.errors import StoreError
from reviewer.io.review_store import ReviewStore
from reviewer.io.summary import read_summary
from tests.conftest import CLAIMS_HEADER, CLAIMS_ROWS, write_xlsx


@pytest.fixture
def book(tmp_path: Path) -> reviewer.Workbook:
    return reviewer.open_workbook(write_xlsx(tmp_path / "claims.xlsx", {"Claims": [CLAIMS_HEADER, *CLAIMS_ROWS]}))


def _store_with_verdicts(book: reviewer.Workbook, home: Path) -> Path:
    store = ReviewStore()
    review = reviewer.Review(book, store=store)
    for key in book.claims["key"]:
        review.set_verdict(key, "Accurate", note="x" * 2000)  # several pages of verdicts
    store.close()
    path = home / "reviews.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def test_a_damaged_store_is_kept_aside_and_a_fresh_one_started(book: reviewer.Workbook, reviewer_home: Path) -> None:
    path = _store_with_verdicts(book, reviewer_home)
    data = bytearray(path.read_bytes())
    data[4096 + 8: 4096 + 400] = b"\xa5" * 392  # one page's cell pointers and cells overwritten
    path.write_bytes(bytes(data))
    damaged = bytes(data)
    review = reviewer.Review(book)
    assert review.verdicts() == {}
    [notice] = review.notices
    aside = [p for p in reviewer_home.iterdir() if ".damaged-" in p.name and p.suffix == ".sqlite3"]
    assert len(aside) == 1 and str(aside[0]) in notice and "fresh store" in notice
    assert aside[0].read_bytes() == damaged  # kept exactly as it was
    review.set_verdict("R-01", "Overstated")  # and the fresh store works
    again = reviewer.Review(book).verdict("R-01")
    assert again is not None and again.verdict == "Overstated"
    assert reviewer.Review(book, store=review.store).notices == []  # told once: a later review lost nothing


def test_an_export_never_replaces_an_earlier_one_with_the_verdicts_a_damaged_store_lost(
        book: reviewer.Workbook, reviewer_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from reviewer.cli import main
    from reviewer.core.errors import ExportError

    claims = Path(book.files[0].path)
    reviewer.Review(book).set_verdict("R-02", "Overstated")
    earlier = tmp_path / "reviewed.xlsx"
    assert main(["export", str(claims), "--out", str(earlier)], out=io.StringIO()) == 0
    written = earlier.read_bytes()
    store = reviewer_home / "reviews.sqlite3"
    with sqlite3.connect(store) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.write_bytes(b"not a store at all" * 100)
    assert main(["export", str(claims), "--out", str(earlier)], out=io.StringIO()) == 2
    said = capsys.readouterr().err
    assert "left as it was" in said and "Traceback" not in said
    assert earlier.read_bytes() == written  # the one place the verdict still is
    # Asked again, on the fresh store that no longer says it was damaged: still refused.
    assert main(["export", str(claims), "--out", str(earlier)], out=io.StringIO()) == 2
    assert earlier.read_bytes() == written
    for suffix in ("-wal", "-shm"):  # the terminal's fresh store, damaged in turn
        store.with_name(store.name + suffix).unlink(missing_ok=True)
    store.write_bytes(b"damaged again" * 100)
    review = reviewer.Review(book)
    with pytest.raises(ExportError, match="left as it was"):  # the same in a notebook
        review.export(earlier)
    assert earlier.read_bytes() == written
    assert reviewer.Review(reviewer.open_workbook(earlier)).verdict("R-02").verdict == "Overstated"
    # With a verdict again, the editor's export replaces the earlier one, as often as asked.
    review.set_verdict("R-03", "Accurate")
    review.export(earlier)
    review.export(earlier)
    assert read_summary(earlier)["reviewed"] == 1


def test_a_file_that_is_not_a_store_at_all_is_kept_aside(book: reviewer.Workbook, reviewer_home: Path) -> None:
    (reviewer_home / "reviews.sqlite3").write_bytes(b"this is not a database\n" * 100)
    review = reviewer.Review(book)
    assert review.notices and "kept aside" in review.notices[0]
    review.set_verdict("R-02", "Accurate")


def test_a_store_with_a_newer_version_number_is_refused_and_left_as_it_was(book: reviewer.Workbook,
                                                                           reviewer_home: Path) -> None:
    path = _store_with_verdicts(book, reviewer_home)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version of Reviewer.*update Reviewer"):
        reviewer.Review(book)
    assert path.read_bytes() == before
    assert not [p for p in reviewer_home.iterdir() if "damaged" in p.name]


def test_a_store_with_a_newer_layout_is_refused_and_left_as_it_was(book: reviewer.Workbook,
                                                                   reviewer_home: Path) -> None:
    path = _store_with_verdicts(book, reviewer_home)
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE verdicts ADD COLUMN confidence REAL NOT NULL DEFAULT 1")
        db.execute("PRAGMA user_version = 0")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="layout this Reviewer does not know.*update Reviewer"):
        reviewer.Review(book)
    assert path.read_bytes() == before


def test_a_full_disk_while_saving_says_so_and_keeps_the_verdict_on_screen_as_it_was(
        book: reviewer.Workbook, reviewer_home: Path) -> None:
    review = reviewer.Review(book)
    review.set_verdict("R-01", "Accurate")
    with sqlite3.connect(reviewer_home / "reviews.sqlite3") as db:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
    review.store._db.execute(f"PRAGMA max_page_count = {pages}")  # as if the disk were full now
    with pytest.raises(StoreError, match="full|could not be written"):
        review.set_note("R-02", "a long note " * 20_000)
    assert review.verdict("R-02") is None
    kept = review.verdict("R-01")
    assert kept is not None and kept.verdict == "Accurate"


def test_a_folder_where_the_store_should_be_is_said_with_what_to_do(book: reviewer.Workbook,
                                                                     reviewer_home: Path) -> None:
    (reviewer_home / "reviews.sqlite3").mkdir()
    with pytest.raises(StoreError, match="is a folder, not a file; move or rename that folder") as raised:
        reviewer.Review(book)
    assert "close other Reviewer windows" not in str(raised.value)  # no window holds it: that advice misleads
