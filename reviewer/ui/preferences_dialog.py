"""Preferences: the reviewer's name, the verdict scale, the tolerance and source aliases."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from reviewer.core.preferences import Preferences

__all__ = ["PreferencesDialog", "parse_aliases"]


def parse_aliases(text: str) -> dict[str, list[str]]:
    """ "Source: alias, alias" per line."""
    aliases: dict[str, list[str]] = {}
    for line in text.splitlines():
        if ":" not in line:
            continue
        name, rest = line.split(":", 1)
        names = [a.strip() for a in rest.split(",") if a.strip()]
        if name.strip() and names:
            aliases[name.strip()] = names
    return aliases


class PreferencesDialog(QDialog):
    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.resize(520, 480)
        self.name = QLineEdit(prefs.reviewer)
        self.name.setAccessibleName("Your name, as reviewer")
        self.scale = QPlainTextEdit("\n".join(prefs.verdicts))
        self.scale.setAccessibleName("Verdict scale, one label per line")
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setRange(0, 100)
        self.tolerance.setDecimals(1)
        self.tolerance.setSuffix(" %")
        self.tolerance.setValue(prefs.tolerance * 100)
        self.tolerance.setAccessibleName("Tolerance for a match")
        self.aliases = QPlainTextEdit("\n".join(f"{k}: {', '.join(v)}" for k, v in prefs.aliases.items()))
        self.aliases.setPlaceholderText("CJTF-OIR: the coalition, Operation Inherent Resolve")
        self.aliases.setAccessibleName("Other names for sources")
        self.advance = QCheckBox("After a verdict, go to the next unreviewed claim")
        self.advance.setChecked(prefs.advance_after_verdict)
        form = QFormLayout(self)
        form.addRow("Your name:", self.name)
        form.addRow("Verdict scale\n(one per line, in key order 1–9):", self.scale)
        form.addRow("A figure matches within:", self.tolerance)
        form.addRow("Other names for sources:", self.aliases)
        form.addRow("", self.advance)
        form.addRow(QLabel("Changes to the scale apply to reviews opened from now on."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.prefs = prefs

    def result_preferences(self) -> Preferences:
        labels = [line.strip() for line in self.scale.toPlainText().splitlines() if line.strip()]
        updated = Preferences.from_json({**self.prefs.to_json(), "reviewer": self.name.text().strip(),
                                         "verdicts": labels or self.prefs.verdicts,
                                         "tolerance": self.tolerance.value() / 100,
                                         "aliases": parse_aliases(self.aliases.toPlainText()),
                                         "advance_after_verdict": self.advance.isChecked()})
        return updated
