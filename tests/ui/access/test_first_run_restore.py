"""A new computer: the first-run window restores a backup instead of making a new journal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from app import vault
from app.vault.kdf import KdfParams
from tests.ui.shell.test_app_flow import STRONG, make_app  # noqa: F401 (the fixture)
from ui.access.first_run import CHOOSE_PAGE, FirstRunWindow
from ui.common import dialogs


def _backup_from_another_computer(tmp_path: Path) -> tuple[Path, str]:
    """A journal with one session, backed up; returns the backup and its recovery key."""
    old = tmp_path / "old laptop" / "journal"
    recovery_key = vault.create(old, STRONG, kdf=KdfParams.insecure_for_tests())
    opened = vault.unlock(old, STRONG)
    try:
        opened.journal.add_session(dt.date(2026, 3, 14), title="By the lake")
        backup = opened.backup(tmp_path / "journal.ijbackup")
    finally:
        opened.lock()
    return backup, recovery_key


def _restore_page(qtbot, controller):  # type: ignore[no-untyped-def]
    assert controller.start()
    first = controller.window
    assert isinstance(first, FirstRunWindow)
    qtbot.mouseClick(first.restore_button, Qt.MouseButton.LeftButton)
    assert first.pages.currentWidget() is first.restore_page
    return first.restore_page


def test_first_run_restores_a_backup_with_its_passphrase(qtbot, make_app, tmp_path) -> None:  # noqa: F811
    backup, _ = _backup_from_another_computer(tmp_path)
    folder = tmp_path / "journal"
    controller = make_app(folder)
    page = _restore_page(qtbot, controller)

    # Nothing chosen yet: a plain request, nothing happens.
    qtbot.keyClicks(page.field, STRONG)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert "choose the backup" in page.message.text()

    # The wrong passphrase: the backup is checked first, so nothing is put in place.
    dialogs.answer_next(str(backup))
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    assert page.file_label.text() == "journal.ijbackup"
    page.field.clear()
    qtbot.keyClicks(page.field, "not the passphrase")
    qtbot.keyClick(page.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.working, timeout=15000)
    assert "not restored" in page.message.text()
    assert not vault.is_journal(folder)
    assert controller.main_window is None

    qtbot.keyClicks(page.field, STRONG)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=15000)
    main = controller.main_window
    assert [s.title for s in main.journal.sessions()] == ["By the lake"]
    assert vault.is_journal(folder)
    controller.lock()
    assert controller.vault is None
    reopened = vault.unlock(folder, STRONG, folder_lock=controller.folder_lock)
    try:
        assert [s.held_on for s in reopened.journal.sessions()] == [dt.date(2026, 3, 14)]
    finally:
        reopened.lock()


def test_first_run_restores_with_the_recovery_key_then_asks_a_new_passphrase(
    qtbot,
    make_app,  # noqa: F811
    tmp_path,
) -> None:
    backup, recovery_key = _backup_from_another_computer(tmp_path)
    folder = tmp_path / "journal"
    controller = make_app(folder)
    page = _restore_page(qtbot, controller)
    page.switch_box.setChecked(True)
    assert page.field.accessibleName() == "Recovery key"
    dialogs.answer_next(str(backup))
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)

    def choose_new(dialog) -> int:  # type: ignore[no-untyped-def]
        dialog.form.first.setText("brand new river stone path")
        dialog.form.second.setText("brand new river stone path")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted.value, timeout=15000)
        return dialog.result()

    dialogs.answer_next(choose_new)
    qtbot.keyClicks(page.field, recovery_key.lower())
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=15000)
    assert [s.title for s in controller.main_window.journal.sessions()] == ["By the lake"]
    controller.lock()
    reopened = vault.unlock(
        folder, "brand new river stone path", folder_lock=controller.folder_lock
    )
    reopened.lock()


def test_back_from_restore_to_a_new_journal(qtbot, make_app) -> None:  # noqa: F811
    controller = make_app()
    page = _restore_page(qtbot, controller)
    first = controller.window
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    # back on the welcome, where the passphrase is chosen (one page since issue 15)
    assert first.pages.currentIndex() == CHOOSE_PAGE
    assert first.form.first.isVisible()
