"""Before SQLite sees a journal: do its key and its leftover write-ahead log belong to it?

SQLite replays any valid ``journal.db-wal`` it finds beside a database and, on close,
folds it in and deletes it — even one copied in from another journal, or left by another
copy of this one. So the checks SQLite would make are made here first, without it:

- page 1 of ``journal.db`` carries an HMAC under this key and the file's own salt, so a
  wrong key is found without opening (and so without any checkpoint);
- every frame SQLite would replay (salts matching the WAL header, checksums chaining, up
  to the last commit) must carry a valid HMAC under this key *and this file's salt*. A
  WAL from another journal, or from a restored or re-made copy (a new file, a new salt)
  fails here and the files are left exactly as they are.

SQLCipher 4 defaults: 4096-byte pages ending in a 16-byte IV and a 64-byte HMAC-SHA512
over ciphertext + IV + page number (little-endian); the HMAC key is PBKDF2-HMAC-SHA512
(2 iterations) of the raw key, salted with the file salt XOR 0x3a.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from pathlib import Path

from app.errors import DatabaseDamaged
from app.files import open_regular

PAGE_SIZE = 4096
SALT_SIZE = 16
_IV_SIZE = 16
_HMAC_SIZE = 64
_RESERVE = _IV_SIZE + _HMAC_SIZE
_WAL_HEADER = 32
_FRAME_HEADER = 24
_WAL_MAGICS = {0x377F0682: "<", 0x377F0683: ">"}  # checksum words' byte order

FOREIGN_WAL = (
    "a leftover journal.db-wal beside it belongs to another journal or another copy of "
    "this one, so it was not applied; move that file away and try again"
)
WRONG_KEY = "its contents don't match this journal's key or are damaged"


def hmac_key(key: bytes, salt: bytes) -> bytes:
    mask = bytes(b ^ 0x3A for b in salt)
    return hashlib.pbkdf2_hmac("sha512", key, mask, 2, 32)


def page_is_authentic(raw: bytes, number: int, mac_key: bytes) -> bool:
    start = SALT_SIZE if number == 1 else 0
    end = PAGE_SIZE - _RESERVE
    mac = hmac.new(mac_key, digestmod=hashlib.sha512)
    mac.update(raw[start:end] + raw[end : end + _IV_SIZE] + struct.pack("<I", number))
    return hmac.compare_digest(mac.digest(), raw[end + _IV_SIZE :])


def _checksum(data: bytes, order: str, s0: int, s1: int) -> tuple[int, int]:
    """SQLite's WAL checksum: a Fibonacci-weighted sum over 32-bit word pairs."""
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def replayable_frames(wal: bytes) -> list[tuple[int, bytes]]:
    """(page number, page image) of each frame SQLite would replay, in order."""
    if len(wal) < _WAL_HEADER:
        return []
    magic, _version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", wal[:_WAL_HEADER])
    order = _WAL_MAGICS.get(magic)
    if order is None or page_size != PAGE_SIZE:
        return []  # SQLite ignores (and later overwrites) a WAL without a valid header
    s0, s1 = _checksum(wal[:24], order, 0, 0)
    if (s0, s1) != (c0, c1):
        return []
    frames: list[tuple[int, bytes]] = []
    committed = 0
    offset = _WAL_HEADER
    size = _FRAME_HEADER + PAGE_SIZE
    while offset + size <= len(wal):
        number, commit, f_salt1, f_salt2, f0, f1 = struct.unpack(
            ">6I", wal[offset : offset + _FRAME_HEADER]
        )
        page = wal[offset + _FRAME_HEADER : offset + size]
        if (f_salt1, f_salt2) != (salt1, salt2) or number == 0:
            break
        s0, s1 = _checksum(wal[offset : offset + 8], order, s0, s1)
        s0, s1 = _checksum(page, order, s0, s1)
        if (s0, s1) != (f0, f1):
            break
        frames.append((number, page))
        if commit:
            committed = len(frames)
        offset += size
    return frames[:committed]


def check(db_path: Path, data_key: bytes) -> None:
    """Raise DatabaseDamaged unless the key opens page 1 and any WAL is this file's own."""
    try:
        with open_regular(db_path) as handle:
            first = handle.read(PAGE_SIZE)
    except OSError as error:
        raise DatabaseDamaged(f"it could not be read: {error.strerror}") from None
    if len(first) < PAGE_SIZE:
        raise DatabaseDamaged("the file has been cut short")
    salt = first[:SALT_SIZE]
    mac_key = hmac_key(data_key, salt)
    if not page_is_authentic(first, 1, mac_key):
        raise DatabaseDamaged(WRONG_KEY)
    wal_path = db_path.with_name(db_path.name + "-wal")
    try:
        if not os.path.lexists(wal_path):
            return
        with open_regular(wal_path) as handle:
            wal = handle.read()
    except OSError as error:
        raise DatabaseDamaged(f"its journal.db-wal could not be read: {error.strerror}") from None
    for number, page in replayable_frames(wal):
        if number == 1 and page[:SALT_SIZE] != salt:
            raise DatabaseDamaged(FOREIGN_WAL)
        if not page_is_authentic(page, number, mac_key):
            raise DatabaseDamaged(FOREIGN_WAL)
