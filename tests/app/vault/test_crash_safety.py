"""Never losing a word: a writer killed at any moment loses nothing it reported as saved.

A child process (tests/crash_writer.py) saves entries in a loop and prints each one after
its save returned. The parent SIGKILLs it at random moments, many times over, then checks
that every reported entry is there with its exact text and that the database is whole.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import vault
from tests.conftest import PASSPHRASE
from tests.crash_writer import entry_text

ROOT = Path(__file__).resolve().parents[3]
WRITER = ROOT / "tests" / "crash_writer.py"
KILLS = 24
SEED = 20240301

pytestmark = pytest.mark.slow


def start_writer(folder: Path, run: int) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env["CRASH_WRITER_PASSPHRASE"] = PASSPHRASE
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(folder), str(run)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def parse(line: str) -> tuple[int, int, int, int]:
    run, counter, session_id, part_id = (int(x) for x in line.split())
    return run, counter, session_id, part_id


def kill(child: subprocess.Popen[str]) -> tuple[str, str]:
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=30)
    return out, err


def test_killing_the_writer_never_loses_a_saved_entry(journal_dir: tuple[Path, str]) -> None:
    folder = journal_dir[0]
    rng = random.Random(SEED)
    saved: dict[tuple[int, int], tuple[int, int]] = {}  # (run, counter) -> (session, part)
    outcomes = {"before any line": 0, "after some lines": 0}

    for run in range(KILLS):
        child = start_writer(folder, run)
        lines: list[str] = []
        try:
            if run % 6 == 0:
                # before the first save returns: during start-up, unlocking or the first write
                time.sleep(rng.uniform(0.0, 0.4))
                outcomes["before any line"] += 1
            else:
                wanted = rng.randint(0, 40)
                assert child.stdout is not None
                while len(lines) < wanted:
                    line = child.stdout.readline()
                    if not line:
                        break  # the child ended by itself: reported below
                    lines.append(line)
                # then a little later, at whatever point the writer happens to be
                time.sleep(rng.choice([0.0, 0.0, rng.uniform(0.0, 0.003), rng.uniform(0, 0.03)]))
                outcomes["after some lines" if wanted else "before any line"] += 1
        finally:
            out, err = kill(child)
        assert child.returncode == -signal.SIGKILL, f"the writer stopped by itself:\n{err}"
        # lines printed before the kill but not read yet were saved too; a cut-off line wasn't
        lines += out.splitlines(keepends=True)
        for line in lines:
            if line.endswith("\n"):
                r, counter, session_id, part_id = parse(line)
                assert r == run
                saved[(run, counter)] = (session_id, part_id)

    assert len(saved) >= KILLS, "too few saves happened to test anything"
    assert sum(outcomes.values()) == KILLS

    opened = vault.unlock(folder, PASSPHRASE)
    try:
        conn = opened.journal.conn
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        opened.check_integrity()
        j = opened.journal
        for (run, counter), (session_id, part_id) in saved.items():
            parts = j.narrative(session_id)
            assert [(p.id, p.body) for p in parts] == [(part_id, entry_text(run, counter))], (
                run,
                counter,
            )
        # the search index holds the last saved entry too
        run, counter = max(saved)
        hits = j.search(f'"run {run} entry {counter}"', limit=5)
        assert saved[(run, counter)][1] in {h.ref_id for h in hits if h.kind == "narrative"}
        # sessions are numbered without gaps or repeats, whatever was cut short
        numbers = sorted(s.number for s in j.sessions())
        assert numbers == list(range(1, len(numbers) + 1))
        assert len(numbers) >= len(saved)
        # the journal still takes new writes after all that
        s = j.add_session(j.sessions()[0].held_on)
        j.save_narrative_part(j.narrative(s.id)[0].id, "after the storm")
        assert j.narrative(s.id)[0].body == "after the storm"
    finally:
        opened.lock()
