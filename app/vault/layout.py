"""What a journal folder holds, and the private files and scratch folders made in it."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from app.files import FILE_MODE

DB_NAME = "journal.db"
KEYS_NAME = "journal.keys"
BACKUPS_NAME = "backups"
BACKUP_SUFFIX = ".ijbackup"


def is_journal(folder: Path) -> bool:
    return (folder / KEYS_NAME).exists() or (folder / DB_NAME).exists()


def create_private_file(path: Path) -> None:
    # SQLite gives -wal and -shm the database file's mode, so 0600 here covers all three.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)


@contextlib.contextmanager
def scratch_folder(parent: Path) -> Iterator[Path]:
    scratch = parent / f".scratch-{secrets.token_hex(6)}"
    scratch.mkdir(mode=0o700)
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
