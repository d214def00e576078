"""A calm card at the top of the main window offering to look back — never a notification.

One offer at a time. "Open it" and "Not now" both mark the offer handled in the journal
(encrypted), so it is never repeated; the next offer, if any, follows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.errors import JournalError
from app.follow import revisits
from app.follow.revisits import Revisit
from app.journal import Journal


class RevisitBanner(QFrame):
    open_requested = Signal(object)  # Revisit
    # The offers are read a few at a time; once these are handled, ask for the next ones.
    emptied = Signal()

    def __init__(
        self, journal: Callable[[], Journal | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("revisit")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("An offer to look back")
        self._journal = journal
        self.queue: list[Revisit] = []
        self.today = dt.date.today()
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.open_button = QPushButton("Open it", self)
        self.open_button.setAccessibleName("Open it")
        self.later_button = QPushButton("Not now", self)
        self.later_button.setAccessibleName("Not now")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.later_button)
        self.open_button.clicked.connect(self._open)
        self.later_button.clicked.connect(self._not_now)
        self.hide()

    @property
    def current(self) -> Revisit | None:
        return self.queue[0] if self.queue else None

    def show_revisits(self, offers: list[Revisit], today: dt.date) -> None:
        self.queue = list(offers)
        self.today = today
        self._show_first()

    def _show_first(self) -> None:
        offer = self.current
        if offer is None:
            self.message.clear()
            self.hide()
            return
        self.message.setText(offer.text(self.today))
        self.show()

    def _handle(self) -> Revisit | None:
        journal, offer = self._journal(), self.current
        if journal is None or offer is None:
            return None
        # If this can't be remembered now, it is offered once more later; nothing is lost.
        with contextlib.suppress(JournalError):
            revisits.mark_handled(journal, offer)
        self.queue.pop(0)
        self._show_first()
        if not self.queue:
            self.emptied.emit()
        return offer

    def _open(self) -> None:
        offer = self._handle()
        if offer is not None:
            self.open_requested.emit(offer)

    def _not_now(self) -> None:
        self._handle()

    def wipe(self) -> None:
        self.queue = []
        self.message.clear()
        self.hide()
