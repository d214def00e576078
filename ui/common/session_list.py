"""The sessions, newest first, as a real list model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.journal.model import Session

SessionRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def session_label(session: Session) -> str:
    day = f"{session.held_on.day} {session.held_on:%b %Y}"
    head = f"Session {session.number} · {day}"
    return f"{head}\n{session.title}" if session.title else head


class SessionListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._sessions: list[Session] = []

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
        self.endResetModel()

    def session_at(self, row: int) -> Session | None:
        return self._sessions[row] if 0 <= row < len(self._sessions) else None

    def row_of(self, session_id: int) -> int:
        for row, session in enumerate(self._sessions):
            if session.id == session_id:
                return row
        return -1

    def insert(self, session: Session) -> int:
        """Place a new session where newest-first order puts it."""
        key = (session.held_on, session.number)
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
