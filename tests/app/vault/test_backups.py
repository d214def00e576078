"""Automatic daily backups: one per day at most; 7 days, then 4 weeks kept, within 3× the
journal's size; made off the GUI's connection, and stopped cleanly when the journal locks."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from app import vault
from app.vault import backups
from tests.conftest import PASSPHRASE


def _fake_daily(folder: Path, day: dt.date, n: int = 0) -> Path:
    path = folder / "backups" / f"daily-{day.isoformat()}-1200{n:02d}-ab12.ijbackup"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"stand-in")
    return path


def test_a_backup_is_due_until_one_is_made_that_day(opened: vault.Vault) -> None:
    today = dt.date.today()
    assert backups.daily_backup_due(opened.folder, today)
    made = opened.backup_job(backups.next_daily_backup(opened.folder))(threading.Event())
    assert made.parent == opened.folder / "backups"
    assert backups.daily_backups(opened.folder) == [made]
    assert not backups.daily_backup_due(opened.folder, today)
    assert backups.daily_backup_due(opened.folder, today + dt.timedelta(days=1))


def test_other_backups_do_not_count_as_todays(opened: vault.Vault) -> None:
    opened.backup_to_journal_folder("before-upgrade")
    assert backups.daily_backup_due(opened.folder, dt.date.today())


BIG = 10**9  # a journal so large that space never limits the stand-in backups


def test_rotation_keeps_seven_days_then_four_weeks_and_nothing_else_is_touched(
    tmp_path: Path,
) -> None:
    start = dt.date(2026, 1, 5)  # a Monday
    made = [_fake_daily(tmp_path, start + dt.timedelta(days=i)) for i in range(50)]
    other = tmp_path / "backups" / "before-upgrade-2025-01-01-120000-ab12.ijbackup"
    other.write_bytes(b"kept")
    backups.rotate_daily(tmp_path, journal_bytes=BIG)
    kept = [p.name[6:16] for p in backups.daily_backups(tmp_path)]
    # the last 7 days (17–23 Feb), then the newest of each of the 4 calendar weeks before:
    # Monday 16 Feb (its week's other days are among the 7), Sundays 15, 8 and 1 Feb
    days = [(start + dt.timedelta(days=i)).isoformat() for i in range(43, 50)]
    assert kept == ["2026-02-01", "2026-02-08", "2026-02-15", "2026-02-16", *days]
    assert other.exists()
    assert len(made) - len(kept) == 39


def test_rotation_keeps_the_newest_backup_of_a_day(tmp_path: Path) -> None:
    made = [_fake_daily(tmp_path, dt.date(2026, 1, 1), n) for n in range(3)]
    assert backups.rotate_daily(tmp_path, journal_bytes=BIG) == made[:2]
    assert backups.daily_backups(tmp_path) == made[2:]


def test_a_large_journal_keeps_only_what_fits_in_three_times_its_size(tmp_path: Path) -> None:
    made = [_fake_daily(tmp_path, dt.date(2026, 1, 1) + dt.timedelta(days=i)) for i in range(9)]
    size = made[0].stat().st_size
    backups.rotate_daily(tmp_path, journal_bytes=size)  # room for three backups
    assert backups.daily_backups(tmp_path) == made[-3:]
    backups.rotate_daily(tmp_path, journal_bytes=1)  # room for none: the newest stays
    assert backups.daily_backups(tmp_path) == made[-1:]


def test_rotation_with_few_backups_removes_nothing(tmp_path: Path) -> None:
    made = [_fake_daily(tmp_path, dt.date(2026, 1, 1) + dt.timedelta(days=n)) for n in range(4)]
    assert backups.rotate_daily(tmp_path, journal_bytes=BIG) == []
    assert backups.daily_backups(tmp_path) == made


def test_no_backups_folder_yet(tmp_path: Path) -> None:
    assert backups.daily_backups(tmp_path) == []
    assert backups.daily_backup_due(tmp_path, dt.date.today())


def test_a_background_backup_restores_with_what_was_written_before_it(
    opened: vault.Vault, tmp_path: Path
) -> None:
    opened.journal.add_session(dt.date(2026, 3, 1), title="Before the copy")
    job = opened.backup_job(backups.next_daily_backup(opened.folder))
    result: list[Path] = []
    worker = threading.Thread(target=lambda: result.append(job(threading.Event())))
    worker.start()
    worker.join()
    restored = vault.restore(result[0], tmp_path / "restored", passphrase=PASSPHRASE)
    try:
        assert [s.title for s in restored.journal.sessions()] == ["Before the copy"]
    finally:
        restored.lock()


def test_a_cancelled_backup_leaves_nothing_behind(opened: vault.Vault) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(vault.BackupCancelled):
        opened.backup_job(backups.next_daily_backup(opened.folder))(cancel)
    assert list((opened.folder / "backups").iterdir()) == []


def test_a_backup_a_little_larger_than_the_journal_still_counts_as_one(tmp_path: Path) -> None:
    made = [_fake_daily(tmp_path, dt.date(2026, 1, 1) + dt.timedelta(days=i)) for i in range(5)]
    (tmp_path / "journal.db").write_bytes(b"x" * (made[0].stat().st_size - 1))
    backups.rotate_daily(tmp_path)  # the journal's size read from the folder
    assert backups.daily_backups(tmp_path) == made[-3:]
