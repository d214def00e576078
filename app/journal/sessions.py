"""Sessions and their narrative: the story, in dated parts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from app.journal.base import JournalBase, Row, drop_unused_themes, next_position, now
from app.journal.model import NarrativePart, Session

SESSION_SELECT = "SELECT id, held_on, number, title, intention, setting FROM sessions"


def session_from_row(row: Row) -> Session:
    """(id, held_on, number, title, intention, setting) -> Session."""
    return Session(dt.date.fromisoformat(row[1]), row[2], row[3], row[4], row[5], row[0])


class SessionRecords(JournalBase):
    def add_session(
        self, held_on: dt.date, title: str = "", intention: str = "", setting: str = ""
    ) -> Session:
        """A new session numbered after the last one; its narrative starts empty."""
        stamp = now()
        with self.transaction() as c:
            number = c.execute("SELECT coalesce(max(number), 0) + 1 FROM sessions").fetchone()[0]
            cur = c.execute(
                "INSERT INTO sessions (held_on, number, title, intention, setting, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (held_on.isoformat(), number, title, intention, setting, stamp, stamp),
            )
            session_id = int(cur.lastrowid or 0)
            c.execute(
                "INSERT INTO narrative_parts (session_id, written_on, body, position, created_at,"
                " updated_at) VALUES (?, ?, '', 0, ?, ?)",
                (session_id, held_on.isoformat(), stamp, stamp),
            )
        return Session(held_on, number, title, intention, setting, session_id)

    def update_session(self, session: Session) -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE sessions SET held_on = ?, number = ?, title = ?, intention = ?, "
                "setting = ?, updated_at = ? WHERE id = ?",
                (
                    session.held_on.isoformat(),
                    session.number,
                    session.title,
                    session.intention,
                    session.setting,
                    now(),
                    session.id,
                ),
            )

    def delete_session(self, session_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            drop_unused_themes(c)

    def session(self, session_id: int) -> Session | None:
        row = self._one(f"{SESSION_SELECT} WHERE id = ?", (session_id,))
        return None if row is None else session_from_row(row)

    def sessions(self, limit: int = -1, offset: int = 0) -> list[Session]:
        """Newest first."""
        rows = self._all(
            f"{SESSION_SELECT} ORDER BY held_on DESC, number DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [session_from_row(r) for r in rows]

    def sessions_after(self, last: Session | None, limit: int) -> list[Session]:
        """The next ``limit`` sessions of the newest-first list after ``last`` (from the
        start if None). Keyed on (date, number), not an offset, so a session added
        meanwhile neither repeats a row nor hides one."""
        if last is None:
            return self.sessions(limit=limit)
        rows = self._all(
            f"{SESSION_SELECT} WHERE (held_on, number) < (?, ?) "
            "ORDER BY held_on DESC, number DESC LIMIT ?",
            (last.held_on.isoformat(), last.number, limit),
        )
        return [session_from_row(r) for r in rows]

    def sessions_held_since(self, day: dt.date, until: dt.date = dt.date.max) -> list[Session]:
        """Sessions held from ``day`` to ``until``, both included, newest first (the index
        answers it)."""
        rows = self._all(
            f"{SESSION_SELECT} WHERE held_on >= ? AND held_on <= ? "
            "ORDER BY held_on DESC, number DESC",
            (day.isoformat(), until.isoformat()),
        )
        return [session_from_row(r) for r in rows]

    def session_count(self) -> int:
        row = self._one("SELECT count(*) FROM sessions")
        return int(row[0]) if row else 0

    # -- narrative -------------------------------------------------------------------------

    def narrative(self, session_id: int) -> list[NarrativePart]:
        rows = self._all(
            "SELECT id, session_id, written_on, body, position FROM narrative_parts "
            "WHERE session_id = ? ORDER BY position, id",
            (session_id,),
        )
        return [NarrativePart(r[1], dt.date.fromisoformat(r[2]), r[3], r[4], r[0]) for r in rows]

    def add_narrative_part(
        self, session_id: int, written_on: dt.date, body: str = ""
    ) -> NarrativePart:
        """A dated addition to the story, after what is already there."""
        stamp = now()
        with self.transaction() as c:
            position = next_position(c, "narrative_parts", "session_id", session_id)
            cur = c.execute(
                "INSERT INTO narrative_parts (session_id, written_on, body, position, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, written_on.isoformat(), body, position, stamp, stamp),
            )
        return NarrativePart(session_id, written_on, body, position, int(cur.lastrowid or 0))

    def save_narrative_part(self, part_id: int, body: str) -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE narrative_parts SET body = ?, updated_at = ? WHERE id = ?",
                (body, now(), part_id),
            )

    def delete_narrative_part(self, part_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM narrative_parts WHERE id = ?", (part_id,))
            drop_unused_themes(c)

    def import_sessions(
        self,
        entries: Sequence[tuple[dt.date, str, str, Sequence[str]]],
        progress: Callable[[int], None] | None = None,
    ) -> list[int]:
        """A new session per (day, title, text, tags), in the order given, numbered after the
        existing ones: the text becomes the narrative's first part and the tags its themes.

        All or nothing: any failure rolls every one back (``SaveFailed`` from ``transaction``).
        ``progress(done)`` is told after each entry, before the commit; whatever it raises
        rolls the whole import back (that is how Cancel works).
        """
        stamp = now()
        ids: list[int] = []
        theme_ids: dict[str, int] = {}
        with self.transaction() as c:
            number = int(c.execute("SELECT coalesce(max(number), 0) FROM sessions").fetchone()[0])
            for held_on, title, text, tags in entries:
                number += 1
                day = held_on.isoformat()
                session_id = int(
                    c.execute(
                        "INSERT INTO sessions (held_on, number, title, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (day, number, title, stamp, stamp),
                    ).lastrowid
                    or 0
                )
                part_id = int(
                    c.execute(
                        "INSERT INTO narrative_parts (session_id, written_on, body, position, "
                        "created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)",
                        (session_id, day, text, stamp, stamp),
                    ).lastrowid
                    or 0
                )
                for tag in tags:
                    key = tag.casefold()
                    if key not in theme_ids:
                        c.execute("INSERT OR IGNORE INTO themes (name) VALUES (?)", (tag,))
                        theme_ids[key] = int(
                            c.execute("SELECT id FROM themes WHERE name = ?", (tag,)).fetchone()[0]
                        )
                    c.execute(
                        "INSERT OR IGNORE INTO theme_links VALUES (?, 'narrative', ?)",
                        (theme_ids[key], part_id),
                    )
                ids.append(session_id)
                if progress is not None:
                    progress(len(ids))
        return ids
