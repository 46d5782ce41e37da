"""Background work as the status bar shows it: a message, progress, and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from reviewer.ui.background import Job, start_job

__all__ = ["Busy"]


class Busy(QObject):
    """Runs one job at a time; a new one cancels the one before (its late result is dropped)."""

    def __init__(self, label: QLabel, progress: QProgressBar, cancel: QPushButton,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label, self.progress, self.cancel_button = label, progress, cancel
        self.job: Job | None = None
        cancel.clicked.connect(self.cancel)
        progress.hide()
        cancel.hide()

    def say(self, message: str) -> None:
        self.label.setText(message)

    def run(self, job: Job, message: str, succeeded: Callable[[Any], None], failed: Callable[[str], None]) -> None:
        """Start background work. ``succeeded`` and ``failed`` are slots of objects living in the window's
        thread, so they run there."""
        if self.job is not None:
            self.job.cancel()
        job.progressed.connect(self.on_job_progressed)
        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        self.label.setText(message)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.job = start_job(job)

    def end(self, message: str = "") -> None:
        self.job = None
        self.progress.hide()
        self.cancel_button.hide()
        self.label.setText(message)

    @Slot(int, int, str)
    def on_job_progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.label.setText(message)

    @Slot()
    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        self.end("Cancelled.")

    def stop(self) -> None:
        """Closing: the job's result, when it comes, is dropped."""
        if self.job is not None:
            self.job.cancel()
            self.job = None
