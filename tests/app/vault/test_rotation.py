"""Re-keying: after it, an old key file or an old backup opens only what it already held;
the recovery key is replaced and can be replaced on its own; an interrupted re-keying is
finished by the next unlock."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from app import vault
from app.errors import DatabaseDamaged, WrongRecoveryKey
from app.vault import rotation
from app.vault.kdf import KdfParams
from tests.conftest import PASSPHRASE

NEW = "a new passphrase by the river"
CHEAP = KdfParams.insecure_for_tests()


def _titles(v: vault.Vault) -> list[str]:
    return sorted(s.title for s in v.journal.sessions())


def test_after_rekeying_old_keys_and_backups_open_only_the_past(
    journal_dir: tuple[Path, str], tmp_path: Path
) -> None:
    folder, old_recovery = journal_dir
    v = vault.unlock(folder, PASSPHRASE)
    v.journal.add_session(dt.date(2024, 5, 1), title="before")
    old_backup = v.backup(tmp_path / "old.ijbackup")
    old_keys = (folder / "journal.keys").read_bytes()
    new_recovery = v.rekey(NEW, kdf=CHEAP)
    v.journal.add_session(dt.date(2024, 5, 2), title="after")
    v.lock()
    assert not (folder / rotation.KEYS_NEXT).exists()

    v = vault.unlock(folder, NEW)
    assert _titles(v) == ["after", "before"]
    v.check_integrity()
    v.lock()

    new_keys = (folder / "journal.keys").read_bytes()
    (folder / "journal.keys").write_bytes(old_keys)  # the key file from an old backup
    db_before = (folder / "journal.db").read_bytes()
    with pytest.raises(DatabaseDamaged):
        vault.unlock(folder, PASSPHRASE)
    assert (folder / "journal.db").read_bytes() == db_before
    (folder / "journal.keys").write_bytes(new_keys)

    restored = vault.restore(old_backup, tmp_path / "restored", passphrase=PASSPHRASE)
    assert _titles(restored) == ["before"]
    restored.lock()

    with pytest.raises(WrongRecoveryKey):
        vault.unlock_with_recovery_key(folder, old_recovery)
    vault.unlock_with_recovery_key(folder, new_recovery).lock()


def test_an_interrupted_rekeying_is_finished_by_the_next_unlock(
    journal_dir: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = journal_dir[0]
    v = vault.unlock(folder, PASSPHRASE)
    v.journal.add_session(dt.date(2024, 5, 1), title="kept")

    real_replace = os.replace

    def power_cut(source: Path, target: Path) -> None:
        if Path(source).name == rotation.KEYS_NEXT:
            raise OSError("the power went out")
        real_replace(source, target)

    monkeypatch.setattr(rotation.os, "replace", power_cut)
    with pytest.raises(OSError):
        v.rekey(NEW, kdf=CHEAP)
    v.lock()
    monkeypatch.setattr(rotation.os, "replace", real_replace)
    assert (folder / rotation.KEYS_NEXT).exists()

    v = vault.unlock(folder, NEW)
    assert _titles(v) == ["kept"]
    v.lock()
    assert not (folder / rotation.KEYS_NEXT).exists()
    vault.unlock(folder, NEW).lock()


def test_the_recovery_key_can_be_replaced(journal_dir: tuple[Path, str]) -> None:
    folder, old_recovery = journal_dir
    v = vault.unlock(folder, PASSPHRASE)
    new_recovery = v.replace_recovery_key()
    v.lock()
    assert new_recovery != old_recovery
    with pytest.raises(WrongRecoveryKey):
        vault.unlock_with_recovery_key(folder, old_recovery)
    vault.unlock_with_recovery_key(folder, new_recovery).lock()
    vault.unlock(folder, PASSPHRASE).lock()  # the passphrase is untouched
