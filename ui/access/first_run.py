"""First run: a welcome, a passphrase, and the recovery key shown once — or, on a new
computer, the journal restored from a backup (``ui.access.restore.RestorePage``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, vault
from app.errors import JournalError
from app.vault import kdf_child
from app.vault.folder_lock import FolderLock
from app.vault.kdf import KdfParams
from ui.access.passphrase_form import PassphraseForm
from ui.access.restore import RestorePage
from ui.common.background import BackgroundCall
from ui.common.widgets import busy_bar, centred_column
from ui.paper.printing import print_recovery_sheet

WELCOME = (
    "Integration Journal is a private place to write the story of your sessions, reflect on "
    "them with questions you choose, and turn what you learn into small steps. Everything you "
    "write stays on this computer, encrypted, and opens only with your passphrase."
)


def _page(*widgets: QWidget) -> QWidget:
    """A centred column that scrolls rather than squeezes on a small screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(centred_column(*widgets))
    return area


def _text(text: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if object_name:
        label.setObjectName(object_name)
    return label


CHOOSE_PAGE, KEY_PAGE, RESTORE_PAGE = 0, 1, 2


class FirstRunWindow(QWidget):
    """Emits ``finished(vault)`` once the journal exists and the key has been kept, or
    ``restored(vault, by_recovery_key)`` once a backup has become the journal."""

    finished = Signal(object)
    restored = Signal(object, bool)

    def __init__(
        self,
        folder: Path,
        folder_lock: FolderLock,
        kdf: KdfParams | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.folder = folder
        self.folder_lock = folder_lock
        self.kdf = kdf  # None: calibrated on this machine; tests pass cheap parameters
        self.vault: vault.Vault | None = None
        self._recovery_key = ""
        self._call: BackgroundCall | None = None

        self.restore_button = QPushButton("Restore from a backup…", self)
        self.restore_button.setFlat(True)
        self.restore_button.setAccessibleName("Restore from a backup")
        self.restore_page = RestorePage(folder, folder_lock, self)

        self.form = PassphraseForm("Passphrase", self)
        self.create_button = QPushButton("Create my journal", self)
        self.create_button.setAccessibleName("Create my journal")
        self.busy = busy_bar("Creating your journal", self)
        self.create_message = _text("", "error")
        # The welcome and the passphrase on one page: one step fewer, the cursor ready.
        choose = _page(
            _text(APP_NAME, "heading"),
            _text(WELCOME),
            _text("Choose a passphrase", "heading"),
            _text(
                "A few unrelated words you will remember make a good passphrase. It is never "
                "stored anywhere; without it (or the recovery key you get next) the journal "
                "can't be opened by anyone, including you.",
                "hint",
            ),
            self.form,
            self.create_button,
            self.busy,
            self.create_message,
            _text("Moving to a new computer? You can bring your journal from a backup.", "hint"),
            self.restore_button,
        )

        self.key_label = QLabel("", self)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(13)
        mono.setWeight(QFont.Weight.DemiBold)
        self.key_label.setFont(mono)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAccessibleName("Recovery key")
        self.print_button = QPushButton("Print recovery sheet", self)
        self.print_button.setAccessibleName("Print recovery sheet")
        self.pdf_button = QPushButton("Save as PDF…", self)
        self.pdf_button.setAccessibleName("Save the recovery sheet as a PDF file")
        # Saying it is kept is what continues: one deliberate click, named for what it means.
        self.continue_button = QPushButton("I have kept it somewhere safe", self)
        self.continue_button.setAccessibleName("I have kept it somewhere safe — continue")
        self.continue_button.setDefault(True)
        key_page = _page(
            _text("Your recovery key", "heading"),
            _text(
                "If you ever forget your passphrase, this key opens your journal. It is shown "
                "only now. Write it down or print it, and keep it somewhere safe and private.",
                "hint",
            ),
            self.key_label,
            self.print_button,
            self.pdf_button,
            self.continue_button,
        )

        self.pages = QStackedWidget(self)
        for page in (choose, key_page, self.restore_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._connect_callbacks()
        self._go(CHOOSE_PAGE)

    def _connect_callbacks(self) -> None:
        self.restore_button.clicked.connect(lambda: self._go(RESTORE_PAGE))
        self.restore_page.back.connect(lambda: self._go(CHOOSE_PAGE))
        self.restore_page.restored.connect(self.restored.emit)
        self.create_button.clicked.connect(self.create_journal)
        self.form.second.returnPressed.connect(self.create_journal)
        self.print_button.clicked.connect(lambda: print_recovery_sheet(self, self._recovery_key))
        self.pdf_button.clicked.connect(self._save_sheet)
        self.continue_button.clicked.connect(self._finish)

    def _save_sheet(self) -> None:
        from app.documents import recovery_sheet
        from ui.common.saved_notice import tell_where_saved
        from ui.paper.printing import save_pdf

        path = save_pdf(self, recovery_sheet(self._recovery_key), "recovery-sheet.pdf")
        if path is not None:
            tell_where_saved(self, path)

    def _go(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        if index == CHOOSE_PAGE:
            self.form.first.setFocus()
        elif index == 3:
            self.restore_page.choose_button.setFocus()

    def create_journal(self) -> None:
        if self._call is not None:
            return
        passphrase = self.form.accepted_passphrase()
        if passphrase is None:
            return
        self.form.wipe()
        self.create_button.setEnabled(False)
        self.form.setEnabled(False)
        self.busy.show()
        folder, lock, kdf = self.folder, self.folder_lock, self.kdf

        def work() -> tuple[str, vault.Vault]:
            recovery_key = vault.create(folder, passphrase, kdf=kdf, folder_lock=lock)
            return recovery_key, vault.unlock(
                folder, passphrase, folder_lock=lock, derive=kdf_child.derive
            )

        self._call = BackgroundCall(work, self)
        self._call.succeeded.connect(self._on_created)
        self._call.failed.connect(self._on_failed)
        self._call.start()

    def _end_call(self) -> None:
        if self._call is not None:
            self._call.deleteLater()
        self._call = None
        self.busy.hide()
        self.create_button.setEnabled(True)
        self.form.setEnabled(True)

    def _on_created(self, result: tuple[str, vault.Vault]) -> None:
        self._end_call()
        self._recovery_key, self.vault = result
        self.key_label.setText(self._recovery_key)
        self._go(KEY_PAGE)

    def _on_failed(self, error: Exception) -> None:
        self._end_call()
        detail = str(error) if isinstance(error, JournalError) else type(error).__name__
        self.create_message.setText(f"The journal could not be created. {detail}")

    def _finish(self) -> None:
        if self.vault is None:
            return
        self._recovery_key = ""
        self.key_label.clear()
        opened, self.vault = self.vault, None
        self.finished.emit(opened)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._call is not None or self.restore_page.working:
            event.ignore()
            return
        if self.vault is not None:
            self.vault.lock()
            self.vault = None
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return does what the page's main button does (a plain window has no default
        button of its own, unlike a dialog)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            button = self.continue_button if self.pages.currentIndex() == KEY_PAGE else None
            if button is not None and button.isVisible():
                button.click()
                return
        super().keyPressEvent(event)
