"""``journal.keys``: the small plaintext header holding the wrapped data key.

The database is encrypted under a random 256-bit data key. The header keeps that key
wrapped (AES-256-GCM) once per *slot*: one under a key derived from the passphrase
(Argon2id), one under the recovery key. A slot's parameters and the journal's id are the
AEAD's associated data, so a header edited to weaken the KDF or to swap slots between
journals fails to open instead of opening weakly. A wrong secret fails the tag check
before the database is ever touched.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import (
    KeyFileDamaged,
    KeyFileMissing,
    KeyFileUnreadable,
    WrongPassphrase,
    WrongRecoveryKey,
)
from app.files import NotARegularFile, open_regular, write_atomically
from app.vault.kdf import (
    KEY_BYTES,
    SALT_BYTES,
    Derive,
    KdfParams,
    derive_key,
    normalise_passphrase,
)
from app.vault.recovery import recovery_key_bytes

FORMAT = "integration-journal-keys"
VERSION = 1
NONCE_BYTES = 12
MAX_HEADER_BYTES = 64 * 1024
PASSPHRASE = "passphrase"  # noqa: S105 (a slot kind, not a secret)
RECOVERY = "recovery"


@dataclass(frozen=True)
class Slot:
    kind: str
    salt: bytes
    nonce: bytes
    wrapped: bytes
    kdf: KdfParams | None  # None for the recovery slot: its secret is already random

    def associated_data(self, journal_id: str) -> bytes:
        return json.dumps(
            {"journal": journal_id, "kind": self.kind, "kdf": _kdf_json(self.kdf)},
            sort_keys=True,
        ).encode()


@dataclass(frozen=True)
class KeyHeader:
    journal_id: str
    slots: tuple[Slot, ...]

    def slot(self, kind: str) -> Slot:
        for slot in self.slots:
            if slot.kind == kind:
                return slot
        raise KeyFileDamaged(f"it has no {kind} slot")

    def replace_slot(self, new: Slot) -> KeyHeader:
        return KeyHeader(
            self.journal_id, tuple(new if s.kind == new.kind else s for s in self.slots)
        )


def _kdf_json(kdf: KdfParams | None) -> dict[str, Any] | None:
    if kdf is None:
        return None
    return {
        "name": "argon2id",
        "memory_kib": kdf.memory_kib,
        "iterations": kdf.iterations,
        "parallelism": kdf.parallelism,
    }


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, what: str, length: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise KeyFileDamaged(f"{what} is missing")
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise KeyFileDamaged(f"{what} is not readable") from None
    if length is not None and len(data) != length:
        raise KeyFileDamaged(f"{what} has the wrong length")
    return data


def _recovery_wrapping_key(recovery: bytes, salt: bytes) -> bytes:
    # The recovery key is 160 random bits, so a fast KDF loses nothing against guessing.
    return HKDF(SHA256(), KEY_BYTES, salt, b"integration-journal recovery slot").derive(recovery)


def _seal(
    kind: str,
    journal_id: str,
    wrapping_key: bytes,
    data_key: bytes,
    salt: bytes,
    kdf: KdfParams | None,
) -> Slot:
    nonce = os.urandom(NONCE_BYTES)
    slot = Slot(kind, salt, nonce, b"", kdf)
    wrapped = AESGCM(wrapping_key).encrypt(nonce, data_key, slot.associated_data(journal_id))
    return Slot(kind, salt, nonce, wrapped, kdf)


def _open(slot: Slot, journal_id: str, wrapping_key: bytes) -> bytes | None:
    try:
        key = AESGCM(wrapping_key).decrypt(
            slot.nonce, slot.wrapped, slot.associated_data(journal_id)
        )
    except InvalidTag:
        return None
    return key if len(key) == KEY_BYTES else None


def passphrase_slot(journal_id: str, passphrase: str, data_key: bytes, kdf: KdfParams) -> Slot:
    salt = os.urandom(SALT_BYTES)
    return _seal(PASSPHRASE, journal_id, derive_key(passphrase, salt, kdf), data_key, salt, kdf)


def recovery_slot(journal_id: str, recovery: bytes, data_key: bytes) -> Slot:
    salt = os.urandom(SALT_BYTES)
    return _seal(RECOVERY, journal_id, _recovery_wrapping_key(recovery, salt), data_key, salt, None)


def new_header(passphrase: str, recovery: bytes, data_key: bytes, kdf: KdfParams) -> KeyHeader:
    journal_id = secrets.token_hex(16)
    return KeyHeader(
        journal_id,
        (
            passphrase_slot(journal_id, passphrase, data_key, kdf),
            recovery_slot(journal_id, recovery, data_key),
        ),
    )


def unwrap_with_passphrase(
    header: KeyHeader, passphrase: str, derive: Derive = derive_key
) -> bytes:
    """Derive and check; raises WrongPassphrase. This is the slow, deliberate step.

    ``derive`` may run it elsewhere (``kdf_child.derive``: a child process).
    """
    slot = header.slot(PASSPHRASE)
    assert slot.kdf is not None
    normalise_passphrase(passphrase)  # unusable characters are named before any derivation
    key = _open(slot, header.journal_id, derive(passphrase, slot.salt, slot.kdf))
    if key is None:
        raise WrongPassphrase()
    return key


def unwrap_with_recovery_key(header: KeyHeader, recovery_key: str) -> bytes:
    slot = header.slot(RECOVERY)
    wrapping = _recovery_wrapping_key(recovery_key_bytes(recovery_key), slot.salt)
    key = _open(slot, header.journal_id, wrapping)
    if key is None:
        raise WrongRecoveryKey()
    return key


def _checksum(document: dict[str, Any]) -> str:
    # Not a secret: it tells a damaged header apart from a wrong passphrase.
    body = {k: v for k, v in document.items() if k != "checksum"}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def to_bytes(header: KeyHeader) -> bytes:
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "journal": header.journal_id,
        "slots": [
            {
                "kind": s.kind,
                "kdf": _kdf_json(s.kdf),
                "salt": _b64(s.salt),
                "nonce": _b64(s.nonce),
                "wrapped": _b64(s.wrapped),
            }
            for s in header.slots
        ],
    }
    document["checksum"] = _checksum(document)
    return (json.dumps(document, indent=2) + "\n").encode("utf-8")


def _parse_kdf(raw: object) -> KdfParams | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or raw.get("name") != "argon2id":
        raise KeyFileDamaged("its key derivation settings are not readable")
    values = [raw.get(k) for k in ("memory_kib", "iterations", "parallelism")]
    if not all(type(v) is int for v in values):
        raise KeyFileDamaged("its key derivation settings are not readable")
    params = KdfParams(*values)  # type: ignore[arg-type]
    if not params.within_limits():
        raise KeyFileDamaged("its key derivation settings are out of range")
    return params


def from_bytes(data: bytes) -> KeyHeader:
    if len(data) > MAX_HEADER_BYTES:
        raise KeyFileDamaged("it is far larger than a key file can be")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise KeyFileDamaged("it is not readable") from None
    except ValueError:  # a number with thousands of digits: no setting is ever that long
        raise KeyFileDamaged("it holds a number far too long to be one of its settings") from None
    except RecursionError:
        raise KeyFileDamaged("it is nested far too deeply") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise KeyFileDamaged("it is not an Integration Journal key file")
    if document.get("version") != VERSION:
        raise KeyFileDamaged("it was written by a newer version of the app")
    if document.get("checksum") != _checksum(document):
        raise KeyFileDamaged("its contents have been changed or damaged")
    journal_id = document.get("journal")
    raw_slots = document.get("slots")
    if not isinstance(journal_id, str) or not journal_id or not isinstance(raw_slots, list):
        raise KeyFileDamaged("it is incomplete")
    slots = []
    for raw in raw_slots:
        if not isinstance(raw, dict) or raw.get("kind") not in (PASSPHRASE, RECOVERY):
            raise KeyFileDamaged("one of its key slots is not readable")
        kind = raw["kind"]
        kdf = _parse_kdf(raw.get("kdf"))
        if (kind == PASSPHRASE) != (kdf is not None):
            raise KeyFileDamaged("one of its key slots is not readable")
        slots.append(
            Slot(
                kind,
                _unb64(raw.get("salt"), "a salt", SALT_BYTES),
                _unb64(raw.get("nonce"), "a nonce", NONCE_BYTES),
                _unb64(raw.get("wrapped"), "a wrapped key", KEY_BYTES + 16),
                kdf,
            )
        )
    kinds = [s.kind for s in slots]
    if sorted(kinds) != sorted({PASSPHRASE, RECOVERY}):
        raise KeyFileDamaged("its key slots are incomplete")
    return KeyHeader(journal_id, tuple(slots))


def read(path: Path) -> KeyHeader:
    try:
        with open_regular(path) as handle:
            data = handle.read(MAX_HEADER_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileMissing() from None
    except NotARegularFile as error:
        raise KeyFileDamaged(error.strerror or "it is not an ordinary file") from None
    except PermissionError:
        raise KeyFileUnreadable("this account isn't allowed to read it") from None
    except OSError as error:
        raise KeyFileUnreadable(error.strerror or str(error)) from None
    return from_bytes(data)


def write(path: Path, header: KeyHeader) -> None:
    write_atomically(path, to_bytes(header))
