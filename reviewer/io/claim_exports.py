"""The reviewed claims as CSV and as schema.org ClaimReview JSON-LD."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from reviewer.core.assessments import NO_DATA
from reviewer.io.atomic import atomic_write, check_destination

if TYPE_CHECKING:
    from reviewer.core.session import ReviewSnapshot

__all__ = ["csv_cell", "export_claimreview", "export_csv"]

# What a spreadsheet may run when it opens a CSV (OWASP, "CSV Injection"): a cell that starts with one of
# these, unless it is a plain number ("-352" is a figure, "-2+3" a formula).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_DROPPED = "".join(chr(c) for c in range(32) if chr(c) not in "\t\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:[eE][+-]?\d+)?$")


def csv_cell(value: object) -> str:
    """A value as CSV text no spreadsheet runs: formula-looking text gets a leading single quote, as OWASP
    recommends (spreadsheets show the quote; Reviewer's own reading of the CSV is not a spreadsheet's)."""
    text = "" if value is None else str(value)
    # A spreadsheet drops some control characters as it reads a cell ("\x00=HYPERLINK(…)" becomes a formula in
    # LibreOffice): what follows them is what it would run.
    shown = text.lstrip(_DROPPED)
    if shown.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(shown):
        return "'" + text
    return text


def export_csv(review: ReviewSnapshot, path: Path) -> Path:
    """The reviewed claims as CSV (UTF-8 with a byte order mark, so Excel reads the accents)."""
    overall = review.overall
    verdicts = review.verdicts
    claims = review.book.claims

    def write(handle: Any) -> None:
        handle.write("\ufeff")
        # Every field quoted, as OWASP advises with the quote prefix: a line break in a note stays in its cell.
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(["key", "sheet", "row", "text", "claimant", "figure_text", "as_of", "verdict", "note",
                         "reviewer", "reviewed_at", "assessment"])
        for claim in claims.itertuples(index=False):
            verdict = verdicts.get(claim.key)
            writer.writerow([csv_cell(value) for value in (
                claim.key, claim.sheet, claim.row, claim.text, claim.claimant, claim.figure_text,
                "" if pd.isna(claim.as_of) else claim.as_of.date().isoformat(),
                verdict.verdict if verdict and verdict.verdict else "", verdict.note if verdict else "",
                verdict.reviewer if verdict else "", verdict.time if verdict else "", overall.get(claim.key, NO_DATA))])

    check_destination(path, [source.path for source in review.book.files])
    atomic_write(path, write, suffix=".csv", binary=False)
    return path


def export_claimreview(review: ReviewSnapshot, path: Path) -> Path:
    """The reviewed claims as schema.org ClaimReview JSON-LD, as fact-checkers publish them."""
    verdicts = review.verdicts
    items = []
    labels = list(review.scale.labels)
    for claim in review.book.claims.itertuples(index=False):
        verdict = verdicts.get(claim.key)
        if not verdict or not verdict.verdict:
            continue
        item: dict[str, Any] = {"@type": "Claim", "author": {"@type": "Organization", "name": claim.claimant or ""}}
        if not pd.isna(claim.date):
            item["datePublished"] = claim.date.date().isoformat()
        elif not pd.isna(claim.as_of):
            item["datePublished"] = claim.as_of.date().isoformat()
        if claim.url:
            item["appearance"] = {"@type": "CreativeWork", "url": claim.url}
        position = labels.index(verdict.verdict) + 1 if verdict.verdict in labels else None
        entry = {
            "@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": claim.text,
            "itemReviewed": item, "author": {"@type": "Person", "name": verdict.reviewer},
            "datePublished": verdict.time[:10],
            "reviewRating": {"@type": "Rating", "alternateName": verdict.verdict,
                             **({"ratingValue": position, "bestRating": 1, "worstRating": len(labels)}
                                if position else {})},
        }
        if claim.url:
            entry["url"] = claim.url
        if verdict.note:
            entry["reviewBody"] = verdict.note
        items.append(entry)
    check_destination(path, [source.path for source in review.book.files])
    atomic_write(path, lambda handle: json.dump(items, handle, ensure_ascii=False, indent=1), suffix=".json",
                 binary=False)
    return path
