"""Help: the keyboard shortcuts (F1) and the About box with where Reviewer keeps its files."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.app_log import log_path
from reviewer.io.paths import home
from reviewer.version import __version__

__all__ = ["SHORTCUTS", "show_about", "show_shortcuts"]

SHORTCUTS = (
    ("Ctrl+O", "Open a workbook (several files at once are one workbook)"),
    ("Ctrl+E", "Export the annotated workbook"),
    ("1 – 9", "Set the verdict of the selected claims (in the claims list)"),
    ("0 or Delete", "Clear the verdict of the selected claims"),
    ("N or Ctrl+Down", "Go to the next unreviewed claim (only it is selected)"),
    ("Shift+↑ / Shift+↓", "Select several claims, for one verdict on all of them"),
    ("Ctrl+L", "Write a note for the selected claim; Enter or Escape saves it and goes back to the list"),
    ("Ctrl+H", "The history of the selected claim's verdict and note"),
    ("Ctrl+F", "Filter the claims; Escape clears the filter and goes back to the list"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo verdicts and notes"),
    ("Ctrl+K", "Compare two sources"),
    ("Ctrl+M", "Sheets and columns: roles and mapping"),
    ("Ctrl+R", "Reset the plot's zoom"),
    ("Ctrl+G", "A logarithmic scale on the plot, or back"),
    ("Ctrl+,", "Preferences"),
    ("F1", "This list"),
)


def show_shortcuts(parent: QWidget | None) -> None:
    rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in SHORTCUTS)
    box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard shortcuts", f"<table>{rows}</table>",
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("shortcutsDialog")
    box.exec()


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(parent, "About Reviewer",
                      f"<h3>Reviewer {__version__}</h3><p>Check numeric claims against what each source "
                      f"published.</p><p>Review store and settings: <br><code>{home()}</code></p>"
                      f"<p>Log: <br><code>{log_path()}</code></p>")
