"""Reviewing: the claims list (filter, sort, moving on), what the selected claim shows (detail, source
tables, plot), and the verdict and note commands, each an undoable step.

Every selection made here replaces the one before: a selection of several claims, on which one key sets
several verdicts, is only ever made by the editor (Shift or Ctrl with the mouse or the arrows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from reviewer.core.errors import ReviewerError
from reviewer.core.preferences import Preferences
from reviewer.ui.busy import Busy
from reviewer.ui.claims_view import ClaimsView
from reviewer.ui.dialogs import show_error
from reviewer.ui.verdict_bar import VerdictBar

if TYPE_CHECKING:
    from reviewer.core.claim_table import ClaimTable
    from reviewer.core.review import Review, VerdictStore
    from reviewer.core.session import ReviewSession
    from reviewer.core.verdicts import Verdict
    from reviewer.plots.series_data import RowRef
    from reviewer.plots.timeseries_plot import TimeSeriesPlot
    from reviewer.ui.claim_detail import ClaimDetail
    from reviewer.ui.claims_model import ClaimsModel
    from reviewer.ui.loaded import Loaded
    from reviewer.ui.sources_panel import SourcesPanel

__all__ = ["Filters", "ReviewController"]

_ROWS = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


@dataclass(slots=True)
class Filters:
    text: QLineEdit
    assessment: QComboBox
    verdict: QComboBox
    unreviewed: QCheckBox
    count: QLabel


@dataclass(slots=True)
class Page:
    """The widgets that show a workbook, built when the first one opens."""

    model: ClaimsModel
    detail: ClaimDetail
    sources: SourcesPanel
    plot: TimeSeriesPlot


class ReviewController(QObject):
    def __init__(self, parent: QWidget, view: ClaimsView, bar: VerdictBar, filters: Filters, undo_stack: QUndoStack,
                 busy: Busy, prefs: Callable[[], Preferences], sort: tuple[str, bool] | None) -> None:
        super().__init__(parent)
        self.parent_widget, self.view, self.bar, self.filters = parent, view, bar, filters
        self.undo_stack, self.busy, self.prefs = undo_stack, busy, prefs
        self.sort = sort  # column and descending; remembered between runs
        self.page: Page | None = None
        self.loaded: Loaded | None = None
        self.session: ReviewSession | None = None
        self.table: ClaimTable | None = None
        self._chosen: int | None = None  # the claim the editor last selected, kept through filtering
        self._named = False  # told once where the name recorded with verdicts comes from
        self._plot_harm: object = "deaths"  # what the plot shows: the series of a harm, or of a claim's place
        self.filter_timer = QTimer(self)
        self.filter_timer.setSingleShot(True)
        self.filter_timer.setInterval(60)
        self.filter_timer.timeout.connect(self.apply_filter)
        filters.text.textChanged.connect(self.filter_timer.start)
        # Another window or process on the same review: its changes show within a second (and on focus).
        self.store_timer = QTimer(self)
        self.store_timer.setInterval(1000)
        self.store_timer.timeout.connect(self.on_store_timer_timeout)
        filters.text.installEventFilter(self)
        filters.assessment.currentIndexChanged.connect(self.apply_filter)
        filters.verdict.currentIndexChanged.connect(self.apply_filter)
        filters.unreviewed.toggled.connect(self.apply_filter)
        view.horizontalHeader().sectionClicked.connect(self.on_header_section_clicked)
        view.verdict_key_pressed.connect(self.verdict_key)
        view.next_requested.connect(self.next_unreviewed)
        bar.verdict_chosen.connect(self.on_verdict_bar_verdict_chosen)
        bar.note_edited.connect(self.on_verdict_bar_note_edited)
        bar.note_left.connect(self.back_to_list)

    def attach(self, page: Page) -> None:
        self.page = page
        self.view.setModel(page.model)
        self.view.selectionModel().currentRowChanged.connect(self.on_claims_current_row_changed)
        page.sources.row_selected.connect(self.on_sources_panel_row_selected)
        page.plot.point_clicked.connect(self.on_plot_point_clicked)

    # -- a workbook
    def show_loaded(self, loaded: Loaded, store: VerdictStore | None = None) -> None:
        import numpy as np

        from reviewer.api import open_session
        from reviewer.core.claim_table import ClaimTable

        assert self.page is not None
        self.bar.flush_note()  # a note being typed belongs to the review that is on screen now
        self.bar.show_verdict("", None, enabled=False)
        session = open_session(loaded.book, store=store, result=loaded.result, prefs=self.prefs())
        review = session.review
        self.loaded, self.session = loaded, session
        self.undo_stack.clear()
        self.table = ClaimTable.build(loaded.book, session.result, review.verdicts())
        self.bar.set_scale(review.scale)
        self.filters.verdict.blockSignals(True)
        self.filters.verdict.clear()
        self.filters.verdict.addItems(["Any verdict", "(none)", *review.scale.labels])
        self.filters.verdict.blockSignals(False)
        self.page.model.set_table(self.table, np.arange(len(self.table)), review.scale)
        # The Place column only where some claim names a place: a desk's sheet of one war keeps the room.
        from reviewer.core.claim_table import COLUMNS

        self.view.setColumnHidden(COLUMNS.index("place"), not any(self.table.columns["place"]))
        self.page.sources.set_references(loaded.book.references)
        self._plot_harm = "deaths"  # what the plot's series count; a claim about the injured changes it
        self.page.plot.set_series(loaded.plot_series)
        self._chosen = None
        self.apply_filter()  # selects the first claim
        self.store_timer.start()

    @property
    def review(self) -> Review | None:
        """The session's verdicts."""
        return self.session.review if self.session is not None else None

    def apply_settings(self) -> None:
        """Check again under the preferences' tolerance and aliases, and show the new assessments at once,
        keeping the filter, the order and the selected claim."""
        if self.session is None or self.page is None:
            return
        from reviewer.api import check_settings
        from reviewer.core.claim_table import ClaimTable

        if not self.session.change_settings(check_settings(self.prefs())):
            return
        self.table = ClaimTable.build(self.session.book, self.session.result, self.session.review.verdicts())
        self.page.model.set_table(self.table, self.page.model.order, self.session.review.scale)
        self.apply_filter()  # selects the claim again, and so shows it

    # -- the claims list
    def current_position(self) -> int | None:
        if self.page is None:
            return None
        from reviewer.ui.claims_model import ClaimRole

        index = self.view.currentIndex()
        value = self.page.model.data(index, ClaimRole.POSITION) if index.isValid() else None
        return int(value) if value is not None else None

    def current_key(self) -> str | None:
        position = self.current_position()
        return None if position is None or self.table is None else str(self.table.keys[position])

    def selected_positions(self) -> list[int]:
        """The claims a verdict goes to: the selected rows, when the current claim is one of them (keys
        that move the current claim without selecting must not leave a verdict on another)."""
        current = self.current_position()
        if self.page is None or current is None:
            return []
        order = self.page.model.order
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        positions = [int(order[r]) for r in rows if r < len(order)]
        return positions if current in positions else [current]

    def select_row(self, row: int) -> None:
        """Select one row, and only it, whatever modifier keys are held."""
        if self.page is None:
            return
        index = self.page.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(index, _ROWS)
        self.view.scrollTo(index)

    @Slot()
    def apply_filter(self, *_: object) -> None:
        if self.table is None or self.page is None:
            return
        self.filter_timer.stop()
        filters = self.filters
        current = self.current_position()
        wanted = self._chosen if self._chosen is not None else current
        assessment = filters.assessment.currentText() if filters.assessment.currentIndex() > 0 else None
        verdict = filters.verdict.currentText() if filters.verdict.currentIndex() > 0 else None
        order = self.table.filter(filters.text.text(), assessment, verdict, filters.unreviewed.isChecked())
        if self.sort is not None:
            order = self.table.sort(order, *self.sort)
        self.page.model.set_order(order)  # a reset: the current row is gone, and no signal says so
        self.update_count()
        # The claim the editor chose comes back when the filter shows it again; meanwhile the first shown.
        for position in (wanted, current):
            row = self.page.model.row_of_position(position) if position is not None else None
            if row is not None:
                self._select_quietly(row)
                return
        if len(order):
            self._select_quietly(0)
        else:
            self.show_claim(None)

    def _select_quietly(self, row: int) -> None:
        """Select for the filter: the claim the editor chose is still the one to come back to."""
        chosen = self._chosen
        self.select_row(row)
        self._chosen = chosen

    def update_count(self) -> None:
        if self.table is None or self.page is None:
            return
        shown = len(self.page.model.order)
        text = f"{self.table.reviewed_count():,} of {len(self.table):,} reviewed"
        if shown != len(self.table):
            text += f" · showing {shown:,}"
        self.filters.count.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape in the filter clears it and goes back to the list, the selected claim kept."""
        if watched is self.filters.text and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:
            self.filters.text.clear()
            self.apply_filter()
            self.view.setFocus()
            return True
        return super().eventFilter(watched, event)

    @Slot(int)
    def on_header_section_clicked(self, section: int) -> None:
        from reviewer.core.claim_table import COLUMNS

        column = COLUMNS[section]
        descending = self.sort == (column, False)
        self.sort = (column, descending)
        self.view.horizontalHeader().setSortIndicator(
            section, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        self.apply_filter()

    @Slot()
    def on_claims_current_row_changed(self) -> None:
        position = self.current_position()
        self._chosen = position
        self.show_claim(position)

    def show_claim(self, position: int | None) -> None:
        """Update the comparison, the source tables and the plot for one claim."""
        import numpy as np
        import pandas as pd

        page = self.page
        if page is None:
            return
        if self.loaded is None or self.session is None or self.review is None or position is None:
            page.detail.show_claim(None, None)
            page.plot.show_claim(None, np.nan, np.nan, None, None)
            self.bar.show_verdict("", None, enabled=False)
            return
        claim = self.loaded.book.claims.iloc[position]
        checks = self.session.checks_for(str(claim["key"]))
        page.detail.show_claim(claim, checks)

        def as_date(value: Any) -> np.datetime64 | None:
            return None if pd.isna(value) else np.datetime64(value, "ns")

        date = as_date(claim["as_of"] if not pd.isna(claim["as_of"]) else claim["period_end"])
        page.sources.show_claim(checks, date if date is not None else np.datetime64("NaT"),
                                as_date(claim["period_start"]))
        from reviewer.core.check import INJURIES, claim_harm

        harm = claim_harm(str(claim["text"]), str(claim["figure_text"]), str(claim.get("metric", "")))
        by_place = self.loaded.by_place.for_checks(checks) if self.loaded.by_place is not None else None
        if by_place is not None and checks is not None:  # sources of many places: the claim's own, as checked
            counting = "Injured" if harm == INJURIES else "Deaths"
            # Drawn again only for other series: the next claim about Italy keeps the plot, and the
            # legend's ticks, as the editor left them.
            from reviewer.plots.series_data import label_text

            named = (checks[c].map(label_text) for c in ("source", "place", "measure"))  # as for_checks names them
            drawn = ("by place", counting, tuple(zip(*named, strict=True)))
            if drawn != self._plot_harm:
                self._plot_harm = drawn
                page.plot.set_series(by_place, counting)
        elif harm != self._plot_harm:  # a claim about the injured is drawn beside the sources' injured
            self._plot_harm = harm
            page.plot.set_series(self.loaded.plot_series_for(harm), "Injured" if harm == INJURIES else "Deaths")
        from reviewer.core.figures import figure_ends

        low, high = figure_ends(*(float(claim[c]) if not pd.isna(claim[c]) else np.nan
                                  for c in ("value", "low", "high")))
        page.plot.show_claim(date, low, high,
                             as_date(claim["period_start"]), as_date(claim["period_end"]))
        self.bar.show_verdict(str(claim["key"]), self.review.verdict(str(claim["key"])))

    # -- plot and source tables, linked by row and without ping-pong
    @Slot(str, object)
    def on_plot_point_clicked(self, source: str, ref: RowRef) -> None:
        if self.page is not None:
            self.page.sources.select(source, ref)

    @Slot(str, object)
    def on_sources_panel_row_selected(self, source: str, ref: RowRef) -> None:
        if self.page is not None:
            self.page.plot.mark(source, ref)

    # -- verdicts
    def _reviewer_name(self) -> None:
        """Say once, in the status bar, under which name verdicts are recorded when none is set. A
        dialog here took the keys typed next (a note's letters became the name), so nothing is asked."""
        if self.prefs().reviewer or self.review is None or self._named:
            return
        self._named = True
        self.busy.say(f"Verdicts are recorded as “{self.review.reviewer}”: set your name in Preferences (Ctrl+,); "
                      "it applies to the verdicts you set from then on")

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
        if not positions:
            return
        self._reviewer_name()
        keys = [str(self.table.keys[p]) for p in positions]
        from reviewer.ui.commands import SetVerdictCommand

        try:
            self.undo_stack.push(SetVerdictCommand(self.review, self.refresh_keys, keys, label, self.undo_stack))
        except ReviewerError as error:
            show_error(self.parent_widget, "The verdict was not recorded", str(error))
            return
        if label and len(keys) == 1 and self.prefs().advance_after_verdict:
            self.next_unreviewed()

    @Slot(str, str)
    def on_verdict_bar_note_edited(self, key: str, note: str) -> None:
        if self.review is None or self.table is None:
            return
        self._reviewer_name()
        from reviewer.ui.commands import SetNoteCommand

        try:
            self.undo_stack.push(SetNoteCommand(self.review, self.refresh_keys, key, note, self.undo_stack))
        except ReviewerError as error:
            self.bar.note_not_kept(key)
            show_error(self.parent_widget, "The note was not recorded", str(error))

    @Slot()
    def on_store_timer_timeout(self) -> None:
        """Show what another window or process wrote to this review since the last look, where it is,
        without moving the selection."""
        if self.review is None or self.table is None or self.page is None:
            return
        try:
            changed = self.review.refresh()
        except ReviewerError as error:
            self.store_timer.stop()
            show_error(self.parent_widget, "The review store", str(error))
            return
        if not changed:
            return
        self._show_stored(changed)
        current = self.current_key()
        if current is not None and current in changed:
            self.bar.show_verdict(current, self.review.verdict(current))

    def _show_stored(self, states: dict[str, Verdict | None]) -> list[int]:
        """Put the claims' stored verdicts in the list and the count; the positions of those in this workbook."""
        assert self.table is not None and self.page is not None
        positions = []
        for key, verdict in states.items():
            found = self.table.positions.get(key)
            if found is not None:
                self.table.set_verdict(found, verdict.verdict if verdict else None)
                positions.append(found)
        self.page.model.refresh_positions(positions)
        self.update_count()
        return positions

    def refresh_keys(self, keys: tuple[str, ...]) -> None:
        """After a change, its undo or its redo: update the list and the count, and select the claim the
        change was about, so that the editor sees what was undone."""
        if self.review is None or self.table is None or self.page is None:
            return
        verdicts = self.review.verdicts()
        positions = self._show_stored({key: verdicts.get(key) for key in keys})
        if positions and self.current_position() not in positions:
            row = self.page.model.row_of_position(positions[0])
            if row is not None:
                self.select_row(row)  # shows the claim and its verdict
                return
            self.busy.say(f"{keys[0]} changed; the filter hides it")
        current = self.current_key()
        if current is not None:
            self.bar.show_verdict(current, verdicts.get(current))

    # -- moving about
    @Slot()
    def next_unreviewed(self) -> None:
        if self.table is None or self.page is None:
            return
        place = self.table.next_unreviewed(self.page.model.order, self.view.currentIndex().row())
        if place is None:
            self.busy.say("Every claim shown has a verdict.")
            return
        self.select_row(place)
        self.view.setFocus()

    @Slot()
    def back_to_list(self) -> None:
        self.view.setFocus()

    @Slot()
    def focus_filter(self) -> None:
        self.filters.text.setFocus()
        self.filters.text.selectAll()

    @Slot()
    def focus_note(self) -> None:
        if self.bar.note.isEnabled():
            self.bar.note.setFocus()
