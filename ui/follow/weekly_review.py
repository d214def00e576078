"""The weekly review: a short, skippable flow.

1. Anything that went well, or felt easier?  2. What got in the way?  (both kept in the
   week's note, under headings)
3. Each action in progress: keep it, adjust it (what / when / how often), or let it go.
4. A new action, if one wants to be written, under an insight the client picks.

Every step is optional; "Done" (or closing the window) saves what is there, so nothing
typed is lost.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import JournalError
from app.follow.revisits import day_label
from app.follow.weekly import join_review, split_review
from app.journal import Journal
from app.journal.model import Action, ActionStatus, WeekNote
from ui.common.widgets import WritingEdit, heading, hint_label
from ui.follow.weekly_view import action_label

KEEP, ADJUST, LET_GO = 0, 1, 2
# Hard weeks are valid: the question doesn't assume something went well. (The answer is
# still kept under app.follow.weekly's "## What went well" heading, so older notes read the same.)
WENT_WELL_QUESTION = "Was there anything that went well, or felt a little easier?"
RECENT_SESSIONS = 12  # insights offered for a new action come from these


class ActionChoice(QFrame):
    """One action in progress: keep, adjust (with its fields), or let it go."""

    def __init__(self, action: Action, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.setFrameShape(QFrame.Shape.StyledPanel)
        name = f"action {number}"
        label = QLabel(action_label(action), self)
        label.setWordWrap(True)
        self.keep = QRadioButton("Keep it", self)
        self.adjust = QRadioButton("Adjust it", self)
        self.let_go = QRadioButton("Let it go", self)
        self.group = QButtonGroup(self)
        for index, (button, text) in enumerate(
            ((self.keep, "Keep"), (self.adjust, "Adjust"), (self.let_go, "Let go of"))
        ):
            button.setAccessibleName(f"{text} {name}")
            self.group.addButton(button, index)
        self.keep.setChecked(True)
        self.what = QLineEdit(action.what, self)
        self.what.setAccessibleName(f"What, {name}")
        self.cue = QLineEdit(action.cue, self)
        self.cue.setAccessibleName(f"When, {name}")
        self.how_often = QLineEdit(action.how_often, self)
        self.how_often.setAccessibleName(f"How often, {name}")
        self.fields = QWidget(self)
        form = QFormLayout(self.fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("What", self.what)
        form.addRow("When, or if … then", self.cue)
        form.addRow("How often", self.how_often)
        self.fields.hide()
        choices = QHBoxLayout()
        for button in (self.keep, self.adjust, self.let_go):
            choices.addWidget(button)
        choices.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(choices)
        layout.addWidget(self.fields)
        self.adjust.toggled.connect(self.fields.setVisible)

    @property
    def choice(self) -> int:
        return self.group.checkedId()

    def changed_action(self) -> Action | None:
        """The action as it should be saved, or None to leave it as it is. A new copy:
        ``self.action`` stays as saved until ``adopt`` says the save went through."""
        a = self.action
        if self.choice == LET_GO:
            if a.status == ActionStatus.LET_GO:
                return None
            return dataclasses.replace(a, status=ActionStatus.LET_GO)
        if self.choice == ADJUST:
            what, cue, how_often = (
                self.what.text().strip(),
                self.cue.text().strip(),
                self.how_often.text().strip(),
            )
            if (what, cue, how_often) != (a.what, a.cue, a.how_often):
                return dataclasses.replace(a, what=what, cue=cue, how_often=how_often)
        return None

    def adopt(self, saved: Action) -> None:
        """``saved`` reached the journal: it is the action as it is now."""
        self.action = saved


class WeeklyReview(QDialog):
    def __init__(
        self, journal: Journal, week_start: dt.date, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Weekly review")  # never anything the client wrote
        self.journal: Journal | None = journal
        self.week_start = week_start
        self.saved = False
        review = split_review(journal.week_note(week_start).body)
        self.note_rest = review.note

        self.went_well = WritingEdit(
            "Anything that went well or felt easier",
            "A moment, a small step, anything — or nothing at all",
            parent=self,
        )
        self.went_well.set_text_quietly(review.went_well)
        self.in_the_way = WritingEdit(
            "What got in the way", "Whatever made it harder — no judgement here", parent=self
        )
        self.in_the_way.set_text_quietly(review.in_the_way)
        named = [a for a in journal.active_actions() if a.named]
        self.choices = [ActionChoice(a, i) for i, a in enumerate(named, start=1)]
        self.insight = QComboBox(self)
        self.insight.setAccessibleName("Insight for the new action")
        for session in journal.sessions(limit=RECENT_SESSIONS):
            for insight in journal.insights(session.id):
                words = " ".join(insight.body.split())[:70] or "an insight without words yet"
                self.insight.addItem(
                    f"Session {session.number} ({day_label(session.held_on, today)}): {words}",
                    (insight.id, session.id),
                )
        self.new_what = QLineEdit(self)
        self.new_what.setAccessibleName("What, new action")
        self.new_what.setPlaceholderText("A step, if you would like one")
        self.new_cue = QLineEdit(self)
        self.new_cue.setAccessibleName("When, new action")
        self.new_cue.setPlaceholderText("When, or “if … then I will …”")

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._page(WENT_WELL_QUESTION, self.went_well))
        self.pages.addWidget(self._page("What got in the way?", self.in_the_way))
        self.pages.addWidget(self._actions_page())
        self.pages.addWidget(self._new_action_page())
        self.back_button = QPushButton("Back", self)
        self.back_button.setAccessibleName("Back")
        self.next_button = QPushButton("Next", self)
        self.next_button.setAccessibleName("Next step")
        self.done_button = QPushButton("Done", self)
        self.done_button.setAccessibleName("Done: save the review")
        self.problem = hint_label("Every step is optional.", self)
        self.problem.setAccessibleName("Message")
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"The week of {day_label(week_start, today)}", self))
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(lambda: self.go(self.pages.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go(self.pages.currentIndex() + 1))
        self.done_button.clicked.connect(self.accept)
        self.go(0)
        self.resize(640, 520)

    def _page(self, question: str, *widgets: QWidget) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(question, page))
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        return page

    def _actions_page(self) -> QWidget:
        if not self.choices:
            return self._page("Your actions", hint_label("No steps are open right now.", self))
        holder = QWidget(self)
        inner = QVBoxLayout(holder)
        for choice in self.choices:
            inner.addWidget(choice)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        return self._page(
            "Your actions: keep, adjust, or let go",
            hint_label("Letting go needs no reason.", self),
            scroll,
        )

    def _new_action_page(self) -> QWidget:
        if not self.insight.count():
            return self._page(
                "A new action?",
                hint_label(
                    "New actions grow from insights. When you've written an insight in a "
                    "session's action plan, you can add a step to it here.",
                    self,
                ),
            )
        form = QWidget(self)
        layout = QFormLayout(form)
        layout.addRow("From the insight", self.insight)
        layout.addRow("What exactly", self.new_what)
        layout.addRow("When", self.new_cue)
        return self._page("Would you like to write a new action?", form)

    def go(self, index: int) -> None:
        index = max(0, min(self.pages.count() - 1, index))
        self.pages.setCurrentIndex(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.pages.count() - 1)

    def save(self) -> None:
        journal = self.journal
        if journal is None or self.saved:
            return
        review = split_review("")
        review.note = self.note_rest
        review.went_well = self.went_well.toPlainText()
        review.in_the_way = self.in_the_way.toPlainText()
        body = join_review(review)
        if body != journal.week_note(self.week_start).body:
            journal.save_week_note(WeekNote(self.week_start, body))
        for choice in self.choices:
            changed = choice.changed_action()
            if changed is not None:
                journal.save_action(changed)
                choice.adopt(changed)  # only now: a failed save is tried again on "Done"
        what = self.new_what.text().strip()
        if what and self.insight.currentData() is not None:
            insight_id, session_id = self.insight.currentData()
            journal.add_action(
                Action(insight_id, session_id, what=what, cue=self.new_cue.text().strip())
            )
        self.saved = True

    def done(self, result: int) -> None:
        """Done, Escape or closing the window: what was written is kept."""
        try:
            self.save()
        except JournalError as error:
            self.problem.setText(f"Not saved — {error}. Your words are still here.")
            return
        super().done(result)

    def wipe(self) -> None:
        self.went_well.wipe()
        self.in_the_way.wipe()
        self.journal = None
