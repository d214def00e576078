"""Key rotation: a new data key for the database, and a new recovery key.

Changing only the passphrase rewraps the same data key, so an old ``journal.keys`` (say,
inside an old backup) with the old passphrase still opens everything written later.
Re-keying makes a new random data key and re-encrypts every page (SQLCipher's rekey): from
then on, old key files and old backups open only what they already held. The recovery
key is wrapped around the data key, so it is replaced too and shown once.

Crash safety: the new key header is written first beside the old one (``journal.keys.next``),
the database is re-keyed in one transaction (rollback-journal mode, so the file is never
half old, half new), and only then does the new header replace the old. An unlock that
finds ``journal.keys.next`` tries it first; if the database already answers to it, the
interrupted rotation is finished there.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from app.errors import SaveFailed
from app.files import fsync_folder
from app.vault import database, keyfile, wal_guard
from app.vault.kdf import KdfParams
from app.vault.layout import DB_NAME, KEYS_NAME
from app.vault.recovery import format_recovery_key, new_recovery_key

KEYS_NEXT = KEYS_NAME + ".next"


def rekey(
    folder: Path,
    conn: database.Connection,
    header: keyfile.KeyHeader,
    passphrase: str,
    params: KdfParams,
) -> tuple[keyfile.KeyHeader, bytes, str]:
    """Re-encrypt under a new data key; returns (header, data key, formatted recovery key)."""
    data_key = secrets.token_bytes(32)
    recovery = new_recovery_key()
    new = keyfile.KeyHeader(
        header.journal_id,
        (
            keyfile.passphrase_slot(header.journal_id, passphrase, data_key, params),
            keyfile.recovery_slot(header.journal_id, recovery, data_key),
        ),
    )
    try:
        database.checkpoint(conn)
        database.leave_wal(conn)  # rollback journal: the file is never half old, half new
    except database.DatabaseError as error:
        raise SaveFailed(f"the journal could not be re-keyed ({error})") from None
    keyfile.write(folder / KEYS_NEXT, new)
    try:
        database.rekey(conn, data_key)
    except database.DatabaseError as error:
        with contextlib.suppress(OSError):
            (folder / KEYS_NEXT).unlink()
        with contextlib.suppress(database.DatabaseError):
            database.use_wal(conn)
        raise SaveFailed(f"the journal could not be re-keyed ({error})") from None
    os.replace(folder / KEYS_NEXT, folder / KEYS_NAME)
    fsync_folder(folder)
    database.use_wal(conn)
    return new, data_key, format_recovery_key(recovery)


def new_recovery_slot(header: keyfile.KeyHeader, data_key: bytes) -> tuple[keyfile.KeyHeader, str]:
    """A new recovery key for the same data key; the old one stops opening this key file."""
    recovery = new_recovery_key()
    slot = keyfile.recovery_slot(header.journal_id, recovery, data_key)
    return header.replace_slot(slot), format_recovery_key(recovery)


def interrupted(folder: Path) -> keyfile.KeyHeader | None:
    """The new header of a rotation that stopped before it replaced the old one."""
    if not (folder / KEYS_NEXT).exists():
        return None
    try:
        return keyfile.read(folder / KEYS_NEXT)
    except Exception:  # an unfinished, unreadable header is simply not used
        return None


def finish_if_it_opens(folder: Path, data_key: bytes) -> bool:
    """True (and the rotation finished) when the database answers to the new key."""
    try:
        wal_guard.check(folder / DB_NAME, data_key)
    except Exception:
        return False
    os.replace(folder / KEYS_NEXT, folder / KEYS_NAME)
    fsync_folder(folder)
    return True
