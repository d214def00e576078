"""Files that are not what they seem: pipes, links, read-only files, hostile numbers and
characters, compression bombs. Each is refused at once with a message naming the real
cause, and nothing is changed or left behind."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from app import vault
from app.errors import (
    BackupDamaged,
    DatabaseDamaged,
    DatabaseReadOnly,
    FolderUnreadable,
    KeyFileDamaged,
    KeyFileUnreadable,
    UnusablePassphrase,
)
from app.transfer import importing
from app.transfer.importing import ImportProblem
from app.vault import backup_files, keyfile
from app.vault.kdf import KdfParams
from tests.conftest import PASSPHRASE

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def listing(folder: Path) -> dict[str, str]:
    """Names and what they are (never reading a pipe), with the hashes of ordinary files."""
    result = {}
    for path in sorted(folder.iterdir()):
        if path.is_symlink():
            result[path.name] = f"link:{os.readlink(path)}"
        elif path.is_file():
            result[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            result[path.name] = "other"
    return result


@pytest.fixture
def journal(journal_dir: tuple[Path, str]) -> Path:
    return journal_dir[0]


def _pipe_in_place_of(path: Path) -> None:
    if path.exists():
        path.unlink()
    os.mkfifo(path)


@needs_fifo
@pytest.mark.parametrize(
    ("name", "error", "words"),
    [
        ("journal.keys", KeyFileDamaged, "pipe"),
        ("journal.db", DatabaseDamaged, "pipe"),
        ("journal.db-wal", DatabaseDamaged, "journal.db-wal"),
    ],
)
def test_a_pipe_in_place_of_a_journal_file_is_refused_at_once(
    journal: Path, name: str, error: type[Exception], words: str
) -> None:
    _pipe_in_place_of(journal / name)
    before = listing(journal)
    with pytest.raises(error, match=words):
        vault.unlock(journal, PASSPHRASE)
    assert listing(journal) == before


@pytest.mark.parametrize(
    ("name", "error"), [("journal.keys", KeyFileDamaged), ("journal.db", DatabaseDamaged)]
)
def test_a_link_leading_out_of_the_folder_is_not_followed(
    journal: Path, tmp_path: Path, name: str, error: type[Exception]
) -> None:
    outside = tmp_path / f"elsewhere-{name}"
    (journal / name).rename(outside)
    (journal / name).symlink_to(outside)
    before = listing(journal)
    with pytest.raises(error, match="link"):
        vault.unlock(journal, PASSPHRASE)
    assert listing(journal) == before


def test_a_read_only_database_is_found_at_unlock(journal: Path) -> None:
    (journal / "journal.db").chmod(0o400)
    before = listing(journal)
    with pytest.raises(DatabaseReadOnly, match="read-only"):
        vault.unlock(journal, PASSPHRASE)
    assert listing(journal) == before, "no -wal or -shm left to block later saves"
    (journal / "journal.db").chmod(0o600)
    vault.unlock(journal, PASSPHRASE).lock()


def test_a_five_thousand_digit_number_in_the_key_file(journal: Path) -> None:
    keys = journal / "journal.keys"
    document = json.loads(keys.read_bytes())
    text = json.dumps(document).replace('"version": 1', '"version": ' + "9" * 5000)
    keys.write_text(text)
    with pytest.raises(KeyFileDamaged, match="number far too long"):
        vault.unlock(journal, PASSPHRASE)


def test_a_lone_surrogate_in_a_passphrase_is_named(journal: Path, tmp_path: Path) -> None:
    broken = "lantern \ud800 orchard"
    with pytest.raises(UnusablePassphrase, match="broken character"):
        vault.unlock(journal, broken)
    with pytest.raises(UnusablePassphrase):
        vault.create(tmp_path / "new", broken, kdf=KdfParams.insecure_for_tests())


def test_a_folder_without_permission_says_so(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as an administrator, whom permissions don't stop: the refusal is made up.
    def refuse(path: object) -> list[str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(vault.opening.os, "listdir", refuse)  # type: ignore[attr-defined]
    with pytest.raises(FolderUnreadable, match="isn't allowed"):
        vault.unlock(journal, PASSPHRASE)


def test_a_key_file_without_permission_says_so(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(keyfile, "open_regular", refuse)
    with pytest.raises(KeyFileUnreadable, match="isn't allowed"):
        vault.unlock(journal, PASSPHRASE)


@needs_fifo
def test_a_pipe_chosen_as_a_backup_or_an_import_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "chosen"
    os.mkfifo(pipe)
    with pytest.raises(BackupDamaged, match="pipe"):
        vault.restore(pipe, tmp_path / "restored", passphrase=PASSPHRASE)
    for kind in ("jrnl", "dayone"):
        with pytest.raises(ImportProblem):
            importing.read(kind, pipe)


def test_a_compression_bomb_in_a_backup_writes_nothing(
    opened: vault.Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = opened.backup(tmp_path / "real.ijbackup")
    with zipfile.ZipFile(made) as archive:
        keys = archive.read("journal.keys")
    bomb = tmp_path / "small.ijbackup"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("journal.keys", keys)
        archive.writestr("journal.db", bytes(64 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024

    def no_writing(path: Path) -> None:
        raise AssertionError(f"{path.name} was created before the backup was refused")

    monkeypatch.setattr(backup_files, "create_private_file", no_writing)
    with pytest.raises(BackupDamaged):
        vault.restore(bomb, tmp_path / "restored", passphrase=PASSPHRASE)
    assert not (tmp_path / "restored").exists()


def test_a_restore_that_would_fill_the_disk_is_refused_first(
    opened: vault.Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = opened.backup(tmp_path / "real.ijbackup")

    class Full:
        free = 1024

    monkeypatch.setattr(backup_files.shutil, "disk_usage", lambda path: Full())
    with pytest.raises(BackupDamaged, match="free"):
        vault.restore(made, tmp_path / "restored", passphrase=PASSPHRASE)
    assert not (tmp_path / "restored").exists()
