"""Coming back to a session on the Reflection tab: a new dated reflection, weeks later,
beside what was written before — earlier answers are never overwritten."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QVBoxLayout, QWidget

from app.errors import JournalError
from app.journal import Journal
from app.journal.model import RevisitNote
from ui.common import dialogs
from ui.common.autosave import Autosaver
from ui.common.widgets import WritingEdit, heading, hint_label
from ui.session.reflection.answer import PRIVATE_TEXT
from ui.session.reflection.card_section import card_section

INTRO = (
    "Integration takes its own time and rarely moves in a straight line. Coming back to a "
    "session weeks later, you may see it differently: write what you notice now. What you "
    "wrote before stays just as it was."
)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def day_words(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


class RevisitCard(QFrame):
    changed = Signal()

    def __init__(self, note: RevisitNote, text_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.note = note
        self.retired = False
        when = f"Coming back to it on {day_words(note.written_on)}"
        self.when = heading(when, self)
        self.editor = WritingEdit(
            when, "What do you notice now?", grow=True, text_size=text_size, parent=self
        )
        self.editor.set_text_quietly(note.body)
        self.private = QCheckBox(PRIVATE_TEXT, self)
        self.private.setAccessibleName("Keep this reflection private")
        self.private.setChecked(note.private)
        layout = QVBoxLayout(self)
        layout.addWidget(self.when)
        layout.addWidget(self.editor)
        layout.addWidget(self.private)
        self.editor.edited.connect(self.changed)
        self.private.toggled.connect(self.changed)

    def value(self) -> RevisitNote:
        return dataclasses.replace(
            self.note, body=self.editor.toPlainText(), private=self.private.isChecked()
        )


class ReflectionRevisits(QWidget):
    layout_changed = Signal()
    focus_wanted = Signal(QWidget)

    def __init__(self, autosaver: Autosaver, text_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.autosaver = autosaver
        self.text_size = text_size
        self.journal: Journal | None = None
        self.session_id: int | None = None
        self.cards: list[RevisitCard] = []
        self.today = dt.date.today  # a seam for tests

        self.cards_layout, self.add_button = card_section(
            self,
            (heading("Coming back to it", self), hint_label(INTRO, self)),
            "Come back to this session today",
            "A new reflection dated today; earlier answers stay as they are",
        )
        self.add_button.clicked.connect(self.add_note)

    def load(self, journal: Journal, session_id: int) -> None:
        self.clear()
        self.journal, self.session_id = journal, session_id
        for note in journal.revisit_notes(session_id):
            self._add_card(note)
        self.layout_changed.emit()

    def clear(self) -> None:
        for card in self.cards:
            self.autosaver.discard(("revisit", card.note.id))
            card.retired = True
            card.editor.wipe()
            self.cards_layout.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards.clear()
        self.journal = self.session_id = None

    def set_text_size(self, points: int) -> None:
        self.text_size = points
        for card in self.cards:
            card.editor.set_text_size(points)

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for card in self.cards:
            chain += [card.editor, card.private]
        return [*chain, self.add_button]

    def add_note(self) -> None:
        if self.journal is None or self.session_id is None:
            return
        try:
            note = self.journal.add_revisit_note(self.session_id, self.today())
        except JournalError as error:
            dialogs.warn(self, "Not added", f"The reflection couldn't be added: {error}.")
            return
        card = self._add_card(note)
        self.layout_changed.emit()
        self.focus_wanted.emit(card.editor)

    def _add_card(self, note: RevisitNote) -> RevisitCard:
        card = RevisitCard(note, self.text_size, self)
        self.cards_layout.addWidget(card)
        self.cards.append(card)
        card.changed.connect(lambda c=card: self._schedule(c))
        return card

    def _schedule(self, card: RevisitCard) -> None:
        journal = self.journal
        if journal is None or card.retired:
            return

        def save() -> None:
            if not card.retired:
                journal.save_revisit_note(card.value())

        self.autosaver.schedule(("revisit", card.note.id), save)
