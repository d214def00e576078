"""The Intention card above a session's tabs.

Before the session (its date is today or still to come) it invites the client to write
what they bring to it; afterwards it shows what they wrote, quietly, and can be folded
away. The words are the session's ``intention`` — the same field as in the header, saved
through the header's path, so there is one place it is stored.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.journal.model import Session
from ui.common.widgets import hint_label

INVITATION = (
    "Before this session: what would you like to bring to it? A word, a question, a hope — "
    "whatever is true for you. You'll see it again here afterwards."
)


class IntentionCard(QFrame):
    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intention")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Intention card")
        self.title = QLabel("Intention", self)  # quiet: bold body text, not a heading
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.fold_button = QToolButton(self)
        self.fold_button.setCheckable(True)
        self.fold_button.setText("Hide")
        self.fold_button.setAccessibleName("Hide the intention")
        self.invitation = hint_label(INVITATION, self)
        self.field = QLineEdit(self)
        self.field.setAccessibleName("Intention for this session")
        self.field.setPlaceholderText("What I bring to this session…")
        self.shown_text = QLabel("", self)
        self.shown_text.setWordWrap(True)
        self.shown_text.setTextFormat(Qt.TextFormat.PlainText)
        self.shown_text.setAccessibleName("Your intention")
        self.shown_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.fold_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.invitation)
        layout.addWidget(self.field)
        layout.addWidget(self.shown_text)
        self.upcoming = False
        self.folded = False  # remembered while the app runs, for every session
        self.field.textEdited.connect(self.edited)
        self.fold_button.toggled.connect(self._fold)
        self.hide()

    def show_for(self, session: Session | None, today: dt.date) -> None:
        if session is None:
            self.wipe()
            return
        self.upcoming = session.held_on >= today
        if self.upcoming:
            self.title.setText("Intention")
            self.field.setText(session.intention)
            self.field.setModified(False)
            self.shown_text.clear()
        elif session.intention.strip():
            self.title.setText("Your intention for this session")
            self.shown_text.setText(session.intention)
            self.field.setText("")
        else:
            self.wipe()
            return
        self.fold_button.setVisible(not self.upcoming)
        self._apply_fold()
        self.show()

    def set_text(self, text: str) -> None:
        """The header's intention field changed: keep the card in step."""
        if self.upcoming:
            if self.field.text() != text:
                self.field.setText(text)
        elif self.isVisible():
            self.shown_text.setText(text)

    def _fold(self, folded: bool) -> None:
        self.folded = folded
        self._apply_fold()

    def _apply_fold(self) -> None:
        folded = self.folded and not self.upcoming
        self.fold_button.blockSignals(True)
        self.fold_button.setChecked(folded)
        self.fold_button.blockSignals(False)
        self.fold_button.setText("Show" if folded else "Hide")
        self.fold_button.setAccessibleName("Show the intention" if folded else "Hide the intention")
        self.invitation.setVisible(self.upcoming)
        self.field.setVisible(self.upcoming)
        self.shown_text.setVisible(not self.upcoming and not folded)

    def wipe(self) -> None:
        self.field.setText("")  # setText, not clear(): it also empties the undo history
        self.field.setModified(False)
        self.shown_text.clear()
        self.hide()
