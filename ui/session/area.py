"""The session area as other features see it: the journal, the session shown and its three
tabs. Features that open a place in a session (search, themes, timeline, revisits) receive
this instead of the whole main window, so they depend on the session pages and nothing above."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QTabWidget

from app.journal import Journal
from app.journal.model import Session
from ui.session.narrative_tab import NarrativeTab
from ui.session.plan.tab import ActionPlanTab
from ui.session.reflection.tab import ReflectionTab


@dataclass(frozen=True)
class SessionArea:
    journal: Callable[[], Journal | None]  # None while locked
    current: Callable[[], Session | None]  # the session on screen
    # Select a session in the list; False if it isn't there. Selecting saves first, so the
    # session on screen may still be the old one afterwards: check ``current``.
    select: Callable[[int], bool]
    tabs: QTabWidget
    narrative: NarrativeTab
    reflection: ReflectionTab
    action_plan: ActionPlanTab
