"""Bulk reads for the export (``app.transfer.exporting.collect``): one query per table,
each row a dict keyed by column name. Rows under a session are read only for the sessions
held between ``start`` and ``end`` (both included, either may be None)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from app.journal.base import JournalBase

Record = dict[str, Any]

# {session filter} is replaced by a WHERE clause restricting rows to the chosen sessions.
_BY_SESSION = {
    "narrative_parts": (
        "SELECT id, session_id, written_on, body, position, created_at, updated_at "
        "FROM narrative_parts {session_filter} ORDER BY session_id, position, id"
    ),
    "answers": (
        "SELECT id, session_id, question_id, question_text, body, private, created_at, "
        "updated_at FROM answers {session_filter} ORDER BY session_id, id"
    ),
    "revisit_notes": (
        "SELECT id, session_id, written_on, body, private, created_at, updated_at "
        "FROM revisit_notes {session_filter} ORDER BY session_id, written_on, id"
    ),
    "insights": (
        "SELECT id, session_id, body, position, created_at, updated_at "
        "FROM insights {session_filter} ORDER BY session_id, position, id"
    ),
    "actions": (
        "SELECT id, insight_id, what, cue, how_often, with_whom, person_id, first_step, note, "
        "status, look_again, position, created_at, updated_at "
        "FROM actions {session_filter} ORDER BY insight_id, position, id"
    ),
}
_WHOLE = {
    "themes": "SELECT id, name FROM themes ORDER BY name",
    "theme_links": "SELECT theme_id, kind, target_id FROM theme_links",
    "checkins": (
        "SELECT id, session_id, checked_at, emotions, emotion_words, body_sensations, thoughts, "
        "colour, sound, texture, felt_sense, private, emotion_amounts FROM checkins "
        "ORDER BY checked_at, id"
    ),
    "action_ticks": "SELECT action_id, day FROM action_ticks ORDER BY action_id, day",
    "week_notes": "SELECT id, week_start, body FROM week_notes ORDER BY week_start",
    "people": "SELECT id, name, note, reach, when_hard FROM people ORDER BY id",
    "custom_questions": "SELECT id, group_id, text, created_at FROM custom_questions ORDER BY id",
    "hidden_questions": "SELECT question_id FROM hidden_questions",
    "meta": "SELECT key, value FROM meta",
    "own_words": "SELECT word, added_at FROM own_words ORDER BY word",
    "measure_results": (
        "SELECT id, measure, taken_at, answers FROM measure_results ORDER BY taken_at, id"
    ),
}


def _range_clause(start: dt.date | None, end: dt.date | None) -> tuple[str, tuple[str, ...]]:
    parts, params = [], []
    if start is not None:
        parts.append("held_on >= ?")
        params.append(start.isoformat())
    if end is not None:
        parts.append("held_on <= ?")
        params.append(end.isoformat())
    return ("WHERE " + " AND ".join(parts) if parts else ""), tuple(params)


def sessions(
    journal: JournalBase, start: dt.date | None = None, end: dt.date | None = None
) -> Iterator[Record]:
    where, params = _range_clause(start, end)
    return journal._records(
        "SELECT id, held_on, number, title, intention, setting, created_at, updated_at "
        f"FROM sessions {where} ORDER BY held_on, number, id",
        params,
    )


def under_sessions(
    journal: JournalBase, table: str, start: dt.date | None = None, end: dt.date | None = None
) -> Iterator[Record]:
    """Rows of ``narrative_parts``, ``answers``, ``revisit_notes``, ``insights`` or
    ``actions`` in the range."""
    where, params = _range_clause(start, end)
    session_filter = f"WHERE session_id IN (SELECT id FROM sessions {where})" if where else ""
    return journal._records(_BY_SESSION[table].format(session_filter=session_filter), params)


def session_ids(
    journal: JournalBase, start: dt.date | None = None, end: dt.date | None = None
) -> list[int]:
    """The ids of the sessions in the range, in export order (a streamed export's plan)."""
    where, params = _range_clause(start, end)
    rows = journal._all(f"SELECT id FROM sessions {where} ORDER BY held_on, number, id", params)
    return [int(r[0]) for r in rows]


def _marks(ids: list[int]) -> str:
    return ",".join("?" * len(ids))


def sessions_of(journal: JournalBase, ids: list[int]) -> Iterator[Record]:
    """Session rows for a batch of ids (the caller puts them in its own order)."""
    return journal._records(
        "SELECT id, held_on, number, title, intention, setting, created_at, updated_at "
        f"FROM sessions WHERE id IN ({_marks(ids)})",
        ids,
    )


def under_sessions_of(journal: JournalBase, table: str, ids: list[int]) -> Iterator[Record]:
    """Like ``under_sessions`` for one batch of session ids."""
    session_filter = f"WHERE session_id IN ({_marks(ids)})"
    return journal._records(_BY_SESSION[table].format(session_filter=session_filter), ids)


def checkins_of(journal: JournalBase, ids: list[int]) -> Iterator[Record]:
    return journal._records(
        "SELECT id, session_id, checked_at, emotions, emotion_words, body_sensations, thoughts, "
        f"colour, sound, texture, felt_sense, private, emotion_amounts FROM checkins "
        f"WHERE session_id IN ({_marks(ids)}) ORDER BY checked_at, id",
        ids,
    )


def loose_checkins(journal: JournalBase) -> Iterator[Record]:
    """Check-ins that belong to no session."""
    return journal._records(
        "SELECT id, session_id, checked_at, emotions, emotion_words, body_sensations, thoughts, "
        "colour, sound, texture, felt_sense, private, emotion_amounts FROM checkins "
        "WHERE session_id IS NULL ORDER BY checked_at, id"
    )


def ticks_of(journal: JournalBase, action_ids: list[int]) -> Iterator[Record]:
    return journal._records(
        f"SELECT action_id, day FROM action_ticks WHERE action_id IN ({_marks(action_ids)}) "
        "ORDER BY action_id, day",
        action_ids,
    )


def themed_ids(
    journal: JournalBase, start: dt.date | None, end: dt.date | None
) -> set[tuple[str, int]]:
    """(kind, id) of the themable rows under the sessions in the range (ids only)."""
    where, params = _range_clause(start, end)
    found: set[tuple[str, int]] = set()
    for kind, table in (
        ("narrative", "narrative_parts"),
        ("answer", "answers"),
        ("insight", "insights"),
    ):
        rows = journal._all(
            f"SELECT id FROM {table} WHERE session_id IN (SELECT id FROM sessions {where})",
            params,
        )
        found.update((kind, int(r[0])) for r in rows)
    return found


def whole(journal: JournalBase, table: str) -> Iterator[Record]:
    """Every row of a table read whole (themes, check-ins, ticks, notes, people, …)."""
    return journal._records(_WHOLE[table])
