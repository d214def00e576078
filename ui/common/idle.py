"""Auto-lock after a quiet spell: an app-wide event filter feeds one timer
(KeePassXC's InactivityTimer works the same way)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}


class InactivityTimer(QObject):
    inactive = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.inactive)
        self._active = False

    def start(self, timeout_ms: int) -> None:
        """``timeout_ms`` of 0 switches auto-lock off."""
        self.stop()
        if timeout_ms <= 0:
            return
        self._timer.setInterval(timeout_ms)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._active = True
        self._timer.start()

    def stop(self) -> None:
        if self._active:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        self._active = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._active and event.type() in _ACTIVITY:
            self._timer.start()
        return False
