"""What every repository shares: one connection, one transaction helper, row readers.

Each public write is one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``) with
``synchronous=FULL``, so a method that returned has reached the disk. Write errors come
back as ``SaveFailed`` with the reason in plain words; the caller keeps the text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Self

import sqlcipher3

from app.errors import DatabaseDamaged, JournalLocked, SaveFailed

Row = tuple[Any, ...]


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def date_or_none(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _why(error: Exception) -> str:
    text = str(error).lower()
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "the journal's files can't be written to"
    if "locked" in text or "busy" in text:
        return "the journal is busy"
    if "disk i/o" in text:
        return "the disk reported an error"
    return str(error)


def drop_unused_themes(conn: sqlcipher3.Connection) -> None:
    """After a delete: a theme whose last use went with the deleted rows goes too."""
    conn.execute("DELETE FROM themes WHERE id NOT IN (SELECT theme_id FROM theme_links)")


def next_position(conn: sqlcipher3.Connection, table: str, parent: str, parent_id: int) -> int:
    """Where a new row goes: after its siblings under the same parent."""
    row = conn.execute(
        f"SELECT coalesce(max(position), -1) + 1 FROM {table} WHERE {parent} = ?", (parent_id,)
    ).fetchone()
    return int(row[0])


_DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "disk i/o error")


def is_damage(error: BaseException) -> bool:
    """A read that failed because the file is damaged (not a busy or full disk)."""
    if not isinstance(error, sqlcipher3.DatabaseError) or isinstance(
        error, sqlcipher3.IntegrityError
    ):
        return False
    text = str(error).lower()
    return any(word in text for word in _DAMAGE_WORDS)


def damaged(error: BaseException) -> DatabaseDamaged:
    text = str(error).lower()
    if "not a database" in text:
        return DatabaseDamaged("a part of the file doesn't match this journal's key")
    if "disk i/o" in text:
        return DatabaseDamaged("the disk reported an error while reading it")
    return DatabaseDamaged("part of the file is damaged")


class _Cursor:
    """A cursor whose every step turns a damaged page into DatabaseDamaged."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def lastrowid(self) -> Any:
        return self._cursor.lastrowid

    @property
    def rowcount(self) -> Any:
        return self._cursor.rowcount

    def _step(self, method: str, *args: Any) -> Any:
        try:
            return getattr(self._cursor, method)(*args)
        except sqlcipher3.DatabaseError as error:
            if is_damage(error):
                raise damaged(error) from None
            raise

    def fetchone(self) -> Any:
        return self._step("fetchone")

    def fetchall(self) -> Any:
        return self._step("fetchall")

    def fetchmany(self, size: int = 1) -> Any:
        return self._step("fetchmany", size)

    def __iter__(self) -> Iterator[Any]:
        while (row := self.fetchone()) is not None:
            yield row


class GuardedConnection:
    """The connection as the repositories see it: reads of damaged pages are typed.

    SQLite only notices a damaged page when it reads it, anywhere in any query; without
    this every such read would surface as a raw ``sqlcipher3.DatabaseError``.
    """

    def __init__(self, conn: Any) -> None:
        self.raw = conn

    def execute(self, sql: str, params: Any = ()) -> _Cursor:
        try:
            return _Cursor(self.raw.execute(sql, params))
        except sqlcipher3.DatabaseError as error:
            if is_damage(error):
                raise damaged(error) from None
            raise

    def executemany(self, sql: str, rows: Any) -> _Cursor:
        try:
            return _Cursor(self.raw.executemany(sql, rows))
        except sqlcipher3.DatabaseError as error:
            if is_damage(error):
                raise damaged(error) from None
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class JournalBase:
    """The one connection every kind of record is read and written through."""

    def __init__(self, conn: sqlcipher3.Connection) -> None:
        guarded = conn if isinstance(conn, GuardedConnection) else GuardedConnection(conn)
        self._conn: Any = guarded
        # Set by the vault: opens another connection to the same journal. A worker thread
        # reads through its own (a SQLite connection is never shared across threads).
        self.open_sibling: Callable[[], sqlcipher3.Connection] | None = None
        # Called after each write that left rows for the search index to catch up with
        # (the window's index keeper then does it at once, on a worker).
        self.after_index_queued: Callable[[], None] | None = None
        self._depth = 0  # transactions open on this object (nested ones join the outer)

    def detach(self) -> None:
        """Called by ``Vault.lock``: any later use raises JournalLocked."""
        self._conn = None
        self.open_sibling = None
        self.after_index_queued = None

    def sibling_opener(self) -> Callable[[], contextlib.AbstractContextManager[Self]]:
        """Call on the GUI thread; the result, called on a worker, opens the journal there
        on a connection of its own, closed when the ``with`` block ends."""
        opener = self.open_sibling
        if opener is None or self._conn is None:
            raise JournalLocked()
        make = type(self)

        @contextlib.contextmanager
        def sibling() -> Iterator[Self]:
            conn = opener()
            try:
                yield make(conn)
            finally:
                conn.close()

        return sibling

    def reader_opener(self) -> Callable[[], contextlib.AbstractContextManager[Self]]:
        """Like ``sibling_opener``, read in one transaction (one consistent snapshot)."""
        sibling = self.sibling_opener()

        @contextlib.contextmanager
        def reader() -> Iterator[Self]:
            with sibling() as journal:
                journal.conn.execute("BEGIN")
                try:
                    yield journal
                finally:
                    with contextlib.suppress(sqlcipher3.Error):
                        journal.conn.execute("ROLLBACK")

        return reader

    @property
    def conn(self) -> Any:
        if self._conn is None:
            raise JournalLocked()
        return self._conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlcipher3.Connection]:
        """One write, all or nothing. Opened inside another, it joins that one: an import
        writes through the ordinary methods and the outer transaction commits (or rolls
        back) everything at once."""
        conn = self.conn
        if self._depth:
            self._depth += 1
            try:
                yield conn
            finally:
                self._depth -= 1
            return
        self._depth = 1
        queued: list[bool] = []
        try:
            with self._outermost(conn, queued):
                yield conn
        finally:
            self._depth = 0
        if any(queued) and self.after_index_queued is not None:
            self.after_index_queued()

    @contextlib.contextmanager
    def _outermost(self, conn: Any, queued: list[bool]) -> Iterator[sqlcipher3.Connection]:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except (sqlcipher3.Error, DatabaseDamaged) as error:
            raise SaveFailed(_why(error)) from None
        try:
            yield conn
            queued.append(
                self.after_index_queued is not None
                and bool(conn.execute("SELECT EXISTS (SELECT 1 FROM index_queue)").fetchone()[0])
            )
            conn.execute("COMMIT")
        except BaseException as error:
            with contextlib.suppress(sqlcipher3.Error, DatabaseDamaged):
                conn.execute("ROLLBACK")
            if isinstance(error, sqlcipher3.Error):  # a damaged page, a full disk, …
                raise SaveFailed(_why(error)) from None
            if isinstance(error, DatabaseDamaged):
                raise SaveFailed("part of the journal's file is damaged") from None
            raise

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row: Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self.conn.execute(sql, params).fetchall())

    def _records(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Rows as dicts keyed by column name (for bulk readers such as the export)."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))
