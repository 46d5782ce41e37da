"""The review store: verdicts in SQLite, every change committed before the call returns.

WAL mode with synchronous=FULL: a verdict the call confirmed survives a kill of the process and a
power cut. The history table is only ever appended to; each of its rows names the connection that
wrote it, so a window can tell its own changes from another window's.

A review belongs to one file: it is found by the claims file's full path, and keeps its verdicts when
a new version of the file is saved at that path. Each change writes only the field it changes (a
note edit never touches the verdict), so two windows on one review do not undo each other's work.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from reviewer.core.errors import StoreError
from reviewer.core.review import Earlier, StoredReview
from reviewer.core.verdicts import HistoryEntry, Verdict, VerdictScale, now_iso
from reviewer.io.paths import home
from reviewer.io.store_layout import cause_of, open_store

__all__ = ["ReviewStore", "clean_text", "file_identity"]

_VERDICT_COLUMNS = "key, verdict, note, reviewer, time"


def clean_text(text: str) -> str:
    """Text SQLite can keep: a lone surrogate (from a file name that is not UTF-8, or pasted from a
    broken source) becomes U+FFFD instead of failing the write."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


class ReviewStore:
    """One SQLite file holding every review on this machine. Safe to share between threads: one
    connection, used under a lock."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or home() / "reviews.sqlite3"
        self._lock = threading.RLock()
        self.writer = uuid.uuid4().hex  # this connection's mark on the history rows it writes
        self._db, self.notice = open_store(self.path)  # notice: a sentence when a damaged store was set aside
        self.last_write_mark = 0  # the history row of this connection's last change (see mark())
        self._version = self._data_version()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- guarding every use of the connection
    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._db
            except sqlite3.DatabaseError as error:
                raise self._error(error, "read") from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                if "locked" in str(error) or "busy" in str(error):
                    raise StoreError("the review is being saved by another Reviewer window; try again in a "
                                     "moment") from None
                raise self._error(error, "written") from None
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as error:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(error, sqlite3.DatabaseError):
                    raise self._error(error, "written") from None
                raise

    def _error(self, error: sqlite3.DatabaseError, done: str) -> StoreError:
        cause = cause_of(error)
        if cause == "damaged":
            return StoreError(f"the review store {self.path} is damaged ({error}); the last change was not saved. "
                              "Export the review if you can, then start Reviewer again: it keeps the damaged store "
                              "aside and starts a fresh one")
        if cause == "full":
            return StoreError(f"the disk holding {self.path.parent} is full, so the last change was not saved; "
                              "free some space and make the change again")
        if cause == "locked":
            return StoreError(f"another program held the review store {self.path} locked, so the last change was "
                              "not saved; make it again in a moment, or close the notebooks that use the store")
        return StoreError(f"the review store could not be {done} ({error}); the last change was not saved")

    # -- which review
    def open_review(self, paths: list[str], name: str, claims_hash: str, scale: VerdictScale) -> StoredReview:
        """The review of the claims files at ``paths``: the same review for every version saved there.
        A review made before paths were kept is taken over by its content, then by its name. A new
        review says whether a file elsewhere has the same claims."""
        path, name = file_identity(paths), clean_text(name)
        with self._transaction() as db:
            row = db.execute("SELECT id, scale FROM reviews WHERE path = ? ORDER BY updated DESC LIMIT 1",
                             (path,)).fetchone()
            if row is None:
                row = db.execute("SELECT id, scale FROM reviews WHERE path IS NULL AND claims_hash = ? "
                                 "ORDER BY updated DESC LIMIT 1", (claims_hash,)).fetchone()
            if row is None:
                row = db.execute("SELECT id, scale FROM reviews WHERE path IS NULL AND name = ? "
                                 "ORDER BY updated DESC LIMIT 1", (name,)).fetchone()
            if row is not None:
                db.execute("UPDATE reviews SET claims_hash = ?, path = ?, name = ?, updated = ? WHERE id = ?",
                           (claims_hash, path, name, now_iso(), row[0]))
                return StoredReview(int(row[0]), VerdictScale.from_json(_json(row[1])))
            stamp = now_iso()
            cursor = db.execute("INSERT INTO reviews (name, path, claims_hash, scale, created, updated) "
                                "VALUES (?, ?, ?, ?, ?, ?)", (name, path, claims_hash,
                                                              json.dumps(scale.to_json()), stamp, stamp))
            review = int(cursor.lastrowid or 0)
            earlier = db.execute("SELECT r.id, r.path, COUNT(v.key) FROM reviews r JOIN verdicts v ON v.review = r.id "
                                 "WHERE r.claims_hash = ? AND r.id != ? GROUP BY r.id ORDER BY r.updated DESC "
                                 "LIMIT 1", (claims_hash, review)).fetchone()
            found = Earlier(int(earlier[0]), str(earlier[1] or ""), int(earlier[2])) if earlier else \
                self._together(db, review, path)
        return StoredReview(review, scale, found)

    @staticmethod
    def _together(db: sqlite3.Connection, review: int, path: str) -> Earlier | None:
        """The latest review of these files opened together with other claims files, with verdicts: the
        verdicts on this file's claims were given there."""
        mine = set(path.split(" + "))
        for other, paths, count in db.execute(
                "SELECT r.id, r.path, COUNT(v.key) FROM reviews r JOIN verdicts v ON v.review = r.id "
                "WHERE r.path LIKE '% + %' AND r.id != ? GROUP BY r.id ORDER BY r.updated DESC", (review,)):
            if mine < set(str(paths).split(" + ")):
                return Earlier(int(other), str(paths), int(count), together=True)
        return None

    def take_verdicts(self, review: int, earlier: int, reviewer: str,
                      keys: Mapping[str, str] | None = None) -> dict[str, Verdict]:
        """Copy another review's verdicts into this one (a copy of the file elsewhere; ``keys``, when given,
        names which, and under which key here); recorded in the history as this editor's."""
        stamp = now_iso()
        with self._transaction() as db:
            rows = db.execute(f"SELECT {_VERDICT_COLUMNS} FROM verdicts WHERE review = ?", (earlier,)).fetchall()
            for key, verdict, note, _who, _time in rows:
                if keys is None or key in keys:
                    here = key if keys is None else keys[key]
                    self._write(db, review, here, {"verdict": verdict, "note": note}, reviewer, stamp, None)
            return self._all(db, review)

    def set_scale(self, review: int, scale: VerdictScale) -> None:
        with self._transaction() as db:
            db.execute("UPDATE reviews SET scale = ? WHERE id = ?", (json.dumps(scale.to_json()), review))

    def remember_claims(self, review: int, claims: list[tuple[str, str, str]]) -> None:
        """Record the claims of this version, so a verdict whose claim disappears can still be listed."""
        with self._transaction() as db:
            db.executemany("INSERT OR REPLACE INTO claims_seen (review, key, text, figure_text) VALUES (?, ?, ?, ?)",
                           [(review, clean_text(k), clean_text(t), clean_text(f)) for k, t, f in claims])

    # -- changing: only the fields named
    def put_verdicts(self, review: int, keys: Sequence[str], verdict: str | None, reviewer: str,
                     stamp: str) -> dict[str, Verdict | None]:
        """Set the verdict of these claims, leaving their notes as they are in the store."""
        return self.put_fields(review, {key: {"verdict": verdict} for key in keys}, reviewer, stamp)

    def put_note(self, review: int, key: str, note: str, reviewer: str, stamp: str) -> Verdict | None:
        """Set a claim's note, leaving its verdict as it is in the store."""
        return self.put_fields(review, {key: {"note": note}}, reviewer, stamp)[key]

    def put_many(self, review: int, entries: list[tuple[str, str | None, str, str, str]]) -> None:
        """Verdict and note together, in one transaction: (key, verdict, note, reviewer, time); a verdict
        and note both empty clear the claim."""
        with self._transaction() as db:
            for key, verdict, note, reviewer, stamp in entries:
                self._write(db, review, key, {"verdict": verdict, "note": note}, reviewer, stamp, None)

    def put_fields(self, review: int, fields: Mapping[str, Mapping[str, str | None]], reviewer: str,
                   stamp: str, replaced: dict[str, Verdict | None] | None = None) -> dict[str, Verdict | None]:
        """Each claim's named fields ("verdict", "note") in one transaction; the claims as stored after it,
        with whatever another window wrote in the fields not named. ``replaced``, when given, receives the
        claims as they were stored just before: what an undo puts back, even when another window wrote them."""
        with self._transaction() as db:
            return {key: self._write(db, review, key, changed, reviewer, stamp, replaced)
                    for key, changed in fields.items()}

    def _write(self, db: sqlite3.Connection, review: int, key: str, fields: Mapping[str, str | None],
               reviewer: str, stamp: str, replaced: dict[str, Verdict | None] | None) -> Verdict | None:
        old = self._get(db, review, key)
        if replaced is not None:
            replaced[key] = old
        verdict = fields.get("verdict", old.verdict if old else None)
        note = clean_text(str(fields["note"] or "")) if "note" in fields else (old.note if old else "")
        verdict = clean_text(verdict) if verdict is not None else None
        reviewer = clean_text(reviewer)
        if verdict is None and not note:
            db.execute("DELETE FROM verdicts WHERE review = ? AND key = ?", (review, key))
            new = None
        else:
            db.execute("INSERT INTO verdicts (review, key, verdict, note, reviewer, time) VALUES (?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (review, key) DO UPDATE SET verdict = excluded.verdict, note = excluded.note, "
                       "reviewer = excluded.reviewer, time = excluded.time",
                       (review, key, verdict, note, reviewer, stamp))
            new = Verdict(key, verdict, note, reviewer, stamp)
        cursor = db.execute("INSERT INTO history (review, key, old_verdict, new_verdict, old_note, new_note, "
                            "reviewer, time, writer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (review, key, old.verdict if old else None, verdict, old.note if old else "", note,
                             reviewer, stamp, self.writer))
        # Taken inside the transaction: a change another window commits right after is never "before" it.
        self.last_write_mark = int(cursor.lastrowid or 0)
        return new

    # -- reading
    @staticmethod
    def _get(db: sqlite3.Connection, review: int, key: str) -> Verdict | None:
        row = db.execute(f"SELECT {_VERDICT_COLUMNS} FROM verdicts WHERE review = ? AND key = ?",
                         (review, key)).fetchone()
        return Verdict(*row) if row else None

    @staticmethod
    def _all(db: sqlite3.Connection, review: int) -> dict[str, Verdict]:
        rows = db.execute(f"SELECT {_VERDICT_COLUMNS} FROM verdicts WHERE review = ?", (review,))
        return {row[0]: Verdict(*row) for row in rows}

    def all(self, review: int) -> dict[str, Verdict]:
        with self._reading() as db:
            return self._all(db, review)

    def history(self, review: int, key: str) -> list[HistoryEntry]:
        with self._reading() as db:
            rows = db.execute("SELECT key, old_verdict, new_verdict, old_note, new_note, reviewer, time "
                              "FROM history WHERE review = ? AND key = ? ORDER BY id", (review, key)).fetchall()
        return [HistoryEntry(*row) for row in rows]

    def seen_claims(self, review: int) -> dict[str, tuple[str, str]]:
        with self._reading() as db:
            rows = db.execute("SELECT key, text, figure_text FROM claims_seen WHERE review = ?", (review,)).fetchall()
        return {k: (t, f) for k, t, f in rows}

    # -- other windows and processes
    def mark(self, review: int) -> int:
        """Where the history stands now: changes to the review after it are "since" this mark. (The
        store's last history row, found at once, whichever review it belongs to.)"""
        with self._reading() as db:
            row = db.execute("SELECT MAX(id) FROM history").fetchone()
        return int(row[0] or 0)

    def changed_elsewhere(self) -> bool:
        """Whether another connection (a window, a process, a notebook) committed to the store since the
        last time this was asked. Cheap enough to ask every second."""
        version = self._data_version()
        changed, self._version = version != self._version, version
        return changed

    def changes_since(self, review: int, mark: int) -> tuple[int, dict[str, Verdict | None]]:
        """Claims another connection changed after ``mark``, as they are stored now (None: cleared), and
        the new mark."""
        with self._reading() as db:
            db.execute("BEGIN")  # one snapshot: a change committed meanwhile is in the next look, not lost
            try:
                keys = [row[0] for row in db.execute("SELECT DISTINCT key FROM history WHERE review = ? AND id > ? "
                                                     "AND writer != ?", (review, mark, self.writer))]
                changed = {key: self._get(db, review, key) for key in keys}
                row = db.execute("SELECT MAX(id) FROM history").fetchone()
            finally:
                db.execute("COMMIT")
        return max(mark, int(row[0] or 0)), changed

    def changed_by_others(self, review: int, keys: Sequence[str], mark: int) -> dict[str, Verdict | None]:
        """Of these claims, those another connection changed after ``mark`` (as they are now): an undo
        must not restore over them without asking."""
        with self._reading() as db:
            found = {row[0] for row in db.execute(
                f"SELECT DISTINCT key FROM history WHERE review = ? AND id > ? AND writer != ? AND key IN "
                f"({', '.join('?' * len(keys))})", (review, mark, self.writer, *keys))} if keys else set()
            return {key: self._get(db, review, key) for key in keys if key in found}

    def _data_version(self) -> int:
        with self._reading() as db:
            return int(db.execute("PRAGMA data_version").fetchone()[0])


def file_identity(paths: list[str]) -> str:
    """The files' full paths, links resolved, as one text; bytes that are not UTF-8 kept as escapes, so
    that two such names stay apart."""
    return " + ".join(sorted(os.fsencode(os.path.realpath(p)).decode("utf-8", "backslashreplace") for p in paths))


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return None
