"""The editor's preferences: a typed value with a schema version, saved by reviewer.io.preferences_file."""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer.core.assessments import DEFAULT_TOLERANCE
from reviewer.core.verdicts import DEFAULT_VERDICTS, VerdictScale

__all__ = ["SCHEMA_VERSION", "Preferences"]

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
        """Preferences from saved JSON; anything missing or malformed falls back to its default."""
        prefs = cls()
        if not isinstance(data, dict):
            return prefs
        if isinstance(data.get("reviewer"), str):
            prefs.reviewer = data["reviewer"]
        labels = data.get("verdicts")
        if isinstance(labels, list) and labels and all(isinstance(x, str) and x.strip() for x in labels):
            prefs.verdicts = list(dict.fromkeys(x.strip() for x in labels))
        if isinstance(data.get("colours"), dict):
            prefs.colours = {str(k): str(v) for k, v in data["colours"].items()}
        tolerance = data.get("tolerance")
        if isinstance(tolerance, int | float) and 0 <= tolerance < 10:
            prefs.tolerance = float(tolerance)
        aliases = data.get("aliases")
        if isinstance(aliases, dict):
            prefs.aliases = {str(k): [str(x) for x in v] for k, v in aliases.items() if isinstance(v, list)}
        prefs.advance_after_verdict = data.get("advance_after_verdict") is True
        return prefs
