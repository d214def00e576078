"""Integration Journal's own JSON export (format versions 1 and 2, ``docs/export-format.md``).

The whole file is checked before anything is written, as hostile as any other: its size,
its shape, every string (length, NUL characters), every date and every cross-reference.
The result is plain frozen records; ``own_json_write`` turns them into new rows.

Left out on purpose (the preview says so): the spell checker's own words, hidden
questions and the journal's settings (they belong to the old journal, not to the
writing), and the PHQ-9/GAD-7 answers (scores dated in another journal's history, better
taken again than mixed in silently).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from app.journal.model import ActionStatus
from app.transfer.importing.common import (
    MAX_ENTRIES,
    MAX_JSON_BYTES,
    MAX_TAG_CHARS,
    MAX_TAGS_PER_ENTRY,
    MAX_TITLE_CHARS,
    ImportProblem,
    check_count,
    clean_text,
    load_json,
    read_file,
)
from app.transfer.importing.own_json_records import (
    Action,
    Answer,
    CheckIn,
    Insight,
    OwnExport,
    Part,
    Person,
    Question,
    Revisit,
    Session,
    WeekNote,
)

__all__ = ["FORMAT", "VERSIONS", "OwnExport", "parse", "read"]

FORMAT = "integration-journal-export"
VERSIONS = (1, 2)
_SHORT = 1_000  # words such as an emotion, a question id, a group id

# -- checking, field by field ----------------------------------------------------------------


def _object(value: object, label: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ImportProblem(f"{label} should be an object but is {_kind(value)}.")
    return value


def _list(record: dict[str, Any], key: str, label: str, required: bool = False) -> list[Any]:
    value = record.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise ImportProblem(f'{label}\'s "{key}" should be a list but is {_kind(value)}.')
    if len(value) > MAX_ENTRIES:
        raise ImportProblem(f'{label}\'s "{key}" holds more than {MAX_ENTRIES:,} items.')
    return value


def _kind(value: object) -> str:
    if value is None:
        return "missing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def _text(record: dict[str, Any], key: str, label: str, limit: int | None = None) -> str:
    where = f'{label}\'s "{key}"'
    return (
        clean_text(record.get(key), where)
        if limit is None
        else clean_text(record.get(key), where, limit)
    )


def _flag(record: dict[str, Any], key: str, label: str) -> bool:
    value = record.get(key, False)
    if not isinstance(value, bool):
        raise ImportProblem(f'{label}\'s "{key}" should be true or false.')
    return value


def _id(value: object, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**63:
        raise ImportProblem(f"{label} should be a whole number above 0.")
    return value


def _date(value: object, label: str) -> dt.date:
    if not isinstance(value, str) or len(value) > 40:
        raise ImportProblem(f"{label} should be a date like 2024-01-10.")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ImportProblem(f"{label} ({value[:40]!r}) isn't a date like 2024-01-10.") from None


def _moment(value: object, label: str) -> dt.datetime:
    if not isinstance(value, str) or len(value) > 40:
        raise ImportProblem(f"{label} should be a moment like 2024-01-11T09:30:00.")
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ImportProblem(
            f"{label} ({value[:40]!r}) isn't a moment like 2024-01-11T09:30:00."
        ) from None


def _words(value: object, label: str, limit: int = MAX_TAGS_PER_ENTRY) -> tuple[str, ...]:
    """Theme names or emotions: a short list of short texts, spaces tidied, no repeats."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ImportProblem(f"{label} should be a list but is {_kind(value)}.")
    if len(value) > limit:
        raise ImportProblem(f"{label} holds more than {limit} names.")
    names: list[str] = []
    for item in value:
        name = " ".join(clean_text(item, f"A name in {label.lower()}", MAX_TAG_CHARS).split())
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return tuple(names)


def _checkin(value: object, label: str) -> CheckIn:
    r = _object(value, label)
    emotions = _words(r.get("emotions"), f"{label}'s emotions")
    amounts = _object(r.get("emotion_amounts") or {}, f"{label}'s emotion amounts")
    if len(amounts) > MAX_TAGS_PER_ENTRY:
        raise ImportProblem(f"{label}'s emotion amounts hold too many words.")
    pairs = tuple(
        (
            clean_text(k, f"{label}'s emotion", MAX_TAG_CHARS),
            clean_text(v, f"{label}'s amount", MAX_TAG_CHARS),
        )
        for k, v in amounts.items()
    )
    fields = (
        "emotion_words",
        "body_sensations",
        "thoughts",
        "colour",
        "sound",
        "texture",
        "felt_sense",
    )
    text = {f: _text(r, f, label) for f in fields}
    return CheckIn(
        checked_at=_moment(r.get("checked_at"), f"{label}'s time"),
        emotions=emotions,
        amounts=tuple((k, v) for k, v in pairs if k in emotions),
        private=_flag(r, "private", label),
        **text,
    )


def _action(value: object, label: str, people: set[int]) -> Action:
    r = _object(value, label)
    person = r.get("person_id")
    person_id = None if person is None else _id(person, f"{label}'s person")
    if person_id is not None and person_id not in people:
        raise ImportProblem(f"{label} names a person (id {person_id}) who isn't in the file.")
    try:
        status = ActionStatus(r.get("status", "planned"))
    except ValueError:
        raise ImportProblem(f"{label}'s status should be planned, doing, done or let_go.") from None
    look_again = r.get("look_again")
    ticks = _list(r, "ticks", label)
    return Action(
        _text(r, "what", label),
        _text(r, "cue", label),
        _text(r, "how_often", label),
        _text(r, "with_whom", label),
        person_id,
        _text(r, "first_step", label),
        _text(r, "note", label),
        status,
        None if look_again is None else _date(look_again, f"{label}'s look-again day"),
        tuple(_date(t, f"A ticked day of {label.lower()}") for t in ticks),
    )


def _session(value: object, n: int, people: set[int]) -> Session:
    label = f"Session {n}"
    r = _object(value, label)
    held_on = _date(r.get("held_on"), f"{label}'s date")
    parts = tuple(
        Part(
            _date(p.get("written_on"), f"{label}'s part {i} date"),
            _text(p, "body", label),
            _words(p.get("themes"), f"{label}'s part {i} themes"),
        )
        for i, p in enumerate(
            (_object(v, f"{label}'s part") for v in _list(r, "narrative", label)), start=1
        )
    )
    answers = tuple(
        Answer(
            _text(a, "question_id", label, _SHORT) or "own.0",
            _text(a, "question_text", label),
            _text(a, "body", label),
            _flag(a, "private", label),
            _words(a.get("themes"), f"{label}'s answer themes"),
        )
        for a in (_object(v, f"{label}'s answer") for v in _list(r, "answers", label))
    )
    if len({a.question_id for a in answers}) != len(answers):
        raise ImportProblem(f"{label} answers the same question twice.")
    revisits = tuple(
        Revisit(
            _date(v.get("written_on"), f"{label}'s revisit date"),
            _text(v, "body", label),
            _flag(v, "private", label),
        )
        for v in (_object(x, f"{label}'s revisit") for x in _list(r, "revisits", label))
    )
    checkins = tuple(
        _checkin(c, f"{label}'s check-in {i}")
        for i, c in enumerate(_list(r, "checkins", label), start=1)
    )
    insights = []
    for i, raw in enumerate(_list(r, "insights", label), start=1):
        where = f"{label}'s insight {i}"
        ins = _object(raw, where)
        actions = tuple(
            _action(a, f"{where}'s action {k}", people)
            for k, a in enumerate(_list(ins, "actions", where), start=1)
        )
        insights.append(
            Insight(
                _text(ins, "body", where), _words(ins.get("themes"), f"{where}'s themes"), actions
            )
        )
    return Session(
        held_on,
        _text(r, "title", label, MAX_TITLE_CHARS),
        _text(r, "intention", label),
        _text(r, "setting", label),
        parts,
        answers,
        revisits,
        checkins,
        tuple(insights),
    )


def parse(data: bytes, what: str = "This file") -> OwnExport:
    document = load_json(data, what)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportProblem(
            f'{what} isn\'t an Integration Journal export (its "format" should be {FORMAT}).'
        )
    version = document.get("version")
    if type(version) is not int or version not in VERSIONS:
        shown = repr(version)[:20]
        raise ImportProblem(
            f"{what} is an export of format version {shown}; this version of Integration "
            "Journal can import versions 1 and 2 only."
        )
    people = []
    for n, raw in enumerate(_list(document, "people", "The file"), start=1):
        p = _object(raw, f"Person {n}")
        label = f"Person {n}"
        people.append(
            Person(
                _id(p.get("id"), f"{label}'s id"),
                _text(p, "name", label, MAX_TITLE_CHARS),
                _text(p, "note", label),
                _text(p, "reach", label),
                _flag(p, "when_hard", label),
            )
        )
    ids = {p.id for p in people}
    if len(ids) != len(people):
        raise ImportProblem(f"{what} lists two people with the same id.")
    raw_sessions = _list(document, "sessions", "The file", required=True)
    check_count(len(raw_sessions))
    sessions = tuple(_session(s, n, ids) for n, s in enumerate(raw_sessions, start=1))
    loose = tuple(
        _checkin(c, f"Check-in {n} without a session")
        for n, c in enumerate(_list(document, "checkins_without_session", "The file"), start=1)
    )
    notes = tuple(
        WeekNote(_date(w.get("week_start"), f"Week note {n}'s week"), _text(w, "body", "A note"))
        for n, w in enumerate(
            (_object(v, "A week note") for v in _list(document, "week_notes", "The file")),
            start=1,
        )
    )
    questions = tuple(
        Question(
            _text(q, "id", "A question", _SHORT),
            _text(q, "group_id", "A question", _SHORT),
            _text(q, "text", "A question", MAX_TITLE_CHARS),
        )
        for q in (_object(v, "A question") for v in _list(document, "custom_questions", "The file"))
    )
    return OwnExport(
        version,
        tuple(sorted(sessions, key=lambda s: s.held_on)),
        loose,
        notes,
        tuple(people),
        tuple(q for q in questions if q.text.strip()),
    )


def read(path: Path) -> OwnExport:
    return parse(read_file(path, MAX_JSON_BYTES, path.name), path.name)
