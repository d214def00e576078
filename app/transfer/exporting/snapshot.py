"""The exported part of the journal, read in bulk (one query per table) and grouped by
session in Python, ready for any format."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.errors import JournalError
from app.journal import Journal, snapshot_rows
from app.transfer.exporting.stream import SessionStream

FORMAT = "integration-journal-export"
# 2 added people reach/when_hard, sessions[].revisits, own_words, emotion_amounts, measures.
VERSION = 2
FORMATS = ("markdown", "html", "json")

Record = dict[str, Any]


class ExportProblem(JournalError):
    """The export could not be written; nothing was left behind."""


class ExportCancelled(ExportProblem):
    """The client cancelled the export; nothing was left behind."""


# Told how many sessions are written so far; it may raise ExportCancelled to stop.
Progress = Callable[[int], None] | None


# -- reading everything, in bulk --------------------------------------------------------------


@dataclass
class Snapshot:
    """The exported part of the journal, grouped by session, ready for any format."""

    sessions: list[Record] | SessionStream  # a stream: walked through, never indexed
    checkins_without_session: list[Record]
    week_notes: list[Record]
    people: list[Record]
    custom_questions: list[Record]
    hidden_questions: list[str]
    themes: list[Record]
    meta: dict[str, str]
    own_words: list[Record] = field(default_factory=list)
    measures: list[Record] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    exported_at: str = field(default_factory=lambda: _now())

    def header(self) -> Record:
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": self.exported_at,
            "range": {
                "from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None,
            },
            "journal": self.meta,
        }


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _in_range(day: str, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or day[:10] >= start.isoformat()) and (
        end is None or day[:10] <= end.isoformat()
    )


def collect(journal: Journal, start: dt.date | None = None, end: dt.date | None = None) -> Snapshot:
    """Read the journal (sessions held between ``start`` and ``end``, both included)."""
    snapshot = open_snapshot(journal, start, end)
    snapshot.sessions = list(snapshot.sessions)
    return snapshot


def open_snapshot(
    journal: Journal, start: dt.date | None = None, end: dt.date | None = None
) -> Snapshot:
    """Like ``collect``, but the sessions are a ``SessionStream``: read a batch at a time
    while the export is written (``journal`` must stay open, and on the writing thread)."""
    theme_names = {r["id"]: r["name"] for r in snapshot_rows.whole(journal, "themes")}
    links: dict[tuple[str, int], list[str]] = defaultdict(list)
    uses: dict[int, list[Record]] = defaultdict(list)
    for r in snapshot_rows.whole(journal, "theme_links"):
        links[(r["kind"], r["target_id"])].append(theme_names[r["theme_id"]])
        uses[r["theme_id"]].append({"kind": r["kind"], "id": r["target_id"]})

    def themed(kind: str, record: Record) -> Record:
        record["themes"] = sorted(links.get((kind, record["id"]), ()), key=str.casefold)
        return record

    whole = start is None and end is None
    in_range = set() if whole else snapshot_rows.themed_ids(journal, start, end)
    themes = [
        {
            "id": theme_id,
            "name": name,
            "used_in": [
                u for u in uses.get(theme_id, []) if whole or (u["kind"], u["id"]) in in_range
            ],
        }
        for theme_id, name in theme_names.items()
    ]
    loose = []
    for r in snapshot_rows.loose_checkins(journal):
        if _in_range(r["checked_at"], start, end):
            r["emotions"] = json.loads(r["emotions"])
            r["emotion_amounts"] = json.loads(r["emotion_amounts"])
            r["private"] = bool(r["private"])
            r.pop("session_id")
            loose.append(r)
    return Snapshot(
        sessions=SessionStream(journal, snapshot_rows.session_ids(journal, start, end), themed),
        checkins_without_session=loose,
        week_notes=[
            r
            for r in snapshot_rows.whole(journal, "week_notes")
            if _in_range(r["week_start"], start, end)
        ],
        people=[
            {**r, "when_hard": bool(r["when_hard"])} for r in snapshot_rows.whole(journal, "people")
        ],
        custom_questions=[
            {
                "id": f"own.{r['id']}",
                "group_id": r["group_id"],
                "text": r["text"],
                "created_at": r["created_at"],
            }
            for r in snapshot_rows.whole(journal, "custom_questions")
        ],
        hidden_questions=sorted(
            r["question_id"] for r in snapshot_rows.whole(journal, "hidden_questions")
        ),
        themes=[t for t in themes if whole or t["used_in"]],
        meta={r["key"]: r["value"] for r in snapshot_rows.whole(journal, "meta")},
        own_words=list(snapshot_rows.whole(journal, "own_words")),
        measures=[
            {**r, "answers": json.loads(r["answers"])}
            for r in snapshot_rows.whole(journal, "measure_results")
            if _in_range(r["taken_at"], start, end)
        ],
        start=start,
        end=end,
    )
