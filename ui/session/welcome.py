"""What the centre of the main window shows before there is any session: one calm
invitation and one way to begin, instead of a title, a date and tabs that can't be used
yet (typing there went nowhere, or into the wrong field)."""

from __future__ import annotations

import datetime as dt
from typing import cast

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.common.widgets import hint_label

INVITATION = "Welcome. This journal is yours, and it stays on this computer."
COLUMN_WIDTH = 620
HINT = (
    "When you'd like to, begin with a session: only its date is needed, and you can "
    "change it later. You can write as much or as little as you want, whenever you want."
)


class Welcome(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(INVITATION, self)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.hint = hint_label(HINT, self)
        self.date_edit = QDateEdit(QDate.currentDate(), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setAccessibleName("Date of the session")
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        self.begin_button = QPushButton("Begin a session", self)
        self.begin_button.setAccessibleName("Begin a session")
        self.begin_button.setDefault(True)
        column = QWidget(self)
        column.setMaximumWidth(COLUMN_WIDTH)  # lines short enough to read at a glance
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        row = QHBoxLayout()
        row.addWidget(QLabel("The session was on", self))
        row.addWidget(self.date_edit)
        row.addWidget(self.begin_button)
        row.addStretch(1)
        layout.addLayout(row)
        # Centred by stretches, not by an alignment flag: an aligned widget gets only its
        # size hint's width, and the wrapped heading and hint were cut to one clipped line.
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(column, 4)
        centred.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 48)
        outer.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)

    def chosen_date(self) -> dt.date:
        """The date beside "Begin a session": the new session's, no dialog needed."""
        return cast(dt.date, self.date_edit.date().toPython())

    def stand_in(self, empty: bool, *parts: QWidget) -> None:
        """With no session, the welcome stands in for ``parts`` (the header and the tabs):
        they are hidden and disabled, so no typing can land in them."""
        self.setVisible(empty)
        if empty:
            self.reset()
        for part in parts:
            part.setVisible(not empty)
            part.setEnabled(not empty)

    def reset(self) -> None:
        """Today's date again. The keyboard is not put on "Begin a session": a space typed
        by mistake would begin one."""
        self.date_edit.setDate(QDate.currentDate())
