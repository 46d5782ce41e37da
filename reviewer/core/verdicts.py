"""The editor's judgement: a verdict from a scale, with a note, who and when."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

__all__ = ["DEFAULT_COLOURS", "DEFAULT_VERDICTS", "HEX_COLOUR", "HistoryEntry", "Verdict", "VerdictScale", "now_iso"]

DEFAULT_VERDICTS: tuple[str, ...] = (
    "Accurate",
    "Accurate but needs context",
    "Understated",
    "Overstated",
    "Wrong metric",
    "Misattributed",
    "Outdated",
    "Unverifiable",
)

# Fill colours chosen to be told apart with the label beside them (never colour alone): greens for
# accurate, ambers for context and age, reds for wrong, grey for what cannot be checked.
DEFAULT_COLOURS: dict[str, str] = {
    "Accurate": "#C6EFCE",
    "Accurate but needs context": "#E2F0D9",
    "Understated": "#FFE699",
    "Overstated": "#F8CBAD",
    "Wrong metric": "#F4B183",
    "Misattributed": "#FFC7CE",
    "Outdated": "#FCE4D6",
    "Unverifiable": "#D9D9D9",
}
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")  # the form every export and the window accept
_SPARE_COLOURS = ("#BDD7EE", "#DDEBF7", "#E4DFEC", "#FFF2CC", "#EDEDED", "#D0CECE")


@dataclass(frozen=True, slots=True)
class VerdictScale:
    labels: tuple[str, ...] = DEFAULT_VERDICTS
    colours: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))

    def colour(self, label: str) -> str:
        if label in self.colours:
            return self.colours[label]
        index = self.labels.index(label) if label in self.labels else len(label)
        return _SPARE_COLOURS[index % len(_SPARE_COLOURS)]

    def to_json(self) -> dict[str, object]:
        return {"labels": list(self.labels), "colours": {label: self.colour(label) for label in self.labels}}

    @classmethod
    def from_json(cls, data: object) -> VerdictScale:
        if not isinstance(data, dict) or not isinstance(data.get("labels"), list):
            return cls()
        # Labels edited by hand into numbers, nulls or blanks are no labels.
        labels = tuple(dict.fromkeys(label.strip() for label in data["labels"] if isinstance(label, str) and
                                     label.strip()))
        if not labels:
            return cls()
        colours = data.get("colours") if isinstance(data.get("colours"), dict) else {}
        # A colour that is not #RRGGBB (a hand-edited store or workbook) takes the label's default.
        return cls(labels, {str(k): v.upper() for k, v in (colours or {}).items()
                            if isinstance(v, str) and HEX_COLOUR.fullmatch(v)})


@dataclass(frozen=True, slots=True)
class Verdict:
    key: str
    verdict: str | None
    note: str
    reviewer: str
    time: str  # ISO 8601, UTC


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    key: str
    old_verdict: str | None
    new_verdict: str | None
    old_note: str
    new_note: str
    reviewer: str
    time: str


def now_iso() -> str:
    """The time a verdict is made: ISO 8601, UTC, to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
