"""What the centre of the main window shows before there is any session: one calm
invitation and one way to begin, instead of a title, a date and tabs that can't be used
yet (typing there went nowhere, or into the wrong field)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui.common.widgets import hint_label

INVITATION = "Welcome. This journal is yours, and it stays on this computer."
HINT = (
    "When you'd like to, begin with a session: only its date is needed. "
    "You can write as much or as little as you want, whenever you want."
)


class Welcome(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(INVITATION, self)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.hint = hint_label(HINT, self)
        self.begin_button = QPushButton("Begin a session", self)
        self.begin_button.setAccessibleName("Begin a session")
        self.begin_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(14)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.begin_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(2)
