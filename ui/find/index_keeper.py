"""Search-index upkeep at quiet moments, off the GUI thread.

An edit only queues its row for the index (autosave stays a one-row commit). Catching the
index up means removing the old words (FTS5 secure-delete), which costs about 0.1 s for a
long entry in a 100,000-entry journal, and far more when the index has many segments. So
after a quiet spell a worker, on a connection of its own, merges the index's segments and
catches up the queued rows, in steps of tens of milliseconds each in its own transaction:
an autosave waiting for the write lock waits for one step at most, and the next search
finds nothing left to do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.errors import JournalError
from ui.common.idle import InactivityTimer

if TYPE_CHECKING:
    from app.journal import Journal


class IndexKeeper(QObject):
    """``start(journal)`` after unlock, ``stop()`` before the journal closes."""

    quiet_ms = 2000  # after the autosave (800 ms after the last key), and a breath more

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quiet = InactivityTimer(self)
        self._quiet.inactive.connect(self._run)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._opener: Callable[[], AbstractContextManager[Journal]] | None = None
        self.steps = 0  # steps taken, for tests and benchmarks

    def start(self, journal: Journal) -> None:
        self._opener = journal.sibling_opener()
        self._quiet.start(self.quiet_ms)

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        """The step under way finishes; no other starts; its connection is closed."""
        self._quiet.stop()
        self._opener = None
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        opener = self._opener
        if opener is None or self.running():
            return
        stop = self._stop
        stop.clear()

        def work() -> None:
            try:
                with opener() as own:
                    while not stop.is_set() and own.index_upkeep_step():
                        self.steps += 1
            except JournalError:
                pass  # busy, or locked meanwhile: the next quiet moment tries again

        self._thread = threading.Thread(target=work, name="index-upkeep", daemon=True)
        self._thread.start()
