"""The unlock window: passphrase (or recovery key), with the KDF off the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, vault
from app.errors import (
    DatabaseDamaged,
    JournalError,
    KeyFileDamaged,
    KeyFileMissing,
    WrongPassphrase,
)
from app.vault import kdf_child
from app.vault.folder_lock import FolderLock
from ui.access import restore
from ui.care.hard_page import hard_button
from ui.common import dialogs
from ui.common.background import BackgroundCall
from ui.common.widgets import busy_bar, centred_column

_DAMAGED = (DatabaseDamaged, KeyFileDamaged, KeyFileMissing)


class UnlockWindow(QWidget):
    """Emits ``unlocked(vault, by_recovery_key)`` on the GUI thread."""

    unlocked = Signal(object, bool)
    hard_requested = Signal()

    def __init__(
        self, folder: Path, folder_lock: FolderLock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.folder = folder
        self.folder_lock = folder_lock
        self.recovery_mode = False
        self._call: BackgroundCall | None = None
        self._cancel = threading.Event()

        title = QLabel(APP_NAME, self)
        title.setObjectName("heading")
        self.prompt = QLabel("Your journal is locked. Enter your passphrase to open it.", self)
        self.prompt.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Passphrase")
        self.field.setMinimumWidth(320)
        self.show_box = QCheckBox("Show what I type", self)
        self.show_box.setAccessibleName("Show what I type")
        self.unlock_button = QPushButton("Unlock", self)
        self.unlock_button.setDefault(True)
        self.unlock_button.setAccessibleName("Unlock")
        self.busy = busy_bar("Opening your journal", self)
        self.cancel_button = QPushButton("Stop opening", self)
        self.cancel_button.setAccessibleName("Stop opening")
        self.cancel_button.hide()  # shown while the passphrase is being checked
        self.message = QLabel("", self)
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.switch_button = QPushButton("Use recovery key instead", self)
        self.switch_button.setFlat(True)
        self.switch_button.setAccessibleName("Use recovery key instead")
        self.restore_button = QPushButton("Restore from a backup…", self)
        self.restore_button.setFlat(True)
        self.restore_button.setAccessibleName("Restore from a backup")
        self.restore_button.hide()  # offered when the journal itself can't be read
        # Reachable while locked: the page holds nothing private without the key.
        self.hard_button = hard_button(self)

        page = centred_column(
            title,
            self.prompt,
            self.field,
            self.show_box,
            self.unlock_button,
            self.busy,
            self.cancel_button,
            self.message,
            self.switch_button,
            self.restore_button,
            self.hard_button,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        self.field.returnPressed.connect(self.try_unlock)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.show_box.toggled.connect(self._toggle_shown)
        self.switch_button.clicked.connect(self.toggle_recovery_mode)
        self.restore_button.clicked.connect(self.restore_backup)
        self.hard_button.clicked.connect(self.hard_requested.emit)
        self.cancel_button.clicked.connect(self.stop_opening)

    def stop_opening(self) -> None:
        """The slow step (Argon2id, in a child process) is killed; nothing has changed."""
        self._cancel.set()

    def _toggle_shown(self, shown: bool) -> None:
        if not self.recovery_mode:
            self.field.setEchoMode(
                QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
            )

    def toggle_recovery_mode(self) -> None:
        self.recovery_mode = not self.recovery_mode
        self.field.clear()
        self.message.clear()
        if self.recovery_mode:
            self.prompt.setText(
                "Type the recovery key you kept when you made the journal. "
                "Capital letters and dashes don't matter. Afterwards you "
                "choose a new passphrase."
            )
            self.field.setEchoMode(QLineEdit.EchoMode.Normal)
            self.show_box.hide()
            self.field.setAccessibleName("Recovery key")
            self.field.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
            self.switch_button.setText("Use passphrase instead")
        else:
            self.prompt.setText("Your journal is locked. Enter your passphrase to open it.")
            self.show_box.show()
            self._toggle_shown(self.show_box.isChecked())
            self.field.setAccessibleName("Passphrase")
            self.field.setPlaceholderText("")
            self.switch_button.setText("Use recovery key instead")
        self.switch_button.setAccessibleName(self.switch_button.text())
        self.field.setFocus()

    @property
    def working(self) -> bool:
        return self._call is not None

    def try_unlock(self) -> None:
        if self.working:
            return
        secret = self.field.text()
        if not secret:
            self.message.setText(
                "Please type your passphrase."
                if not self.recovery_mode
                else "Please type your recovery key."
            )
            return
        self.field.clear()  # the secret lives only in this call from here on
        self._set_busy(True)
        folder, lock, recovery = self.folder, self.folder_lock, self.recovery_mode
        self._cancel = threading.Event()
        derive = kdf_child.cancellable(self._cancel)
        if recovery:
            self._call = BackgroundCall(
                lambda: vault.unlock_with_recovery_key(folder, secret, folder_lock=lock), self
            )
        else:
            self._call = BackgroundCall(
                lambda: vault.unlock(folder, secret, folder_lock=lock, derive=derive),
                self,
            )
        self._call.succeeded.connect(self._on_unlocked)
        self._call.failed.connect(self._on_failed)
        self._call.start()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.field.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.switch_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy and not self.recovery_mode)
        if busy:
            self.message.setText("")

    def _finish_call(self) -> None:
        if self._call is not None:
            self._call.deleteLater()
        self._call = None
        self._set_busy(False)

    def _on_unlocked(self, opened: vault.Vault) -> None:
        recovery = self.recovery_mode
        self._finish_call()
        self.unlocked.emit(opened, recovery)

    def _on_failed(self, error: Exception) -> None:
        self._finish_call()
        if isinstance(error, _DAMAGED):
            self.message.setText(
                f"{error}\n\nYour journal's files have not been changed. You can try again, "
                "use your recovery key instead, or restore a backup."
            )
            self.restore_button.show()
        elif isinstance(error, JournalError):
            self.message.setText(str(error))
        else:
            self.message.setText(
                "Something unexpected stopped the journal from opening. Nothing has been "
                f"changed. ({type(error).__name__})"
            )
        if isinstance(error, WrongPassphrase) or not isinstance(error, _DAMAGED):
            self.field.selectAll()
        self.field.setFocus()

    def offer_restore(self) -> None:
        """Asked for from the open journal's menu: the journal itself is fine."""
        self.restore_button.show()
        self.message.setText(
            "Type the passphrase the backup was made with, then choose “Restore from a "
            "backup…”. Or type your passphrase and press Enter to open your journal as it is."
        )

    def restore_backup(self) -> None:
        """Put a checked backup in the journal's place; the old folder is kept aside."""
        if self.working:
            return
        secret = self.field.text()
        if not secret:
            what = "recovery key" if self.recovery_mode else "passphrase"
            self.message.setText(
                f"First type the {what} that opened the journal when the backup was made, "
                "then choose “Restore from a backup…” again."
            )
            return
        backup = restore.choose_backup(self)
        if backup is None or not dialogs.confirm(
            self,
            "Restore from a backup",
            "The backup will be checked first, then become your journal. Your current "
            "journal folder is not deleted: it is kept beside the new one, renamed, in case "
            "you need it later.",
            "Restore",
            "Cancel",
        ):
            return
        self.field.clear()
        self._set_busy(True)
        work = restore.replace_journal(
            self.folder, self.folder_lock, backup, secret, self.recovery_mode
        )
        self._call = BackgroundCall(work, self)
        self._call.succeeded.connect(self._on_unlocked)
        self._call.failed.connect(self._on_failed)
        self._call.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.working:
            event.ignore()  # the journal is opening; closing now would strand it
            return
        super().closeEvent(event)
