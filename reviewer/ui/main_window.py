"""The review window: assembles the widgets and wires them in one place, _connect_signals()."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.assessments import ASSESSMENTS
from reviewer.core.errors import ReviewerError
from reviewer.io.preferences_file import load_preferences, save_preferences
from reviewer.ui.background import Job, start_job
from reviewer.ui.claims_view import ClaimsView
from reviewer.ui.dialog_actions import DialogActions
from reviewer.ui.dialogs import show_error
from reviewer.ui.export_actions import ExportActions
from reviewer.ui.main_thread_gc import collect_in_main_thread
from reviewer.ui.start_page import StartPage
from reviewer.ui.verdict_bar import VerdictBar
from reviewer.ui.window_settings import WindowSettings

if TYPE_CHECKING:
    from reviewer.core.claim_table import ClaimTable
    from reviewer.core.review import Review
    from reviewer.core.session import ReviewSession
    from reviewer.ui.loaded import Loaded

# The review page (pandas, numpy, pyqtgraph) is built when the first workbook opens, so that the
# window itself appears about as fast as an empty Qt window.

__all__ = ["FILE_FILTER", "MainWindow"]

log = logging.getLogger(__name__)
FILE_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv *.tsv *.txt);;All files (*)"


class MainWindow(QMainWindow):
    workbook_loaded = Signal()

    def __init__(self) -> None:
        super().__init__()
        collect_in_main_thread()  # background jobs must never free the window's objects
        self.setWindowTitle("Reviewer")
        self.setAcceptDrops(True)
        self.resize(1440, 900)
        self.settings = WindowSettings()
        self.prefs = load_preferences()
        self.loaded: Loaded | None = None
        self._plot_harm = "deaths"
        self.review: Review | None = None  # the session's verdicts
        self.session: ReviewSession | None = None
        self.table: ClaimTable | None = None
        self.job: Job | None = None
        self.undo_stack = QUndoStack(self)
        self._sort: tuple[str, bool] | None = None  # column and descending; remembered between runs
        self.exports = ExportActions(self)
        self.dialogs = DialogActions(self)
        self._build_widgets()
        self._build_actions()
        self._connect_signals()
        self._restore_layout()
        self.start_page.set_recent(self.settings.recent())
        self._show_start()

    # -- building
    def _build_widgets(self) -> None:
        self.toolbar = QToolBar("Main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter claims (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter claims")
        self.filter_edit.setMaximumWidth(260)
        self.assessment_box = QComboBox()
        self.assessment_box.addItems(["Any assessment", *ASSESSMENTS])
        self.assessment_box.setAccessibleName("Filter by assessment")
        self.verdict_box = QComboBox()
        self.verdict_box.setAccessibleName("Filter by verdict")
        self.unreviewed_box = QCheckBox("Unreviewed only")
        self.count_label = QLabel("")
        self.count_label.setAccessibleName("Review progress")

        self.claims_view = ClaimsView()
        self.verdict_bar = VerdictBar()
        self.verdict_bar.set_scale(self.prefs.scale)

        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("rightSplitter")
        self._review_ready = False
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.claims_view)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setSizes([760, 680])
        review_page = QWidget()
        review_layout = QVBoxLayout(review_page)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(self.main_splitter, 1)
        review_layout.addWidget(self.verdict_bar)
        self.start_page = StartPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(review_page)
        self.setCentralWidget(self.pages)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.setAccessibleName("Progress")
        self.cancel_button = QPushButton("Cancel")
        self.status_label = QLabel("")
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                slot: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        menu = self.menuBar()
        self.open_action = self._action("&Open…", QKeySequence.StandardKey.Open, self.open_dialog)
        self.sample_action = self._action("Open the &sample", None, self.open_sample)
        self.export_action = self._action("&Export annotated workbook…", "Ctrl+E", self.exports.export_dialog)
        self.export_csv_action = self._action("Export claims as &CSV…", None, lambda: self.exports.export_other("csv"))
        self.export_jsonld_action = self._action("Export as ClaimReview &JSON-LD…", None,
                                                 lambda: self.exports.export_other("jsonld"))
        self.save_plot_action = self._action("Save the &plot as PNG or SVG…", None, self.exports.save_plot)
        self.mapping_action = self._action("Sheets and &columns…", "Ctrl+M", self.dialogs.edit_mapping)
        self.quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.next_action = self._action("&Next unreviewed claim", "Ctrl+Down", self.next_unreviewed)
        self.find_action = self._action("&Filter claims", QKeySequence.StandardKey.Find, self.focus_filter)
        self.note_action = self._action("Write a &note", "Ctrl+L", self.focus_note)
        self.history_action = self._action("&History of this claim…", "Ctrl+H", self.dialogs.show_history)
        self.orphans_action = self._action("Verdicts on claims no longer in the workbook…", None,
                                           self.dialogs.show_orphans)
        self.prefs_action = self._action("&Preferences…", "Ctrl+,", self.dialogs.edit_preferences)
        self.compare_action = self._action("&Compare sources…", "Ctrl+K", self.dialogs.compare_sources)
        self.reset_plot_action = self._action("&Reset the plot", "Ctrl+R", lambda: self.plot.reset_view())
        self.shortcuts_action = self._action("&Keyboard shortcuts", QKeySequence.StandardKey.HelpContents,
                                             self.dialogs.show_shortcuts)
        self.about_action = self._action("&About Reviewer", None, self.dialogs.show_about)
        file_menu = menu.addMenu("&File")
        for action in (self.open_action, self.sample_action):
            file_menu.addAction(action)
        self.recent_menu = file_menu.addMenu("Open &recent")
        file_menu.addSeparator()
        for action in (self.export_action, self.export_csv_action, self.export_jsonld_action, self.save_plot_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.mapping_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu("&Edit")
        for action in (self.undo_action, self.redo_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (self.next_action, self.note_action, self.find_action, self.history_action,
                       self.orphans_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.prefs_action)
        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.compare_action)
        view_menu.addAction(self.reset_plot_action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)
        self.toolbar.addAction(self.open_action)
        self.toolbar.addAction(self.export_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.undo_action)
        self.toolbar.addAction(self.redo_action)
        self.toolbar.addSeparator()
        # The filters only mean something once a workbook is open; the start page hides them.
        self.filter_actions = [self.toolbar.addWidget(widget) for widget in (
            QLabel(" Filter: "), self.filter_edit, self.assessment_box, self.verdict_box, self.unreviewed_box,
            QLabel("  "), self.count_label)]

    def _ensure_review_page(self) -> None:
        """Build the widgets that show a workbook, the first time one is opened."""
        if self._review_ready:
            return
        from reviewer.plots.timeseries_plot import TimeSeriesPlot
        from reviewer.ui.claim_detail import ClaimDetail
        from reviewer.ui.claims_model import ClaimsModel
        from reviewer.ui.sources_panel import SourcesPanel

        self.claims_model = ClaimsModel(self)
        self.claims_view.setModel(self.claims_model)
        for column, width in enumerate((56, 180, 96, 86, 90, 108, 128)):
            self.claims_view.setColumnWidth(column, width)
        header = self.settings.state("claimsHeader")
        if header is not None:
            self.claims_view.horizontalHeader().restoreState(header)
        self.detail = ClaimDetail()
        self.sources_panel = SourcesPanel()
        self.plot = TimeSeriesPlot()
        self.right_splitter.addWidget(self.detail)
        self.right_splitter.addWidget(self.sources_panel)
        self.right_splitter.addWidget(self.plot)
        self.right_splitter.setSizes([260, 220, 320])
        state = self.settings.state(self.right_splitter.objectName())
        if state is not None:
            self.right_splitter.restoreState(state)
        self.claims_view.selectionModel().currentRowChanged.connect(self.on_claims_current_row_changed)
        self.sources_panel.row_selected.connect(self.on_sources_panel_row_selected)
        self.plot.point_clicked.connect(self.on_plot_point_clicked)
        self._review_ready = True

    def _connect_signals(self) -> None:
        self.start_page.open_requested.connect(self.open_dialog)
        self.start_page.sample_requested.connect(self.open_sample)
        self.start_page.recent_requested.connect(self.on_start_page_recent_requested)
        self.recent_menu.aboutToShow.connect(self.on_recent_menu_about_to_show)
        self.filter_timer = QTimer(self)
        self.filter_timer.setSingleShot(True)
        self.filter_timer.setInterval(60)
        self.filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self.filter_timer.start)
        self.assessment_box.currentIndexChanged.connect(self.apply_filter)
        self.verdict_box.currentIndexChanged.connect(self.apply_filter)
        self.unreviewed_box.toggled.connect(self.apply_filter)
        self.claims_view.horizontalHeader().sectionClicked.connect(self.on_header_section_clicked)
        self.claims_view.verdict_key_pressed.connect(self.verdict_key)
        self.claims_view.next_requested.connect(self.next_unreviewed)
        self.verdict_bar.verdict_chosen.connect(self.on_verdict_bar_verdict_chosen)
        self.verdict_bar.note_edited.connect(self.on_verdict_bar_note_edited)
        self.undo_stack.cleanChanged.connect(self.on_undo_stack_clean_changed)
        self.cancel_button.clicked.connect(self.cancel_job)

    # -- layout memory
    def _restore_layout(self) -> None:
        geometry = self.settings.state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.state(self.main_splitter.objectName())
        if state is not None:
            self.main_splitter.restoreState(state)
        self._sort = self.settings.sort()

    def _save_layout(self) -> None:
        self.settings.set_state("geometry", self.saveGeometry())
        if self._review_ready:  # otherwise keep what the last session saved
            for splitter in (self.main_splitter, self.right_splitter):
                self.settings.set_state(splitter.objectName(), splitter.saveState())
            self.settings.set_state("claimsHeader", self.claims_view.horizontalHeader().saveState())
        self.settings.set_sort(self._sort)
        self.settings.sync()

    @Slot()
    def on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        for entry in self.settings.recent():
            action = self.recent_menu.addAction(" + ".join(Path(p).name for p in entry.split("\n")))
            action.triggered.connect(lambda _=False, e=entry: self.open_paths(e.split("\n")))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    # -- opening
    def _show_start(self) -> None:
        self.pages.setCurrentIndex(0)
        for action in self.filter_actions:
            action.setVisible(False)
        for action in (self.export_action, self.export_csv_action, self.export_jsonld_action, self.mapping_action,
                       self.compare_action, self.save_plot_action, self.history_action, self.orphans_action):
            action.setEnabled(False)

    @Slot()
    def open_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open claims and sources", str(Path.home()), FILE_FILTER)
        if paths:
            self.open_paths(paths)

    @Slot()
    def open_sample(self) -> None:
        from reviewer.sample import sample_workbook

        self.open_paths([str(sample_workbook())])

    def open_paths(self, paths: list[str]) -> None:
        """Read files in the background; the window stays usable and shows progress with Cancel."""
        if self.job is not None:
            self.job.cancel()
        from reviewer.api import check_settings
        from reviewer.ui.loaded import Loaded

        settings = check_settings(self.prefs)
        stop = threading.Event()  # Cancel ends the reader processes, not only the wait for them
        job = Job(lambda report: Loaded.load(paths, settings, report, stop), stop)
        self.run_job(job, f"Opening {', '.join(Path(p).name for p in paths)}…", self.on_load_succeeded,
                     self.on_load_failed)

    def run_job(self, job: Job, message: str, succeeded: Callable[[Any], None],
                failed: Callable[[str], None]) -> None:
        """Start background work with progress and Cancel in the status bar. ``succeeded`` and
        ``failed`` are slots of objects living in the window's thread, so they run there."""
        job.progressed.connect(self.on_job_progressed)
        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        self.status_label.setText(message)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.job = start_job(job)

    def end_busy(self, message: str = "") -> None:
        self.job = None
        self.progress.hide()
        self.cancel_button.hide()
        self.status_label.setText(message)

    @Slot(int, int, str)
    def on_job_progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status_label.setText(message)

    @Slot()
    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
        self.end_busy("Cancelled.")

    def on_job_failed(self, title: str, message: str) -> None:
        self.end_busy("")
        show_error(self, title, message)

    @Slot(str)
    def on_load_failed(self, message: str) -> None:
        self.on_job_failed("Cannot open the workbook", message)

    @Slot(bool)
    def on_undo_stack_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    @Slot(str)
    def on_start_page_recent_requested(self, entry: str) -> None:
        self.open_paths(entry.split("\n"))

    @Slot(object)
    def on_load_succeeded(self, loaded: Loaded) -> None:
        self.end_busy("")
        try:
            self.show_loaded(loaded)
        except ReviewerError as error:
            show_error(self, "Cannot open the review", str(error))
            return
        self.settings.remember(loaded.paths)
        self.start_page.set_recent(self.settings.recent())

    def show_loaded(self, loaded: Loaded) -> None:
        import numpy as np

        from reviewer.api import Review
        from reviewer.core.claim_table import ClaimTable
        from reviewer.core.session import ReviewSession

        self._ensure_review_page()
        self.verdict_bar.flush_note()  # a note being typed belongs to the review that is on screen now
        self.verdict_bar.show_verdict("", None, enabled=False)
        review = Review(loaded.book, reviewer=self.prefs.reviewer or None)
        self.session = ReviewSession(loaded.book, review, loaded.result.settings, loaded.result)
        self.loaded, self.review = loaded, review
        self.undo_stack.clear()
        self.table = ClaimTable.build(loaded.book, self.session.result, review.verdicts())
        self.verdict_bar.set_scale(review.scale)
        self.verdict_box.blockSignals(True)
        self.verdict_box.clear()
        self.verdict_box.addItems(["Any verdict", "(none)", *review.scale.labels])
        self.verdict_box.blockSignals(False)
        self.claims_model.set_table(self.table, np.arange(len(self.table)), review.scale)
        self._fit_columns()
        self.sources_panel.set_references(loaded.book.references)
        self._plot_harm = "deaths"  # what the plot's series count; a claim about the injured changes it
        self.plot.set_series(loaded.plot_series, self._table_dates())
        self.setWindowTitle(f"{loaded.book.name}[*] — Reviewer")
        self.setWindowModified(False)
        self.pages.setCurrentIndex(1)
        for filter_action in self.filter_actions:
            filter_action.setVisible(True)
        for action in (self.export_action, self.export_csv_action, self.export_jsonld_action, self.mapping_action,
                       self.save_plot_action, self.history_action):
            action.setEnabled(True)
        self.compare_action.setEnabled(len(loaded.book.sources) >= 2)
        self.apply_filter()
        notes = []
        if loaded.book.warnings:
            notes.append(f"{len(loaded.book.warnings)} warning(s) while reading: see Sheets and columns (Ctrl+M)")
        orphans = review.orphans()
        self.orphans_action.setEnabled(bool(orphans))
        if orphans:
            notes.append(f"{len(orphans)} verdict(s) belong to claims no longer in this workbook; they are kept "
                         "(Edit ▸ Verdicts on claims no longer in the workbook)")
        if not len(loaded.book.claims):
            notes.append("No claims sheet found: choose the sheets' roles in Sheets and columns (Ctrl+M)")
        self.status_label.setText(" · ".join(notes) or f"Opened {loaded.book.name}")
        if len(self.table):
            self.claims_view.selectRow(0)
        self.claims_view.setFocus()
        self.workbook_loaded.emit()

    def apply_settings(self) -> None:
        """Check again under the preferences' tolerance and aliases, and show the new assessments at once,
        keeping the filter, the order and the selected claim."""
        if self.session is None or self.review is None:
            return
        from reviewer.api import check_settings
        from reviewer.core.claim_table import ClaimTable

        if not self.session.change_settings(check_settings(self.prefs)):
            return
        current = self.current_position()
        self.table = ClaimTable.build(self.session.book, self.session.result, self.review.verdicts())
        self.claims_model.set_table(self.table, self.claims_model.order, self.review.scale)
        self.apply_filter()
        row = self.claims_model.row_of_position(current) if current is not None else None
        if row is not None:
            self.claims_view.selectionModel().setCurrentIndex(
                self.claims_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _fit_columns(self) -> None:
        """Fit the short columns to what the first rows hold; never measure every row."""
        header = self.claims_view.horizontalHeader()
        header.setResizeContentsPrecision(60)
        for column in (0, 3, 4):
            self.claims_view.resizeColumnToContents(column)
            self.claims_view.setColumnWidth(column, min(self.claims_view.columnWidth(column), 160))

    # -- dropping files on the window
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.open_paths(paths)

    # -- the claims list
    def current_position(self) -> int | None:
        if not self._review_ready:
            return None
        from reviewer.ui.claims_model import ClaimRole

        index = self.claims_view.currentIndex()
        if not index.isValid():
            return None
        value = self.claims_model.data(index, ClaimRole.POSITION)
        return int(value) if value is not None else None

    def selected_positions(self) -> list[int]:
        rows = sorted({index.row() for index in self.claims_view.selectionModel().selectedRows()})
        positions = [int(self.claims_model.order[r]) for r in rows if r < len(self.claims_model.order)]
        current = self.current_position()
        return positions or ([current] if current is not None else [])

    @Slot()
    def apply_filter(self, *_: object) -> None:
        if self.table is None:
            return
        current = self.current_position()
        assessment = self.assessment_box.currentText() if self.assessment_box.currentIndex() > 0 else None
        verdict = self.verdict_box.currentText() if self.verdict_box.currentIndex() > 0 else None
        order = self.table.filter(self.filter_edit.text(), assessment, verdict, self.unreviewed_box.isChecked())
        if self._sort is not None:
            order = self.table.sort(order, *self._sort)
        self.claims_model.set_order(order)
        self._update_count()
        if current is not None:
            row = self.claims_model.row_of_position(current)
            if row is not None:
                self.claims_view.selectionModel().setCurrentIndex(
                    self.claims_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                return
        if len(order):
            self.claims_view.selectRow(0)
        else:
            self.show_claim(None)

    def _update_count(self) -> None:
        if self.table is None:
            return
        shown = len(self.claims_model.order)
        reviewed = self.table.reviewed_count()
        text = f"{reviewed} of {len(self.table)} reviewed"
        if shown != len(self.table):
            text += f" · showing {shown}"
        self.count_label.setText(text)

    @Slot(int)
    def on_header_section_clicked(self, section: int) -> None:
        from reviewer.core.claim_table import COLUMNS

        column = COLUMNS[section]
        descending = self._sort == (column, False)
        self._sort = (column, descending)
        self.claims_view.horizontalHeader().setSortIndicator(
            section, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        self.apply_filter()

    @Slot()
    def on_claims_current_row_changed(self) -> None:
        self.show_claim(self.current_position())

    def show_claim(self, position: int | None) -> None:
        """Update the comparison, the source tables and the plot for one claim."""
        import numpy as np
        import pandas as pd

        if self.loaded is None or self.session is None or self.review is None or position is None:
            self.detail.show_claim(None, None)
            self.verdict_bar.show_verdict("", None, enabled=False)
            return
        claim = self.loaded.book.claims.iloc[position]
        checks = self.session.checks_for(str(claim["key"]))
        self.detail.show_claim(claim, checks)
        date = claim["as_of"] if not pd.isna(claim["as_of"]) else claim["period_end"]
        self.sources_panel.show_claim(checks, np.datetime64(date) if not pd.isna(date) else np.datetime64("NaT"),
                                      None if pd.isna(claim["period_start"]) else np.datetime64(claim["period_start"],
                                                                                                "ns"))

        def as_date(value: Any) -> np.datetime64 | None:
            return None if pd.isna(value) else np.datetime64(value, "ns")

        from reviewer.core.check import INJURIES, claim_harm

        harm = claim_harm(str(claim["text"]), str(claim["figure_text"]), str(claim.get("metric", "")))
        if harm != self._plot_harm:  # a claim about the injured is drawn beside the sources' injured
            self._plot_harm = harm
            self.plot.set_series(self.loaded.plot_series_for(harm), self._table_dates(),
                                 "Injured" if harm == INJURIES else "Figure")

        self.plot.show_claim(as_date(claim["as_of"]), float(claim["low"]) if not pd.isna(claim["low"]) else (
            float(claim["value"]) if not pd.isna(claim["value"]) else np.nan),
            float(claim["high"]) if not pd.isna(claim["high"]) else (
            float(claim["value"]) if not pd.isna(claim["value"]) else np.nan),
            as_date(claim["period_start"]), as_date(claim["period_end"]))
        self.verdict_bar.show_verdict(str(claim["key"]), self.review.verdict(str(claim["key"])))

    def _table_dates(self) -> dict[str, Any]:
        """Each source table's dates in table order, which the plot's points find their rows by."""
        return {s: m.dates for s, m in self.sources_panel.models.items()}

    # -- plot and source tables, linked without ping-pong
    @Slot(str, int)
    def on_plot_point_clicked(self, source: str, position: int) -> None:
        self.sources_panel.select(source, position)
        self.plot.mark(source, position)

    @Slot(str, int)
    def on_sources_panel_row_selected(self, source: str, position: int) -> None:
        self.plot.mark(source, position)

    # -- verdicts
    def _ensure_reviewer_name(self) -> bool:
        if self.prefs.reviewer or self.review is None:
            return True
        name, ok = QInputDialog.getText(self, "Your name", "Your name, recorded with each verdict you set:")
        if not ok or not name.strip():
            return False
        self.prefs.reviewer = name.strip()
        save_preferences(self.prefs)
        self.review.reviewer = self.prefs.reviewer
        return True

    @Slot(int)
    def verdict_key(self, number: int) -> None:
        if self.review is None:
            return
        labels = self.review.scale.labels
        if number == 0:
            self.set_verdict(None)
        elif number <= len(labels):
            self.set_verdict(labels[number - 1])

    @Slot(str)
    def on_verdict_bar_verdict_chosen(self, label: str) -> None:
        self.set_verdict(label or None)

    def set_verdict(self, label: str | None) -> None:
        if self.review is None or self.table is None:
            return
        positions = self.selected_positions()
        if not positions or not self._ensure_reviewer_name():
            return
        keys = [str(self.table.keys[p]) for p in positions]
        from reviewer.ui.commands import SetVerdictCommand

        try:
            self.undo_stack.push(SetVerdictCommand(self.review, self.refresh_keys, keys, label))
        except ReviewerError as error:
            show_error(self, "The verdict was not recorded", str(error))

    @Slot(str, str)
    def on_verdict_bar_note_edited(self, key: str, note: str) -> None:
        if self.review is None or self.table is None or not self._ensure_reviewer_name():
            return
        from reviewer.ui.commands import SetNoteCommand

        try:
            self.undo_stack.push(SetNoteCommand(self.review, self.refresh_keys, key, note))
        except ReviewerError as error:
            show_error(self, "The note was not recorded", str(error))

    def refresh_keys(self, keys: tuple[str, ...]) -> None:
        """After a change or its undo: update the list, the count and the verdict bar."""
        if self.review is None or self.table is None:
            return
        verdicts = self.review.verdicts()
        positions = []
        for key in keys:
            found = self.table.positions.get(key)
            if found is None:
                continue
            verdict = verdicts.get(key)
            self.table.set_verdict(found, verdict.verdict if verdict else None)
            positions.append(found)
        self.claims_model.refresh_positions(positions)
        self._update_count()
        current = self.current_position()
        if current is not None:
            key = str(self.table.keys[current])
            self.verdict_bar.show_verdict(key, verdicts.get(key))

    @Slot()
    def next_unreviewed(self) -> None:
        if self.table is None:
            return
        row = self.claims_view.currentIndex().row()
        place = self.table.next_unreviewed(self.claims_model.order, row)
        if place is None:
            self.status_label.setText("Every claim shown has a verdict.")
            return
        self.claims_view.selectRow(place)
        self.claims_view.scrollTo(self.claims_model.index(place, 0))
        self.claims_view.setFocus()

    @Slot()
    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    @Slot()
    def focus_note(self) -> None:
        self.verdict_bar.note.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.verdict_bar.flush_note()
        self._save_layout()
        if self.job is not None:
            self.job.cancel()
        event.accept()
