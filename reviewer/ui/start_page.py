"""What the window shows before a workbook is open: open one, a recent one, or the sample."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

__all__ = ["StartPage"]


class StartPage(QWidget):
    open_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("<h1>Reviewer</h1><p>Check the numbers in claims against what each source published.</p>"
                       "<p>Open a workbook of claims together with the sources' figures (one file or several: "
                       "xlsx, xls, xlsb, ods, csv). You can also drop files on this window.</p>")
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = QPushButton("Open workbook…  (Ctrl+O)")
        self.open_button.setAccessibleName("Open workbook")
        self.sample_button = QPushButton("Open the sample: the 2017 coverage of the coalition air war")
        self.sample_button.setAccessibleName("Open the sample")
        for button in (self.open_button, self.sample_button):
            button.setMinimumHeight(40)
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent files")
        self.recent.setMaximumHeight(180)
        self.recent_label = QLabel("<b>Recent files</b>")
        self.hint = QLabel("Keys: 1–9 set a verdict · N next unreviewed · Ctrl+F filter · Ctrl+Z undo · "
                           "Ctrl+E export · F1 all shortcuts")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title)
        column.addSpacing(12)
        column.addWidget(self.open_button)
        column.addWidget(self.sample_button)
        column.addSpacing(16)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent)
        column.addSpacing(12)
        column.addWidget(self.hint)
        column.addStretch(2)
        outer = QVBoxLayout(self)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(640)
        outer.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        self.recent.itemActivated.connect(lambda item: self.recent_requested.emit(item.data(Qt.ItemDataRole.UserRole)))

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for entry in paths:
            shown = " + ".join(Path(p).name for p in entry.split("\n"))
            item = QListWidgetItem(shown)
            item.setToolTip(entry.replace("\n", "\n"))
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        self.recent_label.setVisible(bool(paths))
