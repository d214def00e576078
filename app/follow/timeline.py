"""The integration timeline: each session's day 0 and the days after it.

Day 0 is the session's date. Marks fall on +1, +7 and +30, and on every day the client
wrote (the session's title or intention, story, answers, insights, actions — a day before
the session gives a negative offset), checked in or ticked an action; the client's
check-ins sit along the row. Everything is counted in *local* days: a stored UTC time
becomes the local date first (so 23:30 on the session day is still day 0), a time stored
without a zone is already local wall time. Offsets are whole calendar days, so a change to
or from daylight-saving time never moves a mark.

A few bulk queries build a page of rows at once (no query per session); a page reads
only its own sessions' rows, so the first screenful costs the same in any journal.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from dataclasses import dataclass, field

from app.journal import Journal, timeline_rows
from app.journal.model import Session

MILESTONES = (0, 1, 7, 30)

# What happened on a marked day.
WROTE = "wrote"
CHECKED_IN = "checked_in"
TICKED = "ticked"
MILESTONE = "milestone"


def local_date(stamp: str | dt.datetime) -> dt.date:
    """The client's local calendar date of a stored time (UTC-aware or naive local)."""
    moment = dt.datetime.fromisoformat(stamp) if isinstance(stamp, str) else stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()  # the local zone, as TZ says right now
    return moment.date()


@dataclass(frozen=True)
class TimelineCheckIn:
    """A check-in placed on a session's row: the words the client chose, nothing more."""

    id: int
    day: dt.date
    offset: int
    emotions: tuple[str, ...]
    emotion_words: str
    body: str
    senses: tuple[str, ...]  # colour, sound, texture, felt sense (the ones filled in)
    private: bool


@dataclass
class SessionTimeline:
    session: Session
    marks: dict[int, set[str]] = field(default_factory=dict)  # day offset -> what happened
    checkins: list[TimelineCheckIn] = field(default_factory=list)

    @property
    def day0(self) -> dt.date:
        return self.session.held_on

    def day(self, offset: int) -> dt.date:
        return self.day0 + dt.timedelta(days=offset)

    def offset_of(self, day: dt.date) -> int:
        return (day - self.day0).days

    def mark(self, day: dt.date, kind: str) -> None:
        self.marks.setdefault(self.offset_of(day), set()).add(kind)

    @property
    def last_offset(self) -> int:
        return max(self.marks) if self.marks else 30


def build_timeline(
    journal: Journal, limit: int = -1, after: Session | None = None
) -> list[SessionTimeline]:
    """Every session's timeline (or the ``limit`` next after ``after``), newest first."""
    rows = journal.sessions_after(after, limit)
    timelines = [SessionTimeline(s, {m: {MILESTONE} for m in MILESTONES}) for s in rows]
    by_id = {t.session.id: t for t in timelines}
    if not timelines:
        return []
    # Check-ins on no session belong to the latest session held on or before that day.
    oldest_first = sorted(timelines, key=lambda t: (t.day0, t.session.number))
    starts = [t.day0 for t in oldest_first]
    everything = after is None and limit < 0
    ids = None if everything else list(by_id)
    # A page owns the check-ins on no session from its oldest session's day until the day
    # of the session just newer than the page. Stamps are UTC: read a day either side and
    # keep the local days inside.
    since = None if everything or len(rows) < limit else starts[0]
    until = None if after is None else after.held_on

    def owner(session_id: int | None, day: dt.date) -> SessionTimeline | None:
        if session_id is not None:
            return by_id.get(session_id)
        if (since is not None and day < since) or (until is not None and day >= until):
            return None
        index = bisect.bisect_right(starts, day) - 1
        return oldest_first[index] if index >= 0 else None

    for session_id, written_on in timeline_rows.narrative_days(journal, ids):
        if session_id in by_id:
            by_id[session_id].mark(dt.date.fromisoformat(written_on), WROTE)

    stamps: dict[str, dt.date] = {}

    def day_of(stamp: str) -> dt.date:
        day = stamps.get(stamp)
        if day is None:
            day = stamps[stamp] = local_date(stamp)
        return day

    for session_id, created, updated in timeline_rows.write_stamps(journal, ids):
        if session_id in by_id:
            by_id[session_id].mark(day_of(created), WROTE)
            by_id[session_id].mark(day_of(updated), WROTE)

    for session_id, ticked_on in timeline_rows.tick_days(journal, ids):
        if session_id in by_id:
            by_id[session_id].mark(dt.date.fromisoformat(ticked_on), TICKED)

    margin = dt.timedelta(days=1)
    checkins = timeline_rows.checkin_rows(
        journal,
        ids,
        "" if since is None else (since - margin).isoformat(),
        "" if until is None else (until + margin).isoformat(),
    )
    for row in checkins:
        day = day_of(row[2])
        timeline = owner(row[1], day)
        if timeline is None:
            continue
        timeline.mark(day, CHECKED_IN)
        timeline.checkins.append(
            TimelineCheckIn(
                id=row[0],
                day=day,
                offset=timeline.offset_of(day),
                emotions=tuple(json.loads(row[3])),
                emotion_words=row[4],
                body=row[5],
                senses=tuple(s for s in row[6:10] if s),
                private=bool(row[10]),
            )
        )
    return timelines


def marked_days(timeline: SessionTimeline) -> list[tuple[int, frozenset[str]]]:
    """The row's marks in day order, for a view or a test to read."""
    return sorted((offset, frozenset(kinds)) for offset, kinds in timeline.marks.items())
