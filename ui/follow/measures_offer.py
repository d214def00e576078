"""The questionnaires' two-weekly offer, on the main window beside the revisit offers —
where the client is when they open the journal, rather than only inside "Over time".

Shown only when the client turned the questionnaires and the reminder on, and two weeks
have passed since the last answers (app/follow/measures_offer.py decides). It names no
score and no label. "Not now" rests it for a few days; that is kept in the journal
(encrypted), never in the settings file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.errors import JournalError
from app.follow import measures_offer
from app.journal import Journal

# No score, no label, no "you should": an offer the client is free to pass by.
AGAIN = (
    "It's been two weeks or more since you last answered the two questionnaires. "
    "Would you like to answer them now?"
)
FIRST = (
    "The two questionnaires you turned on are ready whenever you like. "
    "Would you like to answer them now?"
)


class MeasuresOffer(QFrame):
    answer_requested = Signal()

    def __init__(
        self,
        journal: Callable[[], Journal | None],
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("revisit")  # dressed like the revisit offers: one kind of offer
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("An offer to answer the questionnaires")
        self._journal = journal
        self._today = today
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.answer_button = QPushButton("Answer now", self)
        self.answer_button.setAccessibleName("Answer the questionnaires now")
        self.later_button = QPushButton("Not now", self)
        self.later_button.setAccessibleName("Not now: offer the questionnaires another day")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.answer_button)
        layout.addWidget(self.later_button)
        self.answer_button.clicked.connect(self.answer_requested.emit)
        self.later_button.clicked.connect(self._not_now)
        self.hide()

    def refresh(self) -> None:
        journal = self._journal()
        due, answered = False, False
        if journal is not None:
            # Unreadable now: no offer this time; it is asked again at the next refresh.
            with contextlib.suppress(JournalError):
                due = measures_offer.due(journal, self._today())
                answered = measures_offer.last_taken(journal) is not None
        self.message.setText((AGAIN if answered else FIRST) if due else "")
        self.setVisible(due)

    def _not_now(self) -> None:
        journal = self._journal()
        if journal is not None:
            # Not remembered: it hides for now and may be offered again next time.
            with contextlib.suppress(JournalError):
                measures_offer.not_now(journal, self._today())
        self.hide()

    def wipe(self) -> None:
        self.message.clear()
        self.hide()
