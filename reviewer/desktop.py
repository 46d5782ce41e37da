"""`reviewer --install-desktop`: a launcher, an icon and file associations for this user (Linux).

Follows the freedesktop specifications: the .desktop file goes to $XDG_DATA_HOME/applications, the
icons to the hicolor theme; its MimeType line makes xlsx, xls, ods and csv files offer "Open with
Reviewer".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

__all__ = ["install_desktop"]


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _launcher() -> str:
    """The command that starts this installation of Reviewer, as an absolute path."""
    if getattr(sys, "frozen", False):
        return sys.executable
    found = shutil.which("reviewer")
    if found:
        return str(Path(found).resolve())
    return f"{sys.executable} -m reviewer"


def install_desktop(data_home: Path | None = None) -> int:
    if not sys.platform.startswith("linux"):
        sys.stderr.write("reviewer: --install-desktop is for Linux desktops; on Windows and macOS use the "
                         "bundle's installer\n")
        return 2
    root = data_home or _data_home()
    package = resources.files("reviewer.resources")
    applications = root / "applications"
    applications.mkdir(parents=True, exist_ok=True)
    entry = package.joinpath("reviewer.desktop").read_text(encoding="utf-8")
    launcher = _launcher()
    entry = entry.replace("Exec=reviewer %F", f"Exec={launcher} %F").replace("TryExec=reviewer\n",
                                                                               f"TryExec={launcher.split()[0]}\n")
    desktop_file = applications / "reviewer.desktop"
    desktop_file.write_text(entry, encoding="utf-8")
    icons = root / "icons" / "hicolor"
    (icons / "scalable" / "apps").mkdir(parents=True, exist_ok=True)
    (icons / "scalable" / "apps" / "reviewer.svg").write_bytes(package.joinpath("reviewer.svg").read_bytes())
    for size in (48, 256):
        folder = icons / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "reviewer.png").write_bytes(package.joinpath(f"reviewer-{size}.png").read_bytes())
    for command in (["update-desktop-database", str(applications)], ["gtk-update-icon-cache", "-q", "-t", str(icons)]):
        if shutil.which(command[0]):
            subprocess.run(command, check=False, capture_output=True)
    print(f"Installed {desktop_file}\nIcons in {icons}\nSpreadsheets now offer “Open with Reviewer”.")
    return 0
