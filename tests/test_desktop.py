"""Starting Reviewer like a desktop application: the launcher files, the sample, the first screens."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

import reviewer
from reviewer.desktop import install_desktop
from tests.conftest import FIGURES_CSV, ROOT


def test_the_desktop_entry_is_valid_and_offers_spreadsheets() -> None:
    path = ROOT / "resources" / "reviewer.desktop"
    assert path.read_bytes() == (ROOT / "reviewer" / "resources" / "reviewer.desktop").read_bytes()
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(path, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"].endswith("%F") and section["Icon"] == "reviewer"
    mime = section["MimeType"]
    for kind in ("spreadsheetml.sheet", "application/vnd.ms-excel;", "opendocument.spreadsheet", "text/csv"):
        assert kind in mime
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_icons_ship_in_every_form() -> None:
    icons = ROOT / "resources" / "icons"
    assert (icons / "reviewer.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    for size in (16, 32, 48, 256):
        assert (icons / f"reviewer-{size}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (ROOT / "reviewer" / "resources" / "reviewer.svg").read_text().startswith("<svg")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop launchers are for Linux")
def test_install_desktop_puts_a_launcher_and_icons_in_the_users_folders(tmp_path: Path) -> None:
    assert install_desktop(tmp_path) == 0
    entry = (tmp_path / "applications" / "reviewer.desktop").read_text()
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" %F") and exec_line.split("=", 1)[1].startswith("/")
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "reviewer.svg").exists()
    assert (tmp_path / "icons" / "hicolor" / "256x256" / "apps" / "reviewer.png").exists()


def test_the_sample_is_built_from_the_published_figures(tmp_path: Path) -> None:
    from reviewer.sample import CLAIMS, build_sample

    built = build_sample(tmp_path / "sample.xlsx")
    book = reviewer.open_workbook(built)
    assert len(book.claims) == len(CLAIMS) >= 10
    assert {"CJTF-OIR", "Airwars"} <= set(book.sources)
    published = FIGURES_CSV.read_text(encoding="utf-8")
    coalition = book.references[book.references["source"] == "CJTF-OIR"]
    assert len(coalition) == published.count(",CJTF-OIR,")
    quoted = dict(zip(book.claims["key"], book.claims["figure_text"], strict=True))
    assert quoted["R-01"] == "at least 352" and quoted["R-02"] == "3,164" and quoted["R-04"] == "804 to 1,213"
    shipped = reviewer.open_workbook(reviewer.sample_workbook())
    assert shipped.claims["figure_text"].tolist() == book.claims["figure_text"].tolist()


def test_version_and_help_do_not_need_a_display() -> None:
    result = subprocess.run([sys.executable, "-m", "reviewer", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "inspect" in result.stdout


def _close_next_dialog(found: list[str]) -> None:
    def close() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QMessageBox):
            found.append(widget.text())
            widget.close()
        else:
            QTimer.singleShot(50, close)

    QTimer.singleShot(50, close)


def test_first_run_help_and_about(qtbot: QtBot, reviewer_home: Path) -> None:
    from reviewer.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.start_page.isVisible() and window.start_page.sample_button.isVisible()
    assert not window.start_page.recent.isVisible()  # nothing recent on a first run
    shown: list[str] = []
    _close_next_dialog(shown)
    window.shortcuts_action.trigger()
    assert shown and "Next unreviewed" not in shown[0] and "next unreviewed" in shown[0] and "F1" in shown[0]
    _close_next_dialog(shown)
    window.about_action.trigger()
    assert str(reviewer_home) in shown[1] and "reviewer.log" in shown[1]
    with qtbot.waitSignal(window.workbook_loaded, timeout=30_000):
        window.start_page.sample_button.click()
    assert window.claims_model.rowCount() == 13
