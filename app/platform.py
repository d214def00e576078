"""Everything that differs between Windows, macOS and Linux, in one place.

The rest of the app asks this module instead of testing ``sys.platform`` itself. Features
are chosen by what the running Python offers (``fcntl``, ``resource``) where that is the
real difference, so the no-POSIX test (tests/test_platform.py) exercises the Windows paths
on any machine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType

import filelock

from app.errors import JournalInUse, NotAJournal

IS_WINDOWS = sys.platform == "win32"
IS_MACOS = sys.platform == "darwin"
# POSIX permission bits keep other accounts out on Linux and macOS. Windows ignores them
# (only a read-only flag exists); there the per-user profile folder's ACL does that work.
POSIX_MODES = not IS_WINDOWS
LOCK_FILE_NAME = "journal.lock"


def _optional(name: str) -> ModuleType | None:
    try:
        return __import__(name)
    except ImportError:
        return None


_fcntl = _optional("fcntl")
_resource = _optional("resource")


# -- one process per journal ---------------------------------------------------------------


class FolderLock:
    """One process per journal folder; a crash never leaves a lock that blocks a restart.

    Where ``flock`` exists the folder itself is locked: nothing is added to the disk, a
    read-only folder can still be locked (and then refused as read-only), and the kernel
    drops the lock with the process. Elsewhere (Windows) ``filelock`` holds an OS lock on
    ``journal.lock`` inside the folder: that lock also dies with the process, and the file
    is removed on release. ``lock_file=True`` forces the second way (tests).
    """

    def __init__(self, folder: Path, *, lock_file: bool | None = None) -> None:
        self.folder = Path(folder)
        self._use_file = _fcntl is None if lock_file is None else lock_file
        self._fd: int | None = None
        self._file_lock: filelock.BaseFileLock | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None or self._file_lock is not None

    def acquire(self) -> FolderLock:
        if self.held:
            return self
        if not self.folder.is_dir():
            raise NotAJournal(str(self.folder))
        if self._use_file:
            self._acquire_file()
        else:
            self._acquire_flock()
        return self

    def _acquire_flock(self) -> None:
        assert _fcntl is not None
        try:
            fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except (FileNotFoundError, NotADirectoryError):
            raise NotAJournal(str(self.folder)) from None
        try:
            _fcntl.flock(fd, _fcntl.LOCK_EX | _fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise JournalInUse() from None
        self._fd = fd

    def _acquire_file(self) -> None:
        # thread_local=False: the journal is unlocked on a worker thread, locked on the GUI's.
        lock = filelock.FileLock(
            self.folder / LOCK_FILE_NAME, timeout=0, mode=0o600, thread_local=False
        )
        try:
            lock.acquire()
        except filelock.Timeout:
            raise JournalInUse() from None
        self._file_lock = lock

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None
        if self._file_lock is not None:
            self._file_lock.release(force=True)
            self._file_lock = None


# -- the process itself ----------------------------------------------------------------------


def disable_core_dumps() -> None:
    """No crash dump could ever hold journal text or keys.

    POSIX: the core-size limit goes to zero. Windows has no per-process equivalent; the
    error-mode flag at least stops Windows Error Reporting from offering to send a report
    (a dump that an administrator configured through WER's LocalDumps can still be made).
    """
    if _resource is not None:
        _resource.setrlimit(_resource.RLIMIT_CORE, (0, 0))
    elif IS_WINDOWS:  # pragma: no cover - Windows only
        import ctypes

        sem_failcriticalerrors, sem_nogpfaulterrorbox = 0x0001, 0x0002
        kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
        kernel32.SetErrorMode(sem_failcriticalerrors | sem_nogpfaulterrorbox)


def harden_process() -> None:
    """New files owner-only (POSIX) and no core dumps."""
    os.umask(0o077)
    disable_core_dumps()


# -- files and folders ----------------------------------------------------------------------


def restrict_to_owner(path: Path, mode: int) -> None:
    """Owner-only permission bits where the system has them (see ``POSIX_MODES``)."""
    if POSIX_MODES:
        os.chmod(path, mode)


def fsync_file(fd: int) -> None:
    """Data on the disk itself. On macOS ``fsync`` stops at the drive's cache; F_FULLFSYNC
    goes through it."""
    if IS_MACOS and _fcntl is not None:  # pragma: no cover - macOS only
        try:
            _fcntl.fcntl(fd, _fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass  # some file systems (network, FAT) refuse it: plain fsync is all there is
    os.fsync(fd)


def fsync_folder(path: Path) -> None:
    """Make a rename or a new file in ``path`` durable.

    Windows can't open a folder as a file; NTFS journals its own metadata, so a rename
    there is as durable as the system makes it and nothing more can be asked.
    """
    if IS_WINDOWS:
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def needs_full_fsync() -> bool:
    """True where a plain fsync leaves a commit in the drive's cache (macOS), so SQLite
    must be told to use F_FULLFSYNC or "Saved" would not yet mean saved."""
    return IS_MACOS
