"""Key derivation is bounded both ways: a key file can't make it huge, a busy machine
can't make it weak, and a derivation that runs too long or is stopped is never retried
in the app's own process."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import vault
from app.errors import BackupDamaged, KeyDerivationTooSlow, KeyFileDamaged, UnlockStopped
from app.vault import kdf, kdf_child, keyfile
from app.vault.kdf import KdfParams
from tests.conftest import PASSPHRASE

SALT = bytes(range(16))
HOSTILE = [
    {"memory_kib": 4 * 1024 * 1024},  # the 4 GiB that took 12 minutes per attempt
    {"iterations": 100_000},
    {"parallelism": 255},
    {"memory_kib": 256 * 1024, "iterations": 200},  # each within range, together too much
]


def test_every_choice_calibrate_can_make_is_within_the_bounds() -> None:
    for iterations in (kdf.MIN_ITERATIONS, kdf.MAX_ITERATIONS):
        params = KdfParams(kdf.DEFAULT_MEMORY_KIB, iterations, kdf.DEFAULT_PARALLELISM)
        assert params.within_limits()
    assert KdfParams.insecure_for_tests().within_limits()


def _raise_keys(document: dict, changes: dict) -> dict:
    slot = next(s for s in document["slots"] if s["kind"] == keyfile.PASSPHRASE)
    slot["kdf"].update(changes)
    document["checksum"] = keyfile._checksum(document)  # the checksum is no secret
    return document


@pytest.fixture
def no_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> bytes:
        raise AssertionError("a derivation ran with hostile parameters")

    monkeypatch.setattr(keyfile, "derive_key", refuse)
    monkeypatch.setattr(kdf_child, "derive_key", refuse)
    monkeypatch.setattr(kdf_child, "derive_in_child", refuse)


@pytest.mark.parametrize("changes", HOSTILE, ids=["4 GiB", "iterations", "lanes", "work"])
def test_raised_parameters_are_refused_before_deriving(
    journal_dir: tuple[Path, str], no_derivation: None, changes: dict
) -> None:
    keys = journal_dir[0] / "journal.keys"
    keys.write_text(json.dumps(_raise_keys(json.loads(keys.read_bytes()), changes)))
    with pytest.raises(KeyFileDamaged, match="out of range"):
        vault.unlock(journal_dir[0], PASSPHRASE, derive=kdf_child.derive)


def test_a_backup_with_raised_parameters_is_refused_before_deriving(
    opened: vault.Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = opened.backup(tmp_path / "b.ijbackup")
    with zipfile.ZipFile(made) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    document = _raise_keys(json.loads(members["journal.keys"]), HOSTILE[0])
    members["journal.keys"] = json.dumps(document).encode()
    hostile = tmp_path / "hostile.ijbackup"
    with zipfile.ZipFile(hostile, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    monkeypatch.setattr(keyfile, "derive_key", lambda *a: pytest.fail("derived"))
    with pytest.raises((KeyFileDamaged, BackupDamaged)):
        vault.restore(hostile, tmp_path / "restored", passphrase=PASSPHRASE)
    assert not (tmp_path / "restored").exists()


@pytest.fixture
def silent_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child that never answers; and no derivation in this process, ever."""
    monkeypatch.setattr(kdf_child, "CHILD_FROM_KIB", 0)
    monkeypatch.setattr(
        kdf_child,
        "child_command",
        lambda: [sys.executable, "-c", "import time; time.sleep(600)"],
    )
    monkeypatch.setattr(kdf_child, "derive_key", lambda *a: pytest.fail("derived in-process"))


def test_a_timed_out_child_is_not_followed_by_a_derivation_here(
    silent_child: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kdf_child, "_TIMEOUT_SECONDS", 0)
    with pytest.raises(KeyDerivationTooSlow):
        kdf_child.derive("p", SALT, KdfParams.insecure_for_tests())


def test_a_cancelled_derivation_stops_and_derives_nothing(silent_child: None) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(UnlockStopped):
        kdf_child.cancellable(cancel)("p", SALT, KdfParams.insecure_for_tests())


@pytest.fixture
def cpu_hog() -> Iterator[None]:
    """Every core kept busy, as on the machine that calibrated to 3 iterations."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(4)]
    try:
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


def test_a_busy_machine_does_not_weaken_a_new_journal(cpu_hog: None) -> None:
    params = kdf.calibrate()
    assert params.iterations >= kdf.MIN_ITERATIONS
    assert params.memory_kib >= kdf.MIN_MEMORY_KIB
    assert params.within_limits()
