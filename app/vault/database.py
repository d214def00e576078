"""Opening the SQLCipher database with the settings DESIGN.md requires.

The data key is given raw (``x'…'``), so SQLCipher skips its own PBKDF2: the slow step
is the Argon2id in front of the key header. Opening never creates a file (``mode=rw``),
so a journal that fails to open can't be replaced by a new empty one.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeAlias

import sqlcipher3

from app import platform
from app.errors import DatabaseDamaged, DatabaseReadOnly, JournalReadOnly
from app.files import NotARegularFile, open_regular

PAGE_SIZE = 4096
_PLAIN_SQLITE_MAGIC = b"SQLite format 3\0"

# sqlcipher3 ships no type information; its Connection behaves like sqlite3's.
Connection: TypeAlias = Any
DatabaseError = sqlcipher3.DatabaseError


def check_file_shape(path: Path) -> None:
    """Cheap checks before SQLite sees the file: empty, cut short, or not encrypted."""
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(len(_PLAIN_SQLITE_MAGIC))
    except FileNotFoundError:
        raise DatabaseDamaged("the file journal.db is missing") from None
    except NotARegularFile as error:
        raise DatabaseDamaged(f"journal.db {error.strerror}") from None
    except PermissionError:
        raise DatabaseDamaged("this account isn't allowed to read journal.db") from None
    except OSError as error:
        raise DatabaseDamaged(f"it could not be read: {error.strerror}") from None
    if size == 0:
        raise DatabaseDamaged("the file is empty")
    if head == _PLAIN_SQLITE_MAGIC:
        raise DatabaseDamaged("it is an ordinary unencrypted database, not this journal")
    if size % PAGE_SIZE:
        raise DatabaseDamaged("the file has been cut short")


def check_writable(path: Path) -> None:
    """A read-only journal.db would open, then leave a -wal and -shm that block every save.

    The owner's write bit is checked as well as access(): an administrator account may
    write anything, but the file's own setting is what the client chose.
    """
    mode = path.stat().st_mode
    if not os.access(path, os.W_OK) or not mode & stat.S_IWUSR:
        raise DatabaseReadOnly()


def _uri(path: Path, *, create: bool) -> str:
    mode = "rwc" if create else "rw"
    return f"{path.resolve().as_uri()}?mode={mode}"


def connect(path: Path, data_key: bytes, *, create: bool = False) -> Connection:
    """Open and key the database, apply every open-time setting, and read page 1."""
    try:
        conn = sqlcipher3.connect(
            _uri(path, create=create),
            uri=True,
            isolation_level=None,  # transactions are explicit (Journal.transaction)
            check_same_thread=False,  # unlocked on a worker thread, used on the GUI thread
            timeout=1.0,  # only this process opens the journal; never stall typing for long
        )
    except sqlcipher3.OperationalError as error:
        raise DatabaseDamaged(str(error)) from None
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        conn.execute("PRAGMA cipher_memory_security = ON")
        _apply_settings(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _apply_settings(conn: Connection) -> None:
    try:
        # The first read: a wrong key or a damaged first page shows up here as NOTADB.
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlcipher3.DatabaseError as error:
        raise DatabaseDamaged(plain_words(error)) from None
    conn.execute("PRAGMA temp_store = MEMORY")
    if conn.execute("PRAGMA temp_store").fetchone()[0] != 2:
        raise RuntimeError("SQLite would put temporary data on disk; refusing to run")
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except sqlcipher3.OperationalError as error:
        if "readonly" in str(error) or "read-only" in str(error):
            raise JournalReadOnly(str(path_of(conn))) from None
        raise DatabaseDamaged(plain_words(error)) from None
    if str(mode).lower() != "wal":
        raise JournalReadOnly(str(path_of(conn)))
    conn.execute("PRAGMA synchronous = FULL")
    if platform.needs_full_fsync():  # macOS: through the drive's cache
        conn.execute("PRAGMA fullfsync = ON")
        conn.execute("PRAGMA checkpoint_fullfsync = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    # Keep the WAL from growing without bound; checkpoints also wipe old page images.
    conn.execute("PRAGMA journal_size_limit = 4194304")


def path_of(conn: Connection) -> Path:
    row = conn.execute("PRAGMA database_list").fetchone()
    return Path(row[2]).parent


def plain_words(error: Exception) -> str:
    text = str(error)
    if "not a database" in text:
        return "its contents don't match this journal's key or are damaged"
    if "malformed" in text or "corrupt" in text:
        return "part of the file is damaged"
    return text


def check_integrity(conn: Connection) -> None:
    """Every page's authentication tag, then SQLite's own structure check."""
    try:
        problems = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        if problems:
            raise DatabaseDamaged(f"{len(problems)} damaged page(s) found")
        result = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlcipher3.DatabaseError as error:
        raise DatabaseDamaged(plain_words(error)) from None
    if result != [("ok",)]:
        raise DatabaseDamaged("its structure is damaged")


def page_count_matches_file(conn: Connection, path: Path) -> None:
    """A file shorter than the page count SQLite expects has lost its end."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        return  # pages may legitimately live in the WAL until the next checkpoint
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    if pages * PAGE_SIZE > os.path.getsize(path):
        raise DatabaseDamaged("the file has been cut short")


def checkpoint(conn: Connection) -> None:
    """Fold the write-ahead log into the database file and empty it (before a close)."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@contextlib.contextmanager
def emptied_wal_read(conn: Connection) -> Iterator[None]:
    """Fold the WAL into the database file and empty it, then hold one read transaction.

    Whether the WAL really ended up empty (another reader can stop the truncation, a save
    can slip in before the read begins) is for the caller to look at, inside the block.
    """
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        yield
    finally:
        conn.execute("COMMIT")


def rekey(conn: Connection, data_key: bytes) -> None:
    """Re-encrypt every page under a new raw key (one transaction), then read with it."""
    conn.execute(f"PRAGMA rekey = \"x'{data_key.hex()}'\"")
    conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()


def use_wal(conn: Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")


def leave_wal(conn: Connection) -> None:
    """A backup copy is one self-contained file: no -wal or -shm beside it."""
    conn.execute("PRAGMA journal_mode = DELETE")
