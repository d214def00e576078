"""The journal's records as plain dataclasses. ``id`` is 0 until the record is saved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class ActionStatus(StrEnum):
    PLANNED = "planned"
    DOING = "doing"
    DONE = "done"
    LET_GO = "let_go"

    @property
    def label(self) -> str:
        return {"planned": "Planned", "doing": "Doing", "done": "Done", "let_go": "Let go"}[
            self.value
        ]

    @property
    def active(self) -> bool:
        return self in (ActionStatus.PLANNED, ActionStatus.DOING)


@dataclass
class Session:
    held_on: dt.date
    number: int = 0
    title: str = ""
    intention: str = ""
    setting: str = ""
    id: int = 0


@dataclass
class NarrativePart:
    """The story of a session: the first part, then dated additions."""

    session_id: int
    written_on: dt.date
    body: str = ""
    position: int = 0
    id: int = 0


@dataclass
class Answer:
    """An answer to one question, keeping the question's wording as it was asked."""

    session_id: int
    question_id: str
    question_text: str
    body: str = ""
    private: bool = False
    id: int = 0


@dataclass
class RevisitNote:
    """Coming back to a session later: a dated reflection beside the earlier answers."""

    session_id: int
    written_on: dt.date
    body: str = ""
    private: bool = False
    id: int = 0


@dataclass
class CheckIn:
    """A present-moment check-in: what is here now, in words and senses."""

    checked_at: dt.datetime
    session_id: int | None = None
    emotions: tuple[str, ...] = ()
    emotion_words: str = ""
    body_sensations: str = ""
    thoughts: str = ""
    colour: str = ""
    sound: str = ""
    texture: str = ""
    felt_sense: str = ""
    private: bool = False
    id: int = 0
    # word -> "a little" | "a lot" (app.journal.feelings.AMOUNTS), for some chosen words
    amounts: dict[str, str] = field(default_factory=dict)


@dataclass
class Insight:
    session_id: int
    body: str = ""
    position: int = 0
    id: int = 0


@dataclass
class Action:
    """A small, concrete step that grew from an insight."""

    insight_id: int
    session_id: int
    what: str = ""
    cue: str = ""  # when, or "if … then I will …"
    how_often: str = ""
    with_whom: str = ""
    person_id: int | None = None
    first_step: str = ""
    note: str = ""
    status: ActionStatus = ActionStatus.PLANNED
    look_again: dt.date | None = None
    position: int = 0
    id: int = 0

    @property
    def named(self) -> bool:
        """At least one word in it: the empty form that comes with a new insight is no
        step yet, so it isn't printed, ticked or reviewed."""
        fields = (self.what, self.cue, self.how_often, self.with_whom, self.first_step)
        return any(f.strip() for f in fields) or self.person_id is not None


@dataclass
class Person:
    """Someone in the client's support system. ``note`` is how they help; ``reach`` how to
    reach them; ``when_hard`` puts them on the "When it's hard" page. (The newer fields come
    after ``id`` so older positional uses keep their meaning.)"""

    name: str
    note: str = ""
    id: int = 0
    reach: str = ""
    when_hard: bool = False


@dataclass(frozen=True)
class Theme:
    id: int
    name: str


@dataclass(frozen=True)
class ThemeUse:
    """One place a theme appears."""

    theme: Theme
    kind: str  # "narrative" | "answer" | "insight"
    target_id: int
    session_id: int
    held_on: dt.date


@dataclass(frozen=True)
class SearchHit:
    kind: str  # session, narrative, answer, checkin, insight, action, person, question, week_note
    ref_id: int
    session_id: int | None
    label: str
    snippet: str  # matched words wrapped in HIGHLIGHT_START / HIGHLIGHT_END
    rank: float


# Private-use characters mark matches in snippets, so the UI can escape text safely and
# then turn the markers into highlighting.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"


@dataclass
class WeekNote:
    week_start: dt.date
    body: str = ""
    id: int = 0


THEME_KINDS = ("narrative", "answer", "insight")
