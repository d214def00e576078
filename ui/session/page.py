"""What every tab of a session (Narrative, Reflection, Action plan) offers the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.journal import Journal
from app.journal.model import Session
from ui.common.autosave import Autosaver


class SessionPage(QWidget):
    """A tab that shows one session and saves through the shared Autosaver.

    Pages never keep the journal after ``clear()``: locking calls it on every page.
    """

    def __init__(self, autosaver: Autosaver, text_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.autosaver = autosaver
        self.text_size = text_size
        self.journal: Journal | None = None
        self.session: Session | None = None

    def load(self, journal: Journal, session: Session) -> None:
        """Show ``session``; everything on screen comes from ``journal``."""
        self.journal = journal
        self.session = session

    def clear(self) -> None:
        """Remove every piece of content, including undo history, and forget the journal."""
        self.journal = None
        self.session = None

    def set_text_size(self, points: int) -> None:
        self.text_size = points
