"""The check-in part of the Reflection tab: a session's dated check-ins, each saved as it
changes, and a button to add one for this moment."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.errors import JournalError
from app.journal import Journal
from app.journal.model import CheckIn
from ui.common import dialogs
from ui.common.autosave import Autosaver
from ui.common.widgets import heading, hint_label
from ui.session.reflection.card_section import card_section
from ui.session.reflection.checkin_form import CheckInForm


class ReflectionCheckIns(QWidget):
    layout_changed = Signal()  # forms came or went: the tab order needs redoing
    focus_wanted = Signal(QWidget)  # a new form: show it and put the cursor there

    def __init__(self, autosaver: Autosaver, text_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.autosaver = autosaver
        self.text_size = text_size
        self.journal: Journal | None = None
        self.session_id: int | None = None
        self.forms: list[CheckInForm] = []

        self.heading = heading("Check in with this moment", self)
        self.intro = hint_label(
            "Notice what is here right now, whatever it is. Fill in as much or as little as "
            "you like; each check-in keeps its date and time.",
            self,
        )
        self.forms_layout, self.add_button = card_section(
            self, (self.heading, self.intro), "Add a check-in", "Start a check-in dated now"
        )
        self.add_button.clicked.connect(self.add_checkin)

    def load(self, journal: Journal, session_id: int) -> None:
        self.clear()
        self.journal, self.session_id = journal, session_id
        for checkin in journal.checkins(session_id):
            self._add_form(checkin)
        self.layout_changed.emit()

    def clear(self) -> None:
        for form in self.forms:
            self.autosaver.discard(("checkin", form.checkin.id))
            self._drop(form)
        self.forms.clear()
        self.journal = self.session_id = None

    def set_text_size(self, points: int) -> None:
        self.text_size = points
        for form in self.forms:
            form.set_text_size(points)

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for form in self.forms:
            chain.extend(form.focus_chain())
        return [*chain, self.add_button]

    def add_checkin(self) -> None:
        if self.journal is None or self.session_id is None:
            return
        now = dt.datetime.now().replace(second=0, microsecond=0)
        try:
            checkin = self.journal.save_checkin(CheckIn(checked_at=now, session_id=self.session_id))
        except JournalError as error:
            dialogs.warn(
                self,
                "Check-in not added",
                f"The check-in couldn't be added: {error}. Nothing else has changed.",
            )
            return
        form = self._add_form(checkin)
        self.layout_changed.emit()
        self.focus_wanted.emit(form.chips[0])

    def _add_form(self, checkin: CheckIn) -> CheckInForm:
        form = CheckInForm(checkin, self.text_size, self)
        self.forms_layout.addWidget(form)
        self.forms.append(form)
        form.changed.connect(lambda f=form: self._schedule(f))
        form.remove_requested.connect(lambda f=form: self._remove(f))
        return form

    def _schedule(self, form: CheckInForm) -> None:
        journal = self.journal
        if journal is None or form.retired:
            return

        def save() -> None:
            if not form.retired:  # reads what the form says when the save runs
                journal.save_checkin(form.value())

        self.autosaver.schedule(("checkin", form.checkin.id), save)

    def _remove(self, form: CheckInForm) -> None:
        if self.journal is None:
            return
        if not form.is_blank() and not dialogs.confirm(
            self,
            "Remove this check-in?",
            f"Remove the check-in of {form.when.text()}? What it holds will be deleted.",
            "Remove check-in",
            "Keep it",
        ):
            return
        self.autosaver.discard(("checkin", form.checkin.id))
        try:
            self.journal.delete_checkin(form.checkin.id)
        except JournalError as error:
            dialogs.warn(
                self,
                "Check-in not removed",
                f"The check-in couldn't be removed: {error}. It is still here.",
            )
            self._schedule(form)  # keep saving what it holds
            return
        self.forms.remove(form)
        self._drop(form)
        self.layout_changed.emit()
        self.add_button.setFocus()

    def _drop(self, form: CheckInForm) -> None:
        form.retire()
        self.forms_layout.removeWidget(form)
        form.hide()  # stays a child (no window of its own) until deleted
        form.deleteLater()
