"""Backups made on a worker thread while the client keeps writing.

A daily backup of a large journal takes seconds; the window must not freeze for it. Locking
stops any backup in progress (``stop``) before the journal closes, and waits for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal


class BackupRunner(QObject):
    """``finished(path)`` or ``failed(exception)`` arrive on the GUI thread (queued)."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def running(self) -> bool:
        return any(thread.is_alive() for thread in self._threads)

    def start(self, job: Callable[[threading.Event], Path]) -> None:
        thread = threading.Thread(target=self._run, args=(job,), name="journal-backup", daemon=True)
        self._threads.append(thread)
        thread.start()

    def _run(self, job: Callable[[threading.Event], Path]) -> None:
        from app.vault import BackupCancelled  # here: the backup code loads after unlock

        try:
            path = job(self._cancel)
        except BackupCancelled:
            return  # the journal locked: nothing to report, nothing left behind
        except Exception as error:  # shown on the GUI thread in plain words
            self.failed.emit(error)
        else:
            self.finished.emit(path)

    def stop(self) -> None:
        """Stop every backup in progress and wait until each has cleaned up."""
        self._cancel.set()
        for thread in self._threads:
            thread.join()
        self._threads.clear()
        self._cancel = threading.Event()
