"""Argon2id in a child process: the same key as in this process, and a fallback when the
child can't run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app import vault
from app.errors import WrongPassphrase
from app.vault import kdf_child
from app.vault.kdf import KdfParams, derive_key
from tests.conftest import PASSPHRASE

SALT = bytes(range(16))
SMALL = KdfParams.insecure_for_tests()


def test_the_child_derives_the_same_key_as_this_process() -> None:
    passphrase = "café au lait ☕ — “quoted”"
    assert kdf_child.derive_in_child(passphrase, SALT, SMALL) == derive_key(passphrase, SALT, SMALL)


def _through_child(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    key = kdf_child.derive_in_child(passphrase, salt, params)
    assert key is not None, "the child gave no key"
    return key


def test_a_journal_unlocks_through_the_child(journal_dir: tuple[Path, str]) -> None:
    opened = vault.unlock(journal_dir[0], PASSPHRASE, derive=_through_child)
    opened.lock()
    with pytest.raises(WrongPassphrase):
        vault.unlock(journal_dir[0], PASSPHRASE + "x", derive=_through_child)


def test_a_child_that_cannot_start_falls_back_to_this_process(monkeypatch) -> None:
    monkeypatch.setattr(kdf_child, "CHILD_FROM_KIB", 0)
    monkeypatch.setattr(kdf_child, "child_command", lambda: ["/nonexistent/kdf-child"])
    assert kdf_child.derive_in_child("p", SALT, SMALL) is None
    assert kdf_child.derive("p", SALT, SMALL) == derive_key("p", SALT, SMALL)


def test_a_child_that_answers_nonsense_falls_back(monkeypatch) -> None:
    monkeypatch.setattr(kdf_child, "CHILD_FROM_KIB", 0)
    monkeypatch.setattr(
        kdf_child, "child_command", lambda: [sys.executable, "-c", "print('not a key')"]
    )
    assert kdf_child.derive("p", SALT, SMALL) == derive_key("p", SALT, SMALL)


def test_cheap_parameters_stay_in_this_process(monkeypatch) -> None:
    def no_child(*args: object) -> bytes:
        raise AssertionError("a child process was started")

    monkeypatch.setattr(kdf_child, "derive_in_child", no_child)
    assert kdf_child.derive("p", SALT, SMALL) == derive_key("p", SALT, SMALL)


def test_the_child_refuses_a_bad_request() -> None:
    import subprocess

    too_short_salt = (
        b'{"passphrase": "p", "salt": "00", "memory_kib": 8, "iterations": 1, "parallelism": 1}'
    )
    for request in (
        too_short_salt,
        b"not json",
        b'{"passphrase": "p"}',
        b'{"passphrase": "p", "salt": "00",'
        b' "memory_kib": 99999999999, "iterations": 1, "parallelism": 1}',
    ):
        done = subprocess.run(
            kdf_child.child_command(), input=request, capture_output=True, check=False
        )
        assert done.returncode == 2
        assert done.stdout == b""
