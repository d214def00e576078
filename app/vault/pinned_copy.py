"""The fast daily backup: ``journal.db`` copied as it lies on disk, every page checked.

Decrypting and re-encrypting a 1 GB journal through SQLite takes half a minute; reading its
bytes takes two seconds. The bytes are a consistent snapshot only while nothing can write
into ``journal.db``, and SQLite's write-ahead log gives a way to hold it still (the same
way Litestream pins a snapshot with one long read transaction):

- On the backup's own connection the WAL is checkpointed and truncated, a read
  transaction begins, and then ``journal.db-wal`` must be absent or empty. A reader that
  began on an empty (or wholly folded-in) WAL reads only the database file and holds the
  WAL's read-lock 0 (wal.c, ``walTryBeginRead``).
- While any reader holds read-lock 0, no checkpoint may write into the database file:
  copying frames back ("backfill") needs that lock exclusively (``walCheckpoint``).
  Saves meanwhile only append to the WAL. So ``journal.db`` keeps exactly the bytes of
  this snapshot until the read transaction ends — after the last page is copied.
- If a save slipped in before the read began (the WAL is not empty), the read ends and
  the pin is tried again; after a few tries the caller makes the backup the slow way
  (SQLite's backup API and every check), so a backup is always made.

Each page is authenticated on its way into the zip with SQLCipher's own HMAC (the key
derived from the data key and page 1's salt, as ``wal_guard`` does): one flipped bit, a
short file or a page from elsewhere is refused, and nothing is left behind, so a damaged
journal is never quietly copied forward over good backups. SQLite's structure check is
not run on each daily backup any more: every page is authentic (written by this journal's
key), and the structure is checked in full before a backup is ever used (``restore_files``).
"""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, BinaryIO

from app.errors import DatabaseDamaged
from app.files import atomic_file, open_regular
from app.vault import database, wal_guard
from app.vault.layout import DB_NAME, KEYS_NAME

PAGE_SIZE = wal_guard.PAGE_SIZE
CHUNK_PAGES = 256  # 1 MiB a read: few enough Python steps, small enough to cancel promptly
# SQLite never writes the page holding byte 0x40000000 (its file locks live there), so it
# carries no HMAC; it is copied as it is.
LOCK_BYTE_PAGE = 0x40000000 // PAGE_SIZE + 1
PIN_ATTEMPTS = 3


class _LockedPage(Exception):
    """The lock-byte page could not be read (Windows' byte-range locks are mandatory)."""


def write(
    to: Path,
    header_bytes: bytes,
    conn: database.Connection,
    db_path: Path,
    data_key: bytes,
    check_cancel: Callable[[], None],
) -> bool:
    """Write the backup zip from a pinned snapshot; False: make this backup the slow way."""
    if conn.in_transaction:
        return False  # its own transaction's view may not be what the file holds
    for _ in range(PIN_ATTEMPTS):
        try:
            with database.emptied_wal_read(conn):
                if not _wal_is_empty(db_path):
                    continue  # a save came first: let it be folded in, and try again
                database.page_count_matches_file(conn, db_path)
                _write_zip(to, header_bytes, db_path, data_key, check_cancel)
                return True
        except _LockedPage:
            # Windows: SQLite's byte-range locks in the lock-byte page are mandatory there,
            # so reading it can fail while another connection holds one. Its bytes are
            # unknown then (not safely zeros), so this backup is made the slow way.
            return False
        except database.DatabaseError:
            return False  # the pin itself failed (busy, locked): the slow way copes
    return False


def _wal_is_empty(db_path: Path) -> bool:
    try:
        return os.stat(db_path.with_name(db_path.name + "-wal")).st_size == 0
    except FileNotFoundError:
        return True


def _write_zip(
    to: Path,
    header_bytes: bytes,
    db_path: Path,
    data_key: bytes,
    check_cancel: Callable[[], None],
) -> None:
    try:
        source = open_regular(db_path)
    except OSError as error:
        raise DatabaseDamaged(f"it could not be read: {error.strerror}") from None
    with source:
        size = os.fstat(source.fileno()).st_size
        if size == 0 or size % PAGE_SIZE:
            raise DatabaseDamaged("the file has been cut short")
        # The same member as ZipFile.write would make: stored, its size known up front (so
        # the zip64 choice is the same), and the file's owner-only mode.
        info = zipfile.ZipInfo(DB_NAME, date_time=time.localtime()[:6])
        info.compress_type = zipfile.ZIP_STORED
        info.file_size = size
        info.external_attr = 0o100600 << 16
        with (
            atomic_file(to) as handle,
            zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive,
        ):
            archive.writestr(KEYS_NAME, header_bytes)
            with archive.open(info, "w") as member:
                _copy_checked(source, member, size // PAGE_SIZE, data_key, check_cancel)


def _copy_checked(
    source: BinaryIO,
    sink: IO[bytes],
    pages: int,
    data_key: bytes,
    check_cancel: Callable[[], None],
) -> None:
    mac_key = b""
    number = 1
    while number <= pages:
        check_cancel()
        if number == LOCK_BYTE_PAGE:
            sink.write(_read(source, number, 1))
            number += 1
            continue
        count = min(CHUNK_PAGES, pages - number + 1)
        if number < LOCK_BYTE_PAGE:
            count = min(count, LOCK_BYTE_PAGE - number)  # that page is read on its own
        chunk = _read(source, number, count)
        if number == 1:
            mac_key = wal_guard.hmac_key(data_key, chunk[: wal_guard.SALT_SIZE])
            if not wal_guard.page_is_authentic(chunk[:PAGE_SIZE], 1, mac_key):
                raise DatabaseDamaged(wal_guard.WRONG_KEY)
        for index in range(1 if number == 1 else 0, count):
            offset = index * PAGE_SIZE
            page = chunk[offset : offset + PAGE_SIZE]
            if not wal_guard.page_is_authentic(page, number + index, mac_key):
                raise DatabaseDamaged(f"page {number + index} of {pages} is damaged")
        sink.write(chunk)
        number += count


def _read(source: BinaryIO, number: int, count: int) -> bytes:
    try:
        chunk = source.read(count * PAGE_SIZE)
    except OSError as error:
        if number == LOCK_BYTE_PAGE:
            raise _LockedPage() from None
        raise DatabaseDamaged(f"it could not be read: {error.strerror}") from None
    if len(chunk) != count * PAGE_SIZE:
        raise DatabaseDamaged("the file has been cut short")
    return chunk
