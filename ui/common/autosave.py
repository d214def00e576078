"""Saving a moment after typing stops, and telling the truth about it.

Editors register *what* to save under a key (latest wins); the save reads the widget's
current text when it runs. A save that fails keeps its entry pending — the text stays in
the editor — and is retried. The status line says "Saving…", "Saved" or
"Not saved — why".
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject, QTimer, Signal

from app.errors import JournalError

SAVING = "Saving…"
SAVED = "Saved"


class Autosaver(QObject):
    status_changed = Signal(str)
    saved = Signal()
    failed = Signal(str)

    def __init__(
        self, delay_ms: int = 800, retry_ms: int = 5000, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._pending: dict[Hashable, Callable[[], None]] = {}
        self.status = SAVED
        self._flushing = False
        self._delay = QTimer(self, singleShot=True, interval=delay_ms)
        self._delay.timeout.connect(self.flush)
        self._retry = QTimer(self, singleShot=True, interval=retry_ms)
        self._retry.timeout.connect(self.flush)

    def set_intervals(self, delay_ms: int, retry_ms: int) -> None:
        self._delay.setInterval(delay_ms)
        self._retry.setInterval(retry_ms)

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def schedule(self, key: Hashable, save: Callable[[], None]) -> None:
        self._pending[key] = save
        if not self._retry.isActive():
            self._set_status(SAVING)
        self._delay.start()

    def discard(self, key: Hashable) -> None:
        self._pending.pop(key, None)

    def flush(self) -> bool:
        """Save everything pending now. True when all of it reached the disk."""
        self._delay.stop()
        if not self._pending:
            return True
        if self._flushing:
            return False  # a save that triggers another switch must not save twice over
        self._flushing = True
        self._retry.stop()
        problem = ""
        try:
            for key, save in list(self._pending.items()):
                try:
                    save()
                except JournalError as error:
                    problem = str(error)
                    continue
                if self._pending.get(key) is save:
                    del self._pending[key]
        finally:
            self._flushing = False
        if problem:
            self._set_status(
                f"Not saved — {problem}. Your words are still here; trying again shortly."
            )
            self.failed.emit(problem)
            self._retry.start()
            return False
        self._set_status(SAVED)
        self.saved.emit()
        return True

    def forget_all(self) -> None:
        """After a lock: nothing pending may outlive the journal it belonged to."""
        self._delay.stop()
        self._retry.stop()
        self._pending.clear()
        self._set_status(SAVED)

    def _set_status(self, text: str) -> None:
        if text != self.status:
            self.status = text
            self.status_changed.emit(text)
