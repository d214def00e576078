"""The automatic daily backup: when one is due, and which old ones to let go.

Daily backups live in the journal's ``backups/`` folder as ``daily-YYYY-MM-DD-….ijbackup``.
Only those are rotated; backups taken before an upgrade or a restore are kept until the
client removes them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path

from app.vault.backup_files import journal_backup_name
from app.vault.layout import BACKUP_SUFFIX, BACKUPS_NAME

DAILY = "daily"
KEEP_DAILY = 10
_DAILY_NAME = re.compile(
    rf"^{DAILY}-(\d{{4}}-\d{{2}}-\d{{2}})-\d{{6}}-[0-9a-f]+{re.escape(BACKUP_SUFFIX)}$"
)


def daily_backups(journal_folder: Path) -> list[Path]:
    """The daily backups, oldest first (their names sort by the time they were made)."""
    folder = journal_folder / BACKUPS_NAME
    try:
        names = [p for p in folder.iterdir() if _DAILY_NAME.match(p.name) and p.is_file()]
    except FileNotFoundError:
        return []
    return sorted(names, key=lambda p: p.name)


def next_daily_backup(journal_folder: Path) -> Path:
    return journal_backup_name(journal_folder, DAILY)


def daily_backup_due(journal_folder: Path, today: dt.date) -> bool:
    """At most one automatic backup per local calendar day."""
    prefix = f"{DAILY}-{today.isoformat()}-"
    return not any(p.name.startswith(prefix) for p in daily_backups(journal_folder))


def rotate_daily(journal_folder: Path, keep: int = KEEP_DAILY) -> list[Path]:
    """Remove all but the newest ``keep`` daily backups; returns what was removed."""
    old = daily_backups(journal_folder)[:-keep] if keep > 0 else daily_backups(journal_folder)
    removed = []
    for path in old:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed
