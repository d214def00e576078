"""The Action plan tab: the session's insights, each turned into small, concrete actions.

Loading a session builds the first cards at once and the rest over the next few turns of
the event loop, so a long plan shows without a wait. After that, adding, moving and
deleting change only the cards concerned: nothing flickers, and no unsaved words are
lost on the way.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import JournalError
from app.journal import Journal
from app.journal.model import Action, Insight, Session
from ui.common import dialogs
from ui.common.autosave import Autosaver
from ui.common.saved_notice import SavedNotice
from ui.common.widgets import hint_label
from ui.session.page import SessionPage
from ui.session.plan.action_choices import Choices
from ui.session.plan.insight_card import InsightCard

HINT = (
    "Anything you would like to carry with you, and steps for it if you want them. "
    "Every field can stay empty."
)
EMPTY = (
    "Nothing here yet, and that is fine. If something from the session feels worth "
    "keeping, it can go here, now or later."
)
CONTENT_WIDTH = 920  # beyond this, lines and fields get hard to follow
FIRST_ACTIONS = 6  # about a screenful: built before load() returns
MORE_ACTIONS = 5  # then about this many per turn of the event loop
STYLE = """
QFrame#action { border: none; border-left: 2px solid palette(mid); }
"""


class ActionPlanTab(SessionPage):
    print_requested = Signal()  # the shell opens the print dialog for this session's plan
    save_pdf_requested = Signal()  # the shell saves this session's plan as a PDF at once

    def __init__(self, autosaver: Autosaver, text_size: int, parent: QWidget | None = None) -> None:
        super().__init__(autosaver, text_size, parent)
        self.cards: list[InsightCard] = []
        self._choices = Choices([])
        self._waiting: list[tuple[Insight, list[Action]]] = []  # cards still to build
        self._more = QTimer(self, singleShot=True, interval=0)
        self._more.timeout.connect(lambda: self._build_cards(MORE_ACTIONS))
        # Scrolling to a new or moved control waits until the layout has placed it.
        self._reveal_target: QWidget | None = None
        self._reveal_timer = QTimer(self, singleShot=True, interval=0)
        self._reveal_timer.timeout.connect(self._reveal_now)

        self.hint = hint_label(HINT)
        self.empty = hint_label(EMPTY)
        self.add_button = QPushButton("Add an insight")
        self.add_button.setAccessibleName("Add an insight")
        self.add_button.setAutoDefault(False)
        self.print_button = QPushButton("Print or save the plan…")
        self.print_button.setAccessibleName("Print or save the plan")
        self.print_button.setToolTip("Print it, or save it as a PDF (Ctrl+P)")
        self.print_button.setAutoDefault(False)
        self.pdf_button = QPushButton("Save as PDF…")
        self.pdf_button.setAccessibleName("Save this plan as a PDF file")
        self.pdf_button.setToolTip("This session's plan, as a PDF file you choose")
        self.pdf_button.setAutoDefault(False)
        self.saved = SavedNotice()
        self._cards_box = QVBoxLayout()
        self._cards_box.setContentsMargins(0, 0, 0, 0)
        self._cards_box.setSpacing(18)

        column = QWidget()
        column.setMaximumWidth(CONTENT_WIDTH)
        column.setStyleSheet(STYLE)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(18)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.hint, 1)
        top.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.pdf_button, 0, Qt.AlignmentFlag.AlignTop)
        inner.addLayout(top)
        inner.addWidget(self.saved)
        inner.addWidget(self.empty)
        inner.addLayout(self._cards_box)
        inner.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addStretch(1)
        content = QWidget()
        centred = QHBoxLayout(content)
        centred.setContentsMargins(28, 24, 28, 32)
        centred.addWidget(column)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self.add_button.clicked.connect(self.add_insight)
        self.print_button.clicked.connect(self.print_requested)
        self.pdf_button.clicked.connect(self.save_pdf_requested)
        self._show_empty()

    # -- SessionPage ----------------------------------------------------------------------

    def load(self, journal: Journal, session: Session) -> None:
        # Words typed into the cards being replaced still reach the journal they came from.
        self._drop_cards(keep_unsaved=True)
        super().load(journal, session)
        self._choices = Choices(journal.people())
        actions: dict[int, list[Action]] = {}
        for action in journal.actions_for_session(session.id):
            actions.setdefault(action.insight_id, []).append(action)
        self._waiting = [(i, actions.get(i.id, [])) for i in journal.insights(session.id)]
        self._build_cards(FIRST_ACTIONS)

    @property
    def loading(self) -> bool:
        """True while some cards of the session are still to be built."""
        return bool(self._waiting)

    def finish_loading(self) -> None:
        """Build every card still waiting (before anything that changes the order)."""
        self._build_cards(len(self._waiting) * 1000)

    def _build_cards(self, actions: int) -> None:
        """Build waiting cards, at least one, until about ``actions`` actions are built."""
        self._more.stop()
        built = 0
        self.setUpdatesEnabled(False)
        try:
            while self._waiting and (not built or built + len(self._waiting[0][1]) <= actions):
                insight, its_actions = self._waiting.pop(0)
                self._add_card(insight, its_actions)
                built += max(1, len(its_actions))
            self._restructured()
        finally:
            self.setUpdatesEnabled(True)
        if self._waiting:
            self._more.start()

    def people_changed(self) -> None:
        """ "With whom" offers the people as they are now in the People window."""
        if self.journal is not None:
            self._choices.set_people(self.journal.people())

    def clear(self) -> None:
        """Lock: pending saves of this tab are dropped (the caller saved first)."""
        self._more.stop()
        self._reveal_timer.stop()
        self._reveal_target = None
        self._waiting = []
        self._drop_cards(keep_unsaved=False)
        self._choices = Choices([])
        self.saved.clear()  # where the last PDF went is nobody's business after a lock
        super().clear()
        self._restructured()

    def set_text_size(self, points: int) -> None:
        super().set_text_size(points)
        for card in self.cards:
            card.set_text_size(points)

    # -- cards ----------------------------------------------------------------------------

    def _add_card(self, insight: Insight, actions: list[Action]) -> InsightCard:
        assert self.journal is not None
        card = InsightCard(
            insight, actions, self.journal, self.autosaver, self._choices, self.text_size
        )
        card.move_requested.connect(self._move_insight)
        card.delete_requested.connect(self._delete_insight)
        card.layout_changed.connect(self._fix_tab_order)
        card.reveal.connect(self.reveal)
        self._cards_box.addWidget(card)
        card.show()  # now, not on the next turn of the event loop: focus can go to it
        self.cards.append(card)
        return card

    def _drop_card(self, card: InsightCard, keep_unsaved: bool) -> None:
        card.dispose(keep_unsaved)
        self._cards_box.removeWidget(card)
        card.hide()
        card.deleteLater()  # later: the card's own button may be what got us here

    def _drop_cards(self, keep_unsaved: bool) -> None:
        for card in self.cards:
            self._drop_card(card, keep_unsaved)
        self.cards = []

    def add_insight(self) -> None:
        if self.journal is None or self.session is None:
            return
        self.finish_loading()
        try:
            insight = self.journal.add_insight(self.session.id)
        except JournalError as error:
            dialogs.warn(self, "Couldn't add the insight", str(error))
            return
        card = self._add_card(insight, [])
        card.add_action()  # the first step's form is ready; an empty one is never printed
        self._restructured()
        card.text.setFocus()
        self.reveal(card.text)

    def _move_insight(self, card: InsightCard, step: int) -> None:
        self.finish_loading()
        index = self.cards.index(card)
        target = index + step
        if self.journal is None or not 0 <= target < len(self.cards):
            return
        try:
            self.journal.move_insight(card.insight.id, target)
        except JournalError as error:
            dialogs.warn(self, "Couldn't move the insight", str(error))
            return
        self.cards.insert(target, self.cards.pop(index))
        self._cards_box.removeWidget(card)
        self._cards_box.insertWidget(target, card)
        for position, each in enumerate(self.cards):
            each.insight.position = position
        self._restructured()
        pressed = card.up_button if step < 0 else card.down_button
        other = card.down_button if step < 0 else card.up_button
        focus = pressed if pressed.isEnabled() else other
        focus.setFocus()
        self.reveal(focus)

    def _delete_insight(self, card: InsightCard) -> None:
        if self.journal is None:
            return
        self.finish_loading()
        count = len(card.editors)
        goes_too = {0: "", 1: " and its action"}.get(count, f" and its {count} actions")
        if not dialogs.confirm(
            self,
            "Delete this insight?",
            f"Delete insight {self.cards.index(card) + 1}{goes_too}? This can't be undone.",
            "Delete insight" + (" and actions" if count else ""),
            "Keep it",
        ):
            return
        try:
            self.journal.delete_insight(card.insight.id)
        except JournalError as error:
            dialogs.warn(self, "Couldn't delete the insight", str(error))
            return
        index = self.cards.index(card)
        self.cards.remove(card)
        self._drop_card(card, keep_unsaved=False)
        self._restructured()
        if self.cards:
            self.cards[min(index, len(self.cards) - 1)].text.setFocus()
        else:
            self.add_button.setFocus()

    # -- keeping the view in order --------------------------------------------------------

    def _restructured(self) -> None:
        total = len(self.cards) + len(self._waiting)
        for number, card in enumerate(self.cards, start=1):
            card.set_number(number, total)
        self._show_empty()
        self._fix_tab_order()

    def _show_empty(self) -> None:
        self.empty.setVisible(not self.cards and not self._waiting and self.session is not None)
        self.add_button.setEnabled(self.journal is not None)

    def reveal(self, widget: QWidget) -> None:
        """Scroll ``widget`` into view once the layout has caught up."""
        self._reveal_target = widget
        self._reveal_timer.start()

    def _reveal_now(self) -> None:
        target, self._reveal_target = self._reveal_target, None
        live = [*self.cards, *(e for c in self.cards for e in c.editors), *self.focus_chain()]
        if target is not None and target in live:  # not deleted meanwhile
            self.scroll_area.ensureWidgetVisible(target, 0, 60)

    def focus_chain(self) -> list[QWidget]:
        """Every control in reading order."""
        chain: list[QWidget] = []
        for card in self.cards:
            chain += card.focus_chain()
        return [self.print_button, self.pdf_button, *chain, self.add_button]

    def _fix_tab_order(self) -> None:
        chain = self.focus_chain()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
