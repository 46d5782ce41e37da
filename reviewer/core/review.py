"""The verdicts on one workbook's claims, kept in a store as they are made.

The store, the scale and the reviewer's name are given: this module reads no file and knows no
database; ``reviewer.io.review_store.ReviewStore`` is one store, a dict-backed one does for a test.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Protocol

from reviewer.core.errors import ConflictError, ReviewError
from reviewer.core.verdicts import HistoryEntry, Verdict, VerdictScale, now_iso
from reviewer.core.workbook import Workbook

__all__ = ["Change", "Earlier", "Review", "StoredReview", "VerdictStore", "claims_files", "claims_identity"]

# (key, verdict, note, reviewer, time), as the store keeps them
Entry = tuple[str, str | None, str, str, str]
# Per claim, the fields a change writes: "verdict" and/or "note"; a field not named is left as stored.
Fields = Mapping[str, Mapping[str, str | None]]


@dataclass(frozen=True, slots=True)
class Earlier:
    """Another file's review with the same claims (a copy elsewhere), or a review of this file opened
    together with other claims files: its verdicts can be offered."""

    review: int
    path: str
    verdicts: int
    together: bool = False  # a review of this file with others: ``verdicts`` counts those on this file's claims

    def said(self) -> str:
        """What the editor is told of it."""
        if self.together:
            return f"this file was reviewed together with other files ({self.path}), with " \
                   f"{self.verdicts} verdict(s) on its claims"
        return f"{self.path} has the same claims and {self.verdicts} verdict(s)"


@dataclass(frozen=True, slots=True)
class StoredReview:
    id: int
    scale: VerdictScale
    earlier: Earlier | None = None  # set only for a review started just now


class VerdictStore(Protocol):
    """Where verdicts live: every change is kept when the call returns. A review belongs to the files its
    claims come from (their paths), whatever their names."""

    notice: str | None  # a sentence for the editor about the store itself (a damaged one set aside)
    last_write_mark: int  # the mark (see mark()) of this connection's last change, taken as it was written

    def open_review(self, paths: list[str], name: str, claims_hash: str, scale: VerdictScale) -> StoredReview: ...
    def set_scale(self, review: int, scale: VerdictScale) -> None: ...
    def remember_claims(self, review: int, claims: list[tuple[str, str, str]]) -> None: ...
    def put_many(self, review: int, entries: list[Entry]) -> None: ...
    def put_fields(self, review: int, fields: Fields, reviewer: str, stamp: str,
                   replaced: dict[str, Verdict | None] | None = None) -> dict[str, Verdict | None]: ...
    def take_verdicts(self, review: int, earlier: int, reviewer: str,
                      keys: Mapping[str, str] | None = None) -> dict[str, Verdict]: ...
    def all(self, review: int) -> dict[str, Verdict]: ...
    def history(self, review: int, key: str) -> list[HistoryEntry]: ...
    def seen_claims(self, review: int) -> dict[str, tuple[str, str]]: ...
    def mark(self, review: int) -> int: ...
    def changed_elsewhere(self) -> bool: ...
    def changes_since(self, review: int, mark: int) -> tuple[int, dict[str, Verdict | None]]: ...
    def changed_by_others(self, review: int, keys: Sequence[str], mark: int) -> dict[str, Verdict | None]: ...


@dataclass(frozen=True, slots=True)
class Change:
    """What one edit did, so that it can be undone: the verdict before and after, per claim."""

    keys: tuple[str, ...]
    before: tuple[Verdict | None, ...]
    after: tuple[Verdict | None, ...]
    mark: int = 0  # the store's history right after this change: an undo asks what others changed since
    fields: tuple[str, ...] = ("verdict", "note")  # what the change wrote; undo and redo write only these


def claims_identity(book: Workbook) -> tuple[str, str]:
    """(name, content hash): the claims files' names, and a hash of every claim's key, text and figure."""
    names = sorted({str(f) for f in book.claims["file"].unique()}) or [PurePath(f.path).name for f in book.files]
    digest = hashlib.sha256()
    for key, text, figure in zip(book.claims["key"], book.claims["text"], book.claims["figure_text"], strict=True):
        digest.update(f"{key}\x1f{text}\x1f{figure}\x1e".encode())
    return " + ".join(names), digest.hexdigest()


def claims_files(book: Workbook) -> list[str]:
    """The paths of the files the claims come from (all the files when none holds claims): a review
    belongs to these files, whatever their names."""
    names = set(book.claims["file"].astype(str))
    return [f.path for f in book.files if _name(f.path) in names] or [f.path for f in book.files]


def _name(path: str) -> str:
    # As the loader names a file: bytes that are not UTF-8 read as U+FFFD.
    name = PurePath(path).name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


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
        found = self.store.open_review(claims_files(book), name, claims_hash, scale)
        self.id, self.scale = found.id, found.scale
        # Another file with the same claims (a copy elsewhere) has verdicts: offered, never taken silently.
        self.earlier: Earlier | None = found.earlier
        self._taken_as: dict[str, str] | None = None  # earlier key -> this key, for a review of files together
        if found.earlier is not None and found.earlier.together:
            self._taken_as = self._same_claims(found.earlier.review)
            self.earlier = replace(found.earlier, verdicts=len(self._taken_as)) if self._taken_as else None
        self.notices: list[str] = [self.store.notice] if self.store.notice else []
        # The store was found damaged and started afresh as this review opened: it holds none of the
        # verdicts given before, and an export must not replace one that does.
        self.store_restarted = bool(self.store.notice)
        self.store.notice = None  # told once: a later workbook on the same store has lost nothing
        if self.earlier is not None:
            self.notices.append(f"{self.earlier.said()}; "
                                "this file starts a review of its own, which can take those verdicts")
        self._keys = set(book.claims["key"].tolist())
        # The mark first: a change another window commits between the two reads is then shown by the next
        # refresh, instead of falling between them.
        self._mark = self.store.mark(self.id)
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
        """The claim's note; its verdict stays as stored (another window may have set it)."""
        self._require(key)
        return self._apply({key: {"note": note}})

    def clear_verdict(self, key: str) -> Change:
        self._require(key)
        return self._apply({key: {"verdict": None, "note": ""}})

    def set_many(self, keys: list[str], verdict: str | None, note: str | None = None) -> Change:
        if verdict is not None and verdict not in self.scale.labels:
            raise ReviewError(f"{verdict!r} is not on the verdict scale ({', '.join(self.scale.labels)}); pick one "
                              "of those or add it in the preferences")
        for key in keys:
            self._require(key)
        fields: dict[str, str | None] = {"verdict": verdict} if note is None else {"verdict": verdict, "note": note}
        return self._apply(dict.fromkeys(keys, fields))

    def restore(self, states: dict[str, Verdict | None]) -> Change:
        """Put claims back as they were, verdict and note: recorded in the store and its history."""
        return self._apply({k: {"verdict": v.verdict if v else None, "note": v.note if v else ""}
                            for k, v in states.items()})

    def undo(self, change: Change, *, force: bool = False) -> Change:
        """Put back what ``change`` replaced, only in the fields it wrote. A claim another window or
        process changed since raises ConflictError (naming it) unless ``force``: nothing is
        overwritten without asking. The change to keep for a later redo is returned."""
        return self._step(change, change.before, force)

    def redo(self, change: Change, *, force: bool = False) -> Change:
        return self._step(change, change.after, force)

    def refresh(self) -> dict[str, Verdict | None]:
        """Verdicts another window or process wrote since the last look, now in this review (None: a
        claim cleared there). Cheap when nothing changed: ask it every second or on focus."""
        if not self.store.changed_elsewhere():
            return {}
        self._mark, changed = self.store.changes_since(self.id, self._mark)
        for key, verdict in changed.items():
            self._remember(key, verdict)
        return changed

    def take_earlier(self) -> int:
        """Bring in the verdicts of the file elsewhere with the same claims; how many came."""
        if self.earlier is None:
            return 0
        self._verdicts = self.store.take_verdicts(self.id, self.earlier.review, self.reviewer, self._taken_as)
        taken, self.earlier = self.earlier.verdicts, None
        return taken

    def _same_claims(self, other: int) -> dict[str, str]:
        """Of another review's verdicts, those on this workbook's claims (earlier key -> key here): by key
        where the claim reads the same (a file reviewed together with another had a key renamed where both
        used it: "R-01@b"), else by words and figure where each side holds them once. Never two onto one."""
        seen = self.store.seen_claims(other)
        claims = self.book.claims
        mine = {str(k): (str(t), str(f)) for k, t, f in zip(claims["key"], claims["text"], claims["figure_text"],
                                                          strict=True)}
        once_here, once_there = _once(mine), _once(seen)
        taken: dict[str, str] = {}
        for key in self.store.all(other):
            said = seen.get(key)
            if said is None:
                continue
            here = next((k for k in dict.fromkeys((key, key.rpartition("@")[0])) if k and mine.get(k) == said), None)
            if here is None and once_there.get(said) == key:
                here = once_here.get(said)
            if here is not None and here not in taken.values():
                taken[key] = here
        return taken

    def _step(self, change: Change, states: tuple[Verdict | None, ...], force: bool) -> Change:
        if not force:
            newer = self.store.changed_by_others(self.id, list(change.keys), change.mark)
            if newer:
                for key, verdict in newer.items():
                    self._remember(key, verdict)
                raise ConflictError(sorted(newer))
        wanted = {key: {f: (getattr(state, f) if state else (None if f == "verdict" else "")) for f in change.fields}
                  for key, state in zip(change.keys, states, strict=True)}
        done = self._apply(wanted)
        return Change(change.keys, change.before, change.after, done.mark, change.fields)

    def _remember(self, key: str, verdict: Verdict | None) -> None:
        if verdict is None:
            self._verdicts.pop(key, None)
        else:
            self._verdicts[key] = verdict

    def _apply(self, wanted: dict[str, dict[str, str | None]]) -> Change:
        stamp = now_iso()
        # A note of spaces alone is no note: a spreadsheet cannot keep it (Excel and openpyxl drop it).
        fields = {k: {**f, "note": f["note"] if (f["note"] or "").strip() else ""} if "note" in f else dict(f)
                  for k, f in wanted.items()}
        # What the store held as it was written, not what this review last saw: another process may have
        # written since, and undo puts back its verdict, not an older one of this review's.
        replaced: dict[str, Verdict | None] = {}
        stored = self.store.put_fields(self.id, fields, self.reviewer, stamp, replaced)
        before = tuple(replaced.get(k, self._verdicts.get(k)) for k in wanted)
        for key, verdict in stored.items():
            self._remember(key, verdict)
        written = tuple(f for f in ("verdict", "note") if any(f in w for w in wanted.values()))
        return Change(tuple(wanted), before, tuple(self._verdicts.get(k) for k in wanted),
                      self.store.last_write_mark, written)

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


def _once(claims: Mapping[str, tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Each (words, figure) held by one claim only, and its key."""
    counts: dict[tuple[str, str], int] = {}
    for pair in claims.values():
        counts[pair] = counts.get(pair, 0) + 1
    return {pair: key for key, pair in claims.items() if counts[pair] == 1}
