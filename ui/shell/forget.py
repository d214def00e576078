"""After a lock: give back the memory that held the journal's words.

Python and Qt can't wipe the strings they free; the freed memory keeps its bytes until it
is used again. So, once the main window (its documents, undo stacks and widgets) has been
deleted: a garbage collection frees what cycles held, and on Linux ``malloc_trim`` hands
the now-empty heap pages back to the system, which gives a process only zeroed pages.
What remains are the few copies in partly used pages (tests/ui/shell/test_memory_after_lock.py
counts them).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc

from PySide6.QtCore import QTimer

from app import platform

released = 0  # how many times memory was given back (a signal for tests)


def _trim_heap() -> None:
    if platform.IS_WINDOWS or platform.IS_MACOS:
        return  # they return freed pages on their own schedule; malloc_trim is glibc's
    name = ctypes.util.find_library("c")
    if name is None:
        return
    try:
        ctypes.CDLL(name).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return


def release_now() -> None:
    global released
    gc.collect()
    _trim_heap()
    released += 1


def release_soon() -> None:
    """After the event loop has deleted the windows given ``deleteLater()`` by the lock."""
    QTimer.singleShot(0, release_now)
