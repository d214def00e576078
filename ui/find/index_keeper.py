"""Search-index upkeep off the GUI thread: at once after a write, and at quiet moments.

An edit only queues its row for the index (autosave stays a one-row commit). Catching the
index up means removing the old words (FTS5 secure-delete), which costs 55–80 ms for a
long entry in a 100,000-entry journal (most of it SQLCipher wiping and locking each
allocation: ``cipher_memory_security``), and far more when the index has many segments.

So as soon as a write leaves rows queued, a worker on a connection of its own catches
them up, one row per transaction; a search typed next finds nothing left to do, and costs
what any search costs. After a quiet spell the worker also merges the index's segments, a
few pages per step. An autosave waiting for the write lock waits for one step at most.
"""

from __future__ import annotations

import contextlib
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
        self._more = threading.Event()  # rows were queued since the worker last looked
        # The worker's connection, opened once and kept until stop(): opening one costs
        # tens of milliseconds, as much as catching up an entry. One worker at a time uses it.
        self._own = contextlib.ExitStack()
        self._journal: Journal | None = None
        self._thread: threading.Thread | None = None
        self._opener: Callable[[], AbstractContextManager[Journal]] | None = None
        self.steps = 0  # steps taken, for tests and benchmarks

    def start(self, journal: Journal) -> None:
        self._opener = journal.sibling_opener()
        journal.after_index_queued = self.catch_up_soon
        self._quiet.start(self.quiet_ms)

    def catch_up_soon(self) -> None:
        """Rows were queued: catch them up now, without merging (typing may go on)."""
        self._more.set()
        self._run(merge=False)

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
        self._own.close()
        self._journal = None

    def _run(self, merge: bool = True) -> None:
        opener = self._opener
        if opener is None or self.running():
            return
        stop, more = self._stop, self._more
        stop.clear()

        def work() -> None:
            try:
                if self._journal is None:
                    self._journal = self._own.enter_context(opener())
                own = self._journal
                step = own.index_upkeep_step if merge else own.index_catch_up_step
                while not stop.is_set():
                    more.clear()
                    while not stop.is_set() and step():
                        self.steps += 1
                    if not more.is_set():
                        break
            except JournalError:
                pass  # busy, or locked meanwhile: the next write or quiet moment tries again

        self._thread = threading.Thread(target=work, name="index-upkeep", daemon=True)
        self._thread.start()
