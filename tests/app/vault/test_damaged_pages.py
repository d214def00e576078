"""A journal with one damaged page: every read says so in plain words, and it still locks.

Unlock reads only page 1, so a page damaged further in is found by whichever read reaches
it first. That read must raise ``DatabaseDamaged`` (never a raw SQLite error), and
``lock()`` must close the connection, forget the key and release the folder however
many reads failed before.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app import vault
from app.errors import DatabaseDamaged, JournalLocked, SaveFailed
from app.vault import keyfile
from app.vault.folder_lock import FolderLock
from tests.conftest import PASSPHRASE
from tests.sqlcipher_pages import PAGE_SIZE, all_pages, pages_containing

CANARY = "heron-by-the-reeds"


def damage_the_page_holding(folder: Path, words: str) -> None:
    key = keyfile.unwrap_with_passphrase(vault.read_header(folder), PASSPHRASE)
    db = folder / "journal.db"
    found = pages_containing(all_pages(db, key), words.encode())
    number = next(n for source, n in found if source == "db" and n > 1)
    data = bytearray(db.read_bytes())
    start = (number - 1) * PAGE_SIZE + 100
    data[start : start + 64] = bytes(64)
    db.write_bytes(bytes(data))


@pytest.fixture
def damaged(journal_dir: tuple[Path, str]) -> Path:
    folder = journal_dir[0]
    v = vault.unlock(folder, PASSPHRASE)
    for day in range(1, 29):
        v.journal.add_session(dt.date(2024, 2, day), title=f"{CANARY} {day} " + "x" * 300)
    v.lock()
    damage_the_page_holding(folder, CANARY)
    return folder


def test_reading_a_damaged_page_is_a_typed_error_in_plain_words(damaged: Path) -> None:
    v = vault.unlock(damaged, PASSPHRASE)
    try:
        with pytest.raises(DatabaseDamaged) as info:
            [s.title for s in v.journal.sessions()]
        assert "damaged" in str(info.value) and "backup" in str(info.value)
        with pytest.raises((DatabaseDamaged, SaveFailed)):
            v.journal.add_session(dt.date(2024, 3, 1), title="after the damage")
    finally:
        v.lock()


def test_a_damaged_journal_still_locks_completely(damaged: Path) -> None:
    v = vault.unlock(damaged, PASSPHRASE)
    with pytest.raises(DatabaseDamaged):
        v.journal.sessions()
    v.journal.save_narrative_part  # noqa: B018 — the façade is still reachable
    v.lock()
    assert not v.is_open
    assert v._data_key is None
    with pytest.raises(JournalLocked):
        v.journal.sessions()
    FolderLock(damaged).acquire().release()  # the folder is free again


def test_lock_closes_even_when_the_index_refresh_and_checkpoint_fail(
    opened: vault.Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a read failed in a way nobody foresaw")

    conn = opened._conn
    monkeypatch.setattr(opened.journal, "refresh_index", broken)
    monkeypatch.setattr(vault.opening.database, "checkpoint", broken)  # type: ignore[attr-defined]
    opened.lock()
    assert not opened.is_open and opened._data_key is None
    with pytest.raises(Exception, match="closed"):
        conn.execute("SELECT 1")
    FolderLock(opened.folder).acquire().release()
