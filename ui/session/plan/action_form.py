"""The look of one action: its fields and buttons, laid out, named and in reading order.

``ActionEditor`` adds the behaviour; this class only builds and labels the widgets.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.journal.model import Action, ActionStatus
from ui.session.plan.action_choices import ChoiceBox, Choices, QuietWheelBox


class ActionForm(QFrame):
    def __init__(self, a: Action, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("action")
        self.caption = QLabel()
        self.caption.setObjectName("hint")
        self.what = QLineEdit(a.what)
        self.what.setPlaceholderText("A step you might take")
        self.cue = QLineEdit(a.cue)
        self.cue.setPlaceholderText("When, or: if … then I will …")
        self.how_often = ChoiceBox(choices.how_often, a.how_often, "How often?")
        self.with_whom = ChoiceBox(choices.names, a.with_whom, "On your own, or with…")
        self.first_step = QLineEdit(a.first_step)
        self.first_step.setPlaceholderText("The very first small step")
        self.status = QuietWheelBox()
        for status in ActionStatus:
            self.status.addItem(status.label, status.value)
        self.status.setCurrentIndex(self.status.findData(ActionStatus(a.status).value))
        self.look_check = QCheckBox("Look again on")
        self.look_check.setChecked(a.look_again is not None)
        self.look_date: QDateEdit | None = None  # made when first needed: most have none
        self.done_button = QPushButton("I did this")
        self.let_go_button = QPushButton("Let go")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.delete_button = QPushButton("Delete")
        for button in self.buttons():
            button.setAutoDefault(False)
        self._lay_out()
        if a.look_again is not None:
            self.make_date(a.look_again)

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 4, 0, 4)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.caption, 0, 0, 1, 4)
        for row, (text, field) in enumerate(
            [("What", self.what), ("When", self.cue), ("How often", self.how_often),
             ("First small step", self.first_step), ("Status", self.status)],
            start=1,
        ):  # fmt: skip
            self._label(grid, text, field, row, 0)
            wide = field in (self.what, self.cue, self.first_step)
            grid.addWidget(field, row, 1, 1, 3 if wide else 1)
        self._label(grid, "With whom", self.with_whom, 3, 2)
        grid.addWidget(self.with_whom, 3, 3)
        self._look_row = QHBoxLayout()
        self._look_row.setSpacing(12)
        self._look_row.addWidget(self.look_check)
        self._look_row.addStretch(1)
        grid.addLayout(self._look_row, 5, 2, 1, 2)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 4, 0, 0)
        buttons.setSpacing(8)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.let_go_button)
        buttons.addStretch(1)
        for button in (self.up_button, self.down_button, self.delete_button):
            buttons.addWidget(button)
        grid.addLayout(buttons, 6, 0, 1, 4)

    @staticmethod
    def _label(grid: QGridLayout, text: str, buddy: QWidget, row: int, column: int) -> None:
        label = QLabel(text)
        label.setBuddy(buddy)
        grid.addWidget(label, row, column)

    def make_date(self, day: dt.date) -> QDateEdit:
        """The "look again on" date, made the first time it is needed."""
        self.look_date = QDateEdit(QDate(day.year, day.month, day.day))
        self.look_date.setCalendarPopup(True)
        self.look_date.setDisplayFormat("d MMM yyyy")
        self.look_date.setFont(self.what.font())
        self._look_row.insertWidget(1, self.look_date)
        return self.look_date

    def buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.done_button,
            self.let_go_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        )

    def focus_chain(self) -> list[QWidget]:
        """The controls in reading order, for the tab's tab order."""
        fields: list[QWidget] = [self.what, self.cue, self.how_often, self.with_whom]
        fields += [self.first_step, self.status, self.look_check]
        if self.look_date is not None:
            fields.append(self.look_date)
        return fields + list(self.buttons())

    def name_controls(self, number: int, insight_number: int) -> None:
        """Accessible names that say which action of which insight each control is for."""
        of = f"action {number} of insight {insight_number}"
        for widget, name in (
            (self.what, f"What, {of}"),
            (self.cue, f"When, or if … then, {of}"),
            (self.how_often, f"How often, {of}"),
            (self.with_whom, f"With whom, {of}"),
            (self.first_step, f"First small step, {of}"),
            (self.status, f"Status, {of}"),
            (self.look_check, f"Look again, {of}"),
            (self.done_button, f"I did {of}"),
            (self.let_go_button, f"Let go of {of}"),
            (self.up_button, f"Move {of} up"),
            (self.down_button, f"Move {of} down"),
            (self.delete_button, f"Delete {of}"),
        ):
            widget.setAccessibleName(name)
        for combo in (self.how_often, self.with_whom):
            combo.edit().setAccessibleName(combo.accessibleName())
        if self.look_date is not None:
            self.look_date.setAccessibleName(f"Look again on, {of}")
            inner = self.look_date.findChild(QLineEdit)
            if inner is not None:
                inner.setAccessibleName(self.look_date.accessibleName())

    def set_text_size(self, points: int) -> None:
        """The fields are writing, so they follow the text size; labels and buttons don't."""
        font = QFont(self.font())
        font.setPointSize(points)
        fields: list[QWidget] = [self.what, self.cue, self.first_step, self.status]
        fields += [self.how_often, self.how_often.edit()]
        fields += [self.with_whom, self.with_whom.edit()]
        for field in fields if self.look_date is None else [*fields, self.look_date]:
            field.setFont(font)
