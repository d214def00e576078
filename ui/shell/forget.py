"""After a lock: give back the memory that held the journal's words.

Python and Qt can't wipe the strings they free; the freed memory keeps its bytes until it
is used again. So, once the main window (its documents, undo stacks and widgets) has been
deleted: a garbage collection frees what cycles held, Python's freed small blocks are
taken back with zero-filled objects and freed again, and on Linux ``malloc_trim`` hands
the now-empty heap pages back to the system, which gives a process only zeroed pages.
What remains are the few copies in partly used pages of the C heap
(tests/ui/shell/test_memory_after_lock.py counts them). Taking the C heap's freed chunks
back the same way was tried: it cost 0.1 s at every lock and left the same count.
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


# Python's small-object allocator hands out memory in classes of 16 bytes up to 512; a
# freed block keeps its bytes until the next object of its class takes it.
_SMALL_CLASSES = range(48, 513, 16)
_SMALL_BYTES_EACH = 512 * 1024  # per class: more than a journal's freed strings leave


def _reuse_freed_small_blocks() -> None:
    """Take every freed small block back with zero-filled objects, then free those: a
    word of the journal left in a freed string is overwritten (up to its first 8 bytes,
    which the allocator then uses for its own list)."""
    # A class takes its own partly used blocks first, so one class at a time is enough:
    # the memory this borrows stays at half a megabyte.
    for size in _SMALL_CLASSES:
        length = size - 33  # a bytes object is 33 bytes plus its contents
        held = [bytes(length) for _ in range(_SMALL_BYTES_EACH // size)]
        del held


def release_now() -> None:
    global released
    gc.collect()
    _reuse_freed_small_blocks()
    _trim_heap()
    released += 1


def release_soon() -> None:
    """After the event loop has deleted the windows given ``deleteLater()`` by the lock."""
    QTimer.singleShot(0, release_now)
