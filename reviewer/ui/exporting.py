"""Exporting: the annotated workbook (in the background, with progress), the claims as CSV or ClaimReview
JSON-LD, the plot as an image, and the question on closing with verdicts not yet exported."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reviewer.core.errors import ReviewerError
from reviewer.ui.background import Job
from reviewer.ui.busy import Busy
from reviewer.ui.dialogs import show_error
from reviewer.ui.verdict_bar import VerdictBar

if TYPE_CHECKING:
    from reviewer.core.session import ReviewSession
    from reviewer.plots.timeseries_plot import TimeSeriesPlot

__all__ = ["ExportController", "suggested_path"]

CLOSE_QUESTION = "Export before closing?"


def suggested_path(opened: str, suffix: str) -> Path:
    """``NAME-reviewed.xlsx`` beside the opened file; in the home folder when that folder cannot be
    written (the sample, inside the installed package)."""
    first = Path(opened).resolve()
    folder = first.parent
    package = Path(__file__).resolve().parents[1]
    if not os.access(folder, os.W_OK) or folder.is_relative_to(package):
        folder = Path.home()
    return folder / f"{first.stem}-reviewed{suffix}"


class ExportController(QObject):

    def __init__(self, parent: QWidget, busy: Busy, bar: VerdictBar, undo_stack: QUndoStack,
                 session: Callable[[], ReviewSession | None], plot: Callable[[], TimeSeriesPlot | None]) -> None:
        super().__init__(parent)
        self.parent_widget, self.busy, self.bar, self.undo_stack = parent, busy, bar, undo_stack
        self.session, self.plot = session, plot
        self._close_after = False
        self.question: QMessageBox | None = None

    def _ask_path(self, title: str, suffix: str, pattern: str) -> str:
        session = self.session()
        if session is None:
            return ""
        suggested = suggested_path(session.book.files[0].path, suffix)
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, title, str(suggested), pattern)
        return path

    @Slot()
    def export_dialog(self) -> None:
        path = self._ask_path("Export annotated workbook", ".xlsx", "Excel workbook (*.xlsx)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the annotated workbook in the background, with progress."""
        session = self.session()
        if session is None:
            return
        self.bar.flush_note()
        # Taken here, in the window's thread: the export writes this copy while the editor goes on.
        snapshot = session.snapshot()
        holds, restarted = bool(snapshot.verdicts), session.review.store_restarted
        from reviewer.api import export_snapshot, refuse_empty_export

        def write(report: Any) -> Path:
            refuse_empty_export(path, holds, restarted)  # an earlier export may be the one place they are
            return export_snapshot(snapshot, path, report)

        job = Job(write)
        self.busy.run(job, f"Exporting to {Path(path).name}…", self.on_export_succeeded, self.on_export_failed)

    @Slot(object)
    def on_export_succeeded(self, path: Path) -> None:
        self.busy.end(f"Exported {path}")
        self.undo_stack.setClean()
        if self._close_after:
            self._close_after = False
            self.parent_widget.close()

    @Slot(str)
    def on_export_failed(self, message: str) -> None:
        self._close_after = False
        self.busy.end("")
        show_error(self.parent_widget, "The export did not complete", message)

    def export_other(self, kind: str) -> None:
        """The claims and their verdicts as CSV (kind "csv") or as ClaimReview JSON-LD."""
        session = self.session()
        if session is None:
            return
        from reviewer.api import export_snapshot, refuse_empty_export

        suffix, title, pattern = ((".csv", "Export claims as CSV", "CSV (*.csv)") if kind == "csv" else
                                  (".jsonld", "Export ClaimReview JSON-LD", "JSON-LD (*.jsonld *.json)"))
        path = self._ask_path(title, suffix, pattern)
        if not path:
            return
        self.bar.flush_note()
        try:  # the name's ending decides what is written, as for `reviewer export`
            snapshot = session.snapshot()
            refuse_empty_export(path, bool(snapshot.verdicts), session.review.store_restarted)
            export_snapshot(snapshot, path)
        except ReviewerError as error:
            show_error(self.parent_widget, "The export did not complete", str(error))
            return
        self.busy.say(f"Exported {path}")

    @Slot()
    def export_csv(self) -> None:
        self.export_other("csv")

    @Slot()
    def export_jsonld(self) -> None:
        self.export_other("jsonld")

    @Slot()
    def save_plot(self) -> None:
        plot = self.plot()
        if plot is None:
            return
        session = self.session()
        folder = suggested_path(session.book.files[0].path, ".png").parent if session is not None else Path.home()
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, "Save the plot", str(folder / "figures.png"),
                                              "PNG image (*.png);;SVG drawing (*.svg)")
        if path:
            try:
                plot.save(path)
            except OSError as error:
                show_error(self.parent_widget, "The plot was not saved", f"{path} could not be written "
                           f"({error.strerror}); choose another folder")

    # -- closing
    def may_close(self) -> bool:
        """True when the window may close now. With verdicts changed since the last export, asks "Export
        before closing?" without blocking: the answer closes the window, or exports and then closes."""
        if self.session() is None or self.undo_stack.isClean():
            return True
        if self.question is None:
            box = QMessageBox(QMessageBox.Icon.Question, "Reviewer", CLOSE_QUESTION,
                              QMessageBox.StandardButton.NoButton, self.parent_widget)
            box.setObjectName("closeQuestion")
            box.setInformativeText("Verdicts or notes changed since the last export. They are kept in any case "
                                   "and come back when you open the workbook again.")
            box.addButton("Export…", QMessageBox.ButtonRole.AcceptRole)
            box.addButton("Close", QMessageBox.ButtonRole.DestructiveRole)
            cancel = box.addButton(QMessageBox.StandardButton.Cancel)
            box.setEscapeButton(cancel)
            box.buttonClicked.connect(self.on_question_answered)
            self.question = box
        self.question.open()
        return False

    @Slot(object)
    def on_question_answered(self, button: object) -> None:
        box = self.question
        if box is None:
            return
        role = box.buttonRole(button)  # type: ignore[arg-type]
        if role == QMessageBox.ButtonRole.DestructiveRole:
            self.undo_stack.setClean()  # the verdicts are in the store: nothing is lost by closing
            self.parent_widget.close()
        elif role == QMessageBox.ButtonRole.AcceptRole:
            path = self._ask_path("Export annotated workbook", ".xlsx", "Excel workbook (*.xlsx)")
            if path:
                self._close_after = True
                self.export_to(path)
