"""Check-ins: emotions, body, thoughts and senses at a moment, on a session or on none."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from app.journal.base import JournalBase, Row
from app.journal.model import CheckIn

_CHECKIN = (
    "SELECT checked_at, session_id, emotions, emotion_words, body_sensations, thoughts, "
    "colour, sound, texture, felt_sense, private, id, emotion_amounts FROM checkins"
)
_COLUMNS = (
    "checked_at, session_id, emotions, emotion_words, body_sensations, thoughts, "
    "colour, sound, texture, felt_sense, private, emotion_amounts"
)


def _checkin(row: Row) -> CheckIn:
    return CheckIn(
        checked_at=dt.datetime.fromisoformat(row[0]),
        session_id=row[1],
        emotions=tuple(json.loads(row[2])),
        emotion_words=row[3],
        body_sensations=row[4],
        thoughts=row[5],
        colour=row[6],
        sound=row[7],
        texture=row[8],
        felt_sense=row[9],
        private=bool(row[10]),
        id=row[11],
        amounts=dict(json.loads(row[12])),
    )


def _checkin_values(ci: CheckIn) -> tuple[Any, ...]:
    emotions = json.dumps(list(ci.emotions), ensure_ascii=False)
    return (
        ci.checked_at.isoformat(),
        ci.session_id,
        emotions,
        ci.emotion_words,
        ci.body_sensations,
        ci.thoughts,
        ci.colour,
        ci.sound,
        ci.texture,
        ci.felt_sense,
        int(ci.private),
        json.dumps({w: a for w, a in ci.amounts.items() if w in ci.emotions}, ensure_ascii=False),
    )


class CheckInRecords(JournalBase):
    def save_checkin(self, checkin: CheckIn) -> CheckIn:
        with self.transaction() as c:
            if checkin.id:
                sets = ", ".join(f"{name.strip()} = ?" for name in _COLUMNS.split(","))
                c.execute(
                    f"UPDATE checkins SET {sets} WHERE id = ?",
                    (*_checkin_values(checkin), checkin.id),
                )
            else:
                cur = c.execute(
                    f"INSERT INTO checkins ({_COLUMNS}) VALUES ({', '.join('?' * 12)})",
                    _checkin_values(checkin),
                )
                checkin.id = int(cur.lastrowid or 0)
        return checkin

    def delete_checkin(self, checkin_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM checkins WHERE id = ?", (checkin_id,))

    def checkins(self, session_id: int | None) -> list[CheckIn]:
        """A session's check-ins (or those on no session, for ``None``), oldest first."""
        where = "session_id IS ?" if session_id is None else "session_id = ?"
        rows = self._all(f"{_CHECKIN} WHERE {where} ORDER BY checked_at, id", (session_id,))
        return [_checkin(r) for r in rows]
