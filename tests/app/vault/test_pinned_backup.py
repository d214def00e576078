"""The fast daily backup: journal.db copied from a pinned snapshot, every page's HMAC
checked on the way; the checked copy (SQLite's backup API) when the snapshot can't be
pinned; a damaged journal never copied forward."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import zipfile
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from app import vault
from app.errors import DatabaseDamaged
from app.vault import backup_files, backups, database, pinned_copy
from tests.conftest import PASSPHRASE

PAGE = 4096
DAY = dt.date(2026, 3, 1)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _backups(folder: Path) -> dict[str, str]:
    """Everything in backups/ (hidden scratch and temporary files included), by content."""
    return {p.name: _sha(p) if p.is_file() else "dir" for p in (folder / "backups").iterdir()}


def _daily(v: vault.Vault, cancel: threading.Event | None = None) -> Path:
    return v.backup_job(backups.next_daily_backup(v.folder))(cancel or threading.Event())


def _titles(backup: Path, where: Path) -> list[str]:
    restored = vault.restore(backup, where, passphrase=PASSPHRASE)
    try:
        restored.check_integrity()  # authentication tags and SQLite's structure check
        return sorted(s.title for s in restored.journal.sessions())
    finally:
        restored.lock()


@pytest.fixture
def no_checked_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any) -> None:
        raise AssertionError("the backup fell back to the checked copy")

    monkeypatch.setattr(backup_files, "_write_checked_copy", refuse)


@pytest.fixture
def checked_copies(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each backup made the slow way, recorded."""
    made: list[Path] = []
    real = backup_files._write_checked_copy

    def record(*args: Any) -> None:
        made.append(args[4])
        real(*args)

    monkeypatch.setattr(backup_files, "_write_checked_copy", record)
    return made


@pytest.fixture
def sessions(opened: vault.Vault) -> list[str]:
    """Twelve sessions, their stories long enough that most pages hold them."""
    titles = [f"Session {n:02d}" for n in range(12)]
    for n, title in enumerate(titles):
        session = opened.journal.add_session(DAY, title=title)
        story = " ".join(f"word{n}x{i}" for i in range(2000))
        opened.journal.save_narrative_part(opened.journal.narrative(session.id)[0].id, story)
    return titles


def test_a_daily_backup_is_journal_db_as_it_lies_on_disk(
    opened: vault.Vault, sessions: list[str], tmp_path: Path, no_checked_copy: None
) -> None:
    made = _daily(opened)
    db = opened.folder / "journal.db"
    with zipfile.ZipFile(made) as archive:
        assert archive.read("journal.db") == db.read_bytes()  # the WAL was folded in first
        assert archive.read("journal.keys") == (opened.folder / "journal.keys").read_bytes()
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_STORED}
    assert _titles(made, tmp_path / "restored") == sessions
    # Restored anew: its own salt, so its leftover WAL could never pass as this journal's.
    assert (tmp_path / "restored" / "journal.db").read_bytes()[:16] != db.read_bytes()[:16]


def test_a_backup_made_while_the_journal_keeps_saving_restores_whole(
    opened: vault.Vault,
    sessions: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_checked_copy: None,
) -> None:
    db = opened.folder / "journal.db"
    go, saved_during_copy, stop = threading.Event(), threading.Event(), threading.Event()
    failures: list[BaseException] = []
    seen: dict[str, Any] = {}

    def keep_saving() -> None:  # the GUI's connection, saving on and on
        try:
            go.wait()
            n = 0
            while not stop.is_set():
                opened.journal.add_session(DAY, title=f"During {n}")
                n += 1
                if n == 20:
                    # Saves went to the WAL; a checkpoint now may not touch journal.db.
                    seen["wal_bytes"] = db.with_name("journal.db-wal").stat().st_size
                    seen["busy"] = opened._conn.execute(  # type: ignore[union-attr]
                        "PRAGMA wal_checkpoint(TRUNCATE)"
                    ).fetchone()[0]
                    saved_during_copy.set()
        except BaseException as error:
            failures.append(error)
        finally:
            saved_during_copy.set()

    copy = pinned_copy._copy_checked

    def copy_while_saving(source: BinaryIO, *args: Any) -> None:
        seen["db_at_pin"] = _sha(db)
        go.set()
        saved_during_copy.wait()
        seen["db_after_saves"] = _sha(db)
        copy(source, *args)

    monkeypatch.setattr(pinned_copy, "_copy_checked", copy_while_saving)
    writer = threading.Thread(target=keep_saving)
    writer.start()
    try:
        made = _daily(opened)
    finally:
        go.set()
        stop.set()
        writer.join()
    assert failures == []
    assert seen["wal_bytes"] > 0 and seen["busy"] == 1
    assert seen["db_after_saves"] == seen["db_at_pin"]
    # Exactly what was saved before the backup began: consistent, nothing half-written.
    assert _titles(made, tmp_path / "restored") == sessions


def test_a_wal_that_cannot_be_emptied_makes_the_backup_the_checked_way(
    opened: vault.Vault, sessions: list[str], tmp_path: Path, checked_copies: list[Path]
) -> None:
    assert opened._data_key is not None
    reader = database.connect(opened.folder / "journal.db", opened._data_key)
    try:
        # A reader that began while the WAL held frames: no checkpoint can empty it now.
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM sessions").fetchone()
        made = _daily(opened)
        assert (opened.folder / "journal.db-wal").stat().st_size > 0
    finally:
        reader.close()
    assert checked_copies == [made]
    assert _titles(made, tmp_path / "restored") == sessions


def test_a_damaged_page_is_refused_and_the_older_backups_stay(
    opened: vault.Vault, sessions: list[str], no_checked_copy: None
) -> None:
    _daily(opened)
    before = _backups(opened.folder)
    db = opened.folder / "journal.db"
    pages = db.stat().st_size // PAGE
    assert pages > 40  # the middle one holds a story, not the schema read on opening
    offset = (pages // 2 - 1) * PAGE + 100
    data = bytearray(db.read_bytes())
    data[offset] ^= 0x01
    db.write_bytes(bytes(data))
    try:
        with pytest.raises(DatabaseDamaged, match=f"page {pages // 2} of {pages} is damaged"):
            _daily(opened)
        assert _backups(opened.folder) == before
    finally:
        data[offset] ^= 0x01
        db.write_bytes(bytes(data))


def test_a_journal_that_is_not_whole_pages_is_refused(
    opened: vault.Vault, sessions: list[str], no_checked_copy: None
) -> None:
    db = opened.folder / "journal.db"
    database.checkpoint(opened._conn)
    whole = db.read_bytes()
    db.write_bytes(whole + b"\0" * 100)
    try:
        with pytest.raises(DatabaseDamaged, match="cut short"):
            _daily(opened)
        assert _backups(opened.folder) == {}
    finally:
        db.write_bytes(whole)


class _CancelAfter(threading.Event):
    """Cancelled at the ``n``-th look: part way through the copy, deterministically."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.looks_left = n

    def is_set(self) -> bool:
        self.looks_left -= 1
        return self.looks_left < 0


def test_a_backup_cancelled_mid_copy_leaves_nothing(
    opened: vault.Vault, sessions: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pinned_copy, "CHUNK_PAGES", 1)  # one look per page
    copied: list[int] = []
    copy = pinned_copy._read
    monkeypatch.setattr(pinned_copy, "_read", lambda *a: copied.append(a[1]) or copy(*a))
    with pytest.raises(vault.BackupCancelled):
        _daily(opened, _CancelAfter(4))
    assert copied == [1, 2, 3, 4]  # stopped between chunks, well before the end
    assert (opened.folder / "journal.db").stat().st_size // PAGE > len(copied)
    assert _backups(opened.folder) == {}


def test_the_lock_byte_page_is_copied_unchecked(
    opened: vault.Vault, sessions: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A journal over 1 GiB, made small: page 3 stands for the page SQLite never writes.
    monkeypatch.setattr(pinned_copy, "LOCK_BYTE_PAGE", 3)
    db = opened.folder / "journal.db"
    database.checkpoint(opened._conn)
    data = bytearray(db.read_bytes())
    original = bytes(data[2 * PAGE : 3 * PAGE])
    data[2 * PAGE : 3 * PAGE] = bytes(PAGE)  # no HMAC there, as in the real one
    db.write_bytes(bytes(data))
    try:
        made = pinned_copy.write(
            opened.folder / "copy.ijbackup",
            b"keys",
            opened._conn,
            db,
            opened._data_key,
            lambda: None,
        )
        assert made
        with zipfile.ZipFile(opened.folder / "copy.ijbackup") as archive:
            assert archive.read("journal.db") == bytes(data)
    finally:
        data[2 * PAGE : 3 * PAGE] = original
        db.write_bytes(bytes(data))


def test_a_locked_lock_byte_page_makes_the_backup_the_checked_way(
    opened: vault.Vault,
    sessions: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    checked_copies: list[Path],
) -> None:
    # Windows: another connection's byte-range lock there makes reading it fail.
    monkeypatch.setattr(pinned_copy, "LOCK_BYTE_PAGE", 3)
    real_open = pinned_copy.open_regular

    class Locked:
        def __init__(self, handle: BinaryIO) -> None:
            self.handle = handle

        def __enter__(self) -> Locked:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def fileno(self) -> int:
            return self.handle.fileno()

        def read(self, n: int) -> bytes:
            if self.handle.tell() == 2 * PAGE:
                raise PermissionError(13, "The process cannot access the file")
            return self.handle.read(n)

    monkeypatch.setattr(pinned_copy, "open_regular", lambda path: Locked(real_open(path)))
    made = _daily(opened)
    assert checked_copies == [made]
    assert _backups(opened.folder) == {made.name: _sha(made)}
    assert _titles(made, tmp_path / "restored") == sessions
