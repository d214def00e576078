"""Restoring a backup, for the unlock window and for the first run on a new computer.

Both choose the file the same way and do the same work off the GUI thread: the backup is
checked in full (archive, key, every page) before anything is put in the journal's place.
The unlock window replaces a journal that no longer opens (the old folder is kept aside);
the first-run window restores into the new, empty journal folder (``RestorePage``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import vault
from app.errors import JournalError
from app.vault import kdf_child
from app.vault.folder_lock import FolderLock
from ui.common import dialogs
from ui.common.background import BackgroundCall
from ui.common.widgets import busy_bar, centred_column

BACKUP_FILTER = "Journal backups (*.ijbackup);;All files (*)"
# A string, so importing this module (with the unlock window) loads no journal code.
Work = Callable[[], "vault.Vault"]


def choose_backup(parent: QWidget) -> Path | None:
    path = dialogs.ask_open_file(parent, "Choose a backup", BACKUP_FILTER)
    return Path(path) if path else None


def replace_journal(
    folder: Path, lock: FolderLock, backup: Path, secret: str, by_recovery_key: bool
) -> Work:
    """The journal at ``folder`` becomes the checked backup; the old folder is kept aside."""

    def work() -> vault.Vault:
        if by_recovery_key:
            vault.replace_from_backup(folder, backup, lock, recovery_key=secret)
            return vault.unlock_with_recovery_key(folder, secret, folder_lock=lock)
        vault.replace_from_backup(folder, backup, lock, passphrase=secret)
        return vault.unlock(folder, secret, folder_lock=lock, derive=kdf_child.derive)

    return work


def into_new_journal(
    folder: Path, lock: FolderLock, backup: Path, secret: str, by_recovery_key: bool
) -> Work:
    """The checked backup becomes the journal in the new, empty ``folder``, opened."""

    def work() -> vault.Vault:
        if by_recovery_key:
            return vault.restore(backup, folder, recovery_key=secret, folder_lock=lock)
        return vault.restore(backup, folder, passphrase=secret, folder_lock=lock)

    return work


def failure_text(error: Exception) -> str:
    if isinstance(error, JournalError):
        return f"The backup was not restored. {error} Nothing has been put in place."
    return (
        "Something unexpected stopped the restore. Nothing has been put in place. "
        f"({type(error).__name__})"
    )


def _label(text: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if object_name:
        label.setObjectName(object_name)
    return label


class RestorePage(QWidget):
    """First run on a new computer: a backup file and its passphrase or recovery key.

    Emits ``restored(vault, by_recovery_key)`` once the journal is in place and open, and
    ``back`` when the client would rather make a new journal.
    """

    restored = Signal(object, bool)
    back = Signal()

    def __init__(
        self, folder: Path, folder_lock: FolderLock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.folder_lock = folder_lock
        self.backup: Path | None = None
        self.recovery_mode = False
        self._call: BackgroundCall | None = None

        self.choose_button = QPushButton("Choose the backup file…", self)
        self.choose_button.setAccessibleName("Choose the backup file")
        self.file_label = _label("No backup chosen yet.", "hint")
        self.file_label.setAccessibleName("Chosen backup")
        self.prompt = _label("The passphrase your journal had when the backup was made:")
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Passphrase")
        self.field.setMinimumWidth(320)
        self.switch_box = QCheckBox("Use the recovery key instead", self)
        self.switch_box.setAccessibleName("Use the recovery key instead")
        self.restore_button = QPushButton("Restore my journal", self)
        self.restore_button.setAccessibleName("Restore my journal")
        self.busy = busy_bar("Checking and restoring the backup", self)
        self.message = _label("", "error")
        self.message.setAccessibleName("Message")
        self.back_button = QPushButton("Back", self)
        self.back_button.setFlat(True)
        self.back_button.setAccessibleName("Back")

        column = centred_column(
            _label("Restore from a backup", "heading"),
            _label(
                "Bring your journal to this computer from a backup file (it ends in "
                ".ijbackup). The backup is checked in full before anything is put in place.",
                "hint",
            ),
            self.choose_button,
            self.file_label,
            self.prompt,
            self.field,
            self.switch_box,
            self.restore_button,
            self.busy,
            self.message,
            self.back_button,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(column)
        self.choose_button.clicked.connect(self.choose)
        self.switch_box.toggled.connect(self._set_recovery_mode)
        self.restore_button.clicked.connect(self.start_restore)
        self.field.returnPressed.connect(self.start_restore)
        self.back_button.clicked.connect(self.back.emit)

    @property
    def working(self) -> bool:
        return self._call is not None

    def choose(self) -> None:
        chosen = choose_backup(self)
        if chosen is not None:
            self.backup = chosen
            self.file_label.setText(chosen.name)
            self.message.clear()
            self.field.setFocus()

    def _set_recovery_mode(self, on: bool) -> None:
        self.recovery_mode = on
        self.field.clear()
        if on:
            self.prompt.setText("The recovery key you kept when you made the journal:")
            self.field.setEchoMode(QLineEdit.EchoMode.Normal)
            self.field.setAccessibleName("Recovery key")
            self.field.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        else:
            self.prompt.setText("The passphrase your journal had when the backup was made:")
            self.field.setEchoMode(QLineEdit.EchoMode.Password)
            self.field.setAccessibleName("Passphrase")
            self.field.setPlaceholderText("")
        self.field.setFocus()

    def start_restore(self) -> None:
        if self.working:
            return
        secret = self.field.text()
        if self.backup is None:
            self.message.setText("First choose the backup file.")
            return
        if not secret:
            what = "recovery key" if self.recovery_mode else "passphrase"
            self.message.setText(f"Please type the {what} that opens this backup.")
            return
        self.field.clear()  # the secret lives only in the work from here on
        self._set_busy(True)
        work = into_new_journal(
            self.folder, self.folder_lock, self.backup, secret, self.recovery_mode
        )
        self._call = BackgroundCall(work, self)
        self._call.succeeded.connect(self._on_restored)
        self._call.failed.connect(self._on_failed)
        self._call.start()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.field, self.restore_button, self.choose_button, self.back_button):
            widget.setEnabled(not busy)
        self.switch_box.setEnabled(not busy)
        if busy:
            self.message.clear()

    def _end_call(self) -> None:
        if self._call is not None:
            self._call.deleteLater()
        self._call = None
        self._set_busy(False)

    def _on_restored(self, opened: vault.Vault) -> None:
        self._end_call()
        self.restored.emit(opened, self.recovery_mode)

    def _on_failed(self, error: Exception) -> None:
        self._end_call()
        self.message.setText(failure_text(error))
        self.field.setFocus()
