"""Small dialogs about sessions: a new session asks only for its date."""

from __future__ import annotations

import datetime as dt
from typing import cast

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.common import dialogs


class NewSessionDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New session")
        self.date_edit = QDateEdit(QDate.currentDate(), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setAccessibleName("Date of the session")
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add session")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("When was the session? Everything else can come later.", self))
        layout.addWidget(self.date_edit)
        layout.addWidget(buttons)

    def chosen_date(self) -> dt.date:
        # toPython() is typed as object; a QDate always gives a date.
        return cast(dt.date, self.date_edit.date().toPython())


def ask_session_date(parent: QWidget | None) -> dt.date | None:
    """The date for a new session, or None if the client changed their mind.

    Tests answer with ``dialogs.answer_next(a_date)`` (or ``None`` to cancel).
    """
    dialog = NewSessionDialog(parent)
    try:
        result = dialogs.run_modal(dialog)
        if isinstance(result, dt.date):
            return result
        if result == QDialog.DialogCode.Accepted.value:
            return dialog.chosen_date()
        return None
    finally:
        dialog.deleteLater()
