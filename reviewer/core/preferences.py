"""The editor's preferences: a typed value with a schema version, saved by reviewer.io.preferences_file."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from reviewer.core.assessments import DEFAULT_TOLERANCE, tolerance_problem
from reviewer.core.verdicts import DEFAULT_VERDICTS, HEX_COLOUR, VerdictScale

__all__ = ["SCHEMA_VERSION", "Preferences"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1


@dataclass(slots=True)
class Preferences:
    reviewer: str = ""
    verdicts: list[str] = field(default_factory=lambda: list(DEFAULT_VERDICTS))
    colours: dict[str, str] = field(default_factory=dict)
    tolerance: float = DEFAULT_TOLERANCE
    aliases: dict[str, list[str]] = field(default_factory=dict)
    advance_after_verdict: bool = False  # after a verdict, go to the next unreviewed claim
    schema_version: int = SCHEMA_VERSION

    @property
    def scale(self) -> VerdictScale:
        base = VerdictScale()
        colours = {label: self.colours.get(label) or base.colour(label) for label in self.verdicts}
        return VerdictScale(tuple(self.verdicts), colours)

    def to_json(self) -> dict[str, object]:
        return {"schema_version": self.schema_version, "reviewer": self.reviewer, "verdicts": self.verdicts,
                "colours": self.colours, "tolerance": self.tolerance, "aliases": self.aliases,
                "advance_after_verdict": self.advance_after_verdict}

    @classmethod
    def from_json(cls, data: object) -> Preferences:
        """Preferences from saved JSON: each value that is missing or malformed falls back to its default,
        with a log line naming it; a bad value never stops the rest from being read."""
        prefs = cls()
        if not isinstance(data, dict):
            if data is not None:
                log.warning("preferences: the file holds %s, not a set of settings; using the defaults",
                            type(data).__name__)
            return prefs
        reviewer = data.get("reviewer", "")
        if isinstance(reviewer, str) and len(reviewer) <= 200:
            prefs.reviewer = _readable(reviewer).strip()
        else:
            _fallback("reviewer", reviewer)
        labels = data.get("verdicts", prefs.verdicts)
        if isinstance(labels, list) and 0 < len(labels) <= 50 and all(
                isinstance(x, str) and x.strip() and len(x) <= 200 for x in labels):
            prefs.verdicts = list(dict.fromkeys(_readable(x).strip() for x in labels))
        else:
            _fallback("verdicts", labels)
        colours = data.get("colours", {})
        if isinstance(colours, dict):
            for label, colour in colours.items():
                if isinstance(colour, str) and HEX_COLOUR.fullmatch(colour.strip()):
                    prefs.colours[_readable(str(label))] = colour.strip().upper()
                else:
                    _fallback(f"colour of {label!r}", colour)
        else:
            _fallback("colours", colours)
        tolerance = data.get("tolerance", prefs.tolerance)
        if isinstance(tolerance, int | float) and not isinstance(tolerance, bool) and \
                tolerance_problem(tolerance) is None:
            prefs.tolerance = float(tolerance)
        else:  # NaN, a bool, a text or a number out of range
            _fallback("tolerance", tolerance)
        aliases = data.get("aliases", {})
        if isinstance(aliases, dict):
            for source, names in aliases.items():
                if isinstance(names, list) and all(isinstance(x, str) for x in names):
                    prefs.aliases[_readable(str(source))] = [_readable(x) for x in names]
                else:
                    _fallback(f"aliases of {source!r}", names)
        else:
            _fallback("aliases", aliases)
        advance = data.get("advance_after_verdict", False)
        if isinstance(advance, bool):
            prefs.advance_after_verdict = advance
        else:
            _fallback("advance_after_verdict", advance)
        return prefs


def _fallback(name: str, value: object) -> None:
    shown = repr(value)
    log.warning("preferences: %s is not usable (%s); using the default", name,
                shown if len(shown) <= 80 else shown[:77] + "...")


def _readable(text: str) -> str:
    """Text with any lone surrogate (half of a character) replaced, so that it can be saved and shown."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text
