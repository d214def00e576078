"""One import in flight: the file is read, and the entries written, off the GUI thread.

Reading a foreign file may be slow or hostile, and writing 10,000 entries takes seconds,
so both run on a worker thread under a progress dialog whose Cancel stops them. The write
is one transaction on the worker's own connection (a SQLite connection never crosses
threads): Cancel before the commit rolls it back, so the journal is left as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ui.common import dialogs
from ui.common.background import BackgroundCall

if TYPE_CHECKING:
    from app.journal import Journal
    from app.transfer.importing import Entries, Preview

_running: set[ImportRun] = set()  # imports in flight, kept alive until they finish
latest: ImportRun | None = None  # the last one started (tests wait on its ``done``)


class _Progress(QObject):
    """Emitted on the worker thread, received (queued) on the GUI thread."""

    moved = Signal(int, int)  # entries written, entries in all


class ImportRun:
    """Read ``path`` on a worker, show the preview for the client to confirm (GUI thread),
    then write on a worker. ``imported`` is called on the GUI thread once the sessions are
    in, before the client is told; tests wait on ``done``."""

    def __init__(
        self,
        window: QWidget,
        journal_of: Callable[[], Journal | None],
        kind: str,
        path: Path,
        confirm: Callable[[Preview], bool],
        imported: Callable[[], None],
    ) -> None:
        self.window = window
        self.journal_of = journal_of
        self.kind = kind
        self.path = path
        self.confirm = confirm
        self.imported = imported
        self.done = False
        self.count = 0  # sessions added
        self.writing_phase = False
        self.cancelled = threading.Event()
        # Clear only while the worker may hold the journal's write transaction: the lock
        # waits for it (a file still being read touches nothing of the journal).
        self.written = threading.Event()
        self.written.set()
        self.signals = _Progress()
        self.signals.moved.connect(self._moved, Qt.ConnectionType.QueuedConnection)
        self.progress: QProgressDialog | None = None
        self.call: BackgroundCall | None = None
        global latest
        latest = self
        _running.add(self)
        self._start(f"Reading {path.name}…", self._read_work(), self._read)

    # -- the two steps ----------------------------------------------------------------------

    def _read_work(self) -> Callable[[], object]:
        from app.transfer import importing

        kind, path, cancelled = self.kind, self.path, self.cancelled

        def read() -> object:
            try:
                result = importing.read(kind, path)
            except importing.ImportProblem:
                raise
            except Exception as error:  # whatever a hostile file provokes, in plain words
                raise importing.ImportProblem(
                    f"{path.name} couldn't be read ({type(error).__name__})."
                ) from None
            if cancelled.is_set():
                raise importing.ImportCancelled()
            return result

        return read

    def _read(self, result: object) -> None:
        preview, entries = cast("tuple[Preview, Entries]", result)
        self._close_progress()
        if self.cancelled.is_set() or not self._journal_open():
            self._finish()
            return
        if not self.confirm(preview) or self.cancelled.is_set():
            self._finish()
            return
        journal = self.journal_of()
        if journal is None:
            self._finish()
            return
        self.writing_phase = True
        self.written.clear()
        self._start("Importing…", self._write_work(journal, entries), self._wrote)

    def _write_work(self, journal: Journal, entries: Entries) -> Callable[[], object]:
        from app.transfer import importing

        opener = journal.sibling_opener()  # on the GUI thread; opened on the worker
        cancelled, moved, written = self.cancelled, self.signals.moved, self.written
        total = len(entries)
        step = max(1, total // 200)  # about 200 updates, however many entries

        def progress(done: int) -> None:
            if cancelled.is_set():
                raise importing.ImportCancelled()
            if done % step == 0 or done == total:
                moved.emit(done, total)

        def write() -> object:
            try:
                if cancelled.is_set():
                    raise importing.ImportCancelled()
                moved.emit(0, total)
                with opener() as own:
                    return len(importing.import_entries(own, entries, progress))
            finally:
                written.set()

        return write

    def _wrote(self, count: object) -> None:
        self._close_progress()
        self._finish()
        if not self._journal_open():
            return  # not a word about it on top of the unlock window
        self.count = int(count)  # type: ignore[call-overload]
        self.imported()
        sessions = "1 new session" if self.count == 1 else f"{self.count:,} new sessions"
        dialogs.inform(self._parent(), "Import finished", f"Imported {sessions}.")

    def _failed(self, error: object) -> None:
        from app.errors import JournalError
        from app.transfer import importing

        self._close_progress()
        self._finish()
        if isinstance(error, importing.ImportCancelled):
            return  # asked for: nothing was written
        if isinstance(error, importing.ImportProblem):
            text = f"{error}\n\nNothing was imported."
        elif not self._journal_open():
            text = "The import couldn't be saved. Nothing was changed."
        else:
            why = str(error) if isinstance(error, JournalError | ValueError) else None
            why = why or type(error).__name__
            text = f"The import couldn't be saved ({why}). Nothing was changed."
        dialogs.warn(self._parent(), "Nothing imported", text)

    # -- the worker and its dialog ----------------------------------------------------------

    def _start(
        self, label: str, work: Callable[[], object], done: Callable[[object], None]
    ) -> None:
        progress = QProgressDialog(label, "Cancel", 0, 0, self.window)
        progress.setWindowTitle("Import")
        progress.setAccessibleName("Import progress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        # Cancel, Escape, closing it, or the idle lock rejecting it: all stop the import.
        progress.canceled.connect(self.cancel)
        progress.rejected.connect(self.cancel)
        self.progress = progress
        # Not a child of the window: locking may delete the window while the worker runs.
        self.call = BackgroundCall(work)
        self.call.succeeded.connect(done)
        self.call.failed.connect(self._failed)
        progress.show()
        self.call.start()

    def cancel(self) -> None:
        self.cancelled.set()

    def _moved(self, done: int, total: int) -> None:
        progress = self.progress
        if progress is not None and shiboken6.isValid(progress) and self.writing_phase:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(f"Importing… {done:,} of {total:,} entries")

    def _close_progress(self) -> None:
        progress, self.progress = self.progress, None
        if progress is not None and shiboken6.isValid(progress):
            progress.canceled.disconnect(self.cancel)
            progress.rejected.disconnect(self.cancel)
            progress.close()
            progress.deleteLater()
        if self.call is not None:
            self.call.deleteLater()
            self.call = None

    def _finish(self) -> None:
        self.done = True
        _running.discard(self)

    def _journal_open(self) -> bool:
        return shiboken6.isValid(self.window) and self.journal_of() is not None

    def _parent(self) -> QWidget | None:
        return self.window if shiboken6.isValid(self.window) else QApplication.activeWindow()


def imports_running() -> bool:
    """True while an import may still be writing (a cancelled one is rolling back)."""
    return any(not run.written.is_set() for run in _running)


def finish_running_imports(timeout: float | None = None) -> bool:
    """Wait until every import being written has committed or rolled back, so quitting
    never cuts a write short. True when none is still writing."""
    return all(run.written.wait(timeout) for run in list(_running))
