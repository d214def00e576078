"""One present-moment check-in: emotions to tick, a few words, the body, thoughts and the
senses. A view: ``ReflectionCheckIns`` loads it and saves what it says."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.journal.model import CheckIn
from ui.common.widgets import WritingEdit, hint_label, writing_font
from ui.session.reflection.feelings_picker import FeelingsPicker

# (CheckIn field, label, placeholder): short answers on one line ...
LINES = {
    "emotion_words": ("Other words", "Any other words for what you feel?"),
    "colour": ("Colour", "If this moment had a colour, what might it be?"),
    "sound": ("Sound", "Is there a sound that goes with it?"),
    "texture": ("Texture", "If you could touch it, what would it feel like?"),
    "felt_sense": ("Felt sense", "How would you describe the whole of it, in a word or an image?"),
}
# ... and longer ones that grow as you write.
AREAS = {
    "body_sensations": ("In the body", "What do you notice in your body right now?"),
    "thoughts": ("Thoughts", "Which thoughts are passing through?"),
}
PRIVATE_TEXT = "Keep private — left out of anything printed or shared"


def when_text(moment: dt.datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B %Y}, {moment:%H:%M}"


class CheckInForm(QFrame):
    changed = Signal()  # the client changed something
    remove_requested = Signal()

    def __init__(self, checkin: CheckIn, text_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.checkin = checkin
        self.retired = False
        when = when_text(checkin.checked_at)
        self.setAccessibleName(f"Check-in of {when}")

        self.when = QLabel(when, self)
        self.when.setTextFormat(Qt.TextFormat.PlainText)
        font = self.when.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.when.setFont(font)

        self.feelings_label = hint_label("What are you feeling? Choose any that fit.", self)
        self.picker = FeelingsPicker(checkin, self)
        self.chips = self.picker.chips  # the same list: words added later appear in it

        self.lines: dict[str, QLineEdit] = {}
        self.areas: dict[str, WritingEdit] = {}
        fields = QFormLayout()
        fields.setContentsMargins(0, 6, 0, 0)
        fields.setVerticalSpacing(10)
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_line("emotion_words", fields, text_size)
        for name, (label, placeholder) in AREAS.items():
            area = WritingEdit(label, placeholder, grow=True, text_size=text_size, parent=self)
            area.set_text_quietly(getattr(checkin, name))
            self.areas[name] = area
            fields.addRow(self._label(label, area), area)
        fields.addRow(hint_label("The senses", self))
        for name in ("colour", "sound", "texture", "felt_sense"):
            self._add_line(name, fields, text_size)

        self.private = QCheckBox(PRIVATE_TEXT, self)
        self.private.setAccessibleName("Keep this check-in private")
        self.private.setChecked(checkin.private)
        self.remove_button = QPushButton("Remove this check-in", self)
        self.remove_button.setAccessibleName(f"Remove the check-in of {when}")
        below = QHBoxLayout()
        below.addWidget(self.private, 1)
        below.addWidget(self.remove_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.when)
        layout.addWidget(self.feelings_label)
        layout.addWidget(self.picker)
        layout.addLayout(fields)
        layout.addLayout(below)
        self._connect_callbacks()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _add_line(self, name: str, form: QFormLayout, text_size: int) -> None:
        label, placeholder = LINES[name]
        line = QLineEdit(getattr(self.checkin, name), self)
        line.setPlaceholderText(placeholder)
        line.setAccessibleName(label)
        line.setFont(writing_font(text_size))
        self.lines[name] = line
        form.addRow(self._label(label, line), line)

    def _connect_callbacks(self) -> None:
        self.picker.changed.connect(self.changed)
        for line in self.lines.values():
            line.textEdited.connect(self.changed)
        for area in self.areas.values():
            area.edited.connect(self.changed)
        self.private.toggled.connect(self.changed)
        self.remove_button.clicked.connect(self.remove_requested)

    def value(self) -> CheckIn:
        """The check-in as it stands on screen now."""
        line, area = self.lines, self.areas
        return dataclasses.replace(
            self.checkin,
            emotions=self.picker.chosen(),
            amounts=self.picker.amounts(),
            emotion_words=line["emotion_words"].text(),
            body_sensations=area["body_sensations"].toPlainText(),
            thoughts=area["thoughts"].toPlainText(),
            colour=line["colour"].text(),
            sound=line["sound"].text(),
            texture=line["texture"].text(),
            felt_sense=line["felt_sense"].text(),
            private=self.private.isChecked(),
        )

    def is_blank(self) -> bool:
        now = self.value()
        return not now.emotions and not any(getattr(now, name).strip() for name in (*LINES, *AREAS))

    def focus_chain(self) -> list[QWidget]:
        fields = [self.lines["emotion_words"], *self.areas.values()]
        fields += [self.lines[n] for n in ("colour", "sound", "texture", "felt_sense")]
        return [*self.picker.focus_chain(), *fields, self.private, self.remove_button]

    def set_text_size(self, points: int) -> None:
        for area in self.areas.values():
            area.set_text_size(points)
        for line in self.lines.values():
            line.setFont(writing_font(points))

    def retire(self) -> None:
        """Forget every word (and the undo history) before the form goes away."""
        self.retired = True
        for area in self.areas.values():
            area.wipe()
        for line in self.lines.values():
            line.setText("")  # setText also drops the line's undo history
