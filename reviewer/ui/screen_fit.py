"""A window that fits the screen it opens on: its first size taken from the screen, and a size remembered
from a larger screen brought back within this one."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

__all__ = ["DEFAULT_SIZE", "available_area", "fit_to_screen", "keep_within_screen"]

DEFAULT_SIZE = (1440, 900)  # on screens that have room for it
_SHARE = 0.94  # of the available screen, on smaller ones


def available_area(widget: QWidget | None) -> QRect | None:
    """The screen area a window may take: the widget's screen's, else the primary screen's."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(window: QWidget, saved: QByteArray | None) -> None:
    """Restore ``saved`` geometry, or size the window from the screen; either way within the screen's
    available area, so that the verdict buttons, the note and the status bar are never off-screen."""
    area = available_area(window)
    restored = saved is not None and window.restoreGeometry(saved)
    if area is None or area.isEmpty():
        if not restored:
            window.resize(*DEFAULT_SIZE)
        return
    if window.isMaximized() or window.isFullScreen():
        return
    if not restored:
        width = min(DEFAULT_SIZE[0], int(area.width() * _SHARE))
        height = min(DEFAULT_SIZE[1], int(area.height() * _SHARE))
        window.resize(width, height)
        frame = window.frameGeometry()
        frame.moveCenter(area.center())
        window.move(frame.topLeft())
        return
    keep_within_screen(window, area)


def keep_within_screen(window: QWidget, area: QRect | None = None) -> None:
    """Shrink and move the window so that all of it, frame included, lies within the available area.
    Called again once shown, when the frame (title bar, borders) is known."""
    area = area or available_area(window)
    if area is None or area.isEmpty() or window.isMaximized() or window.isFullScreen():
        return
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    left = min(max(frame.left(), area.left()), area.right() - frame.width() + 1)
    top = min(max(frame.top(), area.top()), area.bottom() - frame.height() + 1)
    if (left, top) != (frame.left(), frame.top()):
        window.move(left, top)
