"""A small SQLCipher 4 page decryptor, so tests can look at what is really in the file.

Everything on disk is encrypted, so "deleting deletes" can only be checked on decrypted
pages. This reads ``journal.db`` (and the frames of ``journal.db-wal``) page by page with
SQLCipher 4's defaults and a raw key (``PRAGMA key = "x'<64 hex>'"``):

- page size 4096, 80 reserved bytes at the end of each page: a 16-byte IV, then a
  64-byte HMAC-SHA512;
- AES-256-CBC without padding, the 32-byte raw key used directly as the encryption key;
- page 1 starts with the 16-byte file salt, so its encrypted area starts at offset 16;
- the HMAC key is PBKDF2-HMAC-SHA512 of the encryption key, salted with the file salt
  XOR 0x3a, 2 iterations; the HMAC covers ciphertext + IV + the page number (4 bytes,
  little-endian). Checking it proves the decryptor reads the format correctly.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
SALT_SIZE = 16
IV_SIZE = 16
HMAC_SIZE = 64
RESERVE = IV_SIZE + HMAC_SIZE  # 80
KEY_SIZE = 32
HMAC_SALT_MASK = 0x3A
HMAC_ITERATIONS = 2
WAL_HEADER_SIZE = 32
WAL_FRAME_HEADER_SIZE = 24
SQLITE_MAGIC = b"SQLite format 3\0"


class PageAuthenticationError(Exception):
    """A page's HMAC did not match: wrong key, wrong format, or a damaged page."""


@dataclass(frozen=True)
class Page:
    number: int  # 1-based page number in the database
    source: str  # "db" or "wal"
    plaintext: bytes  # PAGE_SIZE bytes; page 1 gets the SQLite magic back in front


def hmac_key(key: bytes, salt: bytes) -> bytes:
    mask = bytes(b ^ HMAC_SALT_MASK for b in salt)
    return hashlib.pbkdf2_hmac("sha512", key, mask, HMAC_ITERATIONS, KEY_SIZE)


def file_salt(db_path: Path) -> bytes:
    with open(db_path, "rb") as handle:
        salt = handle.read(SALT_SIZE)
    if len(salt) != SALT_SIZE:
        raise ValueError(f"{db_path} is too short to be an SQLCipher database")
    return salt


def decrypt_page(
    raw: bytes, number: int, key: bytes, salt: bytes, *, check_hmac: bool = True
) -> bytes:
    """One encrypted page (PAGE_SIZE bytes) to its plaintext (PAGE_SIZE bytes).

    The reserved tail is returned as zeros; page 1's salt is replaced by the SQLite magic.
    """
    if len(raw) != PAGE_SIZE:
        raise ValueError(f"page {number} has {len(raw)} bytes, not {PAGE_SIZE}")
    if len(key) != KEY_SIZE:
        raise ValueError("SQLCipher raw keys are 32 bytes")
    start = SALT_SIZE if number == 1 else 0
    end = PAGE_SIZE - RESERVE
    ciphertext = raw[start:end]
    iv = raw[end : end + IV_SIZE]
    tag = raw[end + IV_SIZE :]
    if check_hmac:
        mac = hmac.new(hmac_key(key, salt), digestmod=hashlib.sha512)
        mac.update(ciphertext + iv + struct.pack("<I", number))
        if not hmac.compare_digest(mac.digest(), tag):
            raise PageAuthenticationError(f"page {number}: HMAC mismatch")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    plain = decryptor.update(ciphertext) + decryptor.finalize()
    head = SQLITE_MAGIC if number == 1 else b""
    return head + plain + bytes(RESERVE)


def _is_blank(raw: bytes) -> bool:
    return raw.count(0) == len(raw)


def database_pages(db_path: Path, key: bytes, *, check_hmac: bool = True) -> Iterator[Page]:
    """Every page of the main database file, decrypted."""
    data = Path(db_path).read_bytes()
    if len(data) % PAGE_SIZE:
        raise ValueError(f"{db_path} is not a whole number of {PAGE_SIZE}-byte pages")
    salt = data[:SALT_SIZE]
    for index in range(len(data) // PAGE_SIZE):
        raw = data[index * PAGE_SIZE : (index + 1) * PAGE_SIZE]
        if _is_blank(raw):
            continue  # never written (a hole in a sparse file)
        yield Page(index + 1, "db", decrypt_page(raw, index + 1, key, salt, check_hmac=check_hmac))


def wal_pages(
    wal_path: Path, key: bytes, salt: bytes, *, check_hmac: bool = True
) -> Iterator[Page]:
    """Every frame in a WAL file, decrypted (including frames already checkpointed)."""
    if not Path(wal_path).exists():
        return
    data = Path(wal_path).read_bytes()
    offset = WAL_HEADER_SIZE
    frame_size = WAL_FRAME_HEADER_SIZE + PAGE_SIZE
    while offset + frame_size <= len(data):
        number = struct.unpack(">I", data[offset : offset + 4])[0]
        raw = data[offset + WAL_FRAME_HEADER_SIZE : offset + frame_size]
        offset += frame_size
        if number == 0 or _is_blank(raw):
            continue
        yield Page(number, "wal", decrypt_page(raw, number, key, salt, check_hmac=check_hmac))


def all_pages(db_path: Path, key: bytes, *, check_hmac: bool = True) -> list[Page]:
    """The database's pages and its WAL's frames, all decrypted."""
    db_path = Path(db_path)
    salt = file_salt(db_path)
    pages = list(database_pages(db_path, key, check_hmac=check_hmac))
    wal = db_path.with_name(db_path.name + "-wal")
    pages.extend(wal_pages(wal, key, salt, check_hmac=check_hmac))
    return pages


def plaintext(db_path: Path, key: bytes) -> bytes:
    """All decrypted pages joined, for searching with ``in``."""
    return b"".join(page.plaintext for page in all_pages(db_path, key))


def pages_containing(pages: list[Page], needle: bytes) -> list[tuple[str, int]]:
    return [(p.source, p.number) for p in pages if needle in p.plaintext]
