"""The selected claim in full, how its figure was read, and what each source says."""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.dates import period_label
from reviewer.core.figures import format_number, interval_label, readable_figure
from reviewer.ui.claims_model import ASSESSMENT_COLOURS, ASSESSMENT_MARKS

__all__ = ["ClaimDetail", "reading_label"]

_SOURCE_HEADERS = ("Source", "Figure", "Date", "Age", "How", "Assessment")


def reading_label(claim: Any) -> str:
    """How Reviewer read the figure, in words: "a range, 804 to 1,213"."""
    value, low, high = (float(claim[c]) if not pd.isna(claim[c]) else math.nan for c in ("value", "low", "high"))
    qualifier = claim["qualifier"] if isinstance(claim["qualifier"], str) else ""
    if not math.isnan(low) and not math.isnan(high) and low != high:
        return f"a range, {format_number(low)} to {format_number(high)}"
    if not math.isnan(low) and math.isnan(high):
        return f"a lower bound: {qualifier or 'at least'} {format_number(low)} (compared as {format_number(low)})"
    if math.isnan(low) and not math.isnan(high):
        return f"an upper bound: {qualifier or 'up to'} {format_number(high)}"
    if qualifier and not math.isnan(value):
        return f"an approximate number: {qualifier} {format_number(value)}"
    if not math.isnan(value):
        return f"an exact number, {format_number(value)}"
    return "no figure could be read"


class ClaimDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("No claim selected")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setAccessibleName("The selected claim")
        self.sources = QTableWidget(0, len(_SOURCE_HEADERS))
        self.sources.setHorizontalHeaderLabels(_SOURCE_HEADERS)
        self.sources.setAccessibleName("What the sources say")
        self.sources.verticalHeader().hide()
        self.sources.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 8)
        self.sources.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sources.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.sources.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # "How" takes what room is left and wraps within it: on a small screen the assessment, the answer,
        # stays in view instead of behind a scroll bar, and the caveats a "How" carries ("the source does not
        # say what it counts", "its figures end on …") are read without hovering.
        header.setSectionResizeMode(_SOURCE_HEADERS.index("How"), QHeaderView.ResizeMode.Stretch)
        self.sources.setWordWrap(True)
        header.sectionResized.connect(lambda *_: self.sources.resizeRowsToContents())
        header.setStretchLastSection(False)
        title = QLabel("<b>What the sources say</b> (★ the source the claim is attributed to)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.heading)
        layout.addWidget(title)
        layout.addWidget(self.sources, 1)

    def show_claim(self, claim: Any | None, checks: pd.DataFrame | None) -> None:
        if claim is None:
            self.heading.setText("No claim selected")
            self.sources.setRowCount(0)
            return
        when = ""
        if not pd.isna(claim["period_start"]) and not pd.isna(claim["period_end"]):
            when = f"period {period_label(claim['period_start'].date(), claim['period_end'].date())}"
        elif not pd.isna(claim["as_of"]):
            when = f"as of {claim['as_of']:%Y-%m-%d}"
        else:
            when = "no date: nothing to compare with"
        parts = [
            f"<b>{html.escape(str(claim['key']))}</b> &nbsp; {html.escape(str(claim['claimant']) or '(no claimant)')}"
            f" &nbsp;·&nbsp; {html.escape(when)} &nbsp;·&nbsp; {html.escape(str(claim['sheet']))} row {claim['row']}",
            f"<span style='font-size:12pt'>“{html.escape(str(claim['text']))}”</span>",
            f"Figure quoted: <b>{html.escape(str(claim['figure_text']) or '—')}</b> &nbsp;→&nbsp; read as "
            f"{html.escape(reading_label(claim))}",
        ]
        if claim["url"]:
            parts.append(f"<a href='{html.escape(str(claim['url']))}'>{html.escape(str(claim['url']))}</a>")
        self.heading.setText("<br>".join(parts))
        self.heading.setOpenExternalLinks(True)
        rows = [] if checks is None else list(checks.itertuples(index=False))
        self.sources.setRowCount(len(rows))
        for i, row in enumerate(rows):
            age = "" if pd.isna(row.age_days) else f"{int(row.age_days)} days old"
            how = row.method or ""
            if row.method and row.events and row.kind == "incident":
                how = f"{row.method} ({row.events:,} event{'s' if row.events != 1 else ''})"
            place, measure = getattr(row, "place", None), getattr(row, "measure", None)
            place = place if isinstance(place, str) else ""
            measure = measure if isinstance(measure, str) else ""
            if place or (measure and measure != "deaths"):  # which of the source's series answered
                how = " · ".join(part for part in (how, ", ".join(p for p in (place, measure) if p)) if part)
            figure = readable_figure(row.figure_text) if isinstance(row.figure_text, str) and row.figure_text else (
                interval_label(row.value, row.low, row.high) if row.kind else "—")
            cells = [("★ " if row.attributed else "") + str(row.source), figure,
                     "" if pd.isna(row.date) else f"{row.date:%Y-%m-%d}", age, how,
                     ASSESSMENT_MARKS.get(row.assessment, row.assessment)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if _SOURCE_HEADERS[j] == "How":
                    item.setToolTip(text)
                if j == len(cells) - 1:
                    item.setBackground(QBrush(QColor(ASSESSMENT_COLOURS.get(row.assessment, "#ffffff"))))
                    item.setForeground(QBrush(QColor("#1a1a1a")))
                if row.attributed:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.sources.setItem(i, j, item)
        self.sources.resizeRowsToContents()
