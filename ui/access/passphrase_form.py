"""Choosing a passphrase: typed twice, with a strength hint in plain words (zxcvbn)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QWidget

from ui.common import dialogs

# zxcvbn grows slowly with length; the first 100 characters say all that matters.
_ESTIMATE_LIMIT = 100
_HINTS = {
    0: "Very easy to guess. Several unrelated words together are stronger and easier to remember.",
    1: "Easy to guess. Try adding a few more unrelated words.",
    2: "Fair. Another word or two would make it much stronger.",
    3: "Good.",
    4: "Strong.",
}


def strength(passphrase: str) -> int:
    from zxcvbn import zxcvbn  # its word lists load on first use, not at start-up

    return int(zxcvbn(passphrase[:_ESTIMATE_LIMIT])["score"])


class PassphraseForm(QWidget):
    changed = Signal()

    def __init__(self, first_label: str = "Passphrase", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(first_label)
        self.second = QLineEdit(self)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName("Type it again")
        self.show_box = QCheckBox("Show what I type", self)
        self.show_box.setAccessibleName("Show what I type")
        self.hint = QLabel("", self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("Passphrase strength")
        self.problem = QLabel("", self)
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)

        for field in (self.first, self.second):
            field.setMinimumHeight(30)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(first_label, self.first)
        form.addRow("Type it again", self.second)
        form.addRow("", self.show_box)
        form.addRow("", self.hint)
        form.addRow("", self.problem)

        self.first.textChanged.connect(self._update_hint)
        self.first.textChanged.connect(self.changed)
        self.second.textChanged.connect(self.changed)
        self.show_box.toggled.connect(self._show)

    def _show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def _update_hint(self, text: str) -> None:
        self.hint.setText(_HINTS[strength(text)] if text else "")
        self.problem.clear()

    def accepted_passphrase(self) -> str | None:
        """The passphrase if it can be used (after a warning when it is weak), else None."""
        first, second = self.first.text(), self.second.text()
        if not first:
            self.problem.setText("Please choose a passphrase.")
            return None
        if first != second:
            self.problem.setText("The two don't match yet. Please type them again.")
            return None
        if strength(first) < 3 and not dialogs.confirm(
            self,
            "A weak passphrase",
            "This passphrase would be easy for someone else to guess. Anyone who has your "
            "computer could then read your journal. You can use it anyway, or choose a "
            "stronger one.",
            "Use it anyway",
            "Choose another",
        ):
            return None
        return first

    def wipe(self) -> None:
        self.first.clear()
        self.second.clear()
        self.hint.clear()
        self.problem.clear()
