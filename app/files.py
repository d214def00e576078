"""Private files: owner-only permissions and atomic, durable replacement."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app import platform

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_private_folder(path: Path) -> None:
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    platform.restrict_to_owner(path, FOLDER_MODE)


# A no-op on Windows (see app.platform); kept here, where the rest of the app looks for it.
fsync_folder = platform.fsync_folder


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """Write ``path`` so a crash leaves either the old or the new file, never a mix.

    The temporary file is owner-only before a byte is written, fsynced, renamed over the
    target, and the folder is fsynced so the rename survives a power cut.
    """
    tmp = path.with_name(f".{path.name}.tmp-{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            platform.fsync_file(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_folder(path.parent)


def write_atomically(path: Path, data: bytes) -> None:
    with atomic_file(path) as handle:
        handle.write(data)


def folder_is_writable(path: Path) -> bool:
    """True when the owner may write here (mode bits count too: root ignores them)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & 0o200)


def why_not_written(error: OSError) -> str:
    """A failed write in plain words (exports, backups)."""
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
        return "that place can't be written to"
    return error.strerror or str(error)
