"""The encrypted journal folder: create, unlock, lock, re-key, back up and restore.

A façade: ``opening`` (Vault, create, unlock, restore), ``backup_files`` (the backup zip),
``layout`` (what a journal folder holds). Its names load on first use, so the KDF child
(``python -m app.vault.kdf_child``) imports neither SQLCipher nor the journal: only
``kdf`` and what it needs, keeping that memory-sensitive process small.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from app.errors import JournalError
from app.vault.layout import BACKUP_SUFFIX, BACKUPS_NAME, DB_NAME, KEYS_NAME, is_journal

if TYPE_CHECKING:
    from app.vault.backup_files import BackupCancelled, journal_backup_name
    from app.vault.opening import (
        Vault,
        create,
        open_with_key,
        read_header,
        replace_from_backup,
        restore,
        unlock,
        unlock_with_recovery_key,
    )

_LAZY = {
    "BackupCancelled": "app.vault.backup_files",
    "journal_backup_name": "app.vault.backup_files",
    "Vault": "app.vault.opening",
    "create": "app.vault.opening",
    "open_with_key": "app.vault.opening",
    "read_header": "app.vault.opening",
    "replace_from_backup": "app.vault.opening",
    "restore": "app.vault.opening",
    "unlock": "app.vault.opening",
    "unlock_with_recovery_key": "app.vault.opening",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "BACKUPS_NAME",
    "BACKUP_SUFFIX",
    "DB_NAME",
    "KEYS_NAME",
    "BackupCancelled",
    "JournalError",
    "Vault",
    "create",
    "is_journal",
    "journal_backup_name",
    "open_with_key",
    "read_header",
    "replace_from_backup",
    "restore",
    "unlock",
    "unlock_with_recovery_key",
]
