"""The review window: assembles the widgets and the controllers that act, and wires them in one place,
_connect_signals(). Opening (ui/opening.py), reviewing (ui/reviewing.py) and exporting (ui/exporting.py)
each own their state; the actions are declared in one table (ui/actions.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.assessments import ASSESSMENTS
from reviewer.core.preferences import Preferences
from reviewer.core.vocabulary import counted
from reviewer.io.preferences_file import load_preferences
from reviewer.ui.actions import build_actions
from reviewer.ui.busy import Busy
from reviewer.ui.claims_view import ClaimsView
from reviewer.ui.dialog_actions import DialogActions
from reviewer.ui.exporting import ExportController
from reviewer.ui.opening import OpenController
from reviewer.ui.reviewing import Filters, Page, ReviewController
from reviewer.ui.screen_fit import fit_to_screen, keep_within_screen
from reviewer.ui.start_page import StartPage
from reviewer.ui.verdict_bar import VerdictBar
from reviewer.ui.window_settings import WindowSettings

if TYPE_CHECKING:
    from reviewer.io.review_store import ReviewStore
    from reviewer.plots.timeseries_plot import TimeSeriesPlot
    from reviewer.ui.loaded import Loaded

# The review page (pandas, numpy, pyqtgraph) is built when the first workbook opens, so that the
# window itself appears about as fast as an empty Qt window.

__all__ = ["MainWindow"]



class MainWindow(QMainWindow):
    workbook_loaded = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Reviewer")
        self.setAcceptDrops(True)
        self.settings = WindowSettings()
        self.prefs = load_preferences()
        self.undo_stack = QUndoStack(self)
        self._store: ReviewStore | None = None  # the verdicts of every workbook opened here
        self._build_widgets()
        self.busy = Busy(self.status_label, self.progress, self.cancel_button, self)
        self.actions_by_name, self.menus = build_actions(self, made={
            "undo": self.undo_stack.createUndoAction(self, "&Undo"),
            "redo": self.undo_stack.createRedoAction(self, "&Redo")})
        for name, action in self.actions_by_name.items():
            setattr(self, f"{name}_action", action)  # window.export_action, as tests and scripts name them
        self.recent_menu = self.menus["File"].addMenu("Open &recent")
        self.menus["File"].insertMenu(self.actions_by_name["export"], self.recent_menu)
        self.opening = OpenController(self, self.busy, self.settings, self.start_page, self.recent_menu,
                                      lambda: self.prefs)
        self.reviewing = ReviewController(self, self.claims_view, self.verdict_bar, self.filters, self.undo_stack,
                                          self.busy, lambda: self.prefs, self.settings.sort())
        self.exporting = ExportController(self, self.busy, self.verdict_bar, self.undo_stack,
                                          lambda: self.reviewing.session, lambda: getattr(self, "plot", None))
        self.dialogs = DialogActions(self, self.reviewing, self.opening, lambda: self.prefs)
        self._build_toolbar()
        self._connect_signals()
        self._shown_once = False
        fit_to_screen(self, self.settings.state("geometry"))
        state = self.settings.state(self.main_splitter.objectName())
        if state is not None:
            self.main_splitter.restoreState(state)
        self._show_start()

    # -- building
    def _build_widgets(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter claims (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter claims")
        self.filter_edit.setMinimumWidth(180)
        self.filter_edit.setMaximumWidth(280)
        self.assessment_box = QComboBox()
        self.assessment_box.addItems(["Any assessment", *ASSESSMENTS])
        self.assessment_box.setAccessibleName("Filter by assessment")
        self.verdict_box = QComboBox()
        self.verdict_box.setAccessibleName("Filter by verdict")
        self.unreviewed_box = QCheckBox("Unreviewed only")
        self.count_label = QLabel("")
        self.count_label.setAccessibleName("Review progress")
        self.filters = Filters(self.filter_edit, self.assessment_box, self.verdict_box, self.unreviewed_box,
                               self.count_label)
        self.claims_view = ClaimsView()
        self.verdict_bar = VerdictBar()
        self.verdict_bar.set_scale(self.prefs.scale)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("rightSplitter")
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.claims_view)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setSizes([600, 600])  # half each, until the editor moves the handle
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
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar("Main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        actions = self.actions_by_name
        self.undo_action, self.redo_action = actions["undo"], actions["redo"]  # as the setattr loop, typed
        for name in ("open", "export", "", "undo", "redo", ""):
            if name:
                self.toolbar.addAction(actions[name])
            else:
                self.toolbar.addSeparator()
        # The toolbar says "Undo"; the menu and the tooltip say what: a long label never squeezes the filter.
        for action, word in ((self.undo_action, "Undo"), (self.redo_action, "Redo")):
            action.setIconText(word)
        # The filters only mean something once a workbook is open; the start page hides them.
        self.filter_actions = [self.toolbar.addWidget(widget) for widget in (
            QLabel(" Filter: "), self.filter_edit, self.assessment_box, self.verdict_box, self.unreviewed_box,
            QLabel("  "), self.count_label)]

    def _ensure_review_page(self) -> None:
        """Build the widgets that show a workbook, the first time one is opened."""
        if self.reviewing.page is not None:
            return
        from reviewer.plots.timeseries_plot import TimeSeriesPlot
        from reviewer.ui.claim_detail import ClaimDetail
        from reviewer.ui.claims_model import ClaimsModel
        from reviewer.ui.sources_panel import SourcesPanel

        page = Page(ClaimsModel(self), ClaimDetail(), SourcesPanel(), TimeSeriesPlot())
        self.reviewing.attach(page)
        self.claims_model, self.detail, self.sources_panel, self.plot = page.model, page.detail, page.sources, page.plot
        header = self.claims_view.horizontalHeader()
        for column, width in enumerate((56, 260, 96, 86, 90, 108, 110)):
            self.claims_view.setColumnWidth(column, width)
        saved = self.settings.state("claimsHeader")
        self._fitted = saved is not None and header.restoreState(saved)  # the editor's widths, kept
        if not self._fitted:
            # The claimant, also shown above the comparison, goes last, so that the assessment and the
            # verdict stay in view beside the claim on a small screen.
            from reviewer.core.claim_table import COLUMNS

            header.moveSection(header.visualIndex(COLUMNS.index("claimant")), header.count() - 1)
        for widget in (page.detail, page.sources, page.plot):
            self.right_splitter.addWidget(widget)
        self.right_splitter.setSizes([260, 160, 240])  # the comparison first: its sources must show
        state = self.settings.state(self.right_splitter.objectName())
        if state is not None:
            self.right_splitter.restoreState(state)

    def _connect_signals(self) -> None:
        self.opening.opened.connect(self.on_opening_opened)
        self.dialogs.preferences_changed.connect(self.on_dialogs_preferences_changed)
        self.dialogs.earlier_taken.connect(self.on_dialogs_earlier_taken)
        self.undo_stack.cleanChanged.connect(self.on_undo_stack_clean_changed)
        if (app := QApplication.instance()) is not None:
            app.aboutToQuit.connect(self.on_app_about_to_quit)

    # -- what the pages show
    def _set_workbook_actions(self, enabled: bool) -> None:
        from reviewer.ui.actions import ACTIONS

        for spec in ACTIONS:
            if spec.needs_workbook:
                self.actions_by_name[spec.name].setEnabled(enabled)

    def _show_start(self) -> None:
        self.pages.setCurrentIndex(0)
        for action in self.filter_actions:
            action.setVisible(False)
        self._set_workbook_actions(False)

    # -- opening
    def open_paths(self, paths: list[str]) -> None:
        self.opening.open_paths(paths)

    @Slot(object)
    def on_opening_opened(self, loaded: Loaded) -> None:
        from reviewer.core.errors import ReviewerError
        from reviewer.ui.dialogs import show_error

        self._ensure_review_page()
        try:
            if self._store is None:  # one connection for the window's life: opened, and checked, once
                from reviewer.io.review_store import ReviewStore

                self._store = ReviewStore()
            self.reviewing.show_loaded(loaded, self._store)
        except ReviewerError as error:
            show_error(self, "Cannot open the review", str(error))
            return
        book = loaded.book
        self.setWindowTitle(f"{book.name}[*] — Reviewer")
        self.setWindowModified(False)
        self.pages.setCurrentIndex(1)
        for filter_action in self.filter_actions:
            filter_action.setVisible(True)
        self._set_workbook_actions(True)
        self.actions_by_name["compare"].setEnabled(len(book.sources) >= 2)
        review = self.reviewing.review
        orphans = review.orphans() if review is not None else {}
        self.actions_by_name["orphans"].setEnabled(bool(orphans))
        self.actions_by_name["take_earlier"].setEnabled(review is not None and review.earlier is not None)
        notes = []
        if book.warnings:
            notes.append(f"{counted(len(book.warnings), 'warning')} while reading: see Sheets and columns (Ctrl+M)")
        if orphans:
            notes.append(f"{counted(len(orphans), 'verdict')} of claims no longer in this workbook are kept "
                         "(Edit ▸ Verdicts on claims no longer in the workbook)")
        if not len(book.claims):
            notes.append("No claims sheet found: choose the sheets' roles in Sheets and columns (Ctrl+M)")
        if review is not None:
            notes.extend(review.notices)  # a damaged store set aside; a copy elsewhere with verdicts to offer
            if review.earlier is not None:
                notes.append("to take them: Edit ▸ Take earlier verdicts")
        self.busy.say(" · ".join(notes) or f"Opened {book.name}")
        QTimer.singleShot(0, self._fit_columns)  # once the page is laid out, the rows on screen are known
        self.claims_view.setFocus()
        self.workbook_loaded.emit()

    def _fit_columns(self) -> None:
        """Fit the short columns to the rows on screen (never every row); the claim takes what is left,
        wrapped on hover in its tooltip."""
        if self._fitted:
            return
        self._fitted = True
        from reviewer.core.claim_table import COLUMNS

        claim = COLUMNS.index("text")
        header = self.claims_view.horizontalHeader()
        header.setResizeContentsPrecision(0)  # the visible rows only
        for column in range(len(COLUMNS)):  # all but the claim; the claimant and the place too, when shown
            if column != claim:
                self.claims_view.resizeColumnToContents(column)
                self.claims_view.setColumnWidth(column, min(max(self.claims_view.columnWidth(column), 44), 110))
        others = sum(self.claims_view.columnWidth(c) for c in range(header.count())
                     if c not in (claim, COLUMNS.index("claimant")))
        room = self.claims_view.viewport().width() - others
        self.claims_view.setColumnWidth(claim, max(room, 140))

    @Slot(object)
    def on_dialogs_preferences_changed(self, prefs: Preferences) -> None:
        self.prefs = prefs
        self.reviewing.apply_settings()

    @Slot(str)
    def on_dialogs_earlier_taken(self, message: str) -> None:
        self.actions_by_name["take_earlier"].setEnabled(False)  # the stack, left unclean, marks the window
        self.busy.say(message)

    # -- the undo stack
    @Slot(bool)
    def on_undo_stack_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    # -- small actions of the table
    def reset_plot(self) -> None:
        plot: TimeSeriesPlot | None = getattr(self, "plot", None)
        if plot is not None:
            plot.reset_view()

    def toggle_log_scale(self) -> None:
        plot: TimeSeriesPlot | None = getattr(self, "plot", None)
        if plot is not None:
            plot.set_log_scale(not plot.log)

    # -- dropping files on the window
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.opening.open_paths(paths)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # now the frame is known, and the widgets' least sizes
            self._shown_once = True
            keep_within_screen(self)

    # -- closing
    def _save_layout(self) -> None:
        self.settings.set_state("geometry", self.saveGeometry())
        self.settings.set_state(self.main_splitter.objectName(), self.main_splitter.saveState())
        if self.reviewing.page is not None:  # otherwise keep what the last session saved
            self.settings.set_state(self.right_splitter.objectName(), self.right_splitter.saveState())
            self.settings.set_state("claimsHeader", self.claims_view.horizontalHeader().saveState())
        self.settings.set_sort(self.reviewing.sort)
        self.settings.sync()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and \
                self.reviewing.store_timer.isActive():  # stopped when the store failed: its message once
            self.reviewing.on_store_timer_timeout()  # back to this window: show what others changed
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.verdict_bar.flush_note()
        if not self.exporting.may_close():
            event.ignore()
            return
        self._save_layout()
        self.busy.stop()
        event.accept()

    @Slot()
    def on_app_about_to_quit(self) -> None:
        """The store's connection is closed as the application ends (a closed window may be shown again)."""
        if self._store is not None:
            self._store.close()
            self._store = None
