"""The review store's file: its layout, its version, and what happens when it is damaged or newer.

The layout is numbered in SQLite's ``user_version``. A store is looked at read-only before anything
writes to it, so a store Reviewer cannot use (made by a newer Reviewer) is left exactly as it was. A
damaged store is kept aside under a new name and a fresh one is started; the sentence that says so
names both.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
import urllib.parse
from pathlib import Path

from reviewer.core.errors import StoreError

__all__ = ["LAYOUT", "cause_of", "open_store"]

log = logging.getLogger(__name__)

LAYOUT = 2  # 1: reviews found by name and content; 2: by path and content, and who wrote each change

_STATEMENTS = """
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    claims_hash TEXT NOT NULL,
    scale TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    path TEXT
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
    time TEXT NOT NULL,
    writer TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS history_by_key ON history (review, key);
CREATE INDEX IF NOT EXISTS history_by_review ON history (review);
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
_PATH_INDEX = "CREATE INDEX IF NOT EXISTS reviews_by_path ON reviews (path)"

# The columns each layout's tables may have; a column outside these was added by a newer Reviewer.
_COLUMNS = {
    "reviews": {"id", "name", "claims_hash", "scale", "created", "updated", "path"},
    "verdicts": {"review", "key", "verdict", "note", "reviewer", "time"},
    "history": {"id", "review", "key", "old_verdict", "new_verdict", "old_note", "new_note", "reviewer", "time",
                "writer"},
    "claims_seen": {"review", "key", "text", "figure_text"},
}
_DAMAGED = {"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_CORRUPT_INDEX", "SQLITE_CORRUPT_SEQUENCE",
            "SQLITE_CORRUPT_VTAB"}


def open_store(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """A connection to the store at ``path``, ready for this layout, and a sentence when the file was
    damaged and had to be replaced. Raises StoreError for a store this Reviewer must not touch."""
    notice = None
    if path.exists() and path.stat().st_size > 0:
        try:
            _look(path)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise StoreError(_cannot_open(path, error)) from None
            notice = _set_aside(path, error)
    try:
        db = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        _prepare(db)
    except sqlite3.DatabaseError as error:
        raise StoreError(_cannot_open(path, error)) from None
    return db, notice


def cause_of(error: sqlite3.DatabaseError) -> str:
    """What went wrong with the store, as one word: "damaged", "full", "locked", "readonly", or "other"."""
    name, text = getattr(error, "sqlite_errorname", ""), str(error)
    if is_damage(error):
        return "damaged"
    if name == "SQLITE_FULL" or "full" in text:
        return "full"
    if name in {"SQLITE_BUSY", "SQLITE_LOCKED"} or "locked" in text:
        return "locked"
    if name in {"SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM"} or "readonly" in text:
        return "readonly"
    return "other"


def _cannot_open(path: Path, error: sqlite3.DatabaseError) -> str:
    """Why the store cannot be opened, and what will help: moving a locked store aside would split the
    review in two, so each cause gets its own advice."""
    if path.is_dir():
        return f"the review store {path} is a folder, not a file; move or rename that folder and start Reviewer again"
    return {
        "full": f"the disk holding {path.parent} is full, so the review store cannot be opened; free some space "
                "and start Reviewer again",
        "locked": f"another program holds the review store {path} locked; close the other Reviewer windows and "
                  "notebooks that use it, and try again",
        "readonly": f"Reviewer may not write the review store {path} ({error}); check that you can write to "
                    f"{path.parent}, or set REVIEWER_HOME to a folder you can write to",
    }.get(cause_of(error), f"the review store {path} could not be opened ({error}); close other Reviewer windows "
                           "and try again")


def is_damage(error: sqlite3.DatabaseError) -> bool:
    name = getattr(error, "sqlite_errorname", "")
    return name in _DAMAGED or "malformed" in str(error) or "not a database" in str(error)


def _look(path: Path) -> None:
    """Read the store without writing a byte: refuse a newer one, raise DatabaseError for a damaged one."""
    uri = f"file:{urllib.parse.quote(str(path))}?mode=ro"
    db = sqlite3.connect(uri, uri=True, timeout=5.0)
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > LAYOUT:
            raise StoreError(f"the review store {path} was made by a newer version of Reviewer (layout {version}; "
                             f"this one knows up to {LAYOUT}); update Reviewer to open it. It was left as it was")
        for table, known in _COLUMNS.items():
            columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
            unknown = columns - known
            if unknown:
                raise StoreError(f"the review store {path} has a layout this Reviewer does not know (the table "
                                 f"{table} has {', '.join(sorted(unknown))}); it was made by a newer Reviewer, so "
                                 "update Reviewer to open it. It was left as it was")
        check = db.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed ({check[0] if check else 'no answer'})")
    finally:
        db.close()


def _set_aside(path: Path, error: sqlite3.DatabaseError) -> str:
    """Keep the damaged store, and its journal files, under a new name; say where."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = path.with_name(f"{path.stem}.damaged-{stamp}-{counter}{path.suffix}")
    try:
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.replace(aside.with_name(aside.name + suffix))
        path.replace(aside)
    except OSError as move_error:
        raise StoreError(f"the review store {path} is damaged ({error}) and could not be moved aside "
                         f"({move_error.strerror or move_error}); move it aside yourself and start Reviewer "
                         "again") from None
    log.error("the review store %s is damaged (%s); kept as %s, a fresh store was started", path, error, aside)
    return (f"The review store was damaged, so it was kept aside as {aside} and a fresh store was started: "
            "verdicts recorded before are not shown. An exported workbook still holds its verdicts; open it to "
            "bring them back, or ask for help recovering the old store")


def _prepare(db: sqlite3.Connection) -> None:
    """Create the tables of a new store, or bring an older layout up to this one, in one transaction."""
    db.execute("BEGIN IMMEDIATE")
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > LAYOUT:  # made newer between the look and now, by another process
            raise StoreError("the review store was just upgraded by a newer version of Reviewer; update Reviewer")
        existing = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "reviews" in existing:
            _add_missing_columns(db)
        for statement in _statements():
            db.execute(statement)
        if version < LAYOUT:
            db.execute(f"PRAGMA user_version = {LAYOUT}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _statements() -> list[str]:
    """The layout's statements one by one: executescript would commit the transaction they belong to."""
    parts = [part.strip() for part in re.split(r";\n(?!BEGIN)", _STATEMENTS + _PATH_INDEX)]
    return [part for part in parts if part]


def _add_missing_columns(db: sqlite3.Connection) -> None:
    columns = {row[1] for row in db.execute("PRAGMA table_info(reviews)")}
    if "path" not in columns:
        db.execute("ALTER TABLE reviews ADD COLUMN path TEXT")
    columns = {row[1] for row in db.execute("PRAGMA table_info(history)")}
    if columns and "writer" not in columns:
        db.execute("ALTER TABLE history ADD COLUMN writer TEXT NOT NULL DEFAULT ''")
