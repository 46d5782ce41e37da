"""The Python surface, with the settings and the review store of ``REVIEWER_HOME``:

    review = reviewer.Review(book)
    review.set_verdict("R-01", "Accurate", note="Matches the April report")
    review.export("claims-reviewed.xlsx")

The domain (``reviewer.core``) takes its store, scale, reviewer and settings as arguments; this
module is where a notebook, a script and the terminal commands get them from the editor's
preferences, so that every way of asking gives the answer the window gives.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from reviewer.core import check as core_check
from reviewer.core import review as core_review
from reviewer.core.errors import ExportError, ReviewerError
from reviewer.core.preferences import Preferences
from reviewer.core.session import CheckResult, CheckSettings, ReviewSession, ReviewSnapshot
from reviewer.core.verdicts import Verdict, VerdictScale
from reviewer.core.workbook import Workbook
from reviewer.io.preferences_file import load_preferences
from reviewer.io.review_store import ReviewStore

__all__ = ["EXPORT_FORMATS", "Review", "check", "check_settings", "export_snapshot",
           "open_session", "refuse_empty_export", "refuse_to_drop_exported_verdicts", "unknown_ending", "user_name"]

Progress = Callable[[int, int, str], None]
# What an export writes, by the target's suffix.
EXPORT_FORMATS = {".xlsx": "annotated workbook", ".csv": "claims as CSV", ".jsonld": "ClaimReview JSON-LD",
                  ".json": "ClaimReview JSON-LD"}


def check_settings(prefs: Preferences | None = None, *, tolerance: float | None = None,
                   aliases: Mapping[str, list[str]] | None = None) -> CheckSettings:
    """The editor's check settings; a tolerance or aliases given here override them."""
    prefs = prefs or load_preferences()
    return CheckSettings(prefs.tolerance if tolerance is None else tolerance,
                         prefs.aliases if aliases is None else aliases)  # type: ignore[arg-type]


def check(book: Workbook, tolerance: float | None = None,
          aliases: Mapping[str, list[str]] | None = None) -> pd.DataFrame:
    """One row per claim and source: what the source said for the claim's date or period, and the
    assessment; with the editor's tolerance and aliases unless given."""
    settings = check_settings(tolerance=tolerance, aliases=aliases)
    return core_check.check(book, tolerance=settings.tolerance, aliases=settings.alias_lists())


def user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "editor"


def incoming_verdicts(book: Workbook) -> dict[str, Verdict]:
    """The verdicts an opened annotated workbook carries (none for any other file)."""
    if not book.annotated:
        return {}
    from reviewer.io.annotated import annotated_verdicts

    return annotated_verdicts(book, book.annotated)


def _scale(prefs: Preferences, scale: VerdictScale | tuple[str, ...] | list[str] | None) -> VerdictScale | None:
    if isinstance(scale, tuple | list):
        return VerdictScale(tuple(scale), {label: prefs.scale.colour(label) for label in scale})
    return scale


def open_session(book: Workbook, *, tolerance: float | None = None, store: core_review.VerdictStore | None = None,
                 reviewer: str | None = None, result: CheckResult | None = None,
                 prefs: Preferences | None = None) -> ReviewSession:
    """The review session of ``book`` with the editor's settings (``prefs``, else read; ``tolerance``
    overrides theirs); a ``result`` computed with those settings (off the window's thread) is taken as it is."""
    return Review(book, store=store, reviewer=reviewer, prefs=prefs).session(tolerance=tolerance, result=result)


def export_snapshot(snapshot: ReviewSnapshot, path: str | Path, progress: Progress | None = None) -> Path:
    """Write the review: the annotated workbook (.xlsx), the claims as CSV (.csv) or ClaimReview JSON-LD
    (.jsonld or .json), chosen by the target's suffix."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        from reviewer.io.export import export_workbook

        return export_workbook(snapshot, target, progress=progress)
    if suffix == ".csv":
        from reviewer.io.claim_exports import export_csv

        return export_csv(snapshot, target)
    if suffix in {".jsonld", ".json"}:
        from reviewer.io.claim_exports import export_claimreview

        return export_claimreview(snapshot, target)
    raise ExportError(f"{target.name}: {unknown_ending()}")


def refuse_to_drop_exported_verdicts(review: core_review.Review, path: str | Path) -> None:
    """Refuse to write an export of no verdicts over one that holds some: the file it would replace may be
    the one place they still are (the review store was found damaged and started afresh, or this is
    another file's review). An export that holds verdicts replaces an earlier one as the editor asks."""
    refuse_empty_export(path, bool(review.verdicts()), review.store_restarted)


def refuse_empty_export(path: str | Path, holds_verdicts: bool, store_restarted: bool = False) -> None:
    """``refuse_to_drop_exported_verdicts`` for an export about to be written, whether it holds verdicts
    known beforehand (the window decides on its own thread, and writes on another)."""
    target = Path(path)
    if holds_verdicts or not target.is_file():
        return
    held = _exported_verdict_count(target)
    if held:
        why = "the review store was damaged and started afresh, so this review holds none" \
            if store_restarted else "this review holds none"
        raise ExportError(f"{target.name} holds {held} verdict(s) and {why}: writing over it would lose them, so "
                          f"{target.name} was left as it was. Open {target.name} in Reviewer to take back the "
                          "verdicts it holds, or export to a new name")


def _exported_verdict_count(target: Path) -> int:
    """How many claims an earlier export holds a verdict or a note on (0 when it is no export Reviewer
    reads back). Its cells are read, not its claims and sources: no layout, no figures."""
    import csv
    import zipfile

    try:
        if target.suffix.lower() == ".xlsx":
            from reviewer.io.annotated import exported_verdicts
            from reviewer.io.loader import read_raw

            return len(exported_verdicts(read_raw(target)))  # read as any file is: guarded, its cells only
        if target.suffix.lower() == ".csv":
            with target.open(encoding="utf-8-sig", newline="") as handle:
                return sum(1 for row in csv.DictReader(handle)
                           if (row.get("verdict") or "").strip() or (row.get("note") or "").strip())
    except (ReviewerError, OSError, ValueError, KeyError, csv.Error, zipfile.BadZipFile):
        return 0
    return 0


def unknown_ending() -> str:
    """What Reviewer writes, for a target whose ending it does not know."""
    kinds = "; ".join(f"{k} for the {v}" for k, v in EXPORT_FORMATS.items() if k != ".json")
    return f"Reviewer writes {', '.join(EXPORT_FORMATS)} files ({kinds}); choose one of those endings"


class Review(core_review.Review):
    """The verdicts on a workbook's claims, with the store, scale and name of ``REVIEWER_HOME`` unless
    given. Every change is in the store when the call returns."""

    def __init__(self, book: Workbook, *, store: core_review.VerdictStore | None = None,
                 reviewer: str | None = None, scale: VerdictScale | tuple[str, ...] | list[str] | None = None,
                 prefs: Preferences | None = None) -> None:
        """``prefs``: the editor's preferences as the caller holds them (the window's); else read once."""
        prefs = prefs or load_preferences()
        self.prefs = prefs
        chosen = _scale(prefs, scale)
        annotated_scale = VerdictScale.from_json(book.annotated.get("scale")) if book.annotated else None
        super().__init__(book, store or ReviewStore(), chosen or annotated_scale or prefs.scale,
                         reviewer or prefs.reviewer or user_name(), incoming=incoming_verdicts(book))
        if chosen is not None:
            self.use_scale(chosen)

    def session(self, *, tolerance: float | None = None, result: CheckResult | None = None) -> ReviewSession:
        """This review with the check, under the editor's settings (``tolerance`` overrides theirs)."""
        return ReviewSession(self.book, self, check_settings(self.prefs, tolerance=tolerance), result)

    def export(self, path: str | Path, *, tolerance: float | None = None, progress: Progress | None = None) -> Path:
        """Write the review; the target's suffix chooses what (.xlsx, .csv, .jsonld)."""
        self.refresh()  # what another window or process wrote since is in the store, and in the export
        refuse_to_drop_exported_verdicts(self, path)
        return export_snapshot(self.session(tolerance=tolerance).snapshot(), path, progress)
