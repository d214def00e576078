"""Above the tabs: which session this is, its optional title, date, intention and setting."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.journal.model import Session


class SessionHeader(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("", self)
        self.heading.setObjectName("heading")
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("A title, if you like")
        self.title.setAccessibleName("Session title")
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setAccessibleName("Session date")
        self.details_button = QToolButton(self)
        self.details_button.setText("Setting")
        self.details_button.setCheckable(True)
        self.details_button.setAccessibleName("Show the setting")
        # The intention is written in its own card above the tabs; this field only carries
        # it to the session record, never shown (so it appears once, and takes no typing).
        self.intention = QLineEdit(self)
        self.intention.setAccessibleName("Intention")
        self.intention.hide()
        self.setting = QLineEdit(self)
        self.setting.setPlaceholderText("Where were you, who was there, what music?")
        self.setting.setAccessibleName("Setting notes")
        self.details = QWidget(self)
        details_form = QFormLayout(self.details)
        details_form.setContentsMargins(0, 0, 0, 0)
        details_form.addRow("Setting", self.setting)
        self.details.hide()

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.title, 1)
        top.addWidget(self.date)
        top.addWidget(self.details_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 0)
        layout.addLayout(top)
        layout.addWidget(self.details)
        self._loading = False
        for field in (self.title, self.intention, self.setting):
            field.textEdited.connect(self._changed)
        self.date.dateChanged.connect(self._changed)
        self.details_button.toggled.connect(self.details.setVisible)

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def show_session(self, session: Session) -> None:
        self._loading = True
        try:
            self.heading.setText(f"Session {session.number}")
            self.title.setText(session.title)
            self.date.setDate(
                QDate(session.held_on.year, session.held_on.month, session.held_on.day)
            )
            self.intention.setText(session.intention)
            self.setting.setText(session.setting)
            self.details_button.setChecked(bool(session.setting))
        finally:
            self._loading = False
        self.setEnabled(True)

    def apply_to(self, session: Session) -> Session:
        session.title = self.title.text().strip()
        session.held_on = self.date.date().toPython()  # type: ignore[assignment]
        session.intention = self.intention.text()
        session.setting = self.setting.text()
        return session

    def wipe(self) -> None:
        self._loading = True
        try:
            self.heading.clear()
            for field in (self.title, self.intention, self.setting):
                field.clear()
                field.setModified(False)
            self.date.setDate(QDate.currentDate())
        finally:
            self._loading = False
        self.setEnabled(False)
