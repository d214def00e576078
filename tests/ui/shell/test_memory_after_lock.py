"""After lock, the words typed are (almost) gone from the process's memory.

A GUI process types canary words and locks; this test reads its memory through
``/proc/PID/mem`` and counts the copies left, in UTF-8 and in UTF-16 (Qt's strings). Python
can't wipe its strings, so the count can't be zero; the lock drops the documents, undo
stacks and widgets that held the text and gives freed memory back (see ui/shell/forget.py).
With spelling on, every word has also been to the dictionary's child process and back.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
DRIVER = Path(__file__).with_name("memory_driver.py")
WORDS = ("zanthoxylumcanary", "quillfeathercanary", "insightmarigoldcanary", "actionheroncanary")
# Measured on Linux: 5, in every one of 16 runs with spelling on and off (two UTF-16 copies
# of the session list's line and one of an action's text in Qt's memory, and the driver's
# own two strings it typed from). Before freed small Python blocks were taken back at lock,
# 5–8 with spelling on (freed copies of words the spelling thread had seen, as timing
# left them); 14–19 before its requests and cache were zeroed; 49 in issue 13's run.
MAX_COPIES = 7


def count_copies(pid: int, needles: list[bytes]) -> dict[bytes, int]:
    counts = dict.fromkeys(needles, 0)
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            fields = line.split()
            if "r" not in fields[1] or (len(fields) > 5 and fields[5] in ("[vvar]", "[vsyscall]")):
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            try:
                mem.seek(start)
                data = mem.read(end - start)
            except (OSError, ValueError, OverflowError):
                continue
            for needle in needles:
                counts[needle] += len(re.findall(re.escape(needle), data))
    return counts


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("spelling", ["off", "on"])
def test_few_copies_of_the_words_remain_after_lock(tmp_path: Path, spelling: str) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO),
        "IJ_MEMORY_SPELLING": "1" if spelling == "on" else "0",
    }
    with subprocess.Popen(
        [sys.executable, str(DRIVER), str(tmp_path / "journal"), *(w[::-1] for w in WORDS)],
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None and child.stdin is not None
        line = child.stdout.readline()
        assert line.startswith("locked"), line
        needles = [w.encode(enc) for w in WORDS for enc in ("utf-8", "utf-16-le")]
        try:
            counts = count_copies(child.pid, needles)
        except PermissionError:
            pytest.skip("this system doesn't let a parent read its child's memory (ptrace)")
        finally:
            child.stdin.write("\n")
            child.stdin.flush()
            child.wait(timeout=120)
    total = sum(counts.values())
    report = {
        ("utf-16 " + k.decode("utf-16-le")) if b"\0" in k else k.decode(): v
        for k, v in counts.items()
    }
    print("copies after lock:", report, "total", total)
    assert total < MAX_COPIES, report
