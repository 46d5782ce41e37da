"""Every action of the window in one table: its text, shortcut, handler, menu, and whether it needs an
open workbook. The window builds its menus and shortcuts from this table and nothing else."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from operator import attrgetter

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

__all__ = ["ACTIONS", "ActionSpec", "build_actions"]

Key = QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str
    text: str
    shortcuts: tuple[str | Key, ...]
    handler: str  # a path from the window: "opening.open_dialog" calls window.opening.open_dialog()
    needs_workbook: bool
    menu: str  # "File", "Edit", "View", "Help"
    separator_before: bool = False


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open…", (Key.Open,), "opening.open_dialog", False, "File"),
    ActionSpec("sample", "Open the &sample", (), "opening.open_sample", False, "File"),
    ActionSpec("export", "&Export annotated workbook…", ("Ctrl+E",), "exporting.export_dialog", True, "File", True),
    ActionSpec("export_csv", "Export claims as &CSV…", (), "exporting.export_csv", True, "File"),
    ActionSpec("export_jsonld", "Export as ClaimReview &JSON-LD…", (), "exporting.export_jsonld", True, "File"),
    ActionSpec("save_plot", "Save the &plot as PNG or SVG…", (), "exporting.save_plot", True, "File"),
    ActionSpec("mapping", "Sheets and &columns…", ("Ctrl+M",), "dialogs.edit_mapping", True, "File", True),
    ActionSpec("quit", "&Quit", (Key.Quit,), "close", False, "File", True),
    # Undo and redo are the undo stack's own actions: their text names the step, enabled when there is one.
    ActionSpec("undo", "&Undo", (Key.Undo,), "undo_stack.undo", False, "Edit"),
    ActionSpec("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "undo_stack.redo", False, "Edit"),
    ActionSpec("next", "&Next unreviewed claim", ("Ctrl+Down",), "reviewing.next_unreviewed", True, "Edit", True),
    ActionSpec("note", "Write a &note", ("Ctrl+L",), "reviewing.focus_note", True, "Edit"),
    ActionSpec("find", "&Filter claims", (Key.Find,), "reviewing.focus_filter", True, "Edit"),
    ActionSpec("history", "&History of this claim…", ("Ctrl+H",), "dialogs.show_history", True, "Edit"),
    ActionSpec("orphans", "Verdicts on claims no longer in the workbook…", (), "dialogs.show_orphans", True, "Edit"),
    ActionSpec("take_earlier", "Take &earlier verdicts on these claims…", (), "dialogs.take_earlier", True, "Edit"),
    ActionSpec("prefs", "&Preferences…", ("Ctrl+,",), "dialogs.edit_preferences", False, "Edit", True),
    ActionSpec("compare", "&Compare sources…", ("Ctrl+K",), "dialogs.compare_sources", True, "View"),
    ActionSpec("reset_plot", "&Reset the plot", ("Ctrl+R",), "reset_plot", True, "View"),
    ActionSpec("log_scale", "&Logarithmic scale on the plot", ("Ctrl+G",), "toggle_log_scale", True, "View"),
    ActionSpec("shortcuts", "&Keyboard shortcuts", (Key.HelpContents,), "dialogs.show_shortcuts", False, "Help"),
    ActionSpec("about", "&About Reviewer", (), "dialogs.show_about", False, "Help"),
)


def build_actions(window: QMainWindow, specs: tuple[ActionSpec, ...] = ACTIONS,
                  made: Mapping[str, QAction] | None = None) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """The window's actions by name, each in its menu; handlers are looked up when triggered, so that
    they may belong to parts built later (the review page, with the first workbook). An action in
    ``made`` (the undo stack's) is placed as it is: it does its own work."""
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    for spec in specs:
        action = (made or {}).get(spec.name)
        if action is None:
            action = QAction(spec.text, window)
            action.triggered.connect(lambda _=False, path=spec.handler: attrgetter(path)(window)())
        action.setShortcuts([QKeySequence(k) for k in spec.shortcuts])
        window.addAction(action)  # shortcuts work with the menu bar hidden too
        menu = menus.get(spec.menu)
        if menu is None:
            menu = menus[spec.menu] = window.menuBar().addMenu(f"&{spec.menu}")
        if spec.separator_before:
            menu.addSeparator()
        menu.addAction(action)
        actions[spec.name] = action
    return actions, menus
