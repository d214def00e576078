"""Writing imported entries: one new session each, all in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from app.journal import Journal
from app.transfer.importing.common import Entry


def import_entries(
    journal: Journal, entries: list[Entry], progress: Callable[[int], None] | None = None
) -> list[int]:
    """Add a session per entry (oldest first, numbered after the existing ones).

    The text becomes the narrative's first part and the tags its themes. All or nothing:
    any failure rolls the whole import back (``SaveFailed`` from ``transaction``), and so
    does anything ``progress(done)`` raises (told after each entry, before the commit).
    """
    ordered = sorted(entries, key=lambda e: e.day)
    return journal.import_sessions([(e.day, e.title, e.text, e.tags) for e in ordered], progress)
