"""This week: the client's active actions with a tick box per day, and a note for the week.

A tick is saved the moment it is clicked. Nothing here counts: no streaks, scores, red
marks or tallies of empty days — an empty box is just a day. "Let it go" needs no reason.
The note autosaves through the main window's Autosaver. ``clear()`` (on lock) empties
every row and the note and forgets the journal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import JournalError
from app.follow.revisits import day_label
from app.follow.weekly import week_days, week_start
from app.journal import Journal
from app.journal.model import Action, ActionStatus, WeekNote
from ui.common.autosave import Autosaver
from ui.common.widgets import WritingEdit, heading, hint_label, tab_chain

LET_GO_WORD = "Let go. That's allowed — it can come back whenever it's right."
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def first_weekday() -> int:
    """The locale's first day of the week, ISO numbered (1 Monday … 7 Sunday)."""
    return int(QLocale().firstDayOfWeek().value)


def action_label(action: Action) -> str:
    what = " ".join(action.what.split()) or "An action without words yet"
    return f"{what}\n{action.cue}" if action.cue.strip() else what


class WeeklyView(QWidget):
    """A window of its own (owned by the main window); ``review_requested`` opens the review."""

    review_requested = Signal()
    actions_changed = Signal()  # an action let go here: other views read it afresh

    def __init__(
        self,
        journal: Callable[[], Journal | None],
        autosaver: Autosaver,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("This week")  # never anything the client wrote
        self._journal = journal
        self.autosaver = autosaver
        self.today = today
        self.start = week_start(today(), first_weekday())
        self.boxes: dict[tuple[int, dt.date], QCheckBox] = {}
        self.let_go_buttons: dict[int, QPushButton] = {}
        self.week_actions: list[Action] = []
        self.showing = False  # a week (and its note) is on screen

        self.title = heading("", self)
        self.previous_button = QPushButton("‹ Previous week", self)
        self.previous_button.setAccessibleName("Previous week")
        self.this_week_button = QPushButton("This week", self)
        self.this_week_button.setAccessibleName("Go to this week")
        self.next_button = QPushButton("Next week ›", self)
        self.next_button.setAccessibleName("Next week")
        self.review_button = QPushButton("Weekly review…", self)
        self.review_button.setAccessibleName("Weekly review")
        self.grid_host = QWidget(self)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setHorizontalSpacing(10)
        self.empty_hint = hint_label(
            "No actions in progress. When an insight turns into a small step, it appears here.",
            self,
        )
        self.kind_word = hint_label("", self)
        self.kind_word.setAccessibleName("Message")
        self.note = WritingEdit(
            "Note for the week", "Anything you'd like to remember about this week", parent=self
        )
        self.note.setMinimumHeight(110)
        self.status = QLabel("", self)
        self.status.setObjectName("hint")

        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(self.this_week_button)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        nav.addWidget(self.review_button)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its tick boxes take focus, not it
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(nav)
        layout.addWidget(self.empty_hint)
        layout.addWidget(scroll, 2)
        layout.addWidget(self.kind_word)
        layout.addWidget(QLabel("Note for the week", self))
        layout.addWidget(self.note, 1)
        layout.addWidget(self.status)
        self._connect_callbacks()
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)  # as Themes does
        self.resize(820, 560)

    def _connect_callbacks(self) -> None:
        self.previous_button.clicked.connect(lambda: self.show_week(self.start - _WEEK))
        self.next_button.clicked.connect(lambda: self.show_week(self.start + _WEEK))
        self.this_week_button.clicked.connect(
            lambda: self.show_week(week_start(self.today(), first_weekday()))
        )
        self.review_button.clicked.connect(self.review_requested)
        self.note.edited.connect(self._note_edited)

    # -- showing a week --------------------------------------------------------------------

    def open_this_week(self) -> None:
        self.show_week(week_start(self.today(), first_weekday()))
        self.show()
        self.raise_()
        self.activateWindow()

    def show_week(self, start: dt.date) -> None:
        journal = self._journal()
        if journal is None:
            return
        if not self.autosaver.flush() and self.showing:
            # The note on screen may still be waiting to be saved: replacing it with
            # another week's would lose it. Stay here until it is saved.
            self.status.setText(f"{self.autosaver.status} This week stays open until then.")
            return
        self._clear_rows()
        self.start = start
        self.showing = True
        days = week_days(start)
        end = days[-1]
        self.title.setText(f"Week of {day_label(start, self.today())} – {day_label(end, end)}")
        self.week_actions = [a for a in journal.active_actions() if a.named]
        self.empty_hint.setVisible(not self.week_actions)
        for column, day in enumerate(days, start=1):
            name = QLabel(f"{_DAY_NAMES[day.isoweekday() - 1]}\n{day.day}", self.grid_host)
            name.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if day == self.today():
                font = name.font()
                font.setBold(True)
                name.setFont(font)
            self.grid.addWidget(name, 0, column)
        for row, action in enumerate(self.week_actions, start=1):
            self._add_row(journal, row, action, days)
        # Made after the note, the rows would come after it on Tab: they are read first.
        controls: list[QWidget] = [self.review_button]
        for action in self.week_actions:
            controls += [self.boxes[(action.id, day)] for day in days]
            controls.append(self.let_go_buttons[action.id])
        tab_chain(*controls, self.note)
        self.grid.setColumnStretch(0, 1)
        self.grid.setRowStretch(len(self.week_actions) + 1, 1)  # rows stay at the top
        self.note.set_text_quietly(journal.week_note(start).body)
        self.kind_word.clear()
        self.status.clear()

    def _add_row(self, journal: Journal, row: int, action: Action, days: list[dt.date]) -> None:
        label = QLabel(action_label(action), self.grid_host)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.grid.addWidget(label, row, 0)
        ticked = journal.ticks(action.id, days[0], days[-1])
        short = " ".join(action.what.split())[:40] or f"action {row}"
        for column, day in enumerate(days, start=1):
            box = QCheckBox(self.grid_host)
            box.setChecked(day in ticked)
            box.setAccessibleName(f"{short}, {_DAY_NAMES[day.isoweekday() - 1]} {day.day}")
            box.toggled.connect(lambda on, a=action.id, d=day, b=box: self._ticked(a, d, on, b))
            self.grid.addWidget(box, row, column, Qt.AlignmentFlag.AlignCenter)
            self.boxes[(action.id, day)] = box
        let_go = QPushButton("Let it go", self.grid_host)
        let_go.setAccessibleName(f"Let go of {short}")
        let_go.clicked.connect(lambda _=False, a=action: self.let_go(a))
        self.grid.addWidget(let_go, row, 8)
        self.let_go_buttons[action.id] = let_go

    def _ticked(self, action_id: int, day: dt.date, on: bool, box: QCheckBox) -> None:
        journal = self._journal()
        if journal is None:
            return
        try:
            journal.set_tick(action_id, day, on)
        except JournalError as error:
            box.blockSignals(True)
            box.setChecked(not on)
            box.blockSignals(False)
            self.status.setText(f"That tick wasn't saved — {error}. Please try again.")
            return
        self.status.clear()

    def let_go(self, action: Action) -> None:
        journal = self._journal()
        if journal is None:
            return
        # Words typed into the action elsewhere (the Action plan tab) reach the journal
        # first; then only the status changes, on the action as it is saved now.
        if not self.autosaver.flush():
            self.status.setText(f"{self.autosaver.status} Please try again then.")
            return
        try:
            saved = journal.action(action.id)
            if saved is None:
                self.status.setText("That action is no longer in your journal.")
                self.show_week(self.start)
                return
            saved.status = ActionStatus.LET_GO
            journal.save_action(saved)
        except JournalError as error:
            self.status.setText(f"Not saved — {error}. Please try again.")
            return
        self.status.clear()
        for (action_id, _), box in self.boxes.items():
            if action_id == action.id:
                box.setEnabled(False)
        button = self.let_go_buttons.get(action.id)
        if button is not None:
            button.setEnabled(False)
            button.setText("Let go")
        self.kind_word.setText(LET_GO_WORD)
        self.actions_changed.emit()

    # -- the note --------------------------------------------------------------------------

    def _note_edited(self) -> None:
        journal = self._journal()
        if journal is None:
            return
        # The words are taken now, with their week: whatever the window shows later,
        # this save (or its retry) writes this week's note.
        note = WeekNote(self.start, self.note.toPlainText())

        def save() -> None:
            journal.save_week_note(note)

        self.autosaver.schedule(("week_note", note.week_start), save)

    # -- lock ------------------------------------------------------------------------------

    def _clear_rows(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Deleted later, so emptied now: no words linger until the event loop runs.
                if isinstance(widget, QLabel):
                    widget.clear()
                widget.setAccessibleName("")
                widget.hide()
                widget.deleteLater()
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self.boxes.clear()
        self.let_go_buttons.clear()
        self.week_actions = []

    def clear(self) -> None:
        """After a lock: nothing the client wrote stays in this window."""
        self.hide()
        self._clear_rows()
        self.showing = False
        self.note.wipe()
        self.title.clear()
        self.kind_word.clear()
        self.status.clear()


_WEEK = dt.timedelta(days=7)
