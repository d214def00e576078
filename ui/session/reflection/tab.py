"""The Reflection tab: questions from the library, grouped, that the client chooses to
answer (one saved answer per question), their own questions, and dated check-ins."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.journal import Journal
from app.journal.model import Session
from ui.common.autosave import Autosaver
from ui.common.widgets import hint_label
from ui.session.page import SessionPage
from ui.session.reflection.checkins import ReflectionCheckIns
from ui.session.reflection.questions import ReflectionQuestions
from ui.session.reflection.revisits import ReflectionRevisits

INTRO = (
    "Choose the questions that feel useful. There are no right answers, and you can come "
    "back any time."
)
OPEN_START = (
    "You could begin with whatever is most present for you now — the session or not — or "
    "simply check in with this moment."
)
MOST_PRESENT = "present.most_present"
COLUMN_WIDTH = 880  # a calm reading column, centred in wide windows


class ReflectionTab(SessionPage):
    every_answer_requested = Signal(str)  # question id

    def __init__(self, autosaver: Autosaver, text_size: int, parent: QWidget | None = None) -> None:
        super().__init__(autosaver, text_size, parent)
        self.intro = hint_label(INTRO, self)
        self.show_hidden = QCheckBox("Show hidden questions", self)
        self.show_hidden.setAccessibleName("Show hidden questions")
        self.show_hidden.setToolTip(
            "List the questions you hid, so you can answer them or bring them back"
        )
        self._loading = False
        self.questions = ReflectionQuestions(autosaver, text_size, self)
        self.questions.offer_first = MOST_PRESENT  # the open start, already open
        self.checkins = ReflectionCheckIns(autosaver, text_size, self)
        self.revisits = ReflectionRevisits(autosaver, text_size, self)
        # The open start: what is most present, or a check-in, before any question.
        self.open_start = hint_label(OPEN_START, self)
        self.present_button = QPushButton("What is most present for you now?", self)
        self.present_button.setAccessibleName("Write what is most present for you now")
        self.checkin_button = QPushButton("Check in with this moment", self)
        self.checkin_button.setAccessibleName("Check in with this moment")

        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.show_hidden, 0, Qt.AlignmentFlag.AlignTop)
        start = QHBoxLayout()
        start.addWidget(self.present_button)
        start.addWidget(self.checkin_button)
        start.addStretch(1)
        column = QWidget(self)
        column.setMaximumWidth(COLUMN_WIDTH)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(24, 20, 24, 32)
        column_layout.setSpacing(28)
        column_layout.addLayout(top)
        column_layout.addWidget(self.open_start)
        column_layout.addLayout(start)
        column_layout.addWidget(self.questions)
        column_layout.addWidget(self.revisits)
        column_layout.addWidget(self.checkins)
        column_layout.addStretch(1)
        content = QWidget(self)
        centred = QHBoxLayout(content)
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addStretch(1)  # stretches rather than an alignment, so that wrapped text
        centred.addWidget(column, 100)  # is measured at the width it is shown in
        centred.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a stop with nothing to work
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

        self._connect_callbacks()
        self.setEnabled(False)

    def _connect_callbacks(self) -> None:
        self.show_hidden.toggled.connect(self.questions.set_show_hidden)
        self.questions.every_answer_requested.connect(self.every_answer_requested)
        self.present_button.clicked.connect(self.start_with_now)
        self.checkin_button.clicked.connect(self.checkins.add_checkin)
        for part in (self.questions, self.revisits, self.checkins):
            part.layout_changed.connect(self._order_tabs)
            part.focus_wanted.connect(self._focus)

    # -- SessionPage ------------------------------------------------------------------------

    def load(self, journal: Journal, session: Session) -> None:
        if self.session is not None:  # loaded over another session without clear()
            self.autosaver.flush()
        super().load(journal, session)
        self.setEnabled(True)  # first, so that nothing is built disabled and then enabled
        self._loading = True  # the tab order is set once, at the end
        try:
            self.questions.load(journal, session)
            self.revisits.load(journal, session.id)
            self.checkins.load(journal, session.id)
        finally:
            self._loading = False
        self._order_tabs()

    def clear(self) -> None:
        self.questions.clear()
        self.revisits.clear()
        self.checkins.clear()
        self.show_hidden.blockSignals(True)
        self.show_hidden.setChecked(False)
        self.show_hidden.blockSignals(False)
        self.questions.show_hidden = False
        self.setEnabled(False)
        super().clear()

    def set_text_size(self, points: int) -> None:
        super().set_text_size(points)
        self.questions.set_text_size(points)
        self.revisits.set_text_size(points)
        self.checkins.set_text_size(points)

    def start_with_now(self) -> None:
        """Open (or go to) the answer to "what is most present for you now?"."""
        row = self.questions.rows.get(MOST_PRESENT)
        if row is None:
            self.questions.answer_question(MOST_PRESENT)
        else:
            self._focus(row.editor)

    # -- reading order ------------------------------------------------------------------------

    def _order_tabs(self) -> None:
        if self._loading:
            return
        chain = [
            self.show_hidden,
            self.present_button,
            self.checkin_button,
            *self.questions.focus_chain(),
            *self.revisits.focus_chain(),
            *self.checkins.focus_chain(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _focus(self, widget: QWidget) -> None:
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        # Once the new widget has its place, bring it into view.
        # The whole answer card if it fits, else at least the editor.
        card = widget.parentWidget() or widget

        def bring_into_view() -> None:
            self.scroll_area.ensureWidgetVisible(card, 20, 60)
            self.scroll_area.ensureWidgetVisible(widget, 20, 60)

        QTimer.singleShot(0, widget, bring_into_view)
