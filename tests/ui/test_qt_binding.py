"""The Qt binding itself: a defect here brings the whole app down, so it is checked like our own code."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(object)


def test_emitting_a_signal_keeps_references_balanced() -> None:
    # PySide6 6.12.0 drops a reference to True on each emit of a Signal(object); pyqtgraph emits them
    # on every redraw, and after a few thousand the interpreter aborts.
    emitter = _Emitter()
    received: list[object] = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.changed.emit(emitter)
    assert len(received) == 200
    assert abs(sys.getrefcount(True) - before) < 20
