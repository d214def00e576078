"""``journal.keys``: round trip, tamper evidence, and refusing damaged headers."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import vault
from app.errors import KeyFileDamaged, KeyFileMissing, WrongPassphrase, WrongRecoveryKey
from app.vault import keyfile
from app.vault.kdf import MAX_MEMORY_KIB, KdfParams, derive_key
from app.vault.recovery import format_recovery_key, new_recovery_key
from tests.conftest import PASSPHRASE

DATA_KEY = bytes(range(32))


@pytest.fixture
def header(cheap_kdf: KdfParams) -> keyfile.KeyHeader:
    return keyfile.new_header(PASSPHRASE, new_recovery_key(), DATA_KEY, cheap_kdf)


def _document(header: keyfile.KeyHeader) -> dict[str, Any]:
    return json.loads(keyfile.to_bytes(header))


def _encode(document: dict[str, Any], *, fix_checksum: bool) -> bytes:
    if fix_checksum:
        document["checksum"] = keyfile._checksum(document)
    return json.dumps(document).encode()


def _passphrase_slot(document: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in document["slots"] if s["kind"] == keyfile.PASSPHRASE)


# -- round trip --------------------------------------------------------------------------------


def test_to_bytes_then_from_bytes_gives_the_same_header(header: keyfile.KeyHeader) -> None:
    assert keyfile.from_bytes(keyfile.to_bytes(header)) == header


def test_write_then_read_gives_the_same_header(header: keyfile.KeyHeader, tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    folder.mkdir()
    path = folder / "journal.keys"
    keyfile.write(path, header)
    assert keyfile.read(path) == header
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in folder.iterdir()] == ["journal.keys"]  # no temp file left


def test_header_is_plain_json_with_the_kdf_settings(
    header: keyfile.KeyHeader, cheap_kdf: KdfParams
) -> None:
    document = _document(header)
    assert document["format"] == keyfile.FORMAT
    assert document["version"] == keyfile.VERSION
    assert _passphrase_slot(document)["kdf"] == {
        "name": "argon2id",
        "memory_kib": cheap_kdf.memory_kib,
        "iterations": cheap_kdf.iterations,
        "parallelism": cheap_kdf.parallelism,
    }


def test_header_holds_neither_the_key_nor_the_passphrase(header: keyfile.KeyHeader) -> None:
    data = keyfile.to_bytes(header)
    assert DATA_KEY not in data
    assert DATA_KEY.hex().encode() not in data
    assert PASSPHRASE.encode() not in data


def test_both_secrets_unwrap_the_same_data_key(cheap_kdf: KdfParams) -> None:
    recovery = new_recovery_key()
    header = keyfile.new_header(PASSPHRASE, recovery, DATA_KEY, cheap_kdf)
    assert keyfile.unwrap_with_passphrase(header, PASSPHRASE) == DATA_KEY
    assert keyfile.unwrap_with_recovery_key(header, format_recovery_key(recovery)) == DATA_KEY


def test_wrong_secrets_are_refused_by_the_tag(header: keyfile.KeyHeader) -> None:
    with pytest.raises(WrongPassphrase):
        keyfile.unwrap_with_passphrase(header, PASSPHRASE + " ")
    with pytest.raises(WrongRecoveryKey):
        keyfile.unwrap_with_recovery_key(header, format_recovery_key(new_recovery_key()))


# -- tampering ---------------------------------------------------------------------------------


@pytest.fixture
def weakenable_header() -> keyfile.KeyHeader:
    # Cheap, but above the 8 KiB floor so that lowering it stays "in range".
    kdf = KdfParams(memory_kib=1024, iterations=2, parallelism=1)
    return keyfile.new_header(PASSPHRASE, new_recovery_key(), DATA_KEY, kdf)


def test_lowering_memory_without_fixing_the_checksum_is_damage(
    weakenable_header: keyfile.KeyHeader,
) -> None:
    document = _document(weakenable_header)
    _passphrase_slot(document)["kdf"]["memory_kib"] = 8
    with pytest.raises(KeyFileDamaged, match="changed or damaged"):
        keyfile.from_bytes(_encode(document, fix_checksum=False))


def test_lowering_memory_with_a_fixed_checksum_fails_the_tag(
    weakenable_header: keyfile.KeyHeader,
) -> None:
    document = _document(weakenable_header)
    _passphrase_slot(document)["kdf"]["memory_kib"] = 8
    tampered = keyfile.from_bytes(_encode(document, fix_checksum=True))
    assert tampered.slot(keyfile.PASSPHRASE).kdf == KdfParams(8, 2, 1)
    with pytest.raises(WrongPassphrase):
        keyfile.unwrap_with_passphrase(tampered, PASSPHRASE)


def test_lowering_iterations_with_a_fixed_checksum_fails_the_tag(
    weakenable_header: keyfile.KeyHeader,
) -> None:
    document = _document(weakenable_header)
    _passphrase_slot(document)["kdf"]["iterations"] = 1
    with pytest.raises(WrongPassphrase):
        keyfile.unwrap_with_passphrase(
            keyfile.from_bytes(_encode(document, fix_checksum=True)), PASSPHRASE
        )


def test_a_slots_kdf_settings_are_authenticated_data() -> None:
    # Even with the very key that unwrapped it, a slot that claims other settings fails.
    real = KdfParams(memory_kib=1024, iterations=2, parallelism=1)
    slot = keyfile.passphrase_slot("journal-1", PASSPHRASE, DATA_KEY, real)
    wrapping_key = derive_key(PASSPHRASE, slot.salt, real)
    assert keyfile._open(slot, "journal-1", wrapping_key) == DATA_KEY
    for claimed in (KdfParams(8, 2, 1), KdfParams(1024, 1, 1), KdfParams(1024, 2, 2)):
        claiming = dataclasses.replace(slot, kdf=claimed)
        assert keyfile._open(claiming, "journal-1", wrapping_key) is None
    assert keyfile._open(slot, "journal-2", wrapping_key) is None


def test_a_slot_moved_to_another_journal_id_fails_the_tag(header: keyfile.KeyHeader) -> None:
    document = _document(header)
    document["journal"] = "0" * 32
    with pytest.raises(WrongPassphrase):
        keyfile.unwrap_with_passphrase(
            keyfile.from_bytes(_encode(document, fix_checksum=True)), PASSPHRASE
        )


def test_a_hostile_memory_setting_is_refused_before_deriving(header: keyfile.KeyHeader) -> None:
    document = _document(header)
    _passphrase_slot(document)["kdf"]["memory_kib"] = MAX_MEMORY_KIB * 4
    with pytest.raises(KeyFileDamaged, match="out of range"):
        keyfile.from_bytes(_encode(document, fix_checksum=True))


# -- damaged headers ---------------------------------------------------------------------------


def _without(document: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != key}


def _slot(index: int, **changes: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Change one slot (0 = passphrase, 1 = recovery); a value of ... removes the field."""

    def damage(document: dict[str, Any]) -> dict[str, Any]:
        slots = [dict(s) for s in document["slots"]]
        for key, value in changes.items():
            if value is ...:
                del slots[index][key]
            else:
                slots[index][key] = value
        return {**document, "slots": slots}

    return damage


def _kdf(**changes: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def damage(document: dict[str, Any]) -> dict[str, Any]:
        kdf = {**_passphrase_slot(document)["kdf"], **changes}
        return _slot(0, kdf=kdf)(document)

    return damage


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda d: _without(d, "slots"), id="no slots"),
        pytest.param(lambda d: _without(d, "journal"), id="no journal id"),
        pytest.param(lambda d: {**d, "journal": ""}, id="empty journal id"),
        pytest.param(lambda d: {**d, "slots": d["slots"][:1]}, id="one slot"),
        pytest.param(lambda d: {**d, "slots": [d["slots"][0]] * 2}, id="same slot twice"),
        pytest.param(lambda d: {**d, "slots": [*d["slots"], d["slots"][1]]}, id="extra slot"),
        pytest.param(lambda d: {**d, "slots": "x"}, id="slots not a list"),
        pytest.param(lambda d: {**d, "slots": [1, 2]}, id="slots not objects"),
        pytest.param(_slot(0, kind="other"), id="unknown slot kind"),
        pytest.param(_slot(0, kdf=None), id="passphrase slot without kdf"),
        pytest.param(
            _slot(1, kdf={"name": "argon2id", "memory_kib": 8, "iterations": 1, "parallelism": 1}),
            id="recovery slot with kdf",
        ),
        pytest.param(_kdf(name="md5"), id="unknown kdf"),
        pytest.param(_kdf(iterations="1"), id="kdf value not an int"),
        pytest.param(_kdf(parallelism=0), id="kdf value out of range"),
        pytest.param(_slot(0, salt="!!!"), id="salt not base64"),
        pytest.param(_slot(0, salt=7), id="salt not a string"),
        pytest.param(_slot(0, nonce="AAAA"), id="nonce wrong length"),
        pytest.param(_slot(1, wrapped=...), id="wrapped key missing"),
    ],
)
def test_a_header_of_the_wrong_shape_is_damaged(header: keyfile.KeyHeader, damage: Any) -> None:
    document = damage(_document(header))
    with pytest.raises(KeyFileDamaged) as error:
        keyfile.from_bytes(_encode(document, fix_checksum=True))
    # The checksum was recomputed, so it is the shape that must have been refused.
    assert "changed or damaged" not in str(error.value)


def test_a_re_encoded_header_with_a_fixed_checksum_still_reads(
    header: keyfile.KeyHeader,
) -> None:
    assert keyfile.from_bytes(_encode(_document(header), fix_checksum=True)) == header


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b'{"format": "integration-journal-keys", "vers', id="truncated json"),
        pytest.param(b"\xff\xfe\x00garbage", id="not utf-8"),
        pytest.param(b"[1, 2, 3]", id="json list"),
        pytest.param(b'{"format": "something-else", "version": 1}', id="other format"),
        pytest.param(b"null", id="json null"),
        pytest.param(b" " * (keyfile.MAX_HEADER_BYTES + 1), id="too large"),
    ],
)
def test_bytes_that_are_not_a_header_are_damaged(data: bytes) -> None:
    with pytest.raises(KeyFileDamaged):
        keyfile.from_bytes(data)


def test_a_newer_format_version_says_so(header: keyfile.KeyHeader) -> None:
    document = _document(header)
    document["version"] = keyfile.VERSION + 1
    with pytest.raises(KeyFileDamaged, match="newer version"):
        keyfile.from_bytes(_encode(document, fix_checksum=True))


def test_a_missing_key_file_is_key_file_missing(tmp_path: Path) -> None:
    with pytest.raises(KeyFileMissing):
        keyfile.read(tmp_path / "journal.keys")


def test_a_folder_in_place_of_the_key_file_is_damage(tmp_path: Path) -> None:
    (tmp_path / "journal.keys").mkdir()
    with pytest.raises(KeyFileDamaged, match="folder"):
        keyfile.read(tmp_path / "journal.keys")


def test_a_journal_stores_its_kdf_settings_in_the_header(
    journal_dir: tuple[Path, str], cheap_kdf: KdfParams
) -> None:
    header = vault.read_header(journal_dir[0])
    assert header.slot(keyfile.PASSPHRASE).kdf == cheap_kdf
    assert header.slot(keyfile.RECOVERY).kdf is None
