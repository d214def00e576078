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
from app.errors import DatabaseDamaged, JournalError, JournalInUse
from app.files import make_private_folder
from app.vault.folder_lock import FolderLock
from app.vault.kdf import KdfParams
from ui.access.unlock_window import UnlockWindow
from ui.care.hard_page import HardKey, HardPage
from ui.common import dialogs, preferences, spelling
from ui.common.idle import InactivityTimer
from ui.common.theme import apply_theme
from ui.common.widgets import set_writing_family
from ui.find.index_keeper import IndexKeeper
from ui.shell import backup_actions, damage, forget, settings_actions
from ui.shell.backup_runner import BackupRunner

if TYPE_CHECKING:
    from app.journal.model import Person
    from ui.care.people_window import PeopleWindow
    from ui.shell.main_window import MainWindow
# Imported where first used, not here: what the unlock window doesn't need would only
# delay it (backups, the people window, settings, changing the passphrase).

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
        self.index_keeper = IndexKeeper(self)
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
        self._show_hard = show_hard  # also PHQ-9 item 9's care note (measures_view)
        self._damage_told = False
        damage.report_to(self._damaged)

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
            self.show_unlock()
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

    def show_unlock(self) -> None:
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
        self._damage_told = False
        from ui.shell.main_window import MainWindow

        # The client's added words: read from the vault, added to it, forgotten on lock.
        spelling.speller().set_own_words(opened.journal.own_words(), opened.journal.add_own_word)
        main = MainWindow(opened.journal, self.prefs)
        main.lock_requested.connect(self.lock)
        main.settings_requested.connect(self.show_settings)
        main.backup_requested.connect(self.back_up_now)
        main.restore_requested.connect(self.restore_from_backup)
        main.hard_requested.connect(self.show_hard_page)
        from ui.follow import measures_view

        show_hard = self._show_hard  # weak: a module-level hook must not keep this app alive
        measures_view.when_its_hard = lambda _parent: show_hard()  # PHQ-9 item 9's care note
        main.people_requested.connect(self.show_people)
        main.closed.connect(self._main_closed)
        self._replace_window(main, "main")
        self.idle.start(self.idle_timeout_ms)
        self.index_keeper.start(opened.journal)
        from app.vault import backups

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
        try:
            self._close_journal(main)
        finally:
            self.show_unlock()
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
        from ui.transfer import export_dialog, import_run

        if export_dialog.exports_running() or import_run.imports_running():
            # Its dialog was just closed, which cancels it: lock once the export has
            # removed what it had begun to write, or the import has rolled back.
            self.idle.start(250)
            return
        if not main.save_now():
            self.idle.start(self.idle_timeout_ms)
            return
        self._close_journal(main)
        self.show_unlock()

    def _close_journal(self, main: MainWindow) -> None:
        # Each step runs whatever failed before it: the journal always locks.
        self.idle.stop()
        try:
            main.wipe()
            spelling.speller().forget()
            if self.people_window is not None:
                self.people_window.wipe()
                self.people_window.deleteLater()
                self.people_window = None
        finally:
            try:
                self.backups.stop()  # before the key is gone; a half-made copy is removed
                self.index_keeper.stop()  # its connection closes before the journal's
            finally:
                opened, self.vault = self.vault, None
                if opened is not None:
                    opened.lock()
        if self.hard_page is not None:
            self.hard_page.refresh()  # the contacts leave the page with the key
        preferences.save_geometry("main", main.saveGeometry())
        clipboard = QApplication.clipboard()
        if clipboard.ownsClipboard():  # text copied from the journal would outlive the lock
            clipboard.clear()
        forget.release_soon()

    def _damaged(self, error: DatabaseDamaged) -> None:
        if not self._damage_told:  # once per unlock, however many reads fail
            self._damage_told = True
            damage.tell(self, error)

    def new_recovery_key(self) -> None:
        from ui.access.change_passphrase import replace_recovery_key

        if self.vault is not None:
            replace_recovery_key(self.window, self.vault)

    def _main_closed(self) -> None:
        main = self.main_window
        if main is None:
            return
        try:
            self._close_journal(main)
        finally:
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
            from ui.care.people_window import PeopleWindow

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
        backup_actions.back_up_now(self)

    def _backup_made(self, path: Path) -> None:
        backup_actions.made(self, path)

    def _backup_failed(self, error: Exception) -> None:
        backup_actions.failed(self, error)

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
        settings_actions.show_settings(self)

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
        from ui.access.change_passphrase import change_passphrase

        self.backups.stop()  # a backup reads with the data key that a re-keying replaces
        # Re-keying needs the journal's only connection; the keeper's is closed meanwhile.
        self.index_keeper.stop()
        try:
            change_passphrase(self.window, self.vault, ask_current)
        finally:
            if self.vault is not None and self.vault.is_open:
                self.index_keeper.start(self.vault.journal)


def first_size(window: QWidget, width: int = 1180, height: int = 780) -> QSize:
    """``width``×``height`` where it fits, else what the screen's free area allows (taskbar
    and menu bar left out), so every button is reachable on a 1280×720 laptop."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    free = screen.availableGeometry()
    return QSize(min(width, free.width() - 40), min(height, free.height() - 40))
