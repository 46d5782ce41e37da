"""Start Reviewer: the window, or a terminal command when one is named.

    reviewer [FILE...]            the window, with those files open
    reviewer inspect|check|export|summary ...
    reviewer --install-desktop    a launcher and file associations for this user (Linux)
    reviewer --sample             the window, with the bundled sample workbook
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["TERMINAL_COMMANDS", "main", "main_gui"]

# The terminal commands, named here so that starting the window never imports the CLI (and pandas).
TERMINAL_COMMANDS = ("inspect", "check", "export", "summary")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--read-worker"]:  # the guarded reader, when running as a bundled app
        from reviewer.io.read_worker import main as worker

        return worker(args[1:])
    if args[:1] and (args[0] in TERMINAL_COMMANDS or args[0] in {"-h", "--help", "--version"}):
        from reviewer.app_log import setup_logging
        from reviewer.cli import main as cli

        setup_logging(console=False)
        return cli(args)
    if args[:1] == ["--install-desktop"]:
        from reviewer.desktop import install_desktop

        return install_desktop()
    return main_gui(args)


def main_gui(argv: Sequence[str] | None = None) -> int:
    import os

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        # Qt would abort the process; say what is wrong instead.
        sys.stderr.write("reviewer: there is no screen to open the window on (DISPLAY is not set); run it from a "
                         "desktop session, or use the terminal commands: reviewer inspect|check|export|summary\n")
        return 2
    from reviewer.ui.app import run

    return run(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    raise SystemExit(main())
