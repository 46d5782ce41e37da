"""Exporting from the window: the annotated workbook (in the background, with progress), the claims
as CSV or ClaimReview JSON-LD, and the plot as an image."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QFileDialog

from reviewer.core.errors import ReviewerError
from reviewer.ui.background import Job
from reviewer.ui.dialogs import show_error

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

__all__ = ["ExportActions"]


class ExportActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    @Slot()
    def export_dialog(self) -> None:
        review = self.window.review
        if review is None:
            return
        first = Path(review.book.files[0].path)
        suggested = first.with_name(f"{first.stem}-reviewed.xlsx")
        path, _ = QFileDialog.getSaveFileName(self.window, "Export annotated workbook", str(suggested),
                                              "Excel workbook (*.xlsx)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the annotated workbook in the background, with progress."""
        window = self.window
        if window.session is None:
            return
        window.verdict_bar.flush_note()
        # Taken here, in the window's thread: the export writes this copy while the editor goes on.
        snapshot = window.session.snapshot()
        from reviewer.io.export import export_workbook

        job = Job(lambda report: export_workbook(snapshot, Path(path), progress=report))
        window.run_job(job, f"Exporting to {Path(path).name}…", self.on_export_succeeded, self.on_export_failed)

    @Slot(object)
    def on_export_succeeded(self, path: Path) -> None:
        self.window.end_busy(f"Exported {path}")
        self.window.undo_stack.setClean()

    @Slot(str)
    def on_export_failed(self, message: str) -> None:
        self.window.on_job_failed("The export did not complete", message)

    def export_other(self, kind: str) -> None:
        """The claims and their verdicts as CSV (kind "csv") or as ClaimReview JSON-LD."""
        review = self.window.review
        if review is None:
            return
        from reviewer.io.claim_exports import export_claimreview, export_csv

        first = Path(review.book.files[0].path)
        suffix, title, pattern = ((".csv", "Export claims as CSV", "CSV (*.csv)") if kind == "csv" else
                                  (".jsonld", "Export ClaimReview JSON-LD", "JSON-LD (*.jsonld *.json)"))
        path, _ = QFileDialog.getSaveFileName(self.window, title,
                                              str(first.with_name(f"{first.stem}-reviewed{suffix}")), pattern)
        if not path:
            return
        session = self.window.session
        if session is None:
            return
        self.window.verdict_bar.flush_note()
        try:
            if kind == "csv":
                export_csv(session.snapshot(), Path(path))
            else:
                export_claimreview(session.snapshot(), Path(path))
        except ReviewerError as error:
            show_error(self.window, "The export did not complete", str(error))
            return
        self.window.status_label.setText(f"Exported {path}")

    @Slot()
    def save_plot(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "Save the plot", str(Path.home() / "figures.png"),
                                              "PNG image (*.png);;SVG drawing (*.svg)")
        if path:
            try:
                self.window.plot.save(path)
            except OSError as error:
                show_error(self.window, "The plot was not saved", f"{path} could not be written "
                           f"({error.strerror}); choose another folder")
