"""The encrypted journal folder: create, unlock, lock, re-key, back up and restore.

A journal folder holds ``journal.db`` (SQLCipher 4 under a random 256-bit data key),
``journal.keys`` (the data key wrapped once per secret, see ``keyfile``) and ``backups/``.
Every way of failing to open leaves all three exactly as they were.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from app.errors import (
    BackupDamaged,
    DatabaseDamaged,
    JournalError,
    JournalExists,
    JournalLocked,
    JournalReadOnly,
    KeyFileDamaged,
    KeyFileMissing,
    NotAJournal,
)
from app.files import (
    FILE_MODE,
    atomic_file,
    folder_is_writable,
    fsync_folder,
    make_private_folder,
)
from app.journal import Journal, schema
from app.vault import database, keyfile
from app.vault.folder_lock import FolderLock
from app.vault.kdf import Derive, KdfParams, calibrate, derive_key
from app.vault.recovery import format_recovery_key, new_recovery_key

DB_NAME = "journal.db"
KEYS_NAME = "journal.keys"
BACKUPS_NAME = "backups"
BACKUP_SUFFIX = ".ijbackup"
_MEMBERS = {KEYS_NAME, DB_NAME}
_MAX_BACKUP_DB_BYTES = 64 * 1024**3


class Vault:
    """An unlocked journal. ``journal`` is the repository; ``lock()`` ends it all."""

    def __init__(
        self,
        folder: Path,
        conn: database.Connection,
        header: keyfile.KeyHeader,
        data_key: bytes,
        folder_lock: FolderLock,
        owns_lock: bool,
    ) -> None:
        self.folder = folder
        self._conn: database.Connection | None = conn
        self._header = header
        self._data_key: bytes | None = data_key
        self._folder_lock = folder_lock
        self._owns_lock = owns_lock
        self.journal = Journal(conn)

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def _require_open(self) -> database.Connection:
        if self._conn is None:
            raise JournalLocked()
        return self._conn

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        """Rewrite only the passphrase slot of ``journal.keys``, atomically."""
        self._require_open()
        assert self._data_key is not None
        old = self._header.slot(keyfile.PASSPHRASE)
        params = kdf or old.kdf or calibrate()
        slot = keyfile.passphrase_slot(
            self._header.journal_id, new_passphrase, self._data_key, params
        )
        header = self._header.replace_slot(slot)
        keyfile.write(self.folder / KEYS_NAME, header)
        self._header = header

    def lock(self) -> None:
        """Checkpoint and close the database, forget the key, release the folder."""
        if self._conn is not None:
            with contextlib.suppress(JournalError):
                self.journal.refresh_index()  # leaves no stale copy of edited text behind
        conn, self._conn = self._conn, None
        self._data_key = None
        self.journal.detach()
        if conn is not None:
            with contextlib.suppress(database.DatabaseError):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
        if self._owns_lock:
            self._folder_lock.release()

    def check_integrity(self) -> None:
        """Read every page: authentication tags, then SQLite's structure check."""
        database.check_integrity(self._require_open())

    def backup(self, to: Path) -> Path:
        """Write one encrypted backup file (database + key header) and check it opens.

        ``to`` may be a folder (a dated name is chosen) or a file path.
        """
        conn = self._require_open()
        assert self._data_key is not None
        return _write_backup(self.folder, conn, self._data_key, self._header, to)

    def backup_to_journal_folder(self, reason: str) -> Path:
        return self.backup(journal_backup_name(self.folder, reason))

    def backup_job(self, to: Path) -> Callable[[threading.Event], Path]:
        """``backup(to)`` that can run on another thread, on its own connection.

        The GUI keeps writing while it runs (WAL lets the copy read a snapshot). Setting
        the event stops it between steps; nothing partial is left behind.
        """
        self._require_open()
        folder, header, data_key = self.folder, self._header, self._data_key
        assert data_key is not None

        def work(cancel: threading.Event) -> Path:
            conn = database.connect(folder / DB_NAME, data_key)
            try:
                return _write_backup(folder, conn, data_key, header, to, cancel)
            finally:
                conn.close()

        return work


class BackupCancelled(Exception):
    """The journal locked while a background backup was being made."""


def journal_backup_name(folder: Path, reason: str) -> Path:
    """A new dated file name in the journal's own ``backups/`` folder."""
    stamp = time.strftime("%Y-%m-%d-%H%M%S")
    return folder / BACKUPS_NAME / f"{reason}-{stamp}-{secrets.token_hex(2)}{BACKUP_SUFFIX}"


def _write_backup(
    folder: Path,
    conn: database.Connection,
    data_key: bytes,
    header: keyfile.KeyHeader,
    to: Path,
    cancel: threading.Event | None = None,
) -> Path:
    def check_cancel() -> None:
        if cancel is not None and cancel.is_set():
            raise BackupCancelled()

    if to.is_dir():
        to = _free_name(to, f"journal-{time.strftime('%Y-%m-%d-%H%M%S')}")
    make_private_folder(folder / BACKUPS_NAME)
    with _scratch_folder(folder / BACKUPS_NAME) as scratch:
        copy_path = scratch / DB_NAME
        _create_private_file(copy_path)
        copy = database.connect(copy_path, data_key, create=True)
        try:
            conn.backup(copy)  # one step: a consistent snapshot
            check_cancel()
            database.check_integrity(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        check_cancel()
        _write_backup_file(to, keyfile.to_bytes(header), copy_path)
    try:
        check_cancel()
        _verify_backup_file(to)
    except BaseException:
        with contextlib.suppress(OSError):
            to.unlink()
        raise
    return to


def is_journal(folder: Path) -> bool:
    return (folder / KEYS_NAME).exists() or (folder / DB_NAME).exists()


def create(
    folder: Path,
    passphrase: str,
    *,
    kdf: KdfParams | None = None,
    folder_lock: FolderLock | None = None,
) -> str:
    """Make a new journal in ``folder``; returns the recovery key, to show once.

    Refuses to touch a folder that already holds any part of a journal. ``kdf`` is for
    tests and benchmarks; a real journal calibrates Argon2id on this machine.
    """
    folder = Path(folder)
    if is_journal(folder):
        raise JournalExists(str(folder))
    if folder.exists() and not folder_is_writable(folder):
        raise JournalReadOnly(str(folder))  # the client's choice of permissions stands
    make_private_folder(folder)
    lock = folder_lock or FolderLock(folder)
    lock.acquire()
    try:
        data_key = secrets.token_bytes(32)
        recovery = new_recovery_key()
        header = keyfile.new_header(passphrase, recovery, data_key, kdf or calibrate())
        db_path = folder / DB_NAME
        _create_private_file(db_path)
        conn = database.connect(db_path, data_key, create=True)
        try:
            schema.migrate(conn, before_upgrade=lambda: None)
            Journal(conn).set_meta("journal_id", header.journal_id)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        # The key header is written last: until it exists the folder can't be unlocked.
        keyfile.write(folder / KEYS_NAME, header)
    finally:
        if folder_lock is None:
            lock.release()
    return format_recovery_key(recovery)


def read_header(folder: Path) -> keyfile.KeyHeader:
    """The first step of unlocking, quick and harmless: is this a journal at all?"""
    folder = Path(folder)
    if not folder.is_dir() or not is_journal(folder):
        raise NotAJournal(str(folder))
    if not (folder / KEYS_NAME).exists():
        raise KeyFileMissing()
    return keyfile.read(folder / KEYS_NAME)


def unlock(
    folder: Path,
    passphrase: str,
    *,
    folder_lock: FolderLock | None = None,
    derive: Derive = derive_key,
) -> Vault:
    """Open with the passphrase. Raises a JournalError subclass, changing nothing on disk."""
    header = read_header(folder)
    data_key = keyfile.unwrap_with_passphrase(header, passphrase, derive)
    return open_with_key(Path(folder), header, data_key, folder_lock=folder_lock)


def unlock_with_recovery_key(
    folder: Path, recovery_key: str, *, folder_lock: FolderLock | None = None
) -> Vault:
    """Open with the recovery key; the caller then asks for a new passphrase."""
    header = read_header(folder)
    data_key = keyfile.unwrap_with_recovery_key(header, recovery_key)
    return open_with_key(Path(folder), header, data_key, folder_lock=folder_lock)


def open_with_key(
    folder: Path,
    header: keyfile.KeyHeader,
    data_key: bytes,
    *,
    folder_lock: FolderLock | None = None,
) -> Vault:
    owns_lock = folder_lock is None
    lock = folder_lock or FolderLock(folder)
    lock.acquire()
    conn: database.Connection | None = None
    try:
        if not folder_is_writable(folder):
            raise JournalReadOnly(str(folder))
        db_path = folder / DB_NAME
        database.check_file_shape(db_path)
        conn = database.connect(db_path, data_key)
        database.page_count_matches_file(conn, db_path)
        vault = Vault(folder, conn, header, data_key, lock, owns_lock)
        if vault.journal.meta("journal_id") != header.journal_id:
            raise KeyFileDamaged("it belongs to a different journal")
        schema.migrate(conn, before_upgrade=lambda: _backup_before_upgrade(vault))
        return vault
    except database.DatabaseError as error:
        _close_quietly(conn)
        if owns_lock:
            lock.release()
        raise DatabaseDamaged(database.plain_words(error)) from None
    except BaseException:
        _close_quietly(conn)
        if owns_lock:
            lock.release()
        raise


def restore(
    backup_file: Path,
    new_folder: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    folder_lock: FolderLock | None = None,
) -> Vault:
    """Open a backup with its passphrase or recovery key into a new folder, checked.

    The backup is verified (archive checksums, key, every page) before the new folder
    is made to look like a journal, and the new folder must not already hold one.
    ``folder_lock``: the new folder's lock when the caller already holds it (first run).
    """
    new_folder = Path(new_folder)
    if is_journal(new_folder):
        raise JournalExists(str(new_folder))
    header_bytes = _read_backup_member(backup_file, KEYS_NAME)
    header = keyfile.from_bytes(header_bytes)
    if passphrase is not None:
        data_key = keyfile.unwrap_with_passphrase(header, passphrase)
    elif recovery_key is not None:
        data_key = keyfile.unwrap_with_recovery_key(header, recovery_key)
    else:
        raise ValueError("restore needs a passphrase or a recovery key")
    made_folder = not new_folder.exists()
    make_private_folder(new_folder)
    try:
        _restore_files(backup_file, new_folder, header, data_key)
    except BaseException:
        if made_folder:
            with contextlib.suppress(OSError):
                new_folder.rmdir()  # only if empty: nothing of the client's is removed
        raise
    return open_with_key(new_folder, header, data_key, folder_lock=folder_lock)


def _restore_files(
    backup_file: Path, new_folder: Path, header: keyfile.KeyHeader, data_key: bytes
) -> None:
    with _scratch_folder(new_folder) as scratch:
        _extract_member(backup_file, DB_NAME, scratch / DB_NAME)
        try:
            database.check_file_shape(scratch / DB_NAME)
            conn = database.connect(scratch / DB_NAME, data_key)
        except DatabaseDamaged:
            raise BackupDamaged("its journal is damaged or doesn't match its key") from None
        try:
            database.check_integrity(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except database.DatabaseError as error:
            raise BackupDamaged(database.plain_words(error)) from None
        except DatabaseDamaged:
            raise BackupDamaged("its journal is damaged") from None
        finally:
            conn.close()
        os.replace(scratch / DB_NAME, new_folder / DB_NAME)
        keyfile.write(new_folder / KEYS_NAME, header)
        fsync_folder(new_folder)


def replace_from_backup(
    folder: Path,
    backup_file: Path,
    folder_lock: FolderLock,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
) -> Path:
    """Make a checked backup the journal at ``folder``, keeping what was there.

    For a journal that no longer opens: the backup is restored and verified beside it
    first; only then is the old folder renamed aside (never deleted or overwritten) and
    the restored one put in its place. Returns where the old folder now is.
    """
    folder = Path(folder)
    staging = folder.parent / f".{folder.name}.restoring-{secrets.token_hex(4)}"
    restored = restore(backup_file, staging, passphrase=passphrase, recovery_key=recovery_key)
    restored.lock()
    aside = folder.parent / f"{folder.name} (before restore {time.strftime('%Y-%m-%d %H%M%S')})"
    folder_lock.release()
    try:
        os.rename(folder, aside)
        os.rename(staging, folder)
        fsync_folder(folder.parent)
    finally:
        folder_lock.acquire()
    return aside


# -- helpers -------------------------------------------------------------------------------


def _free_name(folder: Path, stem: str) -> Path:
    """A backup never silently replaces another made in the same second."""
    candidate = folder / f"{stem}{BACKUP_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{BACKUP_SUFFIX}"
        number += 1
    return candidate


def _backup_before_upgrade(vault: Vault) -> None:
    vault.backup_to_journal_folder("before-upgrade")


def _close_quietly(conn: database.Connection | None) -> None:
    if conn is not None:
        with contextlib.suppress(Exception):
            conn.close()


def _create_private_file(path: Path) -> None:
    # SQLite gives -wal and -shm the database file's mode, so 0600 here covers all three.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)


@contextlib.contextmanager
def _scratch_folder(parent: Path) -> Iterator[Path]:
    scratch = parent / f".scratch-{secrets.token_hex(6)}"
    scratch.mkdir(mode=0o700)
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _write_backup_file(to: Path, header_bytes: bytes, db_path: Path) -> None:
    # Stored, not compressed: the contents are ciphertext already.
    with (
        atomic_file(to) as handle,
        zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive,
    ):
        archive.writestr(KEYS_NAME, header_bytes)
        archive.write(db_path, DB_NAME)


def _open_backup(backup_file: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(backup_file)
    except FileNotFoundError:
        raise BackupDamaged("the file was not found") from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BackupDamaged("it is not an Integration Journal backup") from None
    names = {info.filename for info in archive.infolist()}
    if names != _MEMBERS or len(archive.infolist()) != len(_MEMBERS):
        archive.close()
        raise BackupDamaged("it is not an Integration Journal backup")
    if archive.getinfo(DB_NAME).file_size > _MAX_BACKUP_DB_BYTES:
        archive.close()
        raise BackupDamaged("it is larger than any journal could be")
    return archive


def _verify_backup_file(backup_file: Path) -> None:
    with _open_backup(backup_file) as archive:
        if archive.testzip() is not None:
            raise BackupDamaged("the copy just written does not read back correctly")


def _read_backup_member(backup_file: Path, name: str) -> bytes:
    with _open_backup(backup_file) as archive:
        if archive.getinfo(name).file_size > keyfile.MAX_HEADER_BYTES:
            raise BackupDamaged("its key header is far too large")
        try:
            return archive.read(name)
        except (zipfile.BadZipFile, OSError):
            raise BackupDamaged("it has been changed or damaged since it was made") from None


def _extract_member(backup_file: Path, name: str, target: Path) -> None:
    _create_private_file(target)
    with _open_backup(backup_file) as archive:
        try:
            with archive.open(name) as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink, 1024 * 1024)
                sink.flush()
                os.fsync(sink.fileno())
        except (zipfile.BadZipFile, OSError):
            raise BackupDamaged("it has been changed or damaged since it was made") from None


__all__ = [
    "BACKUP_SUFFIX",
    "BackupCancelled",
    "JournalError",
    "Vault",
    "create",
    "is_journal",
    "open_with_key",
    "read_header",
    "restore",
    "unlock",
    "unlock_with_recovery_key",
]
