"""Argon2id in a short-lived child process, so its 64 MiB never add to the app's own peak.

Memory that the GUI process allocates for the KDF is freed afterwards, but its high-water
mark stays: unlocking in the app would otherwise cost Qt + the open journal + 64 MiB. The
child reads one JSON request on standard input and writes the derived key (hex) on standard
output; the passphrase travels through the pipe only, never through arguments, the
environment or a file. If the child can't run, the key is derived in this process instead:
the same key, only more memory.

    python -m app.vault.kdf_child            (a frozen app runs itself with --kdf-child)
"""

from __future__ import annotations

import json
import subprocess
import sys

from app import platform
from app.vault.kdf import KEY_BYTES, KdfParams, derive_key

CHILD_FLAG = "--kdf-child"
# Below this, a child process costs more than the memory it saves (tests' cheap parameters).
CHILD_FROM_KIB = 16 * 1024
_TIMEOUT_SECONDS = 300


def child_command() -> list[str]:
    if getattr(sys, "frozen", False):  # PyInstaller: the app's own executable
        return [sys.executable, CHILD_FLAG]
    return [sys.executable, "-m", "app.vault.kdf_child"]


def derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """``kdf.derive_key``, in a child process when the memory cost is worth it."""
    if params.memory_kib < CHILD_FROM_KIB:
        return derive_key(passphrase, salt, params)
    key = derive_in_child(passphrase, salt, params)
    return key if key is not None else derive_key(passphrase, salt, params)


def derive_in_child(passphrase: str, salt: bytes, params: KdfParams) -> bytes | None:
    """The key from a child process, or None when the child could not give one."""
    request = json.dumps(
        {
            "passphrase": passphrase,
            "salt": salt.hex(),
            "memory_kib": params.memory_kib,
            "iterations": params.iterations,
            "parallelism": params.parallelism,
        }
    ).encode("utf-8")
    try:
        done = subprocess.run(
            child_command(),
            input=request,
            capture_output=True,  # a traceback goes nowhere but here
            timeout=_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    try:
        key = bytes.fromhex(done.stdout.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        return None
    return key if len(key) == KEY_BYTES else None


def serve() -> int:
    """The child's side: one request in, one key out."""
    platform.disable_core_dumps()
    try:
        request = json.loads(sys.stdin.buffer.read())
        params = KdfParams(
            int(request["memory_kib"]), int(request["iterations"]), int(request["parallelism"])
        )
        if not params.within_limits():
            return 2
        key = derive_key(str(request["passphrase"]), bytes.fromhex(request["salt"]), params)
    except Exception:  # argon2's own errors too: the parent derives in-process instead
        return 2
    sys.stdout.write(key.hex())
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(serve())
