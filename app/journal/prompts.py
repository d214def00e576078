"""The reflection question library: loading, validating and merging with the client's own.

The library lives in ``resources/questions.json``. Question ids are stable
(``"<group>.<slug>"``) because answers are stored per question id; never rename one.
Plain Python, no Qt.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

__all__ = [
    "OWN_GROUP_ID",
    "OWN_GROUP_TITLE",
    "Question",
    "QuestionGroup",
    "QuestionLibraryError",
    "find_question",
    "load_library",
    "merged_groups",
]

SUPPORTED_VERSION: Final = 1
OWN_GROUP_ID: Final = "own"
OWN_GROUP_TITLE: Final = "My own questions"
OWN_GROUP_INTRO: Final = "Questions you added yourself."

_ID_PART_RE: Final = re.compile(r"[a-z][a-z0-9_]*")
_TOP_KEYS: Final = frozenset({"version", "groups"})
_GROUP_KEYS: Final = frozenset({"id", "title", "intro", "questions"})
_QUESTION_KEYS: Final = frozenset({"id", "text"})


@dataclass(frozen=True)
class Question:
    id: str
    group_id: str
    text: str
    custom: bool = False


@dataclass(frozen=True)
class QuestionGroup:
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]


class QuestionLibraryError(Exception):
    """The question library file is missing, unreadable or not in the expected shape."""


def default_library_path() -> Path:
    """Where the bundled library lives: next to the package, or inside a frozen app."""
    bundle = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle, str) and bundle:
        return Path(bundle) / "resources" / "questions.json"
    return Path(__file__).resolve().parents[2] / "resources" / "questions.json"


def _fail(problem: str) -> QuestionLibraryError:
    return QuestionLibraryError(f"The question library could not be used: {problem}.")


def _check_keys(obj: Mapping[str, object], expected: frozenset[str], where: str) -> None:
    missing = sorted(expected - obj.keys())
    unknown = sorted(obj.keys() - expected)
    if missing:
        raise _fail(f"{where} is missing {', '.join(repr(k) for k in missing)}")
    if unknown:
        raise _fail(f"{where} has unexpected {', '.join(repr(k) for k in unknown)}")


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise _fail(f"{where} should be text")
    text = value.strip()
    if not text:
        raise _fail(f"{where} is empty")
    return text


def _parse(data: object) -> tuple[QuestionGroup, ...]:
    if not isinstance(data, dict):
        raise _fail("the file should hold a single JSON object")
    _check_keys(data, _TOP_KEYS, "the file")
    version = data["version"]
    if type(version) is not int or version != SUPPORTED_VERSION:
        raise _fail(f"version {version!r} is not supported (expected {SUPPORTED_VERSION})")
    raw_groups = data["groups"]
    if not isinstance(raw_groups, list) or not raw_groups:
        raise _fail("'groups' should be a non-empty list")

    groups: list[QuestionGroup] = []
    group_ids: set[str] = set()
    question_ids: set[str] = set()
    for g_index, raw_group in enumerate(raw_groups, start=1):
        where = f"group {g_index}"
        if not isinstance(raw_group, dict):
            raise _fail(f"{where} should be a JSON object")
        _check_keys(raw_group, _GROUP_KEYS, where)
        group_id = _text(raw_group["id"], f"the id of {where}")
        if not _ID_PART_RE.fullmatch(group_id):
            raise _fail(
                f"the id {group_id!r} of {where} should use only lowercase letters, digits and _"
            )
        if group_id == OWN_GROUP_ID:
            raise _fail(f"the group id {OWN_GROUP_ID!r} is kept for the client's own questions")
        if group_id in group_ids:
            raise _fail(f"the group id {group_id!r} is used twice")
        group_ids.add(group_id)
        where = f"group {group_id!r}"
        title = _text(raw_group["title"], f"the title of {where}")
        intro = _text(raw_group["intro"], f"the intro of {where}")
        raw_questions = raw_group["questions"]
        if not isinstance(raw_questions, list) or not raw_questions:
            raise _fail(f"the questions of {where} should be a non-empty list")

        questions: list[Question] = []
        for q_index, raw_question in enumerate(raw_questions, start=1):
            q_where = f"question {q_index} in {where}"
            if not isinstance(raw_question, dict):
                raise _fail(f"{q_where} should be a JSON object")
            _check_keys(raw_question, _QUESTION_KEYS, q_where)
            question_id = _text(raw_question["id"], f"the id of {q_where}")
            prefix, dot, slug = question_id.partition(".")
            if prefix != group_id or not dot or not _ID_PART_RE.fullmatch(slug):
                raise _fail(
                    f"the id {question_id!r} of {q_where} should look like '{group_id}.name'"
                )
            if question_id in question_ids:
                raise _fail(f"the question id {question_id!r} is used twice")
            question_ids.add(question_id)
            text = _text(raw_question["text"], f"the text of {q_where}")
            questions.append(Question(id=question_id, group_id=group_id, text=text))
        groups.append(QuestionGroup(group_id, title, intro, tuple(questions)))
    return tuple(groups)


def _load(path: Path) -> tuple[QuestionGroup, ...]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(f"the file {str(path)!r} could not be read ({exc.strerror or exc})") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _fail("the file is not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise _fail(f"the file is not valid JSON (line {exc.lineno}, column {exc.colno})") from exc
    return _parse(data)


@functools.lru_cache(maxsize=1)
def _load_default() -> tuple[QuestionGroup, ...]:
    return _load(default_library_path())


def load_library(path: Path | None = None) -> tuple[QuestionGroup, ...]:
    """Load and strictly validate the question library.

    Without a path, the bundled library is loaded once and cached. Raises
    QuestionLibraryError (with a plain-words message) for any problem.
    """
    if path is None:
        return _load_default()
    return _load(path)


def merged_groups(
    library: Iterable[QuestionGroup],
    custom: Iterable[Question],
    hidden_ids: Collection[str],
) -> tuple[QuestionGroup, ...]:
    """The groups as the client sees them.

    Hidden questions (library or own) are left out. The client's own questions are marked
    ``custom=True`` and appended, in the order given, to the library group their
    ``group_id`` names; those naming no library group go to a last group, ``"own"``
    ("My own questions"), with their ``group_id`` set to ``"own"`` so that every question
    in a group carries that group's id. A custom question whose id is already taken is
    skipped, so ids stay unique. Library groups are kept even when every question in them
    is hidden (so the client can still add to them); the ``"own"`` group appears only when
    it has questions.
    """
    library = tuple(library)
    hidden = frozenset(hidden_ids)
    by_group: dict[str, list[Question]] = {g.id: [] for g in library}
    own: list[Question] = []
    seen: set[str] = {q.id for g in library for q in g.questions}
    for question in custom:
        if question.id in seen:
            continue
        seen.add(question.id)
        if question.id in hidden:
            continue
        if question.group_id in by_group:
            by_group[question.group_id].append(replace(question, custom=True))
        else:
            own.append(replace(question, group_id=OWN_GROUP_ID, custom=True))

    result = [
        replace(
            group,
            questions=tuple(q for q in group.questions if q.id not in hidden)
            + tuple(by_group[group.id]),
        )
        for group in library
    ]
    if own:
        result.append(QuestionGroup(OWN_GROUP_ID, OWN_GROUP_TITLE, OWN_GROUP_INTRO, tuple(own)))
    return tuple(result)


def find_question(groups: Iterable[QuestionGroup], question_id: str) -> Question | None:
    """The question with this id in these groups, or None."""
    for group in groups:
        for question in group.questions:
            if question.id == question_id:
                return question
    return None
