"""Every answer to one question across the client's sessions, oldest first.

This is the client's own view, so answers kept private are shown too, marked as such.
Answers are rendered by ``app.documents.render`` (raw HTML escaped, nothing loaded); clicking one,
or its Open button, opens it in its session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import JournalError
from app.journal import Journal
from app.journal.model import Answer, Session
from ui.common.session_list import session_label
from ui.common.widgets import hint_label

TITLE = "Every answer to this question"
PRIVATE = "kept private"
NONE_YET = "No answers to this question yet."
PAGE = 20  # cards read at a time


class AnswerCard(QFrame):
    opened = Signal(object)  # Answer

    def __init__(self, session: Session, answer: Answer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.documents.render import (
            markdown_to_html,  # Markdown loads on first use, not at start
        )

        self.setObjectName("card")
        self.answer = answer
        self.heading_text = session_label(session).split("\n")[0]
        self.heading = QLabel(self.heading_text, self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.private_mark = QLabel(PRIVATE, self)
        self.private_mark.setObjectName("hint")
        self.private_mark.setVisible(answer.private)
        self.open_button = QPushButton("Open", self)
        self.open_button.setAccessibleName(f"Open the answer in {self.heading_text}")
        self.body = QLabel(self)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setOpenExternalLinks(False)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.body.setWordWrap(True)
        self.body.setText(markdown_to_html(answer.body) if answer.body.strip() else "")
        self.body.setAccessibleName(f"Answer in {self.heading_text}")
        self.body.setAccessibleDescription(answer.body)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.private_mark)
        top.addStretch(1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addLayout(top)
        layout.addWidget(self.body)
        self.open_button.clicked.connect(lambda: self.opened.emit(self.answer))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.opened.emit(self.answer)
        super().mouseReleaseEvent(event)


class EveryAnswerWindow(QWidget):
    """Non-modal, owned by the main window; ``wipe`` clears it before a lock."""

    place_chosen = Signal(str, int, int)  # "answer", answer id, session id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(TITLE)  # never the question: it may be the client's own words
        self.setAccessibleName(TITLE)
        self.resize(680, 560)
        self.cards: list[AnswerCard] = []
        self.question_id = ""
        self.total = 0  # answers to the question; ``cards`` holds the ones read so far
        self._journal: Journal | None = None

        self.question = QLabel(self)
        self.question.setObjectName("heading")
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setWordWrap(True)
        self.hint = hint_label("", self)
        self.column = QWidget(self)
        self.cards_box = QVBoxLayout(self.column)
        self.cards_box.setContentsMargins(0, 0, 0, 0)
        self.cards_box.setSpacing(12)
        self.cards_box.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.column)
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._scrolled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.question)
        layout.addWidget(self.hint)
        layout.addWidget(self.scroll_area, 1)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

    def show_for(self, journal: Journal, question_id: str, question_text: str) -> None:
        self._fill(journal, question_id, question_text)
        self.show()
        self.raise_()
        self.activateWindow()
        if self.cards:
            self.cards[0].open_button.setFocus()

    def refresh(self, journal: Journal) -> None:
        """Read the same question's answers again (e.g. after a session was deleted)."""
        if self.question_id:
            self._fill(journal, self.question_id, self.question.text())

    def _fill(self, journal: Journal, question_id: str, question_text: str) -> None:
        self._clear_cards()
        self.question_id = question_id
        self._journal = journal
        try:
            count = journal.answer_count_to_question(question_id)
        except JournalError as error:
            count = 0
            self.hint.setText(f"The answers couldn't be read: {error}.")
        else:
            if not count:
                self.hint.setText(NONE_YET)
            elif count == 1:
                self.hint.setText("Your answer from one session. Click it to open it.")
            else:
                self.hint.setText(
                    f"Your answers from {count} sessions, oldest first. Click one to open it."
                )
        self.question.setText(question_text)
        self.total = count
        self.show_more()

    def show_more(self) -> None:
        """The next page of cards: a question answered in hundreds of sessions opens as
        fast as one answered in a few, and more are read as the column is scrolled."""
        journal = self._journal
        if journal is None or len(self.cards) >= self.total:
            return
        try:
            answers = journal.answers_to_question(self.question_id, PAGE, len(self.cards))
        except JournalError as error:
            self.hint.setText(f"The answers couldn't be read: {error}.")
            self.total = len(self.cards)
            return
        if not answers:
            self.total = len(self.cards)
        for session, answer in answers:
            card = AnswerCard(session, answer, self.column)
            card.opened.connect(self._open)
            self.cards_box.insertWidget(self.cards_box.count() - 1, card)
            self.cards.append(card)

    def _scrolled(self, value: int) -> None:
        bar = self.scroll_area.verticalScrollBar()
        if value >= bar.maximum() - self.scroll_area.viewport().height():
            self.show_more()

    def _open(self, answer: Answer) -> None:
        self.place_chosen.emit("answer", answer.id, answer.session_id)

    def _clear_cards(self) -> None:
        for card in self.cards:
            self.cards_box.removeWidget(card)
            card.body.clear()
            card.hide()
            card.deleteLater()
        self.cards = []

    def wipe(self) -> None:
        """Lock: no answer or question stays on screen."""
        self._clear_cards()
        self.question_id = ""
        self._journal = None
        self.total = 0
        self.question.setText("")
        self.hint.setText("")
        self.close()
