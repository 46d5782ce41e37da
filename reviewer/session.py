"""Review: the verdicts on one workbook's claims, kept in the review store as they are made.

    review = reviewer.Review(book)
    review.set_verdict("R-01", "Accurate", note="Matches the April report")
    review.export("claims-reviewed.xlsx")
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.errors import ReviewError
from reviewer.core.verdicts import HistoryEntry, Verdict, VerdictScale
from reviewer.core.workbook import Workbook
from reviewer.io.preferences_file import load_preferences
from reviewer.io.review_store import ReviewStore, now_iso

__all__ = ["Change", "Review", "claims_identity"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Change:
    """What one edit did, so that it can be undone: the verdict before and after, per claim."""

    keys: tuple[str, ...]
    before: tuple[Verdict | None, ...]
    after: tuple[Verdict | None, ...]


def claims_identity(book: Workbook) -> tuple[str, str]:
    """(name, content hash): the claims files' names, and a hash of every claim's key, text and figure."""
    names = sorted({str(f) for f in book.claims["file"].unique()}) or [Path(f.path).name for f in book.files]
    digest = hashlib.sha256()
    for key, text, figure in zip(book.claims["key"], book.claims["text"], book.claims["figure_text"], strict=True):
        digest.update(f"{key}\x1f{text}\x1f{figure}\x1e".encode())
    return " + ".join(names), digest.hexdigest()


class Review:
    """The verdicts on a workbook's claims. Every change is in the store when the call returns."""

    def __init__(self, book: Workbook, *, store: ReviewStore | None = None, reviewer: str | None = None,
                 scale: VerdictScale | tuple[str, ...] | list[str] | None = None) -> None:
        self.book = book
        self.store = store or ReviewStore()
        prefs = load_preferences()
        self.reviewer = reviewer or prefs.reviewer or _user_name()
        name, claims_hash = claims_identity(book)
        if isinstance(scale, tuple | list):
            scale = VerdictScale(tuple(scale), {label: prefs.scale.colour(label) for label in scale})
        annotated_scale = VerdictScale.from_json(book.annotated.get("scale")) if book.annotated else None
        self.id, stored_scale = self.store.review_for(name, claims_hash, scale or annotated_scale or prefs.scale)
        self.scale = scale or stored_scale
        if scale is not None and scale != stored_scale:
            self.store.set_scale(self.id, scale)
        self._keys = set(book.claims["key"].tolist())
        self._verdicts = self.store.all(self.id)
        self.store.remember_claims(self.id, list(zip(book.claims["key"], book.claims["text"].astype(str),
                                                     book.claims["figure_text"].astype(str), strict=True)))
        if book.annotated:
            self._take_annotated(book.annotated)

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

    def _take_annotated(self, metadata: dict[str, object]) -> None:
        """Bring in verdicts from an annotated workbook; a change made in Excel counts as its editor's."""
        from reviewer.io.annotated import annotated_verdicts

        entries = []
        for key, found in annotated_verdicts(self.book, metadata).items():
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

    # -- output
    def export(self, path: str | Path, *, tolerance: float | None = None,
               progress: object | None = None) -> Path:
        from reviewer.io.export import export_workbook

        prefs = load_preferences()
        return export_workbook(self, Path(path), tolerance=prefs.tolerance if tolerance is None else tolerance,
                               aliases=prefs.aliases, progress=progress)  # type: ignore[arg-type]


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "editor"
