"""The terminal commands: inspect, check, export, summary.

Exit 0 on success; 2 with one line ``reviewer: cannot open FILE: REASON`` for input that cannot be
read. Bad input never prints a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np
import pandas as pd

from reviewer.core.dates import period_label
from reviewer.core.errors import LoadError, ReviewerError
from reviewer.core.figures import interval_label
from reviewer.core.vocabulary import counted
from reviewer.version import __version__

if TYPE_CHECKING:  # the check's modules load only for the commands that check
    from reviewer.core.session import CheckResult

__all__ = ["COMMANDS", "main"]

COMMANDS = ("inspect", "check", "export", "summary")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer", formatter_class=argparse.RawDescriptionHelpFormatter,
        usage="reviewer [FILE...]\n       reviewer --sample\n       reviewer --install-desktop\n"
              "       reviewer {inspect,check,export,summary} ...",
        description="Check numeric claims against what each source published.\n\n"
                    "the window:\n"
                    "  reviewer [FILE...]         open the window, with those files as one workbook\n"
                    "  reviewer --sample          open the window with the bundled sample workbook\n"
                    "  reviewer --install-desktop add a launcher and file associations for this user (Linux)\n\n"
                    "the terminal commands below read the same files and give the same answers as the window.")
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    # Each command's own usage starts "reviewer check", not with the several lines of the window's usage.
    commands = parser.add_subparsers(dest="command", required=True, prog="reviewer")
    inspect = commands.add_parser("inspect", help="how Reviewer reads the files")
    inspect.add_argument("files", nargs="+", metavar="FILE")
    inspect.add_argument("--json", action="store_true", help="print JSON")
    check = commands.add_parser("check", help="what each source said for every claim")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--json", action="store_true", help="print JSON")
    check.add_argument("--tolerance", type=float, default=None, metavar="FRACTION",
                       help="how far a figure may differ and still match (default: the preferences', else 2%%)")
    export = commands.add_parser("export", help="write the review from the stored verdicts: the annotated workbook "
                                 "(.xlsx), the claims as CSV (.csv) or ClaimReview JSON-LD (.jsonld)")
    export.add_argument("files", nargs="+", metavar="FILE")
    export.add_argument("--out", required=True, metavar="OUT", help="OUT.xlsx, OUT.csv or OUT.jsonld")
    export.add_argument("--tolerance", type=float, default=None, metavar="FRACTION",
                        help="how far a figure may differ and still match (default: the preferences', else 2%%)")
    summary = commands.add_parser("summary", help="verdict counts of an exported workbook")
    summary.add_argument("file", metavar="ANNOTATED.xlsx")
    summary.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _plain(value: Any) -> Any:
    """A value as JSON: dates as ISO text, missing as null, numpy scalars as Python numbers."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return None
        return int(value) if float(value).is_integer() else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, pd.Timestamp | np.datetime64):
        stamp = pd.Timestamp(value)
        if pd.isna(stamp):
            return None
        return stamp.date().isoformat() if stamp == stamp.normalize() else stamp.isoformat()
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if value is pd.NA:
        return None
    return value


def _strict(value: Any) -> Any:
    """The payload with every number JSON can hold: NaN and infinity become null wherever they hide."""
    if isinstance(value, dict):
        return {k: _strict(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_strict(v) for v in value]
    if isinstance(value, float | np.floating | np.integer | np.bool_) or value is pd.NaT or value is pd.NA:
        return _plain(value)
    return value


def _dump(payload: Any, out: TextIO) -> None:
    json.dump(_strict(payload), out, ensure_ascii=False, indent=1, allow_nan=False)
    out.write("\n")


def _text(value: Any) -> str:
    """A text cell as JSON text: a missing one (None, NaN) is empty."""
    return value if isinstance(value, str) else ""


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    columns = list(frame.columns)
    return [{c: _plain(v) for c, v in zip(columns, row, strict=True)} for row in frame.itertuples(index=False)]


def _open(files: Sequence[str]) -> Any:
    from reviewer.io.loader import open_workbook

    return open_workbook(*files)


def _inspect(args: argparse.Namespace, out: TextIO) -> int:
    book = _open(args.files)
    if args.json:
        payload = {
            "files": [{"path": f.path, "format": f.format, "sha256": f.sha256} for f in book.files],
            "sheets": [{"file": s.file, "sheet": s.sheet, "role": s.role, "header_row": s.header_row,
                        "mapping": s.mapping, "rows": s.rows, "hidden": s.hidden} for s in book.sheets],
            "claims": records(book.claims),
            "references": records(book.references),
            "warnings": book.warnings,
        }
        _dump(payload, out)
        return 0
    from reviewer.io.paths import shown, shown_name

    for source_file in book.files:
        out.write(f"{shown(source_file.path)}  ({source_file.format})\n")
        for sheet in (s for s in book.sheets if s.file == shown_name(source_file.path)):
            header = f"header row {sheet.header_row}" if sheet.header_row else "no header row"
            out.write(f"  sheet {sheet.sheet!r}: {sheet.role}, {header}, {sheet.rows:,} data rows"
                      f"{' (hidden)' if sheet.hidden else ''}\n")
            for field, header_name in sheet.mapping.items():
                out.write(f"      {field:<13} <- {header_name}\n")
    out.write(f"\n{len(book.claims):,} claims, {len(book.references):,} reference observations")
    if len(book.references):
        counts = book.references.groupby("source", sort=False).size()
        out.write(" (" + ", ".join(f"{s}: {n:,}" for s, n in counts.items()) + ")")
    out.write("\n")
    if book.warnings:
        out.write(f"\n{counted(len(book.warnings), 'warning')}:\n")
        for warning in book.warnings:
            out.write(f"  - {warning}\n")
    return 0


# A figure summed from every event up to a date names hundreds of thousands of rows: the first ones are
# listed, and how many there are. (All of them, for ten thousand claims, would not fit in memory.)
ROWS_LISTED = 100


def check_payload(book: Any, result: CheckResult) -> dict[str, Any]:
    checked, overall = result.checked, result.overall
    by_key = {key: group for key, group in checked.groupby("key", sort=False)}
    claims = []
    for claim in records(book.claims[["key", "text", "claimant", "place", "measure", "figure_text", "as_of",
                                      "period_start", "period_end", "value", "low", "high"]]):
        group = by_key.get(claim["key"])
        sources = []
        if group is not None:
            for row in group.itertuples(index=False):
                sources.append({"source": _text(row.source), "attributed": bool(row.attributed),
                                "place": _text(row.place) or None, "measure": _text(row.measure) or None,
                                "date": _plain(row.date),
                                "value": _plain(row.value), "low": _plain(row.low), "high": _plain(row.high),
                                "open_above": bool(np.isinf(row.high)) if row.high == row.high else False,
                                "figure_text": _text(row.figure_text) or None,
                                "kind": _text(row.kind) or None, "method": _text(row.method) or None,
                                "age_days": _plain(row.age_days), "assessment": _text(row.assessment),
                                "sheet": _text(row.sheet) or None,
                                "rows": [int(r) for r in row.rows[:ROWS_LISTED]], "row_count": len(row.rows)})
        claims.append({**claim, "assessment": overall[claim["key"]], "sources": sources})
    return {"claims": claims}


def _tolerance_ok(args: argparse.Namespace) -> bool:
    from reviewer.core.assessments import tolerance_problem

    problem = None if args.tolerance is None else tolerance_problem(args.tolerance)
    if problem:
        sys.stderr.write(f"reviewer: {problem}\n")
    return problem is None


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from reviewer.api import check_settings
    from reviewer.core.session import CheckResult

    if not _tolerance_ok(args):
        return 2
    book = _open(args.files)
    # The check needs no verdicts: the store is not opened, so `check` never writes to it.
    payload = check_payload(book, CheckResult.compute(book, check_settings(tolerance=args.tolerance)))
    if args.json:
        _dump(payload, out)
        return 0
    for claim in payload["claims"]:
        when = claim["as_of"] or ""
        if claim["period_start"] and claim["period_end"]:
            when = period_label(dt.date.fromisoformat(claim["period_start"][:10]),
                                dt.date.fromisoformat(claim["period_end"][:10]))
        elif claim["period_start"]:
            when = f"since {claim['period_start']}"
        out.write(f"{claim['key']}  {claim['figure_text']!s:<16} {claim['claimant']!s:<22} {when:<24} "
                  f"=> {claim['assessment']}\n")
        for source in payload_sources(claim):
            out.write(source)
    if not payload["claims"]:
        out.write("No claims found. `reviewer inspect FILE` shows how the sheets were read.\n")
    return 0


def payload_sources(claim: dict[str, Any]) -> list[str]:
    lines = []
    for s in claim["sources"]:
        figure = s["figure_text"] or interval_label(
            s["value"] if s["value"] is not None else math.nan, s["low"] if s["low"] is not None else math.nan,
            math.inf if s["open_above"] else (s["high"] if s["high"] is not None else math.nan)) or "–"
        mark = "*" if s["attributed"] else " "
        rows = ", ".join(map(str, s["rows"][:5])) + (f" … ({s['row_count']:,} rows)" if s["row_count"] > 5 else "")
        # Which place's and measure's figure it is; with no figure, why ("no figures for India").
        about = " · ".join(str(p) for p in (s.get("place"), s.get("measure")) if p)
        why = s.get("method") if s["assessment"] == "no data" and s.get("method") else ""
        lines.append(f"   {mark} {s['source']:<24} {figure:>14}  {s['date'] or '':<10}  {s['assessment']:<12}"
                     f"{'  rows ' + rows if rows else ''}{'  (' + about + ')' if about else ''}"
                     f"{'  ' + why if why else ''}\n")
    return lines


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from reviewer.api import (
        EXPORT_FORMATS,
        export_snapshot,
        open_session,
        refuse_to_drop_exported_verdicts,
        unknown_ending,
    )

    if not _tolerance_ok(args):
        return 2
    if Path(args.out).suffix.lower() not in EXPORT_FORMATS:  # said before the files are read, not after
        sys.stderr.write(f"reviewer: cannot write {args.out}: {unknown_ending()}\n")
        return 2
    book = _open(args.files)
    session = open_session(book, tolerance=args.tolerance)
    for notice in session.review.notices:  # a damaged store set aside; a copy elsewhere with verdicts
        sys.stderr.write(f"reviewer: {notice}\n")
    refuse_to_drop_exported_verdicts(session.review, args.out)
    snapshot = session.snapshot()
    path = export_snapshot(snapshot, args.out)
    reviewed, total = snapshot.progress
    out.write(f"wrote {path}: {reviewed} of {total} claims reviewed\n")
    return 0


def _summary(args: argparse.Namespace, out: TextIO) -> int:
    from reviewer.io.summary import read_summary

    summary = read_summary(args.file)
    if args.json:
        _dump(summary, out)
        return 0
    out.write(f"{summary['reviewed']} of {summary['total']} claims reviewed\n")
    for label, count in summary["verdicts"].items():
        out.write(f"  {label:<32} {count}\n")
    return 0


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    handler = {"inspect": _inspect, "check": _check, "export": _export, "summary": _summary}[args.command]
    try:
        return handler(args, out)
    except LoadError as error:
        message = str(error)
        if not message.startswith("cannot open"):
            name = getattr(args, "file", None) or (args.files[0] if getattr(args, "files", None) else "")
            message = f"cannot open {name}: {message}"
        sys.stderr.write(f"reviewer: {message}\n")
        return 2
    except ReviewerError as error:
        sys.stderr.write(f"reviewer: {error}\n")
        return 2
    except BrokenPipeError:
        return 0
