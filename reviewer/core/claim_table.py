"""The claims as the window lists them: display columns as arrays, filtered and sorted vectorized.

The Qt model only holds the row order this returns and reads cells from these arrays; filtering
10,000 claims on each keystroke is a few numpy calls, never a Python loop over rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from reviewer.core.dates import period_label
from reviewer.core.figures import readable_figure
from reviewer.core.verdicts import Verdict
from reviewer.core.workbook import Workbook

if TYPE_CHECKING:
    from reviewer.core.session import CheckResult

__all__ = ["COLUMNS", "ClaimTable"]

COLUMNS = ("key", "text", "claimant", "figure", "as_of", "assessment", "verdict", "place")
HEADERS = {"key": "Key", "text": "Claim", "claimant": "Claimant", "figure": "Figure", "as_of": "As of",
           "assessment": "Assessment", "verdict": "Verdict", "place": "Place"}
UNREVIEWED = ""


def _dates(values: pd.Series) -> np.ndarray:
    return np.array(["" if pd.isna(v) else v.strftime("%Y-%m-%d") for v in values], dtype=object)


@dataclass(slots=True)
class ClaimTable:
    keys: np.ndarray
    columns: dict[str, np.ndarray]  # display text per column
    search: np.ndarray  # lowercased text each claim is found by
    as_of: np.ndarray  # datetime64 for sorting by date
    positions: dict[str, int]  # key -> position, for updating one claim after a verdict

    @classmethod
    def build(cls, book: Workbook, result: CheckResult, verdicts: Mapping[str, Verdict]) -> ClaimTable:
        claims = book.claims
        keys = claims["key"].to_numpy(dtype=object)
        periods = [period_label(s.date(), e.date(), short=True) if not pd.isna(s) and not pd.isna(e) else ""
                   for s, e in zip(claims["period_start"], claims["period_end"], strict=True)]
        as_of = _dates(claims["as_of"])
        as_of = np.array([p or a for p, a in zip(periods, as_of, strict=True)], dtype=object)
        assessments = result.overall.to_numpy(dtype=object) if len(claims) else np.array(
            [], dtype=object)
        verdict_column = np.array([verdicts[k].verdict or UNREVIEWED if k in verdicts else UNREVIEWED for k in keys],
                                  dtype=object)
        columns = {
            "key": keys,
            "text": claims["text"].astype(str).to_numpy(dtype=object),
            "claimant": claims["claimant"].astype(str).to_numpy(dtype=object),
            "place": (claims["place"].fillna("").astype(str) if "place" in claims else
                      pd.Series("", index=claims.index)).to_numpy(dtype=object),
            "figure": np.array([readable_figure(t) for t in claims["figure_text"].astype(str)], dtype=object),
            "as_of": as_of,
            "assessment": assessments,
            "verdict": verdict_column,
        }
        search = (claims["key"].astype(str) + "\x1f" + claims["text"].astype(str) + "\x1f"
                  + claims["claimant"].astype(str) + "\x1f" + claims["figure_text"].astype(str) + "\x1f"
                  + columns["place"].astype(str)).str.lower()
        return cls(keys, columns, search.to_numpy(dtype=str), claims["as_of"].to_numpy("datetime64[ns]"),
                   {str(k): i for i, k in enumerate(keys)})

    def __len__(self) -> int:
        return len(self.keys)

    def set_verdict(self, index: int, verdict: str | None) -> None:
        self.columns["verdict"][index] = verdict or UNREVIEWED

    def reviewed_count(self) -> int:
        return int(np.count_nonzero(self.columns["verdict"] != UNREVIEWED))

    def filter(self, text: str = "", assessment: str | None = None, verdict: str | None = None,
               unreviewed_only: bool = False) -> np.ndarray:
        """Positions of the claims that pass every filter, in workbook order."""
        keep = np.ones(len(self), dtype=bool)
        for word in text.lower().split():
            keep &= np.char.find(self.search, word) >= 0
        if assessment:
            keep &= self.columns["assessment"] == assessment
        if verdict:
            keep &= self.columns["verdict"] == (UNREVIEWED if verdict == "(none)" else verdict)
        if unreviewed_only:
            keep &= self.columns["verdict"] == UNREVIEWED
        return np.flatnonzero(keep)

    def sort(self, positions: np.ndarray, column: str, descending: bool = False) -> np.ndarray:
        """The positions ordered by a column (stable, so equal values keep workbook order)."""
        if column == "as_of":
            values = self.as_of[positions].view(np.int64)
            order = np.argsort(values, kind="stable")
        else:
            values = self.columns[column][positions].astype(str)
            order = np.argsort(np.char.lower(values), kind="stable")
        if descending:
            order = order[::-1]
        return positions[order]

    def next_unreviewed(self, order: np.ndarray, after: int) -> int | None:
        """The place in ``order`` of the first unreviewed claim after place ``after``, wrapping round."""
        unreviewed = self.columns["verdict"][order] == UNREVIEWED
        places = np.flatnonzero(unreviewed)
        if not len(places):
            return None
        later = places[places > after]
        return int(later[0] if len(later) else places[0])
