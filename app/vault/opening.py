"""Creating, unlocking, locking and restoring the encrypted journal folder.

A journal folder holds ``journal.db`` (SQLCipher 4 under a random 256-bit data key),
``journal.keys`` (the data key wrapped once per secret, see ``keyfile``) and ``backups/``.
Every way of failing to open leaves all three exactly as they were.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path

from app.errors import (
    DatabaseDamaged,
    FolderUnreadable,
    JournalError,
    JournalExists,
    JournalLocked,
    JournalReadOnly,
    KeyFileDamaged,
    KeyFileMissing,
    NotAJournal,
)
from app.files import folder_is_writable, fsync_folder, make_private_folder
from app.journal import Journal, schema
from app.vault import database, keyfile, rotation, wal_guard
from app.vault.backup_files import (
    journal_backup_name,
    read_backup_member,
    restore_files,
    write_backup,
)
from app.vault.folder_lock import FolderLock
from app.vault.kdf import Derive, KdfParams, calibrate, derive_key
from app.vault.layout import DB_NAME, KEYS_NAME, create_private_file, is_journal
from app.vault.recovery import format_recovery_key, new_recovery_key


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
        self.journal.open_sibling = self._open_sibling

    def _open_sibling(self) -> database.Connection:
        """Another connection to this journal, with the data key of now (a re-keying
        replaces it; a worker opened after that must use the new one)."""
        key = self._data_key
        if key is None:
            raise JournalLocked()
        return database.connect(self.folder / DB_NAME, key)

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

    def rekey(self, new_passphrase: str, kdf: KdfParams | None = None) -> str:
        """A new data key (every page re-encrypted) and a new recovery key, returned to show.

        Old key files and old backups then open only what they already held.
        """
        conn = self._require_open()
        params = kdf or self._header.slot(keyfile.PASSPHRASE).kdf or calibrate()
        self.journal.refresh_index()
        header, data_key, recovery = rotation.rekey(
            self.folder, conn, self._header, new_passphrase, params
        )
        self._header, self._data_key = header, data_key
        return recovery

    def replace_recovery_key(self) -> str:
        """A new recovery key; the old one no longer opens this journal's key file."""
        self._require_open()
        assert self._data_key is not None
        header, recovery = rotation.new_recovery_slot(self._header, self._data_key)
        keyfile.write(self.folder / KEYS_NAME, header)
        self._header = header
        return recovery

    def lock(self) -> None:
        """Checkpoint and close the database, forget the key, release the folder.

        Whatever fails on the way (a damaged page in the index refresh or the checkpoint),
        the connection is closed, the key forgotten and the folder released: a journal
        that can't be read must still be lockable.
        """
        conn, self._conn = self._conn, None
        self._data_key = None
        try:
            if conn is not None:
                with contextlib.suppress(Exception):
                    self.journal.refresh_index()  # leaves no stale copy of edited text
                with contextlib.suppress(Exception):
                    database.checkpoint(conn)
        finally:
            self.journal.detach()
            try:
                if conn is not None:
                    _close_quietly(conn)
            finally:
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
        return write_backup(self.folder, conn, self._data_key, self._header, to)

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
                return write_backup(folder, conn, data_key, header, to, cancel)
            finally:
                conn.close()

        return work


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
        create_private_file(db_path)
        conn = database.connect(db_path, data_key, create=True)
        try:
            schema.migrate(conn, before_upgrade=lambda: None)
            Journal(conn).set_meta("journal_id", header.journal_id)
            database.checkpoint(conn)
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
    try:
        names = set(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        raise NotAJournal(str(folder)) from None
    except PermissionError:
        raise FolderUnreadable(str(folder), "this account isn't allowed to open it") from None
    except OSError as error:
        raise FolderUnreadable(str(folder), error.strerror or str(error)) from None
    if KEYS_NAME not in names and DB_NAME not in names:
        raise NotAJournal(str(folder))
    if KEYS_NAME not in names:
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
    pending = rotation.interrupted(Path(folder))
    if pending is not None:  # a re-keying was interrupted: its new header may be the one
        try:
            key: bytes | None = keyfile.unwrap_with_passphrase(pending, passphrase, derive)
        except JournalError:
            key = None
        if key is not None and rotation.finish_if_it_opens(Path(folder), key):
            return open_with_key(Path(folder), pending, key, folder_lock=folder_lock)
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
        database.check_writable(db_path)
        wal_guard.check(db_path, data_key)  # before SQLite could replay a stranger's WAL
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
    """
    new_folder = Path(new_folder)
    if is_journal(new_folder):
        raise JournalExists(str(new_folder))
    header_bytes = read_backup_member(backup_file, KEYS_NAME)
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
        restore_files(backup_file, new_folder, header, data_key)
    except BaseException:
        if made_folder:
            with contextlib.suppress(OSError):
                new_folder.rmdir()  # only if empty: nothing of the client's is removed
        raise
    return open_with_key(new_folder, header, data_key, folder_lock=folder_lock)


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


def _backup_before_upgrade(vault: Vault) -> None:
    vault.backup_to_journal_folder("before-upgrade")


def _close_quietly(conn: database.Connection | None) -> None:
    if conn is not None:
        with contextlib.suppress(Exception):
            conn.close()
