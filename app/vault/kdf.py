"""Turning a passphrase into a key-wrapping key with Argon2id, at a calibrated cost."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

from app.errors import UnusablePassphrase

KEY_BYTES = 32
SALT_BYTES = 16

# The floor for real journals (KeePassXC's default memory). Tests opt into less through
# KdfParams.insecure_for_tests(), never by changing these.
MIN_MEMORY_KIB = 64 * 1024
DEFAULT_MEMORY_KIB = 64 * 1024
DEFAULT_PARALLELISM = 2
TARGET_SECONDS = 0.7
# A busy machine must not weaken a new journal: calibration never goes below this
# (about 0.3–0.5 s on a 2020s laptop at 64 MiB, against 0.1–0.2 s at the 3 a loaded
# machine measured).
MIN_ITERATIONS = 8
# A header asking for more than calibrate() could ever choose is hostile or damaged (the
# checksum of journal.keys is not a secret, so its numbers can be raised). Refusing it
# before deriving keeps an unlock from swallowing the machine: at most 256 MiB, and no
# more work than 64 MiB at the iteration cap.
MAX_MEMORY_KIB = 256 * 1024
MAX_ITERATIONS = 200
MAX_PARALLELISM = 8
MAX_WORK_KIB = DEFAULT_MEMORY_KIB * MAX_ITERATIONS


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    iterations: int
    parallelism: int

    @classmethod
    def insecure_for_tests(cls) -> KdfParams:
        """Cheap parameters for tests and benchmarks that build many journals."""
        return cls(memory_kib=8, iterations=1, parallelism=1)

    def within_limits(self) -> bool:
        return (
            8 <= self.memory_kib <= MAX_MEMORY_KIB
            and 1 <= self.iterations <= MAX_ITERATIONS
            and 1 <= self.parallelism <= MAX_PARALLELISM
            and self.memory_kib * self.iterations <= MAX_WORK_KIB
        )


# How a passphrase becomes a key-wrapping key: ``derive_key``, or the same in a child process.
Derive = Callable[[str, bytes, "KdfParams"], bytes]


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC, so the same passphrase typed on another keyboard or system gives the same key.

    A lone surrogate (half of a character pair, which pasting can leave behind) has no
    UTF-8 form: that is said plainly rather than failing somewhere inside.
    """
    try:
        return unicodedata.normalize("NFC", passphrase).encode("utf-8")
    except UnicodeEncodeError:
        raise UnusablePassphrase() from None


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Argon2id in this process."""
    return hash_secret_raw(
        secret=normalise_passphrase(passphrase),
        salt=salt,
        time_cost=params.iterations,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


PROBES = 5


def _seconds(params: KdfParams) -> float:
    """The fastest of several runs: a busy moment only ever makes a run slower."""
    best = float("inf")
    for _ in range(PROBES):
        start = time.perf_counter()
        derive_key("calibration", b"\0" * SALT_BYTES, params)
        best = min(best, time.perf_counter() - start)
    return best


def calibrate(
    target_seconds: float = TARGET_SECONDS,
    memory_kib: int = DEFAULT_MEMORY_KIB,
    parallelism: int = DEFAULT_PARALLELISM,
) -> KdfParams:
    """Pick the iteration count that costs about ``target_seconds`` on this machine.

    Two probes give the cost per iteration as a slope, leaving out the fixed cost of
    allocating the memory; the fastest of several timings keeps a busy moment from
    skewing it, and ``MIN_ITERATIONS`` keeps a machine busy throughout from weakening it.
    """
    memory_kib = max(memory_kib, MIN_MEMORY_KIB)
    low, high = KdfParams(memory_kib, 1, parallelism), KdfParams(memory_kib, 4, parallelism)
    fixed_and_one = _seconds(low)
    per_iteration = max((_seconds(high) - fixed_and_one) / 3, 1e-4)
    fixed = max(fixed_and_one - per_iteration, 0.0)
    iterations = round((target_seconds - fixed) / per_iteration)
    return KdfParams(memory_kib, min(max(iterations, MIN_ITERATIONS), MAX_ITERATIONS), parallelism)
