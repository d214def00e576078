"""Writing imported entries: one new session each, all in one transaction."""

from __future__ import annotations

import datetime as dt

from app.journal import Journal
from app.transfer.importing.common import Entry


def import_entries(journal: Journal, entries: list[Entry]) -> list[int]:
    """Add a session per entry (oldest first, numbered after the existing ones).

    The text becomes the narrative's first part and the tags its themes. All or nothing:
    any failure rolls the whole import back (``SaveFailed`` from ``transaction``).
    """
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    ordered = sorted(entries, key=lambda e: e.day)
    ids: list[int] = []
    theme_ids: dict[str, int] = {}
    with journal.transaction() as c:
        number = int(c.execute("SELECT coalesce(max(number), 0) FROM sessions").fetchone()[0])
        for entry in ordered:
            number += 1
            day = entry.day.isoformat()
            session_id = int(
                c.execute(
                    "INSERT INTO sessions (held_on, number, title, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (day, number, entry.title, now, now),
                ).lastrowid
                or 0
            )
            part_id = int(
                c.execute(
                    "INSERT INTO narrative_parts (session_id, written_on, body, position, "
                    "created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)",
                    (session_id, day, entry.text, now, now),
                ).lastrowid
                or 0
            )
            for tag in entry.tags:
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
    return ids
