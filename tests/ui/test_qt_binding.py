"""The Qt binding must not leak references to True/None on each signal or call.

PySide6 6.12.0 does, and on Python 3.11 (where True and None are not immortal) the app
then aborts after about a thousand keystrokes. This guards the pin in pyproject.toml.
"""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    happened = Signal()


def test_emitting_signals_keeps_true_and_none_alive(qapp) -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.happened.connect(lambda: received.append(1))
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(300):
        emitter.happened.emit()
        qapp.processEvents()
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert len(received) == 300
    # Other code may take a few references meanwhile; a leak loses hundreds.
    assert after[0] - before[0] > -50
    assert after[1] - before[1] > -50
