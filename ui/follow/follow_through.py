"""Follow-through for the main window: the Timeline and This week windows, the weekly
review, the revisit banner and the Intention card — kept here so the main window only
places them and calls ``show_session`` / ``wipe``.

``today`` is the clock (tests replace it). Everything is cleared and every window closed
on ``wipe()``, which the main window calls when the journal locks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from app.errors import JournalError
from app.follow import revisits
from app.follow.revisits import Revisit
from app.follow.weekly import week_start
from app.journal.model import Session
from ui.common import dialogs
from ui.common.autosave import Autosaver
from ui.common.preferences import Preferences
from ui.follow.measures_offer import MeasuresOffer
from ui.follow.measures_view import MeasuresView
from ui.follow.revisit_banner import RevisitBanner
from ui.follow.timeline_view import TimelineView
from ui.follow.weekly_review import WeeklyReview
from ui.follow.weekly_view import WeeklyView, first_weekday
from ui.session.area import SessionArea
from ui.session.header import SessionHeader
from ui.session.intention_card import IntentionCard

ACTION_PLAN_TAB = 2
# Offers are shown one at a time: read a few, and the next few once these are handled.
ACTION_OFFERS_AT_ONCE = 20


class FollowThrough(QObject):
    """``window`` owns the windows and shortcuts (and is raised when a session is opened);
    ``reload_action_plan`` makes the Action plan tab read actions changed elsewhere."""

    def __init__(
        self,
        window: QWidget,
        prefs: Preferences,
        area: SessionArea,
        autosaver: Autosaver,
        header: SessionHeader,
        reload_action_plan: Callable[[], bool],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.area = area
        self.autosaver = autosaver
        self.header = header
        self.reload_action_plan = reload_action_plan
        self.prefs = prefs
        self.today: Callable[[], dt.date] = dt.date.today
        self.banner = RevisitBanner(area.journal, window)
        self.measures_offer = MeasuresOffer(area.journal, lambda: self.today(), window)
        self.intention_card = IntentionCard(window)
        self.timeline: TimelineView | None = None
        self.weekly: WeeklyView | None = None
        self.review: WeeklyReview | None = None
        self.measures: MeasuresView | None = None
        self.banner.open_requested.connect(self._open_revisit)
        self.banner.emptied.connect(self.refresh_revisits)
        self.measures_offer.answer_requested.connect(self.answer_measures)
        self.intention_card.edited.connect(self._intention_typed)
        header.intention.textEdited.connect(self.intention_card.set_text)
        header.date.dateChanged.connect(
            lambda day: self.intention_card.set_day(day.toPython(), self.today())
        )
        window.installEventFilter(self)  # a new day while the app stays open: offer afresh

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.WindowActivate
            and self.area.journal() is not None
            and self.banner.today != self.today()
        ):
            self.refresh_revisits()
        return False

    def add_menu_entries(self, menu: QMenu) -> None:
        menu.addSeparator()
        entries = (
            ("&Timeline", "Ctrl+Shift+L", self.show_timeline),
            ("This &week", "Ctrl+Shift+W", self.show_week),
            ("Weekly re&view…", "Ctrl+Shift+R", self.show_weekly_review),
            ("&Over time…", "Ctrl+Shift+M", self.show_measures),
        )
        self.actions: list[QAction] = []
        for text, keys, slot in entries:
            action = QAction(text, self.window)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self.window.addAction(action)
            menu.addAction(action)
            self.actions.append(action)
        self.timeline_action, self.week_action, self.review_action, self.measures_action = (
            self.actions
        )

    def set_preferences(self, prefs: Preferences) -> None:
        self.prefs = prefs
        self.refresh_revisits()

    # -- revisits ----------------------------------------------------------------------------

    def refresh_revisits(self) -> None:
        journal = self.area.journal()
        if journal is None:
            return
        today = self.today()
        offers = (
            revisits.due(
                journal, today, self.prefs.revisit_days, actions_at_most=ACTION_OFFERS_AT_ONCE
            )
            if self.prefs.revisits
            else []
        )
        self.banner.show_revisits(offers, today)
        self.measures_offer.refresh()  # the questionnaires' offer lives by the same clock

    def _open_revisit(self, offer: Revisit) -> None:
        if not self.area.select(offer.session_id):
            self.refresh_revisits()  # the session is gone: so is its offer
            return
        if offer.kind == revisits.ACTION and self.area.current() is not None:
            self.area.tabs.setCurrentIndex(ACTION_PLAN_TAB)

    # -- the intention card ------------------------------------------------------------------

    def show_session(self, session: Session | None) -> None:
        self.intention_card.show_for(session, self.today())

    def _intention_typed(self, text: str) -> None:
        """One place the intention is kept: the header's field, saved by the header's path."""
        self.header.intention.setText(text)
        self.header.edited.emit()

    # -- windows -----------------------------------------------------------------------------

    def _open_session(self, session_id: int, tab: int) -> None:
        if self.area.journal() is None:
            return
        if not self.area.select(session_id):
            # Deleted since the window was drawn: the main window stays as it is.
            if self.timeline is not None and self.timeline.isVisible():
                self.timeline.reload()
            return
        session = self.area.current()
        if tab >= 0 and session is not None and session.id == session_id:
            self.area.tabs.setCurrentIndex(tab)
        self.window.raise_()
        self.window.activateWindow()

    def show_timeline(self) -> None:
        if self.area.journal() is None:
            return
        self.autosaver.flush()
        if self.timeline is None:
            self.timeline = TimelineView(self.area.journal, self.window)
            self.timeline.session_chosen.connect(self._open_session)
        self.timeline.open_view()

    def show_week(self) -> None:
        if self.area.journal() is None:
            return
        if self.weekly is None:
            self.weekly = WeeklyView(
                self.area.journal, self.autosaver, lambda: self.today(), self.window
            )
            self.weekly.review_requested.connect(self.show_weekly_review)
            self.weekly.actions_changed.connect(self.reload_action_plan)
        self.weekly.open_this_week()

    def show_weekly_review(self) -> None:
        journal = self.area.journal()
        if journal is None or not self.autosaver.flush():
            return
        start = (
            self.weekly.start
            if self.weekly is not None and self.weekly.isVisible()
            else week_start(self.today(), first_weekday())
        )
        parent = self.weekly if self.weekly is not None and self.weekly.isVisible() else self.window
        try:
            self.review = WeeklyReview(journal, start, self.today(), parent)
            dialogs.run_modal(self.review)
        except JournalError as error:
            dialogs.warn(self.window, "Weekly review", f"The review couldn't be opened: {error}")
            return
        finally:
            if self.review is not None:
                self.review.wipe()
                self.review.deleteLater()
                self.review = None
        # The Action plan tab's own copies of the actions must not overwrite the review's.
        self.reload_action_plan()
        if self.weekly is not None and self.weekly.isVisible():
            self.weekly.show_week(start)

    def show_measures(self) -> None:
        if self.area.journal() is None:
            return
        if self.measures is None:
            self.measures = MeasuresView(self.area.journal, self._now, self.window)
            self.measures.saved.connect(self.measures_offer.refresh)
        self.measures.open_view()

    def _now(self) -> dt.datetime:
        """The answers' time, by the same clock as the offer (tests move ``today``)."""
        return dt.datetime.combine(self.today(), dt.datetime.now().time())

    def answer_measures(self) -> None:
        """The offer's "Answer now": the Over time window, and the questionnaires in it."""
        self.show_measures()
        if self.measures is not None:
            self.measures.answer_all()
        self.measures_offer.refresh()

    def refresh_after_delete(self) -> None:
        """A session was deleted: open windows and the revisit offers forget it."""
        if self.timeline is not None and self.timeline.isVisible():
            self.timeline.reload()
        if self.weekly is not None and self.weekly.isVisible():
            self.weekly.show_week(self.weekly.start)
        self.refresh_revisits()

    # -- lock --------------------------------------------------------------------------------

    def wipe(self) -> None:
        self.banner.wipe()
        self.measures_offer.wipe()
        self.intention_card.wipe()
        for window in (self.timeline, self.weekly, self.measures):
            if window is not None:
                window.clear()
        if self.review is not None:
            self.review.wipe()
