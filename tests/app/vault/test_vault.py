"""The vault: create, unlock and lock, the recovery key, re-keying, backups, the folder
lock, migrations and the KDF's calibration."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import re
import stat
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app import vault
from app.errors import (
    BackupDamaged,
    DatabaseDamaged,
    JournalError,
    JournalExists,
    JournalInUse,
    JournalLocked,
    JournalReadOnly,
    KeyFileDamaged,
    MalformedRecoveryKey,
    WrongPassphrase,
    WrongRecoveryKey,
)
from app.journal import schema
from app.vault import backup_files, kdf, keyfile, opening, pinned_copy
from app.vault.database import Connection
from app.vault.folder_lock import FolderLock
from app.vault.kdf import KdfParams
from tests.conftest import PASSPHRASE

REPO = Path(__file__).resolve().parents[3]
KEY_FORMAT = re.compile(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){7}")
DAY = dt.date(2024, 5, 17)
SECRET_TITLE = "Walking by the lighthouse"
SECRET_STORY = "I remembered my grandmother's kitchen and cried for a long time."


# -- helpers -----------------------------------------------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (relative name → content hash, or "dir")."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): "dir" if p.is_dir() else _sha(p)
        for p in sorted(folder.rglob("*"))
    }


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _write_a_session(v: vault.Vault) -> None:
    session = v.journal.add_session(DAY, title=SECRET_TITLE)
    part = v.journal.narrative(session.id)[0]
    v.journal.save_narrative_part(part.id, SECRET_STORY)


def _contents(v: vault.Vault) -> list[tuple[str, list[str]]]:
    return [(s.title, [p.body for p in v.journal.narrative(s.id)]) for s in v.journal.sessions()]


@pytest.fixture
def folder(journal_dir: tuple[Path, str]) -> Path:
    return journal_dir[0]


@pytest.fixture
def recovery_key(journal_dir: tuple[Path, str]) -> str:
    return journal_dir[1]


@pytest.fixture
def with_a_session(folder: Path) -> Path:
    """The journal holds one session with a narrative; it is locked again."""
    v = vault.unlock(folder, PASSPHRASE)
    _write_a_session(v)
    v.lock()
    return folder


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


# -- create ------------------------------------------------------------------------------------


def test_create_returns_a_recovery_key_of_eight_groups_of_four(recovery_key: str) -> None:
    assert KEY_FORMAT.fullmatch(recovery_key), recovery_key


def test_create_writes_journal_db_and_journal_keys_only(folder: Path) -> None:
    assert _names(folder) == ["journal.db", "journal.keys"]


@pytest.mark.usefixtures("umask_022")
def test_create_makes_the_folder_0700_and_the_files_0600(
    tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    folder = tmp_path / "new" / "journal"
    vault.create(folder, PASSPHRASE, kdf=cheap_kdf)
    assert _mode(folder) == 0o700
    assert _mode(folder / "journal.db") == 0o600
    assert _mode(folder / "journal.keys") == 0o600


@pytest.mark.usefixtures("umask_022")
def test_create_in_an_existing_open_folder_makes_it_private(
    tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    folder = tmp_path / "journal"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    vault.create(folder, PASSPHRASE, kdf=cheap_kdf)
    assert _mode(folder) == 0o700


@pytest.mark.usefixtures("umask_022")
def test_wal_and_shm_files_are_0600_while_open(opened: vault.Vault) -> None:
    _write_a_session(opened)
    for name in ("journal.db-wal", "journal.db-shm"):
        assert (opened.folder / name).exists(), name
        assert _mode(opened.folder / name) == 0o600, name


@pytest.mark.parametrize(
    "present", [("journal.db", "journal.keys"), ("journal.keys",), ("journal.db",)]
)
def test_create_refuses_a_folder_holding_a_journal_and_changes_nothing(
    folder: Path, cheap_kdf: KdfParams, present: tuple[str, ...]
) -> None:
    for name in {"journal.db", "journal.keys"} - set(present):
        (folder / name).unlink()
    before = _tree(folder)
    with pytest.raises(JournalExists):
        vault.create(folder, "another passphrase", kdf=cheap_kdf)
    assert _tree(folder) == before


def test_create_refuses_an_existing_journal_which_still_opens(
    folder: Path, cheap_kdf: KdfParams
) -> None:
    with pytest.raises(JournalExists):
        vault.create(folder, "another passphrase", kdf=cheap_kdf)
    vault.unlock(folder, PASSPHRASE).lock()


def test_create_without_kdf_calibrates(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    chosen = KdfParams(memory_kib=16, iterations=1, parallelism=1)
    calls: list[object] = []

    def fake_calibrate(*args: object, **kwargs: object) -> KdfParams:
        calls.append((args, kwargs))
        return chosen

    monkeypatch.setattr(opening, "calibrate", fake_calibrate)
    vault.create(tmp_path / "journal", PASSPHRASE)
    assert len(calls) == 1
    assert vault.read_header(tmp_path / "journal").slot(keyfile.PASSPHRASE).kdf == chosen


def test_create_with_an_explicit_kdf_does_not_calibrate(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    def no_calibration(*args: object, **kwargs: object) -> KdfParams:
        raise AssertionError("calibrate() was called")

    monkeypatch.setattr(opening, "calibrate", no_calibration)
    vault.create(tmp_path / "journal", PASSPHRASE, kdf=cheap_kdf)
    assert vault.read_header(tmp_path / "journal").slot(keyfile.PASSPHRASE).kdf == cheap_kdf


def test_app_code_never_chooses_the_test_kdf_by_itself() -> None:
    users = [
        str(path.relative_to(REPO))
        for folder in ("app", "ui")
        for path in (REPO / folder).rglob("*.py")
        if "insecure_for_tests(" in path.read_text(encoding="utf-8")
    ]
    assert users == ["app/vault/kdf.py"]  # where it is defined, and nowhere else


def test_the_database_file_holds_no_plaintext(with_a_session: Path) -> None:
    data = (with_a_session / "journal.db").read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert SECRET_TITLE.encode() not in data
    assert b"lighthouse" not in data
    assert b"grandmother" not in data
    assert PASSPHRASE.encode() not in (with_a_session / "journal.keys").read_bytes()


# -- KDF calibration ---------------------------------------------------------------------------


def test_default_calibration_uses_64_mib_within_the_bounds() -> None:
    # What it costs in seconds is measured in benchmarks/bench_hostile.py (no timed tests).
    params = kdf.calibrate()
    assert params.memory_kib >= 64 * 1024
    assert kdf.MIN_ITERATIONS <= params.iterations <= kdf.MAX_ITERATIONS
    assert params.within_limits()


def test_calibration_never_goes_below_the_64_mib_floor() -> None:
    params = kdf.calibrate(target_seconds=0.01, memory_kib=1024, parallelism=1)
    assert params.memory_kib >= 64 * 1024
    assert params.iterations >= kdf.MIN_ITERATIONS


def test_test_kdf_params_are_below_the_real_floor() -> None:
    assert KdfParams.insecure_for_tests().memory_kib < kdf.MIN_MEMORY_KIB


# -- unlock and lock ---------------------------------------------------------------------------


def test_unlock_opens_an_empty_new_journal(opened: vault.Vault) -> None:
    assert opened.is_open
    assert opened.journal.session_count() == 0


def test_what_is_written_is_there_after_lock_and_unlock(with_a_session: Path) -> None:
    v = vault.unlock(with_a_session, PASSPHRASE)
    try:
        assert _contents(v) == [(SECRET_TITLE, [SECRET_STORY])]
    finally:
        v.lock()


def test_wrong_passphrase_is_refused(folder: Path) -> None:
    with pytest.raises(WrongPassphrase):
        vault.unlock(folder, PASSPHRASE + "!")


def test_lock_drops_the_connection(opened: vault.Vault) -> None:
    journal = opened.journal
    opened.lock()
    assert not opened.is_open
    with pytest.raises(JournalLocked):
        journal.sessions()
    with pytest.raises(JournalLocked):
        journal.add_session(DAY)
    with pytest.raises(JournalLocked):
        opened.check_integrity()
    with pytest.raises(JournalLocked):
        opened.change_passphrase("new passphrase")
    with pytest.raises(JournalLocked):
        opened.backup(opened.folder.parent)


def test_lock_twice_is_harmless(opened: vault.Vault) -> None:
    opened.lock()
    opened.lock()
    assert not opened.is_open


def test_lock_releases_the_folder_lock(opened: vault.Vault) -> None:
    opened.lock()
    FolderLock(opened.folder).acquire().release()
    vault.unlock(opened.folder, PASSPHRASE).lock()


def test_lock_checkpoints_so_only_db_and_keys_remain(opened: vault.Vault) -> None:
    _write_a_session(opened)
    opened.lock()
    assert _names(opened.folder) == ["journal.db", "journal.keys"]


def test_check_integrity_passes_on_a_healthy_journal(opened: vault.Vault) -> None:
    _write_a_session(opened)
    opened.check_integrity()


# -- the recovery key --------------------------------------------------------------------------


def test_recovery_key_unlocks(folder: Path, recovery_key: str) -> None:
    v = vault.unlock_with_recovery_key(folder, recovery_key)
    assert v.is_open
    v.lock()


def test_recovery_key_then_new_passphrase(folder: Path, recovery_key: str) -> None:
    v = vault.unlock_with_recovery_key(folder, recovery_key)
    v.change_passphrase("a brand new passphrase")
    v.lock()
    with pytest.raises(WrongPassphrase):
        vault.unlock(folder, PASSPHRASE)
    vault.unlock(folder, "a brand new passphrase").lock()
    vault.unlock_with_recovery_key(folder, recovery_key).lock()


def test_recovery_key_typed_in_lower_case_with_spaces_unlocks(
    folder: Path, recovery_key: str
) -> None:
    typed = "  " + recovery_key.lower().replace("-", " ") + " "
    vault.unlock_with_recovery_key(folder, typed).lock()


def test_recovery_key_with_0_1_8_for_o_i_b_unlocks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    raw = base64.b32decode("OIBQ" * 8)  # a key full of the letters people mistype
    monkeypatch.setattr(opening, "new_recovery_key", lambda: raw)
    folder = tmp_path / "journal"
    shown = vault.create(folder, PASSPHRASE, kdf=cheap_kdf)
    assert shown == "-".join(["OIBQ"] * 8)
    typed = shown.replace("O", "0").replace("I", "1").replace("B", "8").lower()
    vault.unlock_with_recovery_key(folder, typed).lock()


@pytest.mark.parametrize("cut", [1, 4, 20])
def test_recovery_key_of_the_wrong_length_is_malformed(
    folder: Path, recovery_key: str, cut: int
) -> None:
    with pytest.raises(MalformedRecoveryKey):
        vault.unlock_with_recovery_key(folder, recovery_key[:-cut])
    with pytest.raises(MalformedRecoveryKey):
        vault.unlock_with_recovery_key(folder, recovery_key + "-ABCD"[: cut + 1])


def test_another_journals_recovery_key_is_wrong(
    folder: Path, tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    other = vault.create(tmp_path / "other", PASSPHRASE, kdf=cheap_kdf)
    with pytest.raises(WrongRecoveryKey):
        vault.unlock_with_recovery_key(folder, other)


# -- changing the passphrase -------------------------------------------------------------------


def test_change_passphrase_rewrites_only_journal_keys(folder: Path) -> None:
    db_before, keys_before = _sha(folder / "journal.db"), _sha(folder / "journal.keys")
    v = vault.unlock(folder, PASSPHRASE)
    v.change_passphrase("a brand new passphrase")
    v.lock()
    assert _sha(folder / "journal.db") == db_before
    assert _sha(folder / "journal.keys") != keys_before
    assert _names(folder) == ["journal.db", "journal.keys"]


def test_change_passphrase_leaves_no_temporary_files(opened: vault.Vault) -> None:
    before = _names(opened.folder)
    opened.change_passphrase("a brand new passphrase")
    assert _names(opened.folder) == before
    assert _mode(opened.folder / "journal.keys") == 0o600


def test_change_passphrase_takes_effect_while_still_open(opened: vault.Vault) -> None:
    opened.change_passphrase("a brand new passphrase")
    with pytest.raises(WrongPassphrase):
        keyfile.unwrap_with_passphrase(vault.read_header(opened.folder), PASSPHRASE)
    opened.journal.add_session(DAY)  # the open journal is unaffected
    opened.lock()
    v = vault.unlock(opened.folder, "a brand new passphrase")
    assert v.journal.session_count() == 1
    v.lock()


def test_change_passphrase_keeps_the_kdf_settings_and_recovery_slot(
    opened: vault.Vault, cheap_kdf: KdfParams
) -> None:
    before = vault.read_header(opened.folder)
    opened.change_passphrase("a brand new passphrase")
    after = vault.read_header(opened.folder)
    assert after.journal_id == before.journal_id
    assert after.slot(keyfile.PASSPHRASE).kdf == cheap_kdf
    assert after.slot(keyfile.PASSPHRASE).salt != before.slot(keyfile.PASSPHRASE).salt
    assert after.slot(keyfile.RECOVERY) == before.slot(keyfile.RECOVERY)


def test_change_passphrase_stores_new_kdf_settings(opened: vault.Vault) -> None:
    stronger = KdfParams(memory_kib=256, iterations=2, parallelism=1)
    opened.change_passphrase("a brand new passphrase", kdf=stronger)
    assert vault.read_header(opened.folder).slot(keyfile.PASSPHRASE).kdf == stronger
    opened.lock()
    vault.unlock(opened.folder, "a brand new passphrase").lock()


# -- passphrases of every kind -----------------------------------------------------------------

ODD_PASSPHRASES = [
    pytest.param('it\'s "quoted"', id="quotes"),
    pytest.param("back\\slash\\\\x'00'", id="backslashes"),
    pytest.param("🔥🌊 calm 🧘‍♀️", id="emoji"),
    pytest.param("'; DROP TABLE x; --", id="sql"),
    pytest.param('x\'00"; PRAGMA key = "', id="pragma-like"),
    pytest.param(" ", id="one space"),
    pytest.param(" \t\n ", id="whitespace"),
    pytest.param("\u00a0", id="no-break space"),
    pytest.param("long passphrase " * 625, id="10k characters"),
]


@pytest.mark.parametrize("passphrase", ODD_PASSPHRASES)
def test_any_passphrase_opens_its_journal_and_nothing_near_it_does(
    tmp_path: Path, cheap_kdf: KdfParams, passphrase: str
) -> None:
    folder = tmp_path / "journal"
    vault.create(folder, passphrase, kdf=cheap_kdf)
    vault.unlock(folder, passphrase).lock()
    for near in {passphrase + " ", passphrase[:-1], passphrase.strip(), ""} - {passphrase}:
        with pytest.raises(WrongPassphrase):
            vault.unlock(folder, near)


@pytest.mark.parametrize("passphrase", ODD_PASSPHRASES)
def test_any_passphrase_can_be_set_by_change_passphrase(
    opened: vault.Vault, passphrase: str
) -> None:
    opened.change_passphrase(passphrase)
    opened.lock()
    vault.unlock(opened.folder, passphrase).lock()


def test_long_passphrase_is_really_10k_characters() -> None:
    assert len(ODD_PASSPHRASES[-1].values[0]) == 10_000  # type: ignore[arg-type]


@pytest.mark.parametrize("create_form, unlock_form", [("NFC", "NFD"), ("NFD", "NFC")])
def test_composed_and_decomposed_accents_open_the_same_journal(
    tmp_path: Path, cheap_kdf: KdfParams, create_form: str, unlock_form: str
) -> None:
    created = unicodedata.normalize(create_form, "café crème")
    typed = unicodedata.normalize(unlock_form, "café crème")
    assert created != typed
    vault.create(tmp_path / "journal", created, kdf=cheap_kdf)
    vault.unlock(tmp_path / "journal", typed).lock()


# -- backup and restore ------------------------------------------------------------------------


@pytest.fixture
def backup_file(with_a_session: Path, tmp_path: Path) -> Path:
    out = tmp_path / "backups-out"
    out.mkdir()
    v = vault.unlock(with_a_session, PASSPHRASE)
    try:
        return v.backup(out)
    finally:
        v.lock()


def _member_data_offset(archive_path: Path, name: str) -> tuple[int, int]:
    """Where a stored member's bytes start in the archive, and how many there are."""
    with zipfile.ZipFile(archive_path) as archive:
        info = archive.getinfo(name)
    with open(archive_path, "rb") as handle:
        handle.seek(info.header_offset)
        local = handle.read(30)
    assert local[:4] == b"PK\x03\x04"
    name_len = int.from_bytes(local[26:28], "little")
    extra_len = int.from_bytes(local[28:30], "little")
    return info.header_offset + 30 + name_len + extra_len, info.compress_size


def _flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_backup_to_a_folder_writes_one_zip_of_keys_and_db(backup_file: Path) -> None:
    assert _names(backup_file.parent) == [backup_file.name]
    assert backup_file.suffix == ".ijbackup"
    with zipfile.ZipFile(backup_file) as archive:
        assert sorted(archive.namelist()) == ["journal.db", "journal.keys"]
        assert archive.testzip() is None


def test_backup_is_private_and_encrypted(backup_file: Path) -> None:
    assert _mode(backup_file) == 0o600
    data = backup_file.read_bytes()
    assert b"lighthouse" not in data
    assert b"grandmother" not in data
    assert b"SQLite format 3" not in data


def test_backup_holds_the_journals_own_key_header(backup_file: Path, with_a_session: Path) -> None:
    with zipfile.ZipFile(backup_file) as archive:
        keys = archive.read("journal.keys")
    assert keys == (with_a_session / "journal.keys").read_bytes()


def test_backup_leaves_nothing_behind_in_the_journal_folder(
    backup_file: Path, with_a_session: Path
) -> None:
    assert _tree(with_a_session) == {
        "backups": "dir",
        "journal.db": _sha(with_a_session / "journal.db"),
        "journal.keys": _sha(with_a_session / "journal.keys"),
    }
    assert _mode(with_a_session / "backups") == 0o700


@pytest.mark.parametrize("fast", [True, False], ids=["pinned copy", "checked copy"])
def test_a_backup_that_does_not_read_back_is_reported(
    with_a_session: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    write_fast = pinned_copy.write
    write_slow = backup_files._write_backup_file

    def damage(to: Path) -> None:
        start, size = _member_data_offset(to, "journal.db")
        _flip_byte(to, start + size // 2)

    def fast_then_damage(to: Path, *args: Any) -> bool:
        if not fast:
            return False
        assert write_fast(to, *args)
        damage(to)
        return True

    def slow_then_damage(to: Path, header_bytes: bytes, db_path: Path) -> None:
        write_slow(to, header_bytes, db_path)
        damage(to)

    monkeypatch.setattr(pinned_copy, "write", fast_then_damage)
    monkeypatch.setattr(backup_files, "_write_backup_file", slow_then_damage)
    v = vault.unlock(with_a_session, PASSPHRASE)
    try:
        with pytest.raises(BackupDamaged):
            v.backup(tmp_path / "out.ijbackup")
        assert v.is_open
    finally:
        v.lock()
    assert not (tmp_path / "out.ijbackup").exists()


def test_restore_with_passphrase_gives_the_same_data(backup_file: Path, tmp_path: Path) -> None:
    restored = vault.restore(backup_file, tmp_path / "restored", passphrase=PASSPHRASE)
    try:
        assert _contents(restored) == [(SECRET_TITLE, [SECRET_STORY])]
        restored.check_integrity()
    finally:
        restored.lock()
    assert _names(tmp_path / "restored") == ["journal.db", "journal.keys"]
    assert _mode(tmp_path / "restored") == 0o700
    assert _mode(tmp_path / "restored" / "journal.db") == 0o600
    assert _mode(tmp_path / "restored" / "journal.keys") == 0o600


def test_restore_with_recovery_key_gives_the_same_data(
    backup_file: Path, recovery_key: str, tmp_path: Path
) -> None:
    restored = vault.restore(backup_file, tmp_path / "restored", recovery_key=recovery_key)
    try:
        assert _contents(restored) == [(SECRET_TITLE, [SECRET_STORY])]
    finally:
        restored.lock()


def test_a_restored_journal_unlocks_later_with_its_passphrase(
    backup_file: Path, tmp_path: Path
) -> None:
    vault.restore(backup_file, tmp_path / "restored", passphrase=PASSPHRASE).lock()
    v = vault.unlock(tmp_path / "restored", PASSPHRASE)
    assert v.journal.session_count() == 1
    v.lock()


def test_restore_refuses_a_folder_that_holds_a_journal(
    backup_file: Path, tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    target = tmp_path / "target"
    vault.create(target, "another passphrase", kdf=cheap_kdf)
    before = _tree(target)
    with pytest.raises(JournalExists):
        vault.restore(backup_file, target, passphrase=PASSPHRASE)
    assert _tree(target) == before
    vault.unlock(target, "another passphrase").lock()


def _assert_a_clear_backup_message(error: Exception) -> None:
    text = str(error)
    assert "damaged" in text
    # One sentence about the backup, not a nested one advising to restore from a backup.
    assert "restore from a backup" not in text
    assert text.count("Nothing has been changed") <= 1


def _assert_no_journal_in(target: Path) -> None:
    assert not vault.is_journal(target)
    assert _tree(target) == {}


@pytest.mark.parametrize("member", ["journal.db", "journal.keys"])
def test_restore_refuses_a_backup_with_one_byte_flipped(
    backup_file: Path, tmp_path: Path, member: str
) -> None:
    start, size = _member_data_offset(backup_file, member)
    _flip_byte(backup_file, start + size // 2)
    target = tmp_path / "target"
    with pytest.raises((BackupDamaged, KeyFileDamaged)) as error:
        vault.restore(backup_file, target, passphrase=PASSPHRASE)
    _assert_a_clear_backup_message(error.value)
    _assert_no_journal_in(target)


def test_restore_refuses_a_backup_whose_db_is_garbage_with_a_valid_checksum(
    backup_file: Path, tmp_path: Path
) -> None:
    forged = tmp_path / "forged.ijbackup"
    with zipfile.ZipFile(backup_file) as original, zipfile.ZipFile(forged, "w") as copy:
        copy.writestr("journal.keys", original.read("journal.keys"))
        copy.writestr("journal.db", os.urandom(original.getinfo("journal.db").file_size))
    target = tmp_path / "target"
    with pytest.raises(BackupDamaged) as error:
        vault.restore(forged, target, passphrase=PASSPHRASE)
    _assert_a_clear_backup_message(error.value)
    _assert_no_journal_in(target)


def test_restore_refuses_a_backup_with_a_damaged_page_and_a_valid_checksum(
    backup_file: Path, tmp_path: Path
) -> None:
    forged = tmp_path / "forged.ijbackup"
    with zipfile.ZipFile(backup_file) as original, zipfile.ZipFile(forged, "w") as copy:
        copy.writestr("journal.keys", original.read("journal.keys"))
        db = bytearray(original.read("journal.db"))
        assert len(db) >= 8 * 4096
        db[5 * 4096 + 100 : 5 * 4096 + 200] = os.urandom(100)
        copy.writestr("journal.db", bytes(db))
    target = tmp_path / "target"
    with pytest.raises(BackupDamaged) as error:
        vault.restore(forged, target, passphrase=PASSPHRASE)
    _assert_a_clear_backup_message(error.value)
    _assert_no_journal_in(target)


def test_restore_with_a_wrong_passphrase_creates_nothing(backup_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "target"
    with pytest.raises(WrongPassphrase):
        vault.restore(backup_file, target, passphrase="not it")
    assert not target.exists()


def test_restore_with_a_wrong_recovery_key_creates_nothing(
    backup_file: Path, tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    other = vault.create(tmp_path / "other", PASSPHRASE, kdf=cheap_kdf)
    with pytest.raises(WrongRecoveryKey):
        vault.restore(backup_file, tmp_path / "target", recovery_key=other)
    assert not (tmp_path / "target").exists()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"this is not a zip file at all", id="text"),
        pytest.param(os.urandom(5000), id="random"),
    ],
)
def test_restore_of_a_file_that_is_not_a_zip_is_backup_damaged(
    tmp_path: Path, content: bytes
) -> None:
    bogus = tmp_path / "bogus.ijbackup"
    bogus.write_bytes(content)
    with pytest.raises(BackupDamaged):
        vault.restore(bogus, tmp_path / "target", passphrase=PASSPHRASE)
    assert not (tmp_path / "target").exists()


def test_restore_of_a_missing_file_is_backup_damaged(tmp_path: Path) -> None:
    with pytest.raises(BackupDamaged, match="not found"):
        vault.restore(tmp_path / "nowhere.ijbackup", tmp_path / "target", passphrase=PASSPHRASE)
    assert not (tmp_path / "target").exists()


@pytest.mark.parametrize(
    "members",
    [
        pytest.param({"journal.keys": b"{}"}, id="keys only"),
        pytest.param({"journal.db": b"x" * 4096}, id="db only"),
        pytest.param(
            {"journal.keys": b"{}", "journal.db": b"x" * 4096, "extra.txt": b"hi"}, id="extra"
        ),
        pytest.param({"notes.txt": b"hello"}, id="another zip"),
    ],
)
def test_restore_of_a_zip_with_the_wrong_members_is_backup_damaged(
    tmp_path: Path, members: dict[str, bytes]
) -> None:
    bogus = tmp_path / "bogus.ijbackup"
    with zipfile.ZipFile(bogus, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(BackupDamaged):
        vault.restore(bogus, tmp_path / "target", passphrase=PASSPHRASE)
    assert not (tmp_path / "target").exists()


def test_restore_needs_a_secret(backup_file: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="passphrase or a recovery key"):
        vault.restore(backup_file, tmp_path / "target")
    assert not (tmp_path / "target").exists()


# -- one process per journal -------------------------------------------------------------------

_UNLOCK_SCRIPT = """
import sys
from app import vault
from app.errors import JournalError

try:
    v = vault.unlock(sys.argv[1], sys.argv[2])
except JournalError as error:
    print(type(error).__name__, flush=True)
    raise SystemExit(0)
print("opened", flush=True)
if sys.argv[3] == "hold":
    sys.stdin.readline()
if sys.argv[3] != "crash":
    v.lock()
"""


def _unlock_elsewhere(folder: Path, mode: str = "close") -> str:
    done = subprocess.run(
        [sys.executable, "-c", _UNLOCK_SCRIPT, str(folder), PASSPHRASE, mode],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_another_process_can_unlock_a_closed_journal(folder: Path) -> None:
    assert _unlock_elsewhere(folder) == "opened"


def test_another_process_gets_journal_in_use_while_open(opened: vault.Vault) -> None:
    assert _unlock_elsewhere(opened.folder) == "JournalInUse"


def test_another_process_can_unlock_after_lock(opened: vault.Vault) -> None:
    opened.lock()
    assert _unlock_elsewhere(opened.folder) == "opened"


def test_a_journal_held_by_another_process_is_in_use_here(folder: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", _UNLOCK_SCRIPT, str(folder), PASSPHRASE, "hold"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "opened"
        with pytest.raises(JournalInUse):
            vault.unlock(folder, PASSPHRASE)
    finally:
        holder.communicate("\n", timeout=60)
    vault.unlock(folder, PASSPHRASE).lock()


def test_a_crashed_process_leaves_no_stale_lock(folder: Path) -> None:
    assert _unlock_elsewhere(folder, "crash") == "opened"
    vault.unlock(folder, PASSPHRASE).lock()


def test_a_second_unlock_in_the_same_process_is_journal_in_use(
    opened: vault.Vault, recovery_key: str
) -> None:
    with pytest.raises(JournalInUse):
        vault.unlock(opened.folder, PASSPHRASE)
    with pytest.raises(JournalInUse):
        vault.unlock_with_recovery_key(opened.folder, recovery_key)
    assert opened.is_open
    opened.journal.add_session(DAY)  # the first one is unharmed


def test_unlock_works_again_after_lock(opened: vault.Vault) -> None:
    opened.lock()
    vault.unlock(opened.folder, PASSPHRASE).lock()


def test_a_folder_lock_passed_in_is_used_and_kept_after_lock(folder: Path) -> None:
    held = FolderLock(folder).acquire()
    try:
        v = vault.unlock(folder, PASSPHRASE, folder_lock=held)
        v.lock()
        assert held.held
        with pytest.raises(JournalInUse):
            vault.unlock(folder, PASSPHRASE)
        vault.unlock(folder, PASSPHRASE, folder_lock=held).lock()
    finally:
        held.release()
    vault.unlock(folder, PASSPHRASE).lock()


def test_a_folder_lock_passed_in_unheld_is_acquired(folder: Path) -> None:
    given = FolderLock(folder)
    v = vault.unlock(folder, PASSPHRASE, folder_lock=given)
    try:
        assert given.held
        with pytest.raises(JournalInUse):
            FolderLock(folder).acquire()
    finally:
        v.lock()
        given.release()


def test_a_failed_open_releases_the_lock_it_took(folder: Path) -> None:
    db = folder / "journal.db"
    db.rename(folder.parent / "aside.db")
    with pytest.raises(DatabaseDamaged):
        vault.unlock(folder, PASSPHRASE)
    (folder.parent / "aside.db").rename(db)
    vault.unlock(folder, PASSPHRASE).lock()


def test_a_failed_open_keeps_a_folder_lock_passed_in(folder: Path) -> None:
    held = FolderLock(folder).acquire()
    try:
        (folder / "journal.db").rename(folder.parent / "aside.db")
        with pytest.raises(DatabaseDamaged):
            vault.unlock(folder, PASSPHRASE, folder_lock=held)
        assert held.held
    finally:
        held.release()


# -- migrations --------------------------------------------------------------------------------


def _backups(folder: Path) -> list[Path]:
    return sorted((folder / "backups").glob("*.ijbackup")) if (folder / "backups").exists() else []


def _columns(conn: Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


# The version the app writes today; these tests add one step after it.
TODAY_VERSION = schema.current_version()


def _with_step(monkeypatch: pytest.MonkeyPatch, step: Callable[[Connection], None]) -> None:
    assert len(schema.MIGRATIONS) == TODAY_VERSION
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, step])


def test_a_new_migration_step_runs_on_reopen_after_a_backup(
    with_a_session: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = with_a_session
    seen: list[list[Path]] = []

    def add_mood(conn: Connection) -> None:
        seen.append(_backups(folder))
        conn.execute("ALTER TABLE sessions ADD COLUMN mood TEXT NOT NULL DEFAULT ''")

    _with_step(monkeypatch, add_mood)
    v = vault.unlock(folder, PASSPHRASE)
    try:
        assert len(seen) == 1
        assert len(seen[0]) == 1, "an encrypted backup is taken before the step runs"
        assert schema.version_of(v.journal.conn) == TODAY_VERSION + 1
        assert "mood" in _columns(v.journal.conn, "sessions")
        assert _contents(v) == [(SECRET_TITLE, [SECRET_STORY])]
    finally:
        v.lock()
    vault.unlock(folder, PASSPHRASE).lock()
    assert len(seen) == 1, "a migrated journal is not migrated again"
    assert len(_backups(folder)) == 1


def test_the_backup_taken_before_a_migration_restores_the_old_version(
    with_a_session: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = with_a_session
    with monkeypatch.context() as patch:
        _with_step(patch, lambda conn: conn.execute("CREATE TABLE moods (x TEXT) STRICT"))
        vault.unlock(folder, PASSPHRASE).lock()
    [backup] = _backups(folder)
    assert _mode(backup) == 0o600
    assert b"lighthouse" not in backup.read_bytes()
    restored = vault.restore(backup, tmp_path / "restored", passphrase=PASSPHRASE)
    try:
        assert schema.version_of(restored.journal.conn) == TODAY_VERSION
        assert _contents(restored) == [(SECRET_TITLE, [SECRET_STORY])]
        assert "moods" not in _tables(restored.journal.conn)
    finally:
        restored.lock()


def _tables(conn: Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}


def test_a_failing_migration_step_changes_nothing_and_its_error_propagates(
    with_a_session: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = with_a_session

    def half_done(conn: Connection) -> None:
        conn.execute("UPDATE sessions SET title = 'overwritten'")
        conn.execute("CREATE TABLE moods (x TEXT) STRICT")
        raise RuntimeError("the step broke half way")

    with monkeypatch.context() as patch:
        _with_step(patch, half_done)
        with pytest.raises(RuntimeError, match="half way"):
            vault.unlock(folder, PASSPHRASE)
    v = vault.unlock(folder, PASSPHRASE)  # the lock was released, the file is intact
    try:
        assert schema.version_of(v.journal.conn) == TODAY_VERSION
        assert _contents(v) == [(SECRET_TITLE, [SECRET_STORY])]
        assert "moods" not in _tables(v.journal.conn)
        v.check_integrity()
    finally:
        v.lock()


def test_a_new_journal_is_created_at_the_latest_version_without_a_backup(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    _with_step(monkeypatch, lambda conn: conn.execute("CREATE TABLE moods (x TEXT) STRICT"))
    vault.create(tmp_path / "journal", PASSPHRASE, kdf=cheap_kdf)
    v = vault.unlock(tmp_path / "journal", PASSPHRASE)
    try:
        assert schema.version_of(v.journal.conn) == TODAY_VERSION + 1
    finally:
        v.lock()
    assert _backups(tmp_path / "journal") == []


def test_a_journal_from_a_newer_app_is_refused_unchanged(opened: vault.Vault) -> None:
    opened.journal.conn.execute(f"PRAGMA user_version = {schema.current_version() + 1}")
    opened.lock()
    before = _tree(opened.folder)
    with pytest.raises(DatabaseDamaged, match="newer version"):
        vault.unlock(opened.folder, PASSPHRASE)
    assert _tree(opened.folder) == before


def test_every_error_is_a_journal_error() -> None:
    for error in (BackupDamaged, DatabaseDamaged, JournalExists, JournalInUse, KeyFileDamaged):
        assert issubclass(error, JournalError)


def test_two_backups_in_the_same_second_are_both_kept(opened: vault.Vault, tmp_path: Path) -> None:
    target = tmp_path / "usb"
    target.mkdir()
    first = opened.backup(target)
    second = opened.backup(target)
    assert first != second
    assert first.exists() and second.exists()


def test_create_refuses_a_folder_the_client_made_read_only(tmp_path: Path, cheap_kdf) -> None:
    folder = tmp_path / "locked-down"
    folder.mkdir(mode=0o500)
    with pytest.raises(JournalReadOnly):
        vault.create(folder, PASSPHRASE, kdf=cheap_kdf)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o500
    assert list(folder.iterdir()) == []


def test_a_failed_restore_leaves_no_empty_folder_behind(
    opened: vault.Vault, tmp_path: Path
) -> None:
    backup = opened.backup(tmp_path)
    data = bytearray(backup.read_bytes())
    with zipfile.ZipFile(backup) as archive:
        info = archive.getinfo("journal.db")
        start = info.header_offset + 30 + len(info.filename) + 8192
    data[start] ^= 0xFF
    damaged = tmp_path / "damaged.ijbackup"
    damaged.write_bytes(bytes(data))
    target = tmp_path / "restored"
    with pytest.raises(JournalError):
        vault.restore(damaged, target, passphrase=PASSPHRASE)
    assert not target.exists()
