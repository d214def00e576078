"""Whether the questionnaires' two-weekly offer is due today, read from the journal.

Every fact involved — that the questionnaires are on, that the client asked to be
reminded, when they last answered, a "Not now" — is kept in the journal's encrypted
``meta`` table and results, never in the settings file: even the fact that someone uses
these questionnaires is nobody else's business. The rule itself is in ``measures``.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from app.follow import measures
from app.journal import Journal

ENABLED_KEY = "measures.enabled"  # "1" when the client turned the questionnaires on
OFFER_KEY = "measures.offer"  # "1": offer them gently every two weeks
SNOOZE_KEY = "measures.offer_snoozed_until"  # ISO date a "Not now" lasts until


def last_taken(journal: Journal) -> dt.date | None:
    results = journal.measures()
    return results[-1].taken_at.date() if results else None


def snoozed_until(journal: Journal) -> dt.date | None:
    value = journal.meta(SNOOZE_KEY)
    with contextlib.suppress(ValueError, TypeError):
        return dt.date.fromisoformat(value or "")
    return None


def due(journal: Journal, today: dt.date) -> bool:
    return measures.offer_due_on(
        today,
        turned_on=journal.meta(ENABLED_KEY) == "1",
        reminder=journal.meta(OFFER_KEY) == "1",
        last_taken=last_taken(journal),
        snoozed_until=snoozed_until(journal),
    )


def not_now(journal: Journal, today: dt.date) -> None:
    """The client said "Not now": the offer rests for a few days (``measures.SNOOZE``)."""
    journal.set_meta(SNOOZE_KEY, measures.snoozed_until(today).isoformat())
