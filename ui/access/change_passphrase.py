"""Changing the passphrase (from Settings, or right after opening with the recovery key)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import vault
from app.errors import JournalError, WrongPassphrase
from app.vault import keyfile
from ui.access.passphrase_form import PassphraseForm
from ui.common import dialogs
from ui.common.background import BackgroundCall
from ui.common.widgets import busy_bar


def show_recovery_key(parent: QWidget | None, key: str) -> None:
    dialogs.inform(
        parent,
        "Your new recovery key",
        f"{key}\n\nWrite it down or print it and keep it somewhere safe, away from this "
        "computer. It is shown only now. Your old recovery key no longer opens this journal.",
    )


def change_passphrase(parent: QWidget | None, opened: vault.Vault, ask_current: bool) -> None:
    """The dialog, then the new recovery key if it re-keyed the journal."""
    dialog = ChangePassphraseDialog(opened, ask_current=ask_current, parent=parent)
    dialogs.run_modal(dialog)
    if dialog.recovery_key:
        show_recovery_key(parent, dialog.recovery_key)
    dialog.deleteLater()


def replace_recovery_key(parent: QWidget | None, opened: vault.Vault) -> None:
    """Settings → New recovery key… (one written down may have been seen or lost)."""
    if not dialogs.confirm(
        parent,
        "New recovery key",
        "A new recovery key replaces the one you have: the old one will no longer open "
        "this journal (it still opens backups made before today).",
        "Make a new recovery key",
        "Cancel",
    ):
        return
    try:
        key = opened.replace_recovery_key()
    except (JournalError, OSError) as error:
        dialogs.warn(parent, "Not changed", f"The recovery key was not changed ({error}).")
        return
    show_recovery_key(parent, key)


class ChangePassphraseDialog(QDialog):
    """``ask_current`` is False after a recovery-key unlock: the key already proved it."""

    def __init__(
        self, opened: vault.Vault, *, ask_current: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change passphrase" if ask_current else "Choose a new passphrase")
        self.vault = opened
        self.ask_current = ask_current
        self._call: BackgroundCall | None = None
        self.recovery_key = ""  # set when a re-keying made a new one, to show once
        self.current = QLineEdit(self)
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setAccessibleName("Current passphrase")
        self.current.setVisible(ask_current)
        self.form = PassphraseForm("New passphrase", self)
        self.rekey_box = QCheckBox("Also give the journal a new key", self)
        self.rekey_box.setAccessibleName("Also give the journal a new key")
        self.rekey_box.setToolTip(
            "Every page is encrypted again under a new key, and you get a new recovery key. "
            "Old key files and old backups then open only what they already held."
        )
        self.busy = busy_bar("Changing the passphrase", self)
        self.message = QLabel("", self)
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Change passphrase")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = (
            "Your recovery key opened the journal. Choose a new passphrase to use from now "
            "on; the recovery key keeps working too."
        )
        if ask_current:
            intro = "Only the key file changes; your writing stays exactly as it is."
            layout.addWidget(QLabel(intro, self))
            layout.addWidget(QLabel("Current passphrase", self))
            layout.addWidget(self.current)
        else:
            label = QLabel(intro, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addWidget(self.form)
        layout.addWidget(self.rekey_box)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        if self._call is not None:
            return
        new = self.form.accepted_passphrase()
        if new is None:
            return
        current = self.current.text()
        if self.ask_current and not current:
            self.message.setText("Please type your current passphrase first.")
            return
        self.current.clear()
        self.form.wipe()
        opened, check, rekey = self.vault, self.ask_current, self.rekey_box.isChecked()

        def work() -> str:
            if check:
                keyfile.unwrap_with_passphrase(vault.read_header(opened.folder), current)
            if rekey:
                return opened.rekey(new)
            opened.change_passphrase(new)
            return ""

        self.busy.show()
        self.buttons.setEnabled(False)
        self._call = BackgroundCall(work, self)
        self._call.succeeded.connect(self._done)
        self._call.failed.connect(self._failed)
        self._call.start()

    def _end(self) -> None:
        if self._call is not None:
            self._call.deleteLater()
        self._call = None
        self.busy.hide()
        self.buttons.setEnabled(True)

    def _done(self, recovery_key: object) -> None:
        self._end()
        self.recovery_key = str(recovery_key or "")
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._end()
        if isinstance(error, WrongPassphrase):
            self.message.setText("The current passphrase isn't right. Nothing was changed.")
        elif isinstance(error, JournalError):
            self.message.setText(f"The passphrase was not changed. {error}")
        else:
            self.message.setText(f"The passphrase was not changed ({type(error).__name__}).")
