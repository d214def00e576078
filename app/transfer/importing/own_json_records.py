"""The checked contents of an Integration Journal export, as plain frozen records.

``own_json`` builds them from the file; ``own_json_write`` turns them into new rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.journal.model import ActionStatus
from app.transfer.importing.common import PREVIEW_TITLES, Preview

LEFT_OUT = (
    "Not brought in: your own spell-checker words, hidden questions, the old journal's "
    "settings and any PHQ-9/GAD-7 answers."
)


@dataclass(frozen=True)
class Part:
    written_on: dt.date
    body: str
    themes: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    question_id: str
    question_text: str
    body: str
    private: bool
    themes: tuple[str, ...]


@dataclass(frozen=True)
class Revisit:
    written_on: dt.date
    body: str
    private: bool


@dataclass(frozen=True)
class CheckIn:
    checked_at: dt.datetime
    emotions: tuple[str, ...]
    amounts: tuple[tuple[str, str], ...]
    emotion_words: str
    body_sensations: str
    thoughts: str
    colour: str
    sound: str
    texture: str
    felt_sense: str
    private: bool


@dataclass(frozen=True)
class Action:
    what: str
    cue: str
    how_often: str
    with_whom: str
    person_id: int | None  # an id in the file's ``people``
    first_step: str
    note: str
    status: ActionStatus
    look_again: dt.date | None
    ticks: tuple[dt.date, ...]


@dataclass(frozen=True)
class Insight:
    body: str
    themes: tuple[str, ...]
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class Session:
    held_on: dt.date
    title: str
    intention: str
    setting: str
    parts: tuple[Part, ...]
    answers: tuple[Answer, ...]
    revisits: tuple[Revisit, ...]
    checkins: tuple[CheckIn, ...]
    insights: tuple[Insight, ...]


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    note: str
    reach: str
    when_hard: bool


@dataclass(frozen=True)
class Question:
    id: str  # "own.<n>" in the file
    group_id: str
    text: str


@dataclass(frozen=True)
class WeekNote:
    week_start: dt.date
    body: str


@dataclass(frozen=True)
class OwnExport:
    """Everything that will come in. ``len`` is the number of sessions (what the import's
    progress counts); it is true when there is anything at all to import."""

    version: int
    sessions: tuple[Session, ...]
    loose_checkins: tuple[CheckIn, ...]
    week_notes: tuple[WeekNote, ...]
    people: tuple[Person, ...]
    questions: tuple[Question, ...]

    def __len__(self) -> int:
        return len(self.sessions)

    def __bool__(self) -> bool:
        return any(
            (self.sessions, self.loose_checkins, self.week_notes, self.people, self.questions)
        )

    def preview(self) -> Preview:
        days = [s.held_on for s in self.sessions]
        themes = {
            t.casefold()
            for s in self.sessions
            for t in (
                *(t for p in s.parts for t in p.themes),
                *(t for a in s.answers for t in a.themes),
                *(t for i in s.insights for t in i.themes),
            )
        }
        titles = tuple(s.title or "(untitled)" for s in self.sessions[:PREVIEW_TITLES])
        also = [
            _count(
                len(self.loose_checkins),
                "check-in without a session",
                "check-ins without a session",
            ),
            _count(len(self.week_notes), "week note", "week notes"),
            _count(
                len(self.people),
                "person (added unless one of that name is here)",
                "people (each added unless one of that name is here)",
            ),
            _count(len(self.questions), "question of your own", "questions of your own"),
        ]
        listed = "; ".join(a for a in also if a)
        note = (f"Also: {listed}.\n\n" if listed else "") + LEFT_OUT
        return Preview(
            len(self.sessions),
            min(days, default=None),
            max(days, default=None),
            titles,
            len(themes),
            note,
        )


def _count(n: int, one: str, many: str) -> str:
    return "" if n == 0 else f"1 {one}" if n == 1 else f"{n:,} {many}"
