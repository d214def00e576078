"""The automatic daily backup: when one is due, and which old ones to let go.

Daily backups live in the journal's ``backups/`` folder as ``daily-YYYY-MM-DD-….ijbackup``.
Only those are rotated; backups taken before an upgrade or a restore are kept until the
client removes them.

The rotation a person can say in one breath: one backup for each of the last 7 days that
have one, then one for each of the 4 weeks before — and, newest first, only as many as fit
in 3 times the journal's size (each backup is a whole encrypted copy, so a 1 GB journal
keeps its last 3 days rather than 11 GB of backups). The newest is always kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path

from app.vault.backup_files import journal_backup_name
from app.vault.layout import BACKUP_SUFFIX, BACKUPS_NAME, DB_NAME

DAILY = "daily"
KEEP_DAYS = 7
KEEP_WEEKS = 4
SPACE_IN_JOURNALS = 3  # the backups together take at most this many times the journal
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


def rotate_daily(journal_folder: Path, journal_bytes: int | None = None) -> list[Path]:
    """Keep 7 days, then 4 weeks, within 3× the journal's size; returns what was removed."""
    made = daily_backups(journal_folder)
    newest_of_day: dict[str, Path] = {}
    for path in reversed(made):  # newest first: the first seen of a day is its newest
        match = _DAILY_NAME.match(path.name)
        if match:
            newest_of_day.setdefault(match.group(1), path)
    days = sorted(newest_of_day, reverse=True)
    keep = [newest_of_day[day] for day in days[:KEEP_DAYS]]
    weeks: dict[tuple[int, int], Path] = {}
    for day in days[KEEP_DAYS:]:
        week = dt.date.fromisoformat(day).isocalendar()[:2]
        weeks.setdefault(week, newest_of_day[day])
    keep += list(weeks.values())[:KEEP_WEEKS]
    if journal_bytes is None:
        # A backup is the journal plus its key header: "3 journals" means 3 such copies.
        journal_bytes = max(_size(journal_folder / DB_NAME), _size(made[-1]) if made else 0)
    if journal_bytes > 0:
        budget, fitted = SPACE_IN_JOURNALS * journal_bytes, list[Path]()
        for path in keep:  # newest first; the newest always stays
            budget -= _size(path)
            if fitted and budget < 0:
                break
            fitted.append(path)
        keep = fitted
    removed = []
    for path in made:
        if path in keep:
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
