"""Coming back to a session: dated reflections written weeks later, each kept on its own so
the earlier answers are never overwritten."""

from __future__ import annotations

import datetime as dt

from app.journal.base import JournalBase, Row, now
from app.journal.model import RevisitNote

_NOTE = "SELECT session_id, written_on, body, private, id FROM revisit_notes"


def _note(row: Row) -> RevisitNote:
    return RevisitNote(row[0], dt.date.fromisoformat(row[1]), row[2], bool(row[3]), row[4])


class RevisitNoteRecords(JournalBase):
    def add_revisit_note(self, session_id: int, written_on: dt.date, body: str = "") -> RevisitNote:
        stamp = now()
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO revisit_notes (session_id, written_on, body, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (session_id, written_on.isoformat(), body, stamp, stamp),
            )
        return RevisitNote(session_id, written_on, body, False, int(cur.lastrowid or 0))

    def save_revisit_note(self, note: RevisitNote) -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE revisit_notes SET body = ?, private = ?, updated_at = ? WHERE id = ?",
                (note.body, int(note.private), now(), note.id),
            )

    def delete_revisit_note(self, note_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM revisit_notes WHERE id = ?", (note_id,))

    def revisit_notes(self, session_id: int) -> list[RevisitNote]:
        """Oldest first: the way back to a session reads in the order it was walked."""
        rows = self._all(f"{_NOTE} WHERE session_id = ? ORDER BY written_on, id", (session_id,))
        return [_note(r) for r in rows]
