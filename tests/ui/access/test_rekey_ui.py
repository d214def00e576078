"""Settings → Change passphrase… with "Also give the journal a new key", and Settings → New
recovery key…: the new recovery key is shown once, and the old one stops opening."""

from __future__ import annotations

import datetime as dt
import re

from app import vault
from tests.ui.shell.test_app_flow import STRONG, add_session, first_run, make_app, unlock
from ui.common import dialogs

__all__ = ["make_app"]

NEW = "brand new river stone path"
KEY = re.compile(r"^[A-Z0-9]{4}(?:-[A-Z0-9]{4}){7}", re.MULTILINE)


def _shown_recovery_keys() -> list[str]:
    return [m.group(0) for text in dialogs.shown if (m := KEY.search(text))]


def test_changing_the_passphrase_can_rekey_and_shows_the_new_recovery_key(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 3))
    old_keys = (controller.folder / "journal.keys").read_bytes()

    def change(dialog) -> int:
        dialog.current.setText(STRONG)
        dialog.form.first.setText(NEW)
        dialog.form.second.setText(NEW)
        dialog.rekey_box.setChecked(True)
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted.value, timeout=15000)
        return dialog.result()

    dialogs.answer_next(change, None)  # the dialog, then the new recovery key
    controller.change_passphrase(ask_current=True)
    (recovery,) = _shown_recovery_keys()
    # background work opened after the re-keying uses the new key: the index keeper
    # catches a new entry up on its own connection
    main.journal.add_insight(main.session.id, "A heron at the weir.")
    qtbot.waitUntil(lambda: main.journal.pending_index_count() == 0, timeout=15000)
    assert controller.index_keeper.steps >= 1
    controller.lock()
    unlock(qtbot, controller, NEW)
    assert controller.main_window is not None
    assert controller.vault is not None and controller.vault.journal.session_count() == 1
    controller.lock()
    assert (controller.folder / "journal.keys").read_bytes() != old_keys
    controller.folder_lock.release()
    vault.unlock_with_recovery_key(controller.folder, recovery).lock()
    controller.folder_lock.acquire()


def test_a_new_recovery_key_from_settings(qtbot, make_app) -> None:
    controller = make_app()
    first_run(qtbot, controller)
    dialogs.answer_next(True, None)  # "Make a new recovery key", then the key shown
    controller.new_recovery_key()
    (recovery,) = _shown_recovery_keys()
    controller.lock()
    controller.folder_lock.release()
    vault.unlock_with_recovery_key(controller.folder, recovery).lock()
    controller.folder_lock.acquire()
