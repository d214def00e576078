"""Backups as the client meets them: one made quietly on unlock each day, "Back up now…" to
a place they pick, and "Restore from backup…" that checks before it changes anything."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import vault
from app.vault import backups
from tests.ui.shell.test_app_flow import STRONG, add_session, first_run, make_app, unlock
from ui.access.unlock_window import UnlockWindow
from ui.common import dialogs
from ui.shell.backup_runner import BackupRunner

__all__ = ["make_app"]


def _wait_for_backups(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller.backups.running, timeout=15000)


def test_one_backup_a_day_on_unlock_seven_days_then_weeks_kept(qtbot, make_app) -> None:
    controller = make_app()
    first_run(qtbot, controller)
    _wait_for_backups(qtbot, controller)
    made = backups.daily_backups(controller.folder)
    assert len(made) == 1

    controller.lock()
    unlock(qtbot, controller, STRONG)
    _wait_for_backups(qtbot, controller)
    assert backups.daily_backups(controller.folder) == made  # not twice on one day

    # Eleven older ones from earlier days (1–11 Jan 2020), then a new day: 7 days are kept,
    # then one a week. (The new day's file is named by the real clock, so it shares today's
    # date with the first: one of the two is kept for that day.)
    for day in range(11):
        stale = made[0].parent / f"daily-2020-01-{day + 1:02d}-120000-ab12.ijbackup"
        stale.write_bytes(b"older")
    controller.lock()
    controller.today = lambda: dt.date.today() + dt.timedelta(days=1)
    unlock(qtbot, controller, STRONG)
    qtbot.waitUntil(lambda: len(backups.daily_backups(controller.folder)) == 8, timeout=15000)
    _wait_for_backups(qtbot, controller)
    names = [p.name for p in backups.daily_backups(controller.folder)]
    assert len(names) == 8 and names[-1][:16] == made[0].name[:16]
    kept_2020 = [name[6:16] for name in names[:-1]]
    # 6–11 Jan are six of the seven days; then the newest of the week before (Sun 5 Jan)
    assert kept_2020 == [f"2020-01-{day:02d}" for day in (5, 6, 7, 8, 9, 10, 11)]


def test_back_up_now_writes_one_encrypted_file_that_restores(qtbot, make_app, tmp_path) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 5, 4))
    _wait_for_backups(qtbot, controller)
    chosen = tmp_path / "usb" / "my backup"
    chosen.parent.mkdir()
    dialogs.answer_next(str(chosen), True)  # where, then the "made" message
    main.backup_action.trigger()
    qtbot.waitUntil(lambda: "encrypted" in (dialogs.shown[-1] if dialogs.shown else ""))
    written = chosen.with_name("my backup.ijbackup")
    assert [p.name for p in chosen.parent.iterdir()] == [written.name]
    assert main.backup_note.text() == ""
    restored = vault.restore(written, tmp_path / "restored", passphrase=STRONG)
    try:
        assert [s.held_on for s in restored.journal.sessions()] == [dt.date(2026, 5, 4)]
    finally:
        restored.lock()


def test_a_failed_backup_says_so_and_the_journal_stays_open(qtbot, make_app, tmp_path) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    _wait_for_backups(qtbot, controller)
    dialogs.answer_next(str(tmp_path / "no such folder" / "b.ijbackup"))
    main.backup_action.trigger()
    qtbot.waitUntil(lambda: main.backup_note.text().startswith("Backup not made"))
    assert controller.main_window is main and controller.vault is not None


def test_restore_from_backup_checks_first_and_keeps_the_journal_aside(
    qtbot, make_app, tmp_path
) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 5, 4))
    _wait_for_backups(qtbot, controller)
    assert controller.vault is not None
    backup = controller.vault.backup(tmp_path)
    add_session(qtbot, main, dt.date(2026, 6, 1))  # written after the backup

    dialogs.answer_next(True)  # "Lock and continue"
    main.restore_action.trigger()
    window = controller.window
    assert isinstance(window, UnlockWindow)
    assert window.restore_button.isVisibleTo(window)

    # A wrong passphrase for the backup: a clear message, and nothing changes.
    qtbot.keyClicks(window.field, "not the passphrase")
    dialogs.answer_next(str(backup), True)
    qtbot.mouseClick(window.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.working, timeout=15000)
    assert controller.main_window is None
    assert window.message.text()
    assert not [p for p in tmp_path.iterdir() if "before restore" in p.name]

    window.field.clear()
    qtbot.keyClicks(window.field, STRONG)
    dialogs.answer_next(str(backup), True)
    qtbot.mouseClick(window.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=15000)
    restored = controller.main_window
    assert [s.held_on for s in restored.journal.sessions()] == [dt.date(2026, 5, 4)]
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("journal (before restore")]
    assert len(kept) == 1
    aside = vault.unlock(kept[0], STRONG)
    try:
        assert len(aside.journal.sessions()) == 2  # nothing of the client's was lost
    finally:
        aside.lock()


def test_declining_restore_leaves_the_journal_open(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    dialogs.answer_next(False)
    main.restore_action.trigger()
    assert controller.main_window is main


def test_stopping_waits_for_a_backup_in_progress_and_reports_nothing(qtbot) -> None:
    runner = BackupRunner()
    started, results = threading.Event(), []
    runner.finished.connect(results.append)
    runner.failed.connect(results.append)

    def job(cancel: threading.Event) -> Path:
        started.set()
        cancel.wait()
        raise vault.BackupCancelled()

    runner.start(job)
    started.wait()
    assert runner.running
    runner.stop()
    assert not runner.running
    QApplication.processEvents()  # deliver any queued signal
    assert results == []


def test_changing_settings_keeps_a_backup_in_progress_in_hand(qtbot, make_app) -> None:
    controller = make_app()
    first_run(qtbot, controller)
    runner, today = controller.backups, controller.today
    controller.apply_preferences(controller.prefs)
    # the same runner: lock still stops and waits for a backup that is under way
    assert controller.backups is runner
    assert controller.today is today
