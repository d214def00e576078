"""The client's note on a week (the weekly view's free text)."""

from __future__ import annotations

import datetime as dt

from app.journal.base import JournalBase
from app.journal.model import WeekNote


class WeekNoteRecords(JournalBase):
    def week_note(self, week_start: dt.date) -> WeekNote:
        row = self._one(
            "SELECT body, id FROM week_notes WHERE week_start = ?", (week_start.isoformat(),)
        )
        return WeekNote(week_start, row[0], row[1]) if row else WeekNote(week_start)

    def save_week_note(self, note: WeekNote) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO week_notes (week_start, body) VALUES (?, ?) "
                "ON CONFLICT (week_start) DO UPDATE SET body = excluded.body",
                (note.week_start.isoformat(), note.body),
            )
