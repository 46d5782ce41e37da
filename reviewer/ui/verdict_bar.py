"""The verdict buttons (keys 1 to 9), the note, and who set the verdict when."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from reviewer.core.verdicts import Verdict, VerdictScale

__all__ = ["VerdictBar"]

NOTE_SAVE_DELAY_MS = 500  # a note being typed reaches the store within a second


class VerdictBar(QWidget):
    verdict_chosen = Signal(str)  # label, or "" to clear
    note_edited = Signal(str, str)  # the claim's key, and its note
    note_left = Signal()  # Enter, Escape or Tab in the note: back to the claims list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: list[QPushButton] = []
        self._buttons_row = QHBoxLayout()
        self._buttons_row.setSpacing(4)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note: why this verdict (saved as you type)")
        self.note.setAccessibleName("Note for the selected claim")
        self.status = QLabel("Select a claim, then press 1–9 to record a verdict.")
        self.status.setAccessibleName("Who set the verdict, and when")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        clear = QPushButton("Clear")
        clear.setToolTip("Clear the verdict (0)")
        clear.clicked.connect(lambda: self.verdict_chosen.emit(""))
        clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click keeps the keyboard in the claims list
        self._buttons_row.addStretch(0)
        row = QHBoxLayout()
        row.addLayout(self._buttons_row, 3)
        row.addWidget(clear)
        note_row = QHBoxLayout()
        note_row.addWidget(QLabel("Note:"))
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(row)
        layout.addLayout(note_row)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._timer.timeout.connect(self.on_timer_timeout)
        self.note.textEdited.connect(lambda _: self._timer.start())
        self.note.editingFinished.connect(self.flush_note)
        self.note.installEventFilter(self)
        self._shown_note: str | None = ""  # None: the note in the field is not in the store yet
        self._key = ""  # the claim the note belongs to, kept so a late save never lands on the next claim
        self._keys = "1–9"  # the number keys the verdict scale has (set_scale)

    def set_scale(self, scale: VerdictScale) -> None:
        for button in self.buttons:
            self._buttons_row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self._keys = f"1–{min(len(scale.labels), 9)}" if len(scale.labels) > 1 else "1"  # the keys that set one
        self.status.setText(f"Select a claim, then press {self._keys} to record a verdict.")
        for number, label in enumerate(scale.labels, start=1):
            text = f"{number}  {label}" if number <= 9 else label
            button = QPushButton(text)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click keeps the keyboard in the claims list
            button.setToolTip(f"Set the verdict “{label}” ({number})" if number <= 9 else label)
            button.setAccessibleName(f"Verdict {label}")
            button.setStyleSheet(f"QPushButton:checked {{ background: {scale.colour(label)}; color: #1a1a1a; "
                                 "border: 2px solid #333; }")  # bold would overflow the button
            button.clicked.connect(lambda _=False, chosen=label: self.verdict_chosen.emit(chosen))
            self._buttons_row.insertWidget(self._buttons_row.count() - 1, button)
            self.buttons.append(button)

    def show_verdict(self, key: str, verdict: Verdict | None, enabled: bool = True) -> None:
        self.flush_note()
        self._key = key
        for button in self.buttons:
            button.setChecked(bool(verdict and button.text().split("  ")[-1] == verdict.verdict))
            button.setEnabled(enabled)
        self.note.setEnabled(enabled)
        note = verdict.note if verdict else ""
        if self.note.text() != note:
            self.note.setText(note)
        self._shown_note = note
        if verdict and verdict.verdict:
            self.status.setText(f"Set by {verdict.reviewer} at {verdict.time.replace('T', ' ').rstrip('Z')} UTC")
        elif enabled:
            self.status.setText(f"Not reviewed yet: press {self._keys}")
        else:
            self.status.setText("Select a claim to record a verdict")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter, Escape and Tab end the note: it is saved and the keyboard goes back to the claims, so
        the next digit sets a verdict instead of landing in the note."""
        if watched is self.note and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_Tab):
            self.flush_note()
            self.note_left.emit()
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def on_timer_timeout(self) -> None:
        self.flush_note()

    def flush_note(self) -> None:
        """Send the note if it changed since it was shown or last sent."""
        self._timer.stop()
        text = self.note.text()
        if text != self._shown_note and self._key:
            self._shown_note = text
            self.note_edited.emit(self._key, text)

    def note_not_kept(self, key: str) -> None:
        """The store refused the note: it stays in the field, and is sent again at the next pause or leave."""
        if key == self._key:
            self._shown_note = None
