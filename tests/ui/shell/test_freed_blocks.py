"""Locking takes Python's freed small blocks back with zeros (ui/shell/forget.py): a word
left in a freed string is gone from the process's memory afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

# Run in a child process of its own: a clean heap, and no test framework holding strings.
CHILD = r"""
import sys
from ui.shell import forget

def copies(needle: bytes) -> int:
    found = 0
    with open("/proc/self/maps") as maps, open("/proc/self/mem", "rb", 0) as mem:
        for line in maps:
            fields = line.split()
            if "r" not in fields[1] or (len(fields) > 5 and fields[5].startswith("[v")):
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            try:
                mem.seek(start)
                data = mem.read(end - start)
            except (OSError, ValueError, OverflowError):
                continue
            found += data.count(needle)  # (a pattern would hold a copy of its own)
    return found

parts = sys.argv[1:]
words = ["".join((parts[0], str(n), parts[1])) for n in range(2000)]  # freed next
del words
needle = "".join((parts[0], "1999", parts[1])).encode()
before = copies(needle) - 1  # the needle itself
if sys.argv[-1] == "scrub":
    forget._reuse_freed_small_blocks()
after = copies(needle) - 1
print(before, after)
"""


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("scrub", ["scrub", "no-scrub"])
def test_freed_strings_are_overwritten(scrub: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "quillwort", "lanterncanary", scrub],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    before, after = (int(x) for x in done.stdout.split())
    assert before >= 1  # the freed string's bytes were still there
    if scrub == "scrub":
        assert after == 0
    else:
        assert after == before
