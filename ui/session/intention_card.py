"""The Intention card above a session's tabs: the one place the session's intention is
shown and written.

It knows before from after by the session's date: before, it invites the client to write
what they bring; on the day it asks without presuming which side of the session they are
on; afterwards it shows what they wrote. It can always be folded away. The words are the
session's ``intention``, saved through the header's path (a field the header keeps hidden),
so there is one place it is stored.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
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

BEFORE = (
    "Before this session: what would you like to bring to it? A word, a question, a hope — "
    "whatever is true for you. You'll see it again here afterwards."
)
ON_THE_DAY = (
    "An intention for today's session, if you have one or had one: a word, a question, "
    "a hope. It stays here for afterwards."
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
        self.invitation = hint_label(BEFORE, self)
        self.field = QLineEdit(self)
        self.field.setAccessibleName("Intention for this session")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.fold_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.invitation)
        layout.addWidget(self.field)
        self.when = "before"  # "before", "today" or "after": from the session's date
        self.folded = False  # remembered while the app runs, for every session
        self.field.textEdited.connect(self.edited)
        self.fold_button.toggled.connect(self._fold)
        self.hide()

    @property
    def upcoming(self) -> bool:
        return self.when != "after"

    def show_for(self, session: Session | None, today: dt.date) -> None:
        if session is None:
            self.wipe()
            return
        self.field.setText(session.intention)
        self.field.setModified(False)
        self.set_day(session.held_on, today)
        self.show()

    def set_day(self, held_on: dt.date, today: dt.date) -> None:
        """Before, on the day, or after: the words follow the session's date, also when
        the date is changed in the header."""
        if held_on > today:
            self.when = "before"
        else:
            self.when = "today" if held_on == today else "after"
        self.invitation.setText(BEFORE if self.when == "before" else ON_THE_DAY)
        after = self.when == "after"
        self.title.setText("Your intention for this session" if after else "Intention")
        self.field.setPlaceholderText(
            "An intention you had, if any" if after else "What I bring to this session…"
        )
        self._apply_fold()

    def set_text(self, text: str) -> None:
        """The session's intention changed elsewhere: keep the card in step."""
        if self.field.text() != text:
            self.field.setText(text)

    def _fold(self, folded: bool) -> None:
        self.folded = folded
        self._apply_fold()

    def _apply_fold(self) -> None:
        self.fold_button.blockSignals(True)
        self.fold_button.setChecked(self.folded)
        self.fold_button.blockSignals(False)
        self.fold_button.setText("Show" if self.folded else "Hide")
        self.fold_button.setAccessibleName(
            "Show the intention" if self.folded else "Hide the intention"
        )
        self.invitation.setVisible(self.when != "after" and not self.folded)
        self.field.setVisible(not self.folded)

    def wipe(self) -> None:
        self.field.setText("")  # setText, not clear(): it also empties the undo history
        self.field.setModified(False)
        self.hide()
