"""The review store: verdicts in SQLite, every change committed before the call returns.

WAL mode with synchronous=FULL: a verdict the call confirmed survives a kill of the process and a
power cut. The history table is only ever appended to.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reviewer.core.errors import StoreError
from reviewer.core.verdicts import HistoryEntry, Verdict, VerdictScale, now_iso
from reviewer.io.paths import home

__all__ = ["ReviewStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    claims_hash TEXT NOT NULL,
    scale TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_by_hash ON reviews (claims_hash);
CREATE INDEX IF NOT EXISTS reviews_by_name ON reviews (name);
CREATE TABLE IF NOT EXISTS verdicts (
    review INTEGER NOT NULL REFERENCES reviews (id),
    key TEXT NOT NULL,
    verdict TEXT,
    note TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    time TEXT NOT NULL,
    PRIMARY KEY (review, key)
);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    review INTEGER NOT NULL,
    key TEXT NOT NULL,
    old_verdict TEXT,
    new_verdict TEXT,
    old_note TEXT NOT NULL DEFAULT '',
    new_note TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    time TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_by_key ON history (review, key);
CREATE TRIGGER IF NOT EXISTS history_is_append_only_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS history_is_append_only_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TABLE IF NOT EXISTS claims_seen (
    review INTEGER NOT NULL,
    key TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    figure_text TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (review, key)
);
"""


class ReviewStore:
    """One SQLite file holding every review on this machine."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or home() / "reviews.sqlite3"
        try:
            self._db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"the review store {self.path} could not be opened ({error}); move it aside and "
                             "start Reviewer again, or restore it from a backup") from None

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise StoreError("the review is being saved by another Reviewer window; try again in a moment") \
                    from None
            raise StoreError(f"the review store could not be written ({error})") from None
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as error:
            self._db.execute("ROLLBACK")
            raise StoreError(f"the verdict could not be saved ({error}); nothing was changed") from None

    def review_for(self, name: str, claims_hash: str, scale: VerdictScale) -> tuple[int, VerdictScale]:
        """The review of this workbook: by its claims' content, else the latest by its file name."""
        row = self._db.execute("SELECT id, scale FROM reviews WHERE claims_hash = ? ORDER BY updated DESC LIMIT 1",
                               (claims_hash,)).fetchone()
        if row is None:
            row = self._db.execute("SELECT id, scale FROM reviews WHERE name = ? ORDER BY updated DESC LIMIT 1",
                                   (name,)).fetchone()
        with self._transaction() as db:
            if row is None:
                stamp = now_iso()
                cursor = db.execute("INSERT INTO reviews (name, claims_hash, scale, created, updated) "
                                    "VALUES (?, ?, ?, ?, ?)", (name, claims_hash, json.dumps(scale.to_json()),
                                                               stamp, stamp))
                return int(cursor.lastrowid or 0), scale
            db.execute("UPDATE reviews SET claims_hash = ?, updated = ? WHERE id = ?", (claims_hash, now_iso(), row[0]))
        return int(row[0]), VerdictScale.from_json(json.loads(row[1]))

    def set_scale(self, review: int, scale: VerdictScale) -> None:
        with self._transaction() as db:
            db.execute("UPDATE reviews SET scale = ? WHERE id = ?", (json.dumps(scale.to_json()), review))

    def remember_claims(self, review: int, claims: list[tuple[str, str, str]]) -> None:
        """Record the claims of this version, so a verdict whose claim disappears can still be listed."""
        with self._transaction() as db:
            db.executemany("INSERT OR REPLACE INTO claims_seen (review, key, text, figure_text) VALUES (?, ?, ?, ?)",
                           [(review, k, t, f) for k, t, f in claims])

    def put_many(self, review: int, entries: list[tuple[str, str | None, str, str, str]]) -> None:
        """Verdicts in one transaction: (key, verdict, note, reviewer, time); a verdict and note both
        empty clear the claim."""
        with self._transaction() as db:
            for key, verdict, note, reviewer, stamp in entries:
                self._write(db, review, key, verdict, note, reviewer, stamp)

    def _write(self, db: sqlite3.Connection, review: int, key: str, verdict: str | None, note: str, reviewer: str,
               stamp: str) -> None:
        old = self._get(db, review, key)
        if verdict is None and not note:
            db.execute("DELETE FROM verdicts WHERE review = ? AND key = ?", (review, key))
        else:
            db.execute("INSERT OR REPLACE INTO verdicts (review, key, verdict, note, reviewer, time) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (review, key, verdict, note, reviewer, stamp))
        db.execute("INSERT INTO history (review, key, old_verdict, new_verdict, old_note, new_note, reviewer, "
                   "time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   (review, key, old.verdict if old else None, verdict, old.note if old else "", note, reviewer,
                    stamp))

    @staticmethod
    def _get(db: sqlite3.Connection, review: int, key: str) -> Verdict | None:
        row = db.execute("SELECT key, verdict, note, reviewer, time FROM verdicts WHERE review = ? AND key = ?",
                         (review, key)).fetchone()
        return Verdict(*row) if row else None

    def get(self, review: int, key: str) -> Verdict | None:
        return self._get(self._db, review, key)

    def all(self, review: int) -> dict[str, Verdict]:
        rows = self._db.execute("SELECT key, verdict, note, reviewer, time FROM verdicts WHERE review = ?",
                                (review,))
        return {row[0]: Verdict(*row) for row in rows}

    def history(self, review: int, key: str) -> list[HistoryEntry]:
        rows = self._db.execute("SELECT key, old_verdict, new_verdict, old_note, new_note, reviewer, time "
                                "FROM history WHERE review = ? AND key = ? ORDER BY id", (review, key))
        return [HistoryEntry(*row) for row in rows]

    def seen_claims(self, review: int) -> dict[str, tuple[str, str]]:
        rows = self._db.execute("SELECT key, text, figure_text FROM claims_seen WHERE review = ?", (review,))
        return {k: (t, f) for k, t, f in rows}
