"""The app's states — first run, locked, open — and the moves between them."""

from __future__ import annotations

import datetime as dt
import importlib
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app import vault
from app.errors import JournalError, JournalInUse
from app.files import make_private_folder, why_not_written
from app.journal.model import Person
from app.vault import backups
from app.vault.folder_lock import FolderLock
from app.vault.kdf import KdfParams
from ui.access.change_passphrase import ChangePassphraseDialog
from ui.access.unlock_window import UnlockWindow
from ui.care.hard_page import HardKey, HardPage
from ui.care.people_window import PeopleWindow
from ui.common import dialogs, preferences, spelling
from ui.common.idle import InactivityTimer
from ui.common.theme import apply_theme
from ui.common.widgets import set_writing_family
from ui.follow import measures_view
from ui.follow.measures_view import ENABLED_KEY, OFFER_KEY
from ui.shell.backup_runner import BackupRunner
from ui.shell.settings_dialog import SettingsDialog

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

T = TypeVar("T")
MINUTE_MS = 60_000
# The main window's modules load while the client types their passphrase, not before the
# unlock window appears: start-up shows the unlock window sooner.
PRELOAD_AFTER_MS = 300


class JournalApp(QObject):
    """Owns the folder lock for the whole run, and the vault while it is unlocked.

    ``kdf`` is for tests: a new journal made through the GUI otherwise calibrates
    Argon2id on this machine.
    """

    def __init__(
        self,
        folder: Path,
        prefs: preferences.Preferences,
        *,
        kdf: KdfParams | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.prefs = prefs
        self.kdf = kdf
        self.folder_lock = FolderLock(folder)
        self.vault: vault.Vault | None = None
        self.window: QWidget | None = None  # the one window on screen
        self.idle = InactivityTimer(self)
        self.idle.inactive.connect(self.auto_lock)
        self.idle_timeout_ms = prefs.auto_lock_minutes * MINUTE_MS
        spelling.speller().configure(prefs.spell_check, prefs.spell_language)
        set_writing_family(prefs.writing_font)
        self.today: Callable[[], dt.date] = dt.date.today  # a seam for tests
        self.backups = BackupRunner(self)
        self.backups.finished.connect(self._backup_made)
        self.backups.failed.connect(self._backup_failed)
        self._asked_backups: set[Path] = set()  # made with "Back up now…"
        self.hard_page: HardPage | None = None
        self.people_window: PeopleWindow | None = None
        show_hard = self._weakly(lambda app: app.show_hard_page())
        self.hard_key = HardKey(show_hard, self)
        measures_view.when_its_hard = lambda _parent: show_hard()  # PHQ-9 item 9's care note

    @property
    def main_window(self) -> MainWindow | None:
        from ui.shell.main_window import MainWindow

        return self.window if isinstance(self.window, MainWindow) else None

    def start(self) -> bool:
        """Show the first window. False (after saying why) when the journal is in use."""
        try:
            make_private_folder(self.folder)
            self.folder_lock.acquire()
        except JournalInUse as error:
            dialogs.warn(None, "Already open", str(error))
            return False
        except (OSError, JournalError) as error:
            dialogs.warn(
                None, "Can't open the journal", f"The journal's folder can't be used: {error}"
            )
            return False
        app = QApplication.instance()
        if app is not None:  # the "When it's hard" key works in every window, from now on
            app.installEventFilter(self.hard_key)
        if vault.is_journal(self.folder):
            self._show_unlock()
        else:
            from ui.access.first_run import FirstRunWindow

            first = FirstRunWindow(self.folder, self.folder_lock, self.kdf)
            first.finished.connect(self._opened)
            first.restored.connect(self._unlocked)  # a recovery key: choose a new passphrase
            self._replace_window(first, "first-run")
        return True

    def _replace_window(self, window: QWidget, name: str) -> None:
        old, self.window = self.window, window
        geometry = preferences.load_geometry(name)
        if geometry is not None:
            window.restoreGeometry(geometry)
        elif name == "main":
            window.resize(first_size(window))
        elif name == "first-run":  # the welcome and the passphrase share one page
            window.resize(first_size(window, 600, 640))
        else:
            window.resize(560, 440)
        window.show()
        if old is not None:
            old.hide()
            old.deleteLater()

    def _show_unlock(self) -> None:
        unlock = UnlockWindow(self.folder, self.folder_lock)
        unlock.unlocked.connect(self._unlocked)
        unlock.hard_requested.connect(self.show_hard_page)
        self._replace_window(unlock, "unlock")
        unlock.field.setFocus()
        QTimer.singleShot(PRELOAD_AFTER_MS, lambda: importlib.import_module("ui.shell.main_window"))

    def _unlocked(self, opened: vault.Vault, by_recovery_key: bool) -> None:
        self._opened(opened)
        if by_recovery_key:
            self.change_passphrase(ask_current=False)

    def _opened(self, opened: vault.Vault) -> None:
        self.vault = opened
        from ui.shell.main_window import MainWindow

        # The client's added words: read from the vault, added to it, forgotten on lock.
        spelling.speller().set_own_words(opened.journal.own_words(), opened.journal.add_own_word)
        main = MainWindow(opened.journal, self.prefs)
        main.lock_requested.connect(self.lock)
        main.settings_requested.connect(self.show_settings)
        main.backup_requested.connect(self.back_up_now)
        main.restore_requested.connect(self.restore_from_backup)
        main.hard_requested.connect(self.show_hard_page)
        main.people_requested.connect(self.show_people)
        main.closed.connect(self._main_closed)
        self._replace_window(main, "main")
        self.idle.start(self.idle_timeout_ms)
        if backups.daily_backup_due(self.folder, self.today()):
            self.backups.start(opened.backup_job(backups.next_daily_backup(self.folder)))

    # -- locking ---------------------------------------------------------------------------------

    def lock(self) -> bool:
        """Save, clear every widget, close the journal, show the unlock window."""
        main = self.main_window
        if main is None or self.vault is None:
            return False
        if not main.save_now() and not dialogs.confirm(
            main,
            "Not saved",
            f"Your latest words could not be saved: {main.autosaver.status}\n\n"
            "If you lock now, they will be lost.",
            "Lock anyway",
            "Keep the journal open",
        ):
            return False
        self._close_journal(main)
        self._show_unlock()
        return True

    def auto_lock(self) -> None:
        """Idle: lock only when everything is saved; otherwise keep retrying the save."""
        main = self.main_window
        if main is None or self.vault is None:
            return
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            # Close the open dialog first, and lock a moment later, once the code that
            # opened it has finished with it.
            modal.reject()
            self.idle.start(250)
            return
        if not main.save_now():
            self.idle.start(self.idle_timeout_ms)
            return
        self._close_journal(main)
        self._show_unlock()

    def _close_journal(self, main: MainWindow) -> None:
        self.idle.stop()
        main.wipe()
        spelling.speller().forget()
        if self.people_window is not None:
            self.people_window.wipe()
            self.people_window.deleteLater()
            self.people_window = None
        self.backups.stop()  # before the key is gone; a half-made copy is removed
        if self.vault is not None:
            self.vault.lock()
            self.vault = None
        if self.hard_page is not None:
            self.hard_page.refresh()  # the contacts leave the page with the key
        preferences.save_geometry("main", main.saveGeometry())
        clipboard = QApplication.clipboard()
        if clipboard.ownsClipboard():  # text copied from the journal would outlive the lock
            clipboard.clear()

    def _main_closed(self) -> None:
        main = self.main_window
        if main is None:
            return
        self._close_journal(main)
        self.window = None
        main.deleteLater()
        if self.hard_page is not None:
            self.hard_page.close()
        self.folder_lock.release()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    # -- care between sessions -------------------------------------------------------------------

    def _weakly(self, call: Callable[[JournalApp], T]) -> Callable[[], T | None]:
        """A callable for the care windows that does not keep this object alive: they and
        the app-wide key outlive nothing, and a cycle would keep a closed app's timers."""
        ref = weakref.ref(self)

        def run() -> T | None:
            app = ref()
            return None if app is None else call(app)

        return run

    def _hard_day_contacts(self) -> list[Person] | None:
        if self.vault is None:
            return None
        try:
            return self.vault.journal.hard_day_contacts()
        except JournalError:
            return None

    def show_hard_page(self) -> None:
        if self.hard_page is None:
            self.hard_page = HardPage(
                self._weakly(lambda app: app._hard_day_contacts()),
                self._weakly(lambda app: app.show_people()),
            )
        self.hard_page.open()

    def show_people(self) -> None:
        if self.vault is None:
            return
        if self.people_window is None:
            self.people_window = PeopleWindow(
                self.vault.journal, self._weakly(lambda app: app._people_changed())
            )
        self.people_window.show()
        self.people_window.raise_()
        self.people_window.activateWindow()

    def _people_changed(self) -> None:
        if self.hard_page is not None and self.hard_page.isVisible():
            self.hard_page.refresh()
        if self.main_window is not None:
            self.main_window.action_plan.people_changed()

    # -- backups ---------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        """An encrypted backup to a place the client picks, made without freezing the window."""
        main = self.main_window
        if main is None or self.vault is None:
            return
        name = f"Integration Journal backup {self.today().isoformat()}{vault.BACKUP_SUFFIX}"
        path = dialogs.ask_save_file(
            main, "Back up now", name, f"Journal backups (*{vault.BACKUP_SUFFIX})"
        )
        if path is None:
            return
        target = Path(path)
        if target.suffix != vault.BACKUP_SUFFIX:
            target = target.with_name(target.name + vault.BACKUP_SUFFIX)
        self._asked_backups.add(target)
        main.backup_note.setText("Backing up…")
        self.backups.start(self.vault.backup_job(target))

    def _backup_made(self, path: Path) -> None:
        main = self.main_window
        if path in self._asked_backups:
            self._asked_backups.discard(path)
            if main is not None:
                main.backup_note.clear()
                dialogs.inform(
                    main,
                    "Backup made",
                    f"Your backup is saved as {path.name}.\n\nIt is encrypted: it opens "
                    "only with your passphrase or your recovery key from the day it was made. "
                    "It is one file, so you can copy it to a USB stick.",
                )
            return
        backups.rotate_daily(self.folder)

    def _backup_failed(self, error: Exception) -> None:
        main = self.main_window
        if main is None:
            return
        why = why_not_written(error) if isinstance(error, OSError) else str(error)
        main.backup_note.setText(f"Backup not made: {why}")
        main.backup_note.setToolTip(
            "Your journal itself is fine. Journal → Back up now… tries again."
        )

    def restore_from_backup(self) -> None:
        """Lock, then let the unlock window check a backup and put it in the journal's place."""
        main = self.main_window
        if main is None:
            return
        if not dialogs.confirm(
            main,
            "Restore from backup",
            "To restore, your journal locks first. Then choose the backup and type the "
            "passphrase (or recovery key) it was made with.\n\nThe backup is checked before "
            "anything changes. Your current journal is not deleted: it is kept beside the "
            "restored one, renamed.",
            "Lock and continue",
            "Cancel",
        ):
            return
        if self.lock() and isinstance(self.window, UnlockWindow):
            self.window.offer_restore()

    # -- settings ----------------------------------------------------------------------------------

    def show_settings(self) -> None:
        main = self.main_window
        if main is None:
            return
        journal = self.vault.journal if self.vault is not None else None
        measures = (
            (journal.meta(ENABLED_KEY) == "1", journal.meta(OFFER_KEY) == "1")
            if journal is not None
            else (False, False)
        )
        dialog = SettingsDialog(self.prefs, self.folder, main, measures=measures)
        dialog.change_passphrase_requested.connect(lambda: self.change_passphrase(True))
        if dialogs.run_modal(dialog) == SettingsDialog.DialogCode.Accepted.value:
            self.apply_preferences(dialog.preferences())
            if journal is not None and self.vault is not None and dialog.measures() != measures:
                on, offer = dialog.measures()
                journal.set_meta(ENABLED_KEY, "1" if on else "0")
                journal.set_meta(OFFER_KEY, "1" if offer else "0")
                if main.follow.measures is not None:
                    main.follow.measures.reload()
        dialog.deleteLater()

    def apply_preferences(self, prefs: preferences.Preferences) -> None:
        self.prefs = prefs
        preferences.save(prefs)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, prefs.theme)
        self.idle_timeout_ms = prefs.auto_lock_minutes * MINUTE_MS
        spelling.speller().configure(prefs.spell_check, prefs.spell_language)
        set_writing_family(prefs.writing_font)
        if self.main_window is not None:
            self.main_window.apply_text_size(prefs.text_size)
            self.main_window.follow.set_preferences(prefs)
            self.idle.start(self.idle_timeout_ms)

    def change_passphrase(self, ask_current: bool) -> None:
        if self.vault is None:
            return
        dialog = ChangePassphraseDialog(self.vault, ask_current=ask_current, parent=self.window)
        dialogs.run_modal(dialog)
        dialog.deleteLater()


def first_size(window: QWidget, width: int = 1180, height: int = 780) -> QSize:
    """``width``×``height`` where it fits, else what the screen's free area allows (taskbar
    and menu bar left out), so every button is reachable on a 1280×720 laptop."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    free = screen.availableGeometry()
    return QSize(min(width, free.width() - 40), min(height, free.height() - 40))
