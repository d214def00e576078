"""Backup files: one zip (stored, not compressed) of the encrypted database and its key
header, written atomically, checked after writing, and read back only through checks."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.errors import BackupDamaged, DatabaseDamaged
from app.files import (
    NotARegularFile,
    atomic_file,
    fsync_folder,
    make_private_folder,
    open_regular,
)
from app.vault import database, keyfile, pinned_copy
from app.vault.layout import (
    BACKUP_SUFFIX,
    BACKUPS_NAME,
    DB_NAME,
    KEYS_NAME,
    create_private_file,
    scratch_folder,
)

_MEMBERS = {KEYS_NAME, DB_NAME}
_MAX_BACKUP_DB_BYTES = 64 * 1024**3
_FREE_SPACE_MARGIN = 64 * 1024 * 1024  # the journal beside it must still be able to save


class BackupCancelled(Exception):
    """The journal locked while a background backup was being made."""


def journal_backup_name(folder: Path, reason: str) -> Path:
    """A new dated file name in the journal's own ``backups/`` folder."""
    stamp = time.strftime("%Y-%m-%d-%H%M%S")
    return folder / BACKUPS_NAME / f"{reason}-{stamp}-{secrets.token_hex(2)}{BACKUP_SUFFIX}"


def write_backup(
    folder: Path,
    conn: database.Connection,
    data_key: bytes,
    header: keyfile.KeyHeader,
    to: Path,
    cancel: threading.Event | None = None,
) -> Path:
    """One backup file of the journal at ``folder``, read through ``conn``, checked after.

    The fast way (``pinned_copy``) copies journal.db's bytes from a pinned snapshot,
    authenticating every page; when the snapshot can't be pinned, the slow way copies
    through SQLite and runs every check. Either way the file is the same zip.
    """

    def check_cancel() -> None:
        if cancel is not None and cancel.is_set():
            raise BackupCancelled()

    if to.is_dir():
        to = _free_name(to, f"journal-{time.strftime('%Y-%m-%d-%H%M%S')}")
    make_private_folder(folder / BACKUPS_NAME)
    header_bytes = keyfile.to_bytes(header)
    if not pinned_copy.write(to, header_bytes, conn, folder / DB_NAME, data_key, check_cancel):
        _write_checked_copy(folder, conn, data_key, header_bytes, to, check_cancel)
    try:
        check_cancel()
        _verify_backup_file(to)
    except BaseException:
        with contextlib.suppress(OSError):
            to.unlink()
        raise
    return to


def _write_checked_copy(
    folder: Path,
    conn: database.Connection,
    data_key: bytes,
    header_bytes: bytes,
    to: Path,
    check_cancel: Callable[[], None],
) -> None:
    """The slow way: SQLite's backup API into a scratch copy, every check, then the zip."""
    with scratch_folder(folder / BACKUPS_NAME) as scratch:
        copy_path = scratch / DB_NAME
        create_private_file(copy_path)
        copy = database.connect(copy_path, data_key, create=True)
        try:
            conn.backup(copy)  # one step: a consistent snapshot
            check_cancel()
            database.check_integrity(copy)
            database.leave_wal(copy)
        finally:
            copy.close()
        check_cancel()
        _write_backup_file(to, header_bytes, copy_path)


def restore_files(
    backup_file: Path, new_folder: Path, header: keyfile.KeyHeader, data_key: bytes
) -> None:
    """Put a backup's database (checked, page by page) and its key header in a folder.

    The database is written anew from the checked copy (SQLite's backup API): a new file
    with a new salt, as a restored copy always had. A backup made the fast way holds the
    journal's own bytes, salt and all; without this a restored copy's leftover WAL would
    pass ``wal_guard``'s check beside the journal it came from.
    """
    with scratch_folder(new_folder) as scratch:
        extracted = scratch / f"extracted-{DB_NAME}"
        _extract_member(backup_file, DB_NAME, extracted)
        try:
            database.check_file_shape(extracted)
            conn = database.connect(extracted, data_key)
        except DatabaseDamaged:
            raise BackupDamaged("its journal is damaged or doesn't match its key") from None
        try:
            database.check_integrity(conn)
            _copy_anew(conn, scratch / DB_NAME, data_key)
        except database.DatabaseError as error:
            raise BackupDamaged(database.plain_words(error)) from None
        except DatabaseDamaged:
            raise BackupDamaged("its journal is damaged") from None
        finally:
            conn.close()
        os.replace(scratch / DB_NAME, new_folder / DB_NAME)
        keyfile.write(new_folder / KEYS_NAME, header)
        fsync_folder(new_folder)


def _copy_anew(conn: database.Connection, path: Path, data_key: bytes) -> None:
    create_private_file(path)
    copy = database.connect(path, data_key, create=True)
    try:
        conn.backup(copy)  # one step: a consistent snapshot
        database.checkpoint(copy)
    finally:
        copy.close()


def _free_name(folder: Path, stem: str) -> Path:
    """A backup never silently replaces another made in the same second."""
    candidate = folder / f"{stem}{BACKUP_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{BACKUP_SUFFIX}"
        number += 1
    return candidate


def _write_backup_file(to: Path, header_bytes: bytes, db_path: Path) -> None:
    # Stored, not compressed: the contents are ciphertext already.
    with (
        atomic_file(to) as handle,
        zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive,
    ):
        archive.writestr(KEYS_NAME, header_bytes)
        archive.write(db_path, DB_NAME)


class _BackupZip(zipfile.ZipFile):
    """A zip over a handle opened here (an ordinary file only), closed with it."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        try:
            super().__init__(handle)
        except BaseException:
            handle.close()
            raise

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._handle.close()


def _open_backup(backup_file: Path) -> zipfile.ZipFile:
    try:
        archive = _BackupZip(open_regular(backup_file, follow_links=True))
    except FileNotFoundError:
        raise BackupDamaged("the file was not found") from None
    except NotARegularFile as error:
        raise BackupDamaged(error.strerror or "it is not an ordinary file") from None
    except PermissionError:
        raise BackupDamaged("this account isn't allowed to read it") from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BackupDamaged("it is not an Integration Journal backup") from None
    names = {info.filename for info in archive.infolist()}
    if names != _MEMBERS or len(archive.infolist()) != len(_MEMBERS):
        archive.close()
        raise BackupDamaged("it is not an Integration Journal backup")
    size = os.fstat(archive._handle.fileno()).st_size
    for info in archive.infolist():
        # Backups are written stored (ciphertext doesn't compress): a compressed member,
        # or one claiming more bytes than the file holds, is no backup of ours — and may
        # be a compression bomb. So every member is at most as large as the file itself.
        if (
            info.compress_type != zipfile.ZIP_STORED
            or info.file_size != info.compress_size
            or info.file_size > size
        ):
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


def read_backup_member(backup_file: Path, name: str) -> bytes:
    with _open_backup(backup_file) as archive:
        if archive.getinfo(name).file_size > keyfile.MAX_HEADER_BYTES:
            raise BackupDamaged("its key header is far too large")
        try:
            return archive.read(name)
        except (zipfile.BadZipFile, OSError):
            raise BackupDamaged("it has been changed or damaged since it was made") from None


def _extract_member(backup_file: Path, name: str, target: Path) -> None:
    with _open_backup(backup_file) as archive:
        expected = archive.getinfo(name).file_size
        free = shutil.disk_usage(target.parent).free
        needed = 2 * expected  # the checked copy, and the journal written anew from it
        if needed + _FREE_SPACE_MARGIN > free:
            raise BackupDamaged(
                f"restoring it needs {needed // (1024 * 1024) + 1} MB and the disk has "
                f"{free // (1024 * 1024)} MB free"
            )
        create_private_file(target)
        try:
            with archive.open(name) as source, open(target, "wb") as sink:
                written = 0
                while chunk := source.read(1024 * 1024):
                    written += len(chunk)
                    if written > expected:  # never more than the backup said it holds
                        raise BackupDamaged("it holds more than it says it does")
                    sink.write(chunk)
                sink.flush()
                os.fsync(sink.fileno())
        except (zipfile.BadZipFile, OSError):
            raise BackupDamaged("it has been changed or damaged since it was made") from None
