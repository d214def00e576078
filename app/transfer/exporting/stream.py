"""The sessions of an export, read a batch at a time each time they are walked through, so
exporting a hundred thousand entries holds a few hundred sessions in memory, not all."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from app.journal import Journal, snapshot_rows

Record = dict[str, Any]
BATCH = 200


class SessionStream:
    """Sized and iterable like a list of session records, but read from ``journal`` in
    batches of ``batch`` sessions; ``themed(kind, record)`` adds each row's theme names."""

    def __init__(
        self,
        journal: Journal,
        ids: list[int],
        themed: Callable[[str, Record], Record],
        batch: int = BATCH,
    ) -> None:
        self._journal = journal
        self._ids = ids
        self._themed = themed
        self._batch = batch

    def __len__(self) -> int:
        return len(self._ids)

    def __bool__(self) -> bool:
        return bool(self._ids)

    def _batches(self) -> Iterator[list[int]]:
        for first in range(0, len(self._ids), self._batch):
            yield self._ids[first : first + self._batch]

    def headings(self) -> Iterator[Record]:
        """The session rows alone (no text under them), for a table of contents."""
        for ids in self._batches():
            rows = {r["id"]: r for r in snapshot_rows.sessions_of(self._journal, ids)}
            yield from (rows[i] for i in ids)

    def __iter__(self) -> Iterator[Record]:
        for ids in self._batches():
            yield from self._read(ids)

    def _read(self, ids: list[int]) -> list[Record]:
        journal, themed = self._journal, self._themed
        by_id = {r["id"]: r for r in snapshot_rows.sessions_of(journal, ids)}
        for s in by_id.values():
            s.update(narrative=[], answers=[], revisits=[], checkins=[], insights=[])

        def under(table: str) -> Iterator[Record]:
            return snapshot_rows.under_sessions_of(journal, table, ids)

        def add(session_id: int, key: str, record: Record) -> None:
            by_id[session_id][key].append(record)

        for r in under("narrative_parts"):
            add(r.pop("session_id"), "narrative", themed("narrative", r))
        for r in under("answers"):
            r["private"] = bool(r["private"])
            add(r.pop("session_id"), "answers", themed("answer", r))
        for r in under("revisit_notes"):
            r["private"] = bool(r["private"])
            add(r.pop("session_id"), "revisits", r)
        for r in snapshot_rows.checkins_of(journal, ids):
            r["emotions"] = json.loads(r["emotions"])
            r["emotion_amounts"] = json.loads(r["emotion_amounts"])
            r["private"] = bool(r["private"])
            add(r.pop("session_id"), "checkins", r)
        insights: dict[int, Record] = {}
        for r in under("insights"):
            r["actions"] = []
            insights[r["id"]] = r
            add(r.pop("session_id"), "insights", themed("insight", r))
        actions = list(under("actions"))
        ticks: dict[int, list[str]] = defaultdict(list)
        if actions:
            for tick in snapshot_rows.ticks_of(journal, [a["id"] for a in actions]):
                ticks[tick["action_id"]].append(tick["day"])
        for r in actions:
            r["ticks"] = ticks.get(r["id"], [])
            insights[r.pop("insight_id")]["actions"].append(r)
        return [by_id[i] for i in ids]


def headings(sessions: object) -> Iterator[Record]:
    """The session rows for a contents list: light for a stream, the records for a list."""
    if isinstance(sessions, SessionStream):
        return sessions.headings()
    assert isinstance(sessions, list)
    return iter(sessions)
