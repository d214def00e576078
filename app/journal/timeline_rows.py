"""Bulk reads for the integration timeline (``app.follow.timeline``): a few queries that
cover many sessions at once, returning plain rows. Given the ids of a page of sessions,
only their rows are read (through their indexes); None reads every session's."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from app.journal.base import JournalBase, Row

# The tables whose rows carry created_at/updated_at stamps, with their session column.
_STAMPED = (
    ("sessions", "id"),
    ("narrative_parts", "session_id"),
    ("answers", "session_id"),
    ("insights", "session_id"),
    ("actions", "session_id"),
)


def _minute(column: str) -> str:
    """A stored time cut to the minute, keeping its zone suffix; DISTINCT then drops repeats.

    Every zone's offset is whole minutes, so the local date of the cut time is exact.
    """
    return f"substr({column}, 1, 16) || substr({column}, 20)"


def _of(ids: Sequence[int] | None) -> tuple[str, tuple[str, ...]]:
    if ids is None:
        return "", ()
    return " WHERE session_id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),)


def narrative_days(journal: JournalBase, ids: Sequence[int] | None = None) -> list[tuple[int, str]]:
    """(session id, written_on) of each story part with words in it, once per day."""
    where, params = _of(ids)
    # A story part made empty with its session is not writing.
    written = f"{where} AND body != ''" if where else " WHERE body != ''"
    rows = journal._all(
        f"SELECT DISTINCT session_id, written_on FROM narrative_parts{written}", params
    )
    return [(r[0], r[1]) for r in rows]


def write_stamps(
    journal: JournalBase, ids: Sequence[int] | None = None
) -> Iterator[tuple[int, str, str]]:
    """(session id, created, updated) to the minute, for the session's own row (its title
    and intention, often written before day 0) and every row written under it."""
    where, params = _of(ids)
    for table, key in _STAMPED:
        condition = where.replace("session_id", key)
        if table == "narrative_parts":
            condition = f"{where} AND body != ''" if where else " WHERE body != ''"
        for r in journal._all(
            f"SELECT DISTINCT {key}, {_minute('created_at')}, {_minute('updated_at')} "
            f"FROM {table}{condition}",
            params,
        ):
            yield r[0], r[1], r[2]


def tick_days(journal: JournalBase, ids: Sequence[int] | None = None) -> list[tuple[int, str]]:
    """(session id, day) of every ticked action, once per day."""
    where, params = _of(ids)
    rows = journal._all(
        "SELECT DISTINCT a.session_id, t.day FROM actions a "
        f"JOIN action_ticks t ON t.action_id = a.id{where.replace('session_id', 'a.session_id')}",
        params,
    )
    return [(r[0], r[1]) for r in rows]


_CHECKIN = (
    "SELECT id, session_id, checked_at, emotions, emotion_words, body_sensations, colour, "
    "sound, texture, felt_sense, private FROM checkins"
)


def checkin_rows(
    journal: JournalBase,
    ids: Sequence[int] | None = None,
    unattached_from: str = "",
    unattached_until: str = "",
) -> list[Row]:
    """(id, session_id, checked_at, emotions JSON, emotion_words, body_sensations, colour,
    sound, texture, felt_sense, private) of every check-in, oldest first; given ``ids``,
    those of these sessions and the check-ins on no session stamped from
    ``unattached_from`` until before ``unattached_until`` (either open when empty)."""
    if ids is None:
        return journal._all(f"{_CHECKIN} ORDER BY checked_at, id")
    where, params = _of(ids)
    until = "AND checked_at < ? " if unattached_until else ""
    return journal._all(
        f"SELECT * FROM ({_CHECKIN}{where} UNION ALL {_CHECKIN} WHERE session_id IS NULL "
        f"AND checked_at >= ? {until}) ORDER BY checked_at, id",
        (*params, unattached_from, *((unattached_until,) if unattached_until else ())),
    )
