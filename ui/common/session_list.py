"""The sessions, newest first, as a real list model that reads them a page at a time.

A heavy journal holds thousands of sessions; reading them all at unlock held the window
for as long as the journal was big. The first page is read at once, the next ones as the
list is scrolled (``canFetchMore``/``fetchMore``) or as a session further down is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.journal.model import Session

SessionRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
# (the last session listed, or None for the start; how many) -> the next sessions
PageReader = Callable[[Session | None, int], list[Session]]
PAGE = 100  # a few screenfuls


def session_label(session: Session) -> str:
    day = f"{session.held_on.day} {session.held_on:%b %Y}"
    head = f"Session {session.number} · {day}"
    return f"{head}\n{session.title}" if session.title else head


class SessionListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._sessions: list[Session] = []
        self._read: PageReader | None = None  # None once every session is listed

    def load(self, read: PageReader) -> None:
        """Start again from the newest session; later pages come from ``read``."""
        self.beginResetModel()
        self._sessions = read(None, PAGE)
        self._read = read if len(self._sessions) == PAGE else None
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 (Qt API)
        return not parent.isValid() and self._read is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 (Qt API)
        if parent.isValid() or self._read is None:
            return
        last = self._sessions[-1] if self._sessions else None
        more = self._read(last, PAGE)
        if len(more) < PAGE:
            self._read = None
        if more:
            start = len(self._sessions)
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self._sessions.extend(more)
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._sessions)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._sessions):
            return None
        session = self._sessions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return session_label(session)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return session_label(session).replace("\n", ", ")
        if role == SessionRole:
            return session
        return None

    def reset(self, sessions: list[Session]) -> None:
        self.beginResetModel()
        self._sessions = list(sessions)
        self._read = None
        self.endResetModel()

    def session_at(self, row: int) -> Session | None:
        return self._sessions[row] if 0 <= row < len(self._sessions) else None

    def row_of(self, session_id: int) -> int:
        """The session's row, reading further pages until it is found or all are listed."""
        start = 0
        while True:
            for row in range(start, len(self._sessions)):
                if self._sessions[row].id == session_id:
                    return row
            if self._read is None:
                return -1
            start = len(self._sessions)
            self.fetchMore()

    def insert(self, session: Session) -> int:
        """Place a new session where newest-first order puts it."""
        key = (session.held_on, session.number)
        # Older than every session listed so far: its page is read, with it in its place.
        while self._read is not None and (
            not self._sessions or (self._sessions[-1].held_on, self._sessions[-1].number) > key
        ):
            self.fetchMore()
        row = next((i for i, s in enumerate(self._sessions) if s.id == session.id), -1)
        if row >= 0:
            self._sessions[row] = session
            return row
        row = next(
            (i for i, s in enumerate(self._sessions) if (s.held_on, s.number) < key),
            len(self._sessions),
        )
        self.beginInsertRows(QModelIndex(), row, row)
        self._sessions.insert(row, session)
        self.endInsertRows()
        return row

    def remove(self, session_id: int) -> None:
        row = self.row_of(session_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._sessions[row]
            self.endRemoveRows()

    def refresh(self, session: Session) -> None:
        """A session's date or title changed: repaint its row, or move it if its date did."""
        row = self.row_of(session.id)
        if row < 0:
            return
        self._sessions[row] = session
        ordered = sorted(self._sessions, key=lambda s: (s.held_on, s.number), reverse=True)
        if ordered == self._sessions:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)
            return
        self.remove(session.id)
        self.insert(session)
