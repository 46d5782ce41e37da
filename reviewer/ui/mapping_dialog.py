"""Sheets and columns: what Reviewer detected, with a preview, and the editor's corrections."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.fields import CLAIM_FIELDS, REFERENCE_FIELDS, ROLES
from reviewer.core.workbook import SheetInfo, Workbook
from reviewer.io.loader import SheetChoice
from reviewer.ui.screen_fit import available_area

__all__ = ["FIELD_LABELS", "PREVIEW_ROWS", "MappingDialog"]

_NONE = "(not in this sheet)"
PREVIEW_ROWS = 20
# What each field is called where a person reads it.
FIELD_LABELS = {
    "key": "Key", "text": "Claim", "claimant": "Claimant", "figure": "Figure", "qualifier": "Qualifier",
    "low": "Low end", "high": "High end", "period": "Period", "period_start": "Period start",
    "period_end": "Period end", "as_of": "As of", "date": "Date", "url": "Link", "outlet": "Outlet",
    "place": "Place", "measure": "Measure", "source": "Source", "value": "Value", "kind": "Kind",
    "metric": "Metric", "unit": "Unit",
}


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())
_KINDS = ("detect", "cumulative", "incident")


class MappingDialog(QDialog):
    def __init__(self, book: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sheets and columns")
        area = available_area(parent)
        self.resize(min(1040, int(area.width() * 0.92)) if area else 1040,
                    min(760, int(area.height() * 0.86)) if area else 760)
        self.book = book
        self.sheets: list[SheetInfo] = list(book.sheets)
        self.choices: dict[tuple[str, str], dict[str, Any]] = {
            (s.file, s.sheet): {"role": s.role, "mapping": dict(s.mapping), "kind": s.kind} for s in self.sheets}
        # What each sheet was when the dialog opened: only sheets the user changes become choices, so
        # the others keep being read as detected (and gain from better detection later).
        self._opened = {key: {**c, "mapping": dict(c["mapping"])} for key, c in self.choices.items()}
        self.list = QListWidget()
        self.list.setAccessibleName("Sheets")
        for sheet in self.sheets:
            self.list.addItem(f"{sheet.file} · {sheet.sheet}")
        self.role = QComboBox()
        self.role.addItems(list(ROLES))
        self.role.setAccessibleName("Role of the sheet")
        self.kind = QComboBox()
        self.kind.addItems(list(_KINDS))
        self.kind.setAccessibleName("Kind of the figures")
        self.fields = QFormLayout()
        self.fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.field_boxes: dict[str, QComboBox] = {}
        self.preview = QTableWidget()
        self.preview.setAccessibleName("Preview of the sheet")
        self.preview.verticalHeader().setDefaultSectionSize(22)
        self.header_note = QLabel()
        self.header_note.setWordWrap(True)
        top = QFormLayout()
        top.addRow("Role:", self.role)
        top.addRow("Figures are:", self.kind)
        top.addRow(self.header_note)
        # The columns' fields scroll on their own, so that the preview keeps its rows on a small screen.
        fields_box = QWidget()
        fields_box.setLayout(self.fields)
        fields_scroll = QScrollArea()
        fields_scroll.setWidgetResizable(True)
        fields_scroll.setWidget(fields_box)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(QLabel("<b>Which column holds what</b>"))
        upper_layout.addWidget(fields_scroll, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel(f"<b>Preview</b> (the header and the first {PREVIEW_ROWS} rows)"))
        lower_layout.addWidget(self.preview, 1)
        self.preview.setMinimumHeight(self.preview.horizontalHeader().sizeHint().height() + 10 * 22 + 6)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(upper)
        right.addWidget(lower)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addWidget(right, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Read again with these choices")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.warnings = QPlainTextEdit("\n".join(f"• {w}" for w in book.warnings) or
                                       "No warnings: every cell was read.")
        self.warnings.setReadOnly(True)
        self.warnings.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # a warning is read whole
        lines = max(1, min(len(book.warnings), 4)) * 2  # a long warning wraps onto a second line
        self.warnings.setMaximumHeight(self.warnings.fontMetrics().lineSpacing() * lines + 14)
        self.warnings.setAccessibleName("Warnings from reading the files")
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(QLabel(f"<b>Warnings</b> ({len(book.warnings)})"))
        layout.addWidget(self.warnings)
        layout.addWidget(buttons)
        self._current: tuple[str, str] | None = None
        self.list.currentRowChanged.connect(self.on_list_current_row_changed)
        self.role.currentTextChanged.connect(lambda _: self._show_fields())
        if self.sheets:
            self.list.setCurrentRow(0)

    def on_list_current_row_changed(self, row: int) -> None:
        self._store_current()
        if row < 0:
            return
        sheet = self.sheets[row]
        self._current = (sheet.file, sheet.sheet)
        choice = self.choices[self._current]
        self.role.blockSignals(True)
        self.role.setCurrentText(str(choice["role"]))
        self.role.blockSignals(False)
        self.kind.setCurrentText(str(choice["kind"] or "detect"))
        self.header_note.setText(f"Header row: {sheet.header_row or 'none found'} · {sheet.rows:,} data rows")
        self._show_fields()
        self._show_preview(sheet)

    def _show_fields(self) -> None:
        while self.fields.rowCount():
            self.fields.removeRow(0)
        self.field_boxes = {}
        if self._current is None:
            return
        sheet = next(s for s in self.sheets if (s.file, s.sheet) == self._current)
        mapping = self.choices[self._current]["mapping"]
        role = self.role.currentText()
        names = CLAIM_FIELDS if role == "claims" else REFERENCE_FIELDS if role == "reference" else ()
        for name in names:
            box = QComboBox()
            # Columns read together ("Year + Month") are a choice of their own.
            joined = [mapping[name]] if mapping.get(name) and mapping[name] not in sheet.headers else []
            box.addItems([_NONE, *sheet.headers, *joined])
            box.setCurrentText(mapping.get(name, _NONE))
            box.setAccessibleName(f"Column for the {field_label(name).lower()}")
            self.fields.addRow(f"{field_label(name)}:", box)
            self.field_boxes[name] = box

    def _show_preview(self, sheet: SheetInfo) -> None:
        table = self.book.tables.get((sheet.file, sheet.sheet))
        self.preview.clear()
        if table is None:
            self.preview.setRowCount(0)
            self.preview.setColumnCount(0)
            return
        rows = table.astype(str).to_numpy().tolist()
        self.preview.setColumnCount(len(rows[0]))
        self.preview.setHorizontalHeaderLabels(rows[0])
        body = rows[1:PREVIEW_ROWS + 1]
        self.preview.setRowCount(len(body))
        for i, row in enumerate(body):
            for j, value in enumerate(row):
                self.preview.setItem(i, j, QTableWidgetItem(value))

    def _store_current(self) -> None:
        if self._current is None:
            return
        choice = self.choices[self._current]
        choice["role"] = self.role.currentText()
        choice["kind"] = None if self.kind.currentText() == "detect" else self.kind.currentText()
        if self.field_boxes:
            choice["mapping"] = {f: b.currentText() for f, b in self.field_boxes.items() if b.currentText() != _NONE}

    def result_choices(self) -> dict[tuple[str, str], SheetChoice]:
        self._store_current()
        return {key: SheetChoice(c["role"], c["mapping"], c["kind"]) for key, c in self.choices.items()
                if c != self._opened[key]}
