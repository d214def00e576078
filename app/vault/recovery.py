"""The recovery key: 160 random bits a person can copy by hand.

Shown as eight groups of four base32 characters (``ABCD-EFGH-…``). Reading it back is
forgiving: case, spaces and dashes don't matter, and the digits people confuse with
letters (0 for O, 1 for I, 8 for B) are read as the letters base32 uses.
"""

from __future__ import annotations

import base64
import binascii
import secrets

from app.errors import MalformedRecoveryKey

RECOVERY_BYTES = 20
_CHARS = RECOVERY_BYTES * 8 // 5
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def new_recovery_key() -> bytes:
    return secrets.token_bytes(RECOVERY_BYTES)


def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def recovery_key_bytes(typed: str) -> bytes:
    text = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_LOOKALIKES)
    if len(text) != _CHARS:
        raise MalformedRecoveryKey(
            f"it should have {_CHARS} letters and digits (eight groups of four); "
            f"this one has {len(text)}."
        )
    try:
        return base64.b32decode(text)
    except (binascii.Error, ValueError):
        raise MalformedRecoveryKey("it contains characters a recovery key never has.") from None
