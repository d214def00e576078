"""Child process for test_crash_safety: unlock a journal and save entries until killed.

Usage: ``python tests/crash_writer.py FOLDER RUN`` with the passphrase in the environment
variable ``CRASH_WRITER_PASSPHRASE``. For each saved entry, after the save returned, one
line ``RUN COUNTER SESSION_ID PART_ID`` goes to stdout (flushed): the parent may then
expect that entry to survive a SIGKILL. The text of each entry is ``entry_text(RUN, COUNTER)``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path


def entry_text(run: int, counter: int) -> str:
    """Deterministic text; every fifth entry is long enough to spill over several pages."""
    text = f"run {run} entry {counter}: the light came back, 光, نور, 🌅 — line {counter}\n"
    if counter % 5 == 4:
        text += "".join(f"{run}.{counter}.{i} slow breath\n" for i in range(900))
    return text


def main() -> int:
    folder, run = Path(sys.argv[1]), int(sys.argv[2])
    from app import vault

    opened = vault.unlock(folder, os.environ["CRASH_WRITER_PASSPHRASE"])
    journal = opened.journal
    counter = 0
    while True:
        session = journal.add_session(dt.date(2024, 1, 1) + dt.timedelta(days=counter % 365))
        part = journal.narrative(session.id)[0]
        journal.save_narrative_part(part.id, entry_text(run, counter))
        print(run, counter, session.id, part.id, flush=True)
        counter += 1


if __name__ == "__main__":
    sys.exit(main())
