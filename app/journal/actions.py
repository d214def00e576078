"""Insights and the actions under them, their order, and the days an action was ticked."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from typing import Any

from app.journal.base import (
    JournalBase,
    Row,
    date_or_none,
    drop_unused_themes,
    next_position,
    now,
)
from app.journal.model import Action, ActionStatus, Insight

ACTION_COLUMNS = (
    "insight_id, session_id, what, cue, how_often, with_whom, person_id, "
    "first_step, note, status, look_again, position"
)
_ACTION = f"SELECT {ACTION_COLUMNS}, id FROM actions"
_A_COLUMNS = "a." + ACTION_COLUMNS.replace(", ", ", a.")


def _action(row: Row) -> Action:
    return Action(
        insight_id=row[0],
        session_id=row[1],
        what=row[2],
        cue=row[3],
        how_often=row[4],
        with_whom=row[5],
        person_id=row[6],
        first_step=row[7],
        note=row[8],
        status=ActionStatus(row[9]),
        look_again=date_or_none(row[10]),
        position=row[11],
        id=row[12],
    )


action_from_row = _action  # read by people.actions_with_person


def _action_values(a: Action) -> tuple[Any, ...]:
    return (
        a.insight_id,
        a.session_id,
        a.what,
        a.cue,
        a.how_often,
        a.with_whom,
        a.person_id,
        a.first_step,
        a.note,
        ActionStatus(a.status).value,
        a.look_again.isoformat() if a.look_again else None,
        a.position,
    )


class ActionRecords(JournalBase):
    # -- insights ----------------------------------------------------------------------------

    def add_insight(self, session_id: int, body: str = "") -> Insight:
        stamp = now()
        with self.transaction() as c:
            position = next_position(c, "insights", "session_id", session_id)
            cur = c.execute(
                "INSERT INTO insights (session_id, body, position, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (session_id, body, position, stamp, stamp),
            )
        return Insight(session_id, body, position, int(cur.lastrowid or 0))

    def save_insight(self, insight_id: int, body: str) -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE insights SET body = ?, updated_at = ? WHERE id = ?",
                (body, now(), insight_id),
            )

    def delete_insight(self, insight_id: int) -> None:
        """Deletes the insight and its actions."""
        with self.transaction() as c:
            c.execute("DELETE FROM insights WHERE id = ?", (insight_id,))
            drop_unused_themes(c)

    def insights(self, session_id: int) -> list[Insight]:
        rows = self._all(
            "SELECT session_id, body, position, id FROM insights WHERE session_id = ? "
            "ORDER BY position, id",
            (session_id,),
        )
        return [Insight(*r) for r in rows]

    def move_insight(self, insight_id: int, new_index: int) -> None:
        self._reorder("insights", "session_id", insight_id, new_index)

    # -- actions -----------------------------------------------------------------------------

    def add_action(self, action: Action) -> Action:
        stamp = now()
        with self.transaction() as c:
            action.position = next_position(c, "actions", "insight_id", action.insight_id)
            cur = c.execute(
                f"INSERT INTO actions ({ACTION_COLUMNS}, created_at, updated_at) "
                f"VALUES ({', '.join('?' * 14)})",
                (*_action_values(action), stamp, stamp),
            )
            action.id = int(cur.lastrowid or 0)
        return action

    def save_action(self, action: Action) -> None:
        sets = ", ".join(f"{n.strip()} = ?" for n in ACTION_COLUMNS.split(","))
        with self.transaction() as c:
            c.execute(
                f"UPDATE actions SET {sets}, updated_at = ? WHERE id = ?",
                (*_action_values(action), now(), action.id),
            )

    def delete_action(self, action_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM actions WHERE id = ?", (action_id,))

    def actions_for_insight(self, insight_id: int) -> list[Action]:
        rows = self._all(f"{_ACTION} WHERE insight_id = ? ORDER BY position, id", (insight_id,))
        return [_action(r) for r in rows]

    def actions_for_session(self, session_id: int) -> list[Action]:
        rows = self._all(
            f"SELECT {_A_COLUMNS}, a.id FROM actions a "
            "JOIN insights i ON i.id = a.insight_id WHERE a.session_id = ? "
            "ORDER BY i.position, i.id, a.position, a.id",
            (session_id,),
        )
        return [_action(r) for r in rows]

    def active_actions(self) -> list[Action]:
        """Planned and doing, across sessions, oldest session first."""
        rows = self._all(
            f"SELECT {_A_COLUMNS}, a.id FROM actions a "
            "JOIN sessions s ON s.id = a.session_id JOIN insights i ON i.id = a.insight_id "
            "WHERE a.status IN ('planned', 'doing') "
            "ORDER BY s.held_on, s.number, i.position, a.position, a.id"
        )
        return [_action(r) for r in rows]

    def actions_to_look_at_again(
        self, today: dt.date, handled: Collection[str] = (), limit: int = -1
    ) -> list[tuple[int, str, str, int, str]]:
        """(action id, what, look-again day, session id, held on) of each planned or doing
        action whose look-again day has come, oldest session first, at most ``limit``.

        ``handled`` holds ``action:<id>:<day>`` keys to leave out. They are left out here,
        not after reading, so a journal holding thousands of due actions reads only the
        few offered next (the partial index ``actions_looking_again`` finds them)."""
        rows = self._all(
            # CROSS JOIN keeps the sessions the outer loop (SQLite's documented way to fix
            # the join order): oldest first, each one's due actions from the index.
            "SELECT a.id, a.what, a.look_again, s.id, s.held_on FROM sessions s "
            "CROSS JOIN actions a ON a.session_id = s.id JOIN insights i ON i.id = a.insight_id "
            "WHERE a.status IN ('planned', 'doing') AND a.look_again IS NOT NULL "
            "AND a.look_again <= ? "
            "AND 'action:' || a.id || ':' || a.look_again NOT IN (SELECT value FROM json_each(?)) "
            "ORDER BY s.held_on, s.number, i.position, a.position, a.id LIMIT ?",
            (today.isoformat(), json.dumps(sorted(handled)), limit),
        )
        return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def action(self, action_id: int) -> Action | None:
        row = self._one(f"{_ACTION} WHERE id = ?", (action_id,))
        return None if row is None else _action(row)

    def move_action(self, action_id: int, new_index: int) -> None:
        self._reorder("actions", "insight_id", action_id, new_index)

    def _reorder(self, table: str, parent: str, row_id: int, new_index: int) -> None:
        with self.transaction() as c:
            owner = c.execute(f"SELECT {parent} FROM {table} WHERE id = ?", (row_id,)).fetchone()
            if owner is None:
                return
            ids = [
                r[0]
                for r in c.execute(
                    f"SELECT id FROM {table} WHERE {parent} = ? ORDER BY position, id", (owner[0],)
                )
            ]
            ids.remove(row_id)
            ids.insert(max(0, min(new_index, len(ids))), row_id)
            c.executemany(
                f"UPDATE {table} SET position = ? WHERE id = ?",
                [(i, rid) for i, rid in enumerate(ids)],
            )

    # -- weekly check-offs -------------------------------------------------------------------

    def set_tick(self, action_id: int, day: dt.date, done: bool) -> None:
        with self.transaction() as c:
            if done:
                c.execute(
                    "INSERT OR IGNORE INTO action_ticks (action_id, day) VALUES (?, ?)",
                    (action_id, day.isoformat()),
                )
            else:
                c.execute(
                    "DELETE FROM action_ticks WHERE action_id = ? AND day = ?",
                    (action_id, day.isoformat()),
                )

    def ticks(self, action_id: int, start: dt.date, end: dt.date) -> set[dt.date]:
        """Days ticked between ``start`` and ``end``, both included."""
        rows = self._all(
            "SELECT day FROM action_ticks WHERE action_id = ? AND day BETWEEN ? AND ?",
            (action_id, start.isoformat(), end.isoformat()),
        )
        return {dt.date.fromisoformat(r[0]) for r in rows}
