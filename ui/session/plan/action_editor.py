"""One action under an insight, with its behaviour: saving, status, moving, deleting.

Every edit schedules a save under ``("action", id)``; the save reads the widgets as they
are when it runs. Done and let-go actions stay in place, only quieter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from app.journal import Journal
from app.journal.model import Action, ActionStatus
from ui.common.autosave import Autosaver
from ui.session.plan.action_choices import Choices
from ui.session.plan.action_form import ActionForm

LOOK_AGAIN_AFTER = dt.timedelta(days=7)  # the date offered when "Look again on" is ticked
QUIET = "QLineEdit, QComboBox, QDateEdit, QLabel, QCheckBox { color: palette(placeholder-text); }"


class ActionEditor(ActionForm):
    move_requested = Signal(object, int)  # (editor, -1 up / +1 down)
    delete_requested = Signal(object)
    date_added = Signal()  # a new control: the tab order needs redoing

    def __init__(
        self,
        action: Action,
        journal: Journal,
        autosaver: Autosaver,
        choices: Choices,
        text_size: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(action, choices, parent)
        self.action = action
        self._journal = journal
        self._autosaver = autosaver
        self._choices = choices
        self._number = self._count = self._insight_number = 0
        self._dirty = False  # an edit is waiting for the autosaver
        self._gone = False  # disposed: the widgets no longer hold the words
        self._snapshot: Action | None = None  # unsaved words kept when disposed mid-edit
        self.set_text_size(text_size)
        self._show_status()
        self._connect_callbacks()

    @property
    def key(self) -> tuple[str, int]:
        return ("action", self.action.id)

    def set_number(self, number: int, count: int, insight_number: int) -> None:
        """Action ``number`` of ``count`` under insight ``insight_number``."""
        self._number, self._count, self._insight_number = number, count, insight_number
        self.name_controls(number, insight_number)
        self.up_button.setEnabled(number > 1)
        self.down_button.setEnabled(number < count)
        self._show_status()

    def _connect_callbacks(self) -> None:
        for edit in (self.what, self.cue, self.first_step):
            edit.textEdited.connect(self._changed)
        for combo in (self.how_often, self.with_whom):
            combo.editTextChanged.connect(self._changed)
        if self.look_date is not None:
            self.look_date.dateChanged.connect(self._changed)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.look_check.toggled.connect(self._look_toggled)
        self.done_button.clicked.connect(lambda: self._set_status(ActionStatus.DONE))
        self.let_go_button.clicked.connect(lambda: self._set_status(ActionStatus.LET_GO))
        self.up_button.clicked.connect(lambda: self.move_requested.emit(self, -1))
        self.down_button.clicked.connect(lambda: self.move_requested.emit(self, 1))
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self))

    def _changed(self) -> None:
        if self._gone:
            return
        self._dirty = True
        self._autosaver.schedule(self.key, self.save)

    def _set_status(self, status: ActionStatus) -> None:
        self.status.setCurrentIndex(self.status.findData(status.value))

    def _status_changed(self) -> None:
        self._show_status()
        self._changed()

    def _look_toggled(self, on: bool) -> None:
        date = self.look_date
        if date is None:
            date = self.make_date(dt.date.today() + LOOK_AGAIN_AFTER)
            date.dateChanged.connect(self._changed)
            self.name_controls(self._number, self._insight_number)
            self.date_added.emit()
        date.setVisible(on)
        self._changed()

    def _show_status(self) -> None:
        status = self.current_status()
        suffix = "" if status.active else f" · {status.label}"
        self.caption.setText(f"{step_name(self._number)}{suffix}")
        # Quick buttons only while the action is open; the status box turns it back.
        self.done_button.setVisible(status.active)
        self.let_go_button.setVisible(status.active)
        quiet = not status.active
        if quiet != (self.styleSheet() == QUIET):
            self.setStyleSheet(QUIET if quiet else "")

    def current_status(self) -> ActionStatus:
        return ActionStatus(self.status.currentData())

    def current(self) -> Action:
        """The action as the widgets show it now."""
        who = self.with_whom.currentText()
        return dataclasses.replace(
            self.action,
            what=self.what.text(),
            cue=self.cue.text(),
            how_often=self.how_often.currentText(),
            with_whom=who,
            person_id=self._choices.person_id(who),
            first_step=self.first_step.text(),
            status=self.current_status(),
            look_again=self._look_again(),
        )

    def _look_again(self) -> dt.date | None:
        if self.look_date is None or not self.look_check.isChecked():
            return None
        day = self.look_date.date().toPython()
        assert isinstance(day, dt.date)
        return day

    def save(self) -> None:
        """What the autosaver runs: the widgets' current values, or the words kept when
        the editor went away before its save ran."""
        action = self._snapshot if self._gone else self.current()
        if action is None:
            return
        self._journal.save_action(action)
        self.action = action
        self._dirty = False
        self._snapshot = None

    def dispose(self, keep_unsaved: bool) -> None:
        """Empty every field (with its undo history). ``keep_unsaved`` lets a pending save
        still write what was typed; otherwise the pending save is dropped."""
        if keep_unsaved and self._dirty:
            self._snapshot = self.current()
        else:
            self._autosaver.discard(self.key)
        self._gone = True
        for edit in (self.what, self.cue, self.first_step):
            edit.setText("")  # setText also clears the undo history
        self.how_often.wipe()
        self.with_whom.wipe()
        inner = None if self.look_date is None else self.look_date.findChild(QLineEdit)
        if inner is not None:  # the date box's own clear() keeps the month and year
            with QSignalBlocker(inner):
                inner.setText("")


def step_name(number: int) -> str:
    """ "A step", then "Another step": a name, not a task number."""
    return "A step" if number == 1 else f"Another step ({number})"
