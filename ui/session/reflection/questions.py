"""The questions part of the Reflection tab: the library's groups with the answers given
in this session, the client's own questions, and hiding the ones they don't want."""

from __future__ import annotations

import itertools
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.errors import JournalError
from app.journal import Journal
from app.journal.model import Answer, Session
from app.journal.prompts import (
    Question,
    QuestionGroup,
    QuestionLibraryError,
    load_library,
    merged_groups,
)
from ui.common import dialogs
from ui.common.autosave import Autosaver
from ui.session.reflection.answer import AnswerRow
from ui.session.reflection.group import Choice, GroupSection

# Answers whose question is no longer in the list (a question of your own that was
# deleted, say) keep their wording and gather here. Not a valid library id on purpose.
EARLIER_ID = "_earlier"
EARLIER_TITLE = "Other questions you answered"
EARLIER_INTRO = "These questions are no longer in the list; your answers stay here."


class ReflectionQuestions(QWidget):
    layout_changed = Signal()  # answers or choices came or went: redo the tab order
    focus_wanted = Signal(QWidget)  # show this and put the cursor there
    every_answer_requested = Signal(str)  # question id

    def __init__(self, autosaver: Autosaver, text_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.autosaver = autosaver
        self.text_size = text_size
        self.journal: Journal | None = None
        self.session: Session | None = None
        self.show_hidden = False
        self.offer_first = ""  # a question that stands open while nothing is answered
        self.sections: dict[str, GroupSection] = {}
        self.rows: dict[str, AnswerRow] = {}  # by question id
        self._library: tuple[QuestionGroup, ...] | None = None
        self._groups: dict[str, QuestionGroup] = {}  # as shown, hidden questions included
        self._hidden: set[str] = set()
        self._earlier_order = itertools.count()

        self.problem = QLabel(self)
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.sections_layout = QVBoxLayout(self)
        self.sections_layout.setContentsMargins(0, 0, 0, 0)
        self.sections_layout.setSpacing(28)
        self.sections_layout.addWidget(self.problem)

    def load(self, journal: Journal, session: Session) -> None:
        self.clear()
        self.journal, self.session = journal, session
        self._hidden = journal.hidden_questions()
        self._rebuild_groups()
        for answer in journal.answers(session.id):
            self._add_row(
                answer.question_id, answer.question_text, answer.body, answer.private, answer.id
            )
        self.refresh_choices()
        if not self.rows:
            self._offer_first()

    def _offer_first(self) -> None:
        """With nothing answered yet, the open start (``offer_first``: what is most present)
        stands open, its answer empty: writing there is one step. It is saved only once
        something is written; choosing other questions works as before."""
        for section in self.sections.values():
            if section.with_chooser and self.offer_first in section.choice_ids:
                question = next(
                    q for q in self._groups[section.group_id].questions if q.id == self.offer_first
                )
                self._add_row(question.id, question.text, "", False)
                self.refresh_choices(section)
                return

    def clear(self) -> None:
        for row in list(self.rows.values()):
            if self.session is not None:
                self.autosaver.discard(("answer", self.session.id, row.question_id))
            self._drop_row(row)
        for section in self.sections.values():
            self.sections_layout.removeWidget(section)
            section.hide()  # stays a child (no window of its own) until deleted
            section.deleteLater()
        self.sections.clear()
        self._groups, self._hidden = {}, set()
        self.journal = self.session = None

    def set_text_size(self, points: int) -> None:
        self.text_size = points
        for row in self.rows.values():
            row.set_text_size(points)

    def set_show_hidden(self, shown: bool) -> None:
        self.show_hidden = shown
        self.refresh_choices()

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for index in range(self.sections_layout.count()):
            item = self.sections_layout.itemAt(index)
            widget = item.widget() if item else None
            if isinstance(widget, GroupSection):
                chain.extend(widget.focus_chain())
        return chain

    # -- the library -------------------------------------------------------------------------

    def _library_groups(self) -> tuple[QuestionGroup, ...]:
        if self._library is None:
            try:
                self._library = load_library()
            except QuestionLibraryError as error:
                self.problem.setText(f"{error} Your answers are all still here.")
                self.problem.show()
                return ()
        return self._library

    def _rebuild_groups(self) -> None:
        """Read the client's own questions again and make a section for any new group."""
        assert self.journal is not None
        own = [Question(i, g, text, custom=True) for i, g, text in self.journal.custom_questions()]
        groups = merged_groups(self._library_groups(), own, ())
        self._groups = {g.id: g for g in groups}
        for group in groups:
            if group.id not in self.sections:
                self._add_section(group.id, group.title, group.intro, with_chooser=True)

    def _add_section(
        self, group_id: str, title: str, intro: str, *, with_chooser: bool
    ) -> GroupSection:
        section = GroupSection(group_id, title, intro, with_chooser=with_chooser, parent=self)
        earlier = self.sections.get(EARLIER_ID)
        index = self.sections_layout.indexOf(earlier) if earlier else -1
        self.sections_layout.insertWidget(index, section)
        self.sections[group_id] = section
        section.answer_requested.connect(self.answer_question)
        section.hide_requested.connect(self.set_hidden)
        section.add_own_requested.connect(lambda s=section: self.add_own_question(s))
        return section

    def refresh_choices(self, only: GroupSection | None = None) -> None:
        for section in [only] if only else self.sections.values():
            group = self._groups.get(section.group_id)
            section.set_choices(
                [
                    Choice(q.id, q.text, q.id in self._hidden)
                    for q in (group.questions if group else ())
                    if q.id not in self.rows and (self.show_hidden or q.id not in self._hidden)
                ]
            )
        self.layout_changed.emit()

    # -- answers ---------------------------------------------------------------------------

    def _place(self, question_id: str) -> tuple[GroupSection, int]:
        """The section an answer belongs in, and its place there."""
        for group in self._groups.values():
            for index, question in enumerate(group.questions):
                if question.id == question_id:
                    return self.sections[group.id], index
        section = self.sections.get(EARLIER_ID) or self._add_section(
            EARLIER_ID, EARLIER_TITLE, EARLIER_INTRO, with_chooser=False
        )
        return section, 10_000 + next(self._earlier_order)

    def _add_row(
        self, question_id: str, question_text: str, body: str, private: bool, answer_id: int = 0
    ) -> AnswerRow:
        section, order = self._place(question_id)
        row = AnswerRow(
            question_id, question_text, body, private, self.text_size, answer_id, section
        )
        section.add_row(row, order)
        self.rows[question_id] = row
        row.editor.edited.connect(lambda r=row: self._schedule(r))
        row.private.toggled.connect(lambda _=False, r=row: self._schedule(r))
        row.remove_button.clicked.connect(lambda _=False, r=row: self.remove_answer(r))
        row.every_answer_requested.connect(self.every_answer_requested)
        if self.journal is not None:
            row.themes.bind(self.journal, partial(self._saved_id, row), answer_id)
            row.themes.changed.connect(self.layout_changed)
        return row

    def _saved_id(self, row: AnswerRow) -> int:
        """The answer's id, saving it now if it was never saved (a theme needs an entry)."""
        if not row.answer_id and self.journal is not None and self.session is not None:
            answer = Answer(
                self.session.id, row.question_id, row.question_text, row.body, row.is_private
            )
            row.answer_id = self.journal.save_answer(answer).id
        return row.answer_id

    def answer_question(self, question_id: str) -> None:
        """Open an empty answer to a question; it is saved once something is written."""
        question = next(
            (q for g in self._groups.values() for q in g.questions if q.id == question_id), None
        )
        if self.session is None or question is None or question_id in self.rows:
            return
        row = self._add_row(question.id, question.text, "", False)
        self.refresh_choices(self.sections[question.group_id])
        self.focus_wanted.emit(row.editor)

    def _schedule(self, row: AnswerRow) -> None:
        journal, session = self.journal, self.session
        if journal is None or session is None or row.retired:
            return

        def save() -> None:
            if row.retired:  # removed meanwhile: nothing left to save
                return
            answer = Answer(
                session.id, row.question_id, row.question_text, row.body, row.is_private
            )
            row.answer_id = journal.save_answer(answer).id

        self.autosaver.schedule(("answer", session.id, row.question_id), save)

    def remove_answer(self, row: AnswerRow) -> None:
        if self.journal is None or self.session is None:
            return
        if row.body.strip() and not dialogs.confirm(
            self,
            "Remove this answer?",
            f"Remove your answer to “{row.question_text}”? What you wrote here will be deleted.",
            "Remove answer",
            "Keep it",
        ):
            return
        self.autosaver.discard(("answer", self.session.id, row.question_id))
        try:
            if row.answer_id:
                self.journal.delete_answer(row.answer_id)
        except JournalError as error:
            dialogs.warn(
                self,
                "Answer not removed",
                f"The answer couldn't be removed: {error}. It is still here.",
            )
            self._schedule(row)  # keep saving what it holds
            return
        section, _ = self._place(row.question_id)
        self._drop_row(row)
        self.refresh_choices(section)
        self.focus_wanted.emit(
            section.combo if not section.combo.isHidden() else section.add_own_button
        )

    def _drop_row(self, row: AnswerRow) -> None:
        for section in self.sections.values():
            if row in section.rows:
                section.take_row(row)
        self.rows.pop(row.question_id, None)
        row.retire()
        row.hide()  # stays a child (no window of its own) until deleted
        row.deleteLater()

    # -- the client's own questions, hiding ---------------------------------------------------

    def add_own_question(self, section: GroupSection) -> None:
        if self.journal is None:
            return
        text = dialogs.ask_text(
            self, "Add my own question", f"Your question, to keep with “{section.title}”:"
        )
        text = " ".join((text or "").split())
        if not text:
            return
        try:
            question_id = self.journal.add_custom_question(section.group_id, text)
        except JournalError as error:
            dialogs.warn(self, "Question not added", f"Your question couldn't be added: {error}.")
            return
        self._rebuild_groups()
        self.refresh_choices()
        self.answer_question(question_id)

    def set_hidden(self, question_id: str, hidden: bool) -> None:
        if self.journal is None:
            return
        try:
            self.journal.set_question_hidden(question_id, hidden)
        except JournalError as error:
            dialogs.warn(self, "Not changed", f"That couldn't be changed: {error}.")
            return
        self._hidden = self.journal.hidden_questions()
        self.refresh_choices()
        section = next((s for s in self.sections.values() if question_id in s.choice_ids), None)
        if section is None:  # hidden from view: stay in the group it was hidden from
            section = self._place(question_id)[0]
        self.focus_wanted.emit(
            section.combo if not section.combo.isHidden() else section.add_own_button
        )
