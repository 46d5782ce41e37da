"""The verdicts on one workbook's claims, kept in a store as they are made.

The store, the scale and the reviewer's name are given: this module reads no file and knows no
database; ``reviewer.io.review_store.ReviewStore`` is one store, a dict-backed one does for a test.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Protocol

from reviewer.core.errors import ReviewError
from reviewer.core.verdicts import HistoryEntry, Verdict, VerdictScale, now_iso
from reviewer.core.workbook import Workbook

__all__ = ["Change", "Review", "VerdictStore", "claims_identity"]

# (key, verdict, note, reviewer, time), as the store keeps them
Entry = tuple[str, str | None, str, str, str]


class VerdictStore(Protocol):
    """Where verdicts live: every change is kept when the call returns."""

    def review_for(self, name: str, claims_hash: str, scale: VerdictScale) -> tuple[int, VerdictScale]: ...
    def set_scale(self, review: int, scale: VerdictScale) -> None: ...
    def remember_claims(self, review: int, claims: list[tuple[str, str, str]]) -> None: ...
    def put_many(self, review: int, entries: list[Entry]) -> None: ...
    def all(self, review: int) -> dict[str, Verdict]: ...
    def history(self, review: int, key: str) -> list[HistoryEntry]: ...
    def seen_claims(self, review: int) -> dict[str, tuple[str, str]]: ...


@dataclass(frozen=True, slots=True)
class Change:
    """What one edit did, so that it can be undone: the verdict before and after, per claim."""

    keys: tuple[str, ...]
    before: tuple[Verdict | None, ...]
    after: tuple[Verdict | None, ...]


def claims_identity(book: Workbook) -> tuple[str, str]:
    """(name, content hash): the claims files' names, and a hash of every claim's key, text and figure."""
    names = sorted({str(f) for f in book.claims["file"].unique()}) or [PurePath(f.path).name for f in book.files]
    digest = hashlib.sha256()
    for key, text, figure in zip(book.claims["key"], book.claims["text"], book.claims["figure_text"], strict=True):
        digest.update(f"{key}\x1f{text}\x1f{figure}\x1e".encode())
    return " + ".join(names), digest.hexdigest()


class Review:
    """The verdicts on a workbook's claims. Every change is in the store when the call returns.

    ``incoming`` are verdicts the opened file itself carries (an annotated workbook edited in Excel):
    taken where the store has nothing newer.
    """

    def __init__(self, book: Workbook, store: VerdictStore, scale: VerdictScale, reviewer: str, *,
                 incoming: dict[str, Verdict] | None = None) -> None:
        self.book = book
        self.store = store
        self.reviewer = reviewer
        name, claims_hash = claims_identity(book)
        self.id, self.scale = self.store.review_for(name, claims_hash, scale)
        self._keys = set(book.claims["key"].tolist())
        self._verdicts = self.store.all(self.id)
        self.store.remember_claims(self.id, list(zip(book.claims["key"], book.claims["text"].astype(str),
                                                     book.claims["figure_text"].astype(str), strict=True)))
        if incoming:
            self._take(incoming)

    def use_scale(self, scale: VerdictScale) -> None:
        """Make ``scale`` this review's scale, in the store too."""
        if scale != self.scale:
            self.store.set_scale(self.id, scale)
            self.scale = scale

    # -- reading
    def verdict(self, key: str) -> Verdict | None:
        self._require(key)
        return self._verdicts.get(key)

    def verdicts(self) -> dict[str, Verdict]:
        return dict(self._verdicts)

    def history(self, key: str) -> list[HistoryEntry]:
        return self.store.history(self.id, key)

    def progress(self) -> tuple[int, int]:
        """(reviewed, total): claims of this workbook with a verdict, and all its claims."""
        reviewed = sum(1 for k, v in self._verdicts.items() if v.verdict and k in self._keys)
        return reviewed, len(self._keys)

    def orphans(self) -> dict[str, Verdict]:
        """Verdicts whose claim is no longer in the workbook: kept, and listed, never dropped."""
        return {k: v for k, v in self._verdicts.items() if k not in self._keys}

    # -- changing
    def set_verdict(self, key: str, verdict: str | None, note: str | None = None) -> Change:
        return self.set_many([key], verdict, note)

    def set_note(self, key: str, note: str) -> Change:
        self._require(key)
        current = self._verdicts.get(key)
        return self._apply({key: (current.verdict if current else None, note)})

    def clear_verdict(self, key: str) -> Change:
        self._require(key)
        return self._apply({key: (None, "")})

    def set_many(self, keys: list[str], verdict: str | None, note: str | None = None) -> Change:
        if verdict is not None and verdict not in self.scale.labels:
            raise ReviewError(f"{verdict!r} is not on the verdict scale ({', '.join(self.scale.labels)}); pick one "
                              "of those or add it in the preferences")
        for key in keys:
            self._require(key)
        wanted = {}
        for key in keys:
            current = self._verdicts.get(key)
            wanted[key] = (verdict, note if note is not None else (current.note if current else ""))
        return self._apply(wanted)

    def restore(self, states: dict[str, Verdict | None]) -> None:
        """Put claims back as they were (undo and redo): recorded in the store and its history."""
        self._apply({k: (v.verdict, v.note) if v else (None, "") for k, v in states.items()})

    def _apply(self, wanted: dict[str, tuple[str | None, str]]) -> Change:
        stamp = now_iso()
        before = tuple(self._verdicts.get(k) for k in wanted)
        # A note of spaces alone is no note: a spreadsheet cannot keep it (Excel and openpyxl drop it).
        entries = [(k, verdict, note if note.strip() else "", self.reviewer, stamp)
                   for k, (verdict, note) in wanted.items()]
        self.store.put_many(self.id, entries)
        for key, verdict, note, reviewer, time in entries:
            if verdict is None and not note:
                self._verdicts.pop(key, None)
            else:
                self._verdicts[key] = Verdict(key, verdict, note, reviewer, time)
        return Change(tuple(wanted), before, tuple(self._verdicts.get(k) for k in wanted))

    def _require(self, key: str) -> None:
        if key not in self._keys:
            raise ReviewError(f"there is no claim with the key {key!r} in this workbook")

    def _take(self, incoming: dict[str, Verdict]) -> None:
        entries = []
        for key, found in incoming.items():
            if key not in self._keys:
                continue
            current = self._verdicts.get(key)
            if current and (current.verdict, current.note) == (found.verdict, found.note):
                continue
            if current and current.time > found.time:
                continue  # the store has a newer verdict than the file
            entries.append((key, found.verdict, found.note, found.reviewer, found.time))
        if entries:
            self.store.put_many(self.id, entries)
            self._verdicts = self.store.all(self.id)
