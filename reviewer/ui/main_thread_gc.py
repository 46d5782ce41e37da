"""Python's cyclic garbage collector, run in the window's thread only.

The collector runs in whichever thread happens to allocate past its threshold. During a background
job (opening, checking, exporting) that is a worker thread, and a plot item or widget caught in a
reference cycle would then be destroyed there while the window's thread paints it: the application
hangs or crashes. So automatic collection is switched off and the window's thread collects on a
timer, the generations whose counts passed their thresholds, as the automatic collector would.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

__all__ = ["collect_in_main_thread"]

_INTERVAL_MS = 1000


class _Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(_INTERVAL_MS)

    def collect(self) -> None:
        first, second, third = gc.get_count()
        if first <= self.threshold[0]:
            return
        generation = 2 if third > self.threshold[2] else 1 if second > self.threshold[1] else 0
        gc.collect(generation)


_collectors: list[_Collector] = []  # held here as well as by the application, which owns each


def collect_in_main_thread() -> None:
    """Switch automatic collection off and collect from a timer of the application; once per application."""
    app = QCoreApplication.instance()
    if app is None or any(c.parent() is app for c in _collectors):
        return
    _collectors.append(_Collector(app))
    gc.disable()
