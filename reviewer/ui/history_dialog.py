"""Two views of what the store keeps: one claim's history, and verdicts on claims no longer present."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.review import Review

__all__ = ["TableDialog", "history_dialog", "orphans_dialog"]


class TableDialog(QDialog):
    """A read-only table with a sentence above it."""

    def __init__(self, title: str, intro: str, headers: list[str], rows: list[list[str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 420)
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setAccessibleName(title)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(text))
        label = QLabel(intro)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)


def history_dialog(review: Review, key: str, parent: QWidget | None = None) -> TableDialog:
    entries = review.history(key)
    rows = [[h.time.replace("T", " ").rstrip("Z"), h.reviewer, h.old_verdict or "—", h.new_verdict or "—",
             h.new_note] for h in reversed(entries)]
    return TableDialog(f"History of {key}", f"Every change to the verdict and note of {key}, newest first "
                       f"({len(rows)} in all). Times are UTC.", ["Time", "Reviewer", "Before", "After", "Note"],
                       rows, parent)


def orphans_dialog(review: Review, parent: QWidget | None = None) -> TableDialog:
    seen = review.store.seen_claims(review.id)
    rows = []
    for key, verdict in sorted(review.orphans().items()):
        text, figure = seen.get(key, ("", ""))
        rows.append([key, verdict.verdict or "—", verdict.note, verdict.reviewer, text, figure])
    return TableDialog("Verdicts on claims no longer in the workbook",
                       "These claims were in an earlier version of this workbook and are not in this one. Their "
                       "verdicts are kept in the review store; if a claim was only renamed or re-keyed, record "
                       "its verdict again on the new claim.",
                       ["Key", "Verdict", "Note", "Reviewer", "Claim (as it was)", "Figure"], rows, parent)
