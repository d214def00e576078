"""A journal with a damaged page, clicked through as a client would: one plain message with
the offer to restore, and the window still locks and closes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app import vault
from app.vault.folder_lock import FolderLock
from app.vault.kdf import KdfParams
from tests.app.vault.test_damaged_pages import damage_the_page_holding
from tests.conftest import PASSPHRASE
from tests.ui.shell.test_app_flow import make_app, unlock
from ui.access.unlock_window import UnlockWindow
from ui.common import dialogs

__all__ = ["make_app"]

STORY = "kingfisher-over-still-water "


def _damaged_journal(folder: Path) -> None:
    vault.create(folder, PASSPHRASE, kdf=KdfParams.insecure_for_tests())
    v = vault.unlock(folder, PASSPHRASE)
    for day in range(1, 11):
        session = v.journal.add_session(dt.date(2024, 5, day), title=f"Session {day}")
        v.journal.add_narrative_part(session.id, dt.date(2024, 5, day), STORY * 40)
    v.lock()
    damage_the_page_holding(folder, STORY)


def _damage_messages() -> list[str]:
    return [text for text in dialogs.shown if "restore the journal from a backup" in text]


def _click_through_sessions(qtbot, controller) -> None:
    main = controller.main_window
    if main is None:
        return
    for row in range(main.sessions.rowCount()):
        main.session_view.setCurrentIndex(main.sessions.index(row, 0))
        QApplication.processEvents()


def test_a_damaged_page_is_told_once_and_the_window_still_locks(
    qtbot, make_app, tmp_path: Path
) -> None:
    folder = tmp_path / "journal"
    _damaged_journal(folder)
    controller = make_app(folder)
    assert controller.start()
    dialogs.answer_next(False)  # "Not now"
    unlock(qtbot, controller, PASSPHRASE)
    _click_through_sessions(qtbot, controller)
    messages = _damage_messages()
    assert len(messages) == 1, dialogs.shown
    assert "damaged" in messages[0] and "Nothing has been changed" in messages[0]

    if controller.main_window is not None:
        assert controller.lock()
    assert isinstance(controller.window, UnlockWindow)
    assert controller.vault is None


def test_a_damaged_journal_closes_and_frees_its_folder(qtbot, make_app, tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    _damaged_journal(folder)
    controller = make_app(folder)
    assert controller.start()
    dialogs.answer_next(False)
    unlock(qtbot, controller, PASSPHRASE)
    _click_through_sessions(qtbot, controller)
    assert len(_damage_messages()) == 1
    main = controller.main_window
    if main is not None:
        main.close()
        assert controller.window is None
    assert controller.vault is None
    controller.folder_lock.release()
    FolderLock(folder).acquire().release()
