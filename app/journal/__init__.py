"""The repository: every read and write of the journal goes through here.

One repository per kind of record (``sessions``, ``reflection``, ``checkins``, ``actions``,
``theme_tags``, ``people``, ``revisit_notes``, ``week_notes``, ``own_words``,
``measure_results``, ``meta``, ``search_index``), all sharing the one connection and
transaction helper of ``base.JournalBase``. ``Journal`` puts them together so a caller
holds one object. Bulk readers for the timeline and the export live in ``timeline_rows``
and ``snapshot_rows``; nothing outside ``app/journal`` writes SQL.
"""

from __future__ import annotations

from app.journal.actions import ActionRecords
from app.journal.base import JournalBase, Row
from app.journal.checkins import CheckInRecords
from app.journal.measure_results import MeasureRecords
from app.journal.meta import MetaRecords
from app.journal.own_words import OwnWordRecords
from app.journal.people import PeopleRecords
from app.journal.reflection import ReflectionRecords
from app.journal.revisit_notes import RevisitNoteRecords
from app.journal.search_index import SearchIndexRecords
from app.journal.sessions import SessionRecords
from app.journal.theme_tags import ThemeRecords
from app.journal.week_notes import WeekNoteRecords

__all__ = ["Journal", "JournalBase", "Row"]


class Journal(
    MetaRecords,
    SessionRecords,
    ReflectionRecords,
    RevisitNoteRecords,
    CheckInRecords,
    ActionRecords,
    WeekNoteRecords,
    OwnWordRecords,
    MeasureRecords,
    PeopleRecords,
    ThemeRecords,
    SearchIndexRecords,
):
    """Every kind of record over one connection (see ``base.JournalBase``)."""
