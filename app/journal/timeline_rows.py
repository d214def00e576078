"""Bulk reads for the integration timeline (``app.follow.timeline``): a few queries that
cover every session at once, returning plain rows. With a ``limit``, only the newest
``limit`` sessions' rows are read (through their indexes); -1 reads them all."""

from __future__ import annotations

from collections.abc import Iterator

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


def _newest(limit: int) -> tuple[str, tuple[int, ...]]:
    if limit < 0:
        return "", ()
    return (
        " WHERE session_id IN (SELECT id FROM sessions ORDER BY held_on DESC, number DESC LIMIT ?)",
        (limit,),
    )


def narrative_days(journal: JournalBase, limit: int = -1) -> list[tuple[int, str]]:
    """(session id, written_on) of each story part with words in it, once per day."""
    where, params = _newest(limit)
    # A story part made empty with its session is not writing.
    written = f"{where} AND body != ''" if where else " WHERE body != ''"
    rows = journal._all(
        f"SELECT DISTINCT session_id, written_on FROM narrative_parts{written}", params
    )
    return [(r[0], r[1]) for r in rows]


def write_stamps(journal: JournalBase, limit: int = -1) -> Iterator[tuple[int, str, str]]:
    """(session id, created, updated) to the minute, for the session's own row (its title
    and intention, often written before day 0) and every row written under it."""
    where, params = _newest(limit)
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


def tick_days(journal: JournalBase) -> list[tuple[int, str]]:
    """(session id, day) of every ticked action, once per day."""
    rows = journal._all(
        "SELECT DISTINCT a.session_id, t.day FROM action_ticks t "
        "JOIN actions a ON a.id = t.action_id"
    )
    return [(r[0], r[1]) for r in rows]


def checkin_rows(journal: JournalBase) -> list[Row]:
    """(id, session_id, checked_at, emotions JSON, emotion_words, body_sensations, colour,
    sound, texture, felt_sense, private) of every check-in, oldest first."""
    return journal._all(
        "SELECT id, session_id, checked_at, emotions, emotion_words, body_sensations, colour, "
        "sound, texture, felt_sense, private FROM checkins ORDER BY checked_at, id"
    )
