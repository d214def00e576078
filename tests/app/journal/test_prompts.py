"""The reflection question library: the real file, strict validation, merging."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from app.journal import prompts
from app.journal.prompts import (
    Question,
    QuestionGroup,
    QuestionLibraryError,
    find_question,
    load_library,
    merged_groups,
)

EXPECTED_GROUPS = [  # an open start: now first, hard sessions near the top
    ("present", "The present moment: thoughts, emotions, sensations"),
    ("hard", "When it didn't feel good"),
    ("story", "The story"),
    ("moments", "Specific moments: memories, images, surprises, what was hard"),
    ("beyond", "Beyond words: the mystical or otherworldly"),
    ("body", "The body"),
    ("senses", "The senses: colour, sound, texture, felt sense"),
    ("themes", "Themes across sessions"),
    ("support", "Support"),
    ("selfcare", "Self-care"),
]


def all_questions(groups: tuple[QuestionGroup, ...]) -> list[Question]:
    return [q for g in groups for q in g.questions]


# -- the real library --------------------------------------------------------------------


def test_real_library_loads_with_the_expected_groups_in_order() -> None:
    groups = load_library()
    assert [(g.id, g.title) for g in groups] == EXPECTED_GROUPS
    assert all(g.intro for g in groups)


def test_the_library_opens_with_what_is_most_present() -> None:
    first = load_library()[0].questions[0]
    assert (first.id, first.text) == ("present.most_present", "What is most present for you now?")


def test_real_library_is_big_enough() -> None:
    groups = load_library()
    assert len(all_questions(groups)) >= 45
    for group in groups:
        assert len(group.questions) >= 4, group.id


def test_real_library_ids_are_unique_and_stable_shaped() -> None:
    questions = all_questions(load_library())
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))
    for q in questions:
        assert re.fullmatch(r"[a-z]+\.[a-z0-9_]+", q.id), q.id
        assert q.id.split(".")[0] == q.group_id
        assert not q.custom


def test_real_library_copy_is_short_open_and_gentle() -> None:
    for q in all_questions(load_library()):
        assert q.text.endswith("?"), q.text
        assert len(q.text.split()) <= 25, q.text
        assert q.text == q.text.strip()
        # One sentence: no sentence break before the final question mark.
        assert not re.search(r"[.!?]\s", q.text), q.text
        lowered = q.text.lower()
        for word in ("dose", "dosage", " mg", "medication", "ketamine", "should"):
            assert word not in lowered, (word, q.text)


def test_hard_sessions_and_no_sense_are_explicitly_welcome() -> None:
    groups = load_library()
    hard = next(g for g in groups if g.id == "hard")
    assert "valid" in hard.intro.lower()
    texts = " ".join(q.text.lower() for q in all_questions(groups))
    assert "made no sense" in texts


def test_default_load_is_cached() -> None:
    assert load_library() is load_library()


def test_default_path_is_next_to_the_package() -> None:
    path = prompts.default_library_path()
    assert path == Path(prompts.__file__).resolve().parents[2] / "resources" / "questions.json"
    assert path.is_file()


def test_frozen_app_bundle_is_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert prompts.default_library_path() == tmp_path / "resources" / "questions.json"


def test_explicit_path_loads_a_copy_of_the_real_file(tmp_path: Path) -> None:
    copy = tmp_path / "q.json"
    copy.write_bytes(prompts.default_library_path().read_bytes())
    assert load_library(copy) == load_library()


# -- validation --------------------------------------------------------------------------


def good_doc() -> dict[str, Any]:
    return {
        "version": 1,
        "groups": [
            {
                "id": "story",
                "title": "The story",
                "intro": "Start anywhere.",
                "questions": [
                    {"id": "story.one", "text": "What happened first?"},
                    {"id": "story.two", "text": "What happened next?"},
                ],
            },
            {
                "id": "body",
                "title": "The body",
                "intro": "Notice.",
                "questions": [{"id": "body.now", "text": "What do you notice?"}],
            },
        ],
    }


def write(tmp_path: Path, doc: object) -> Path:
    path = tmp_path / "questions.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_small_good_file_loads(tmp_path: Path) -> None:
    groups = load_library(write(tmp_path, good_doc()))
    assert [g.id for g in groups] == ["story", "body"]
    assert groups[0].questions[1] == Question("story.two", "story", "What happened next?")


def _set(path: list[Any], value: Any) -> Any:
    def mutate(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path: list[Any]) -> Any:
    def mutate(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


BAD_SHAPES = {
    "unknown top-level key": _set(["extra"], 1),
    "missing version": _delete(["version"]),
    "missing groups": _delete(["groups"]),
    "wrong version": _set(["version"], 2),
    "version as text": _set(["version"], "1"),
    "version as bool": _set(["version"], True),
    "groups not a list": _set(["groups"], {}),
    "no groups": _set(["groups"], []),
    "group not an object": _set(["groups", 0], "story"),
    "unknown group key": _set(["groups", 0, "colour"], "blue"),
    "missing group title": _delete(["groups", 0, "title"]),
    "missing group intro": _delete(["groups", 0, "intro"]),
    "empty group title": _set(["groups", 0, "title"], "   "),
    "bad group id": _set(["groups", 0, "id"], "The Story"),
    "reserved group id": _set(["groups", 1, "id"], "own"),
    "duplicate group id": _set(["groups", 1, "id"], "story"),
    "questions not a list": _set(["groups", 0, "questions"], "none"),
    "no questions": _set(["groups", 0, "questions"], []),
    "question not an object": _set(["groups", 0, "questions", 0], "What?"),
    "unknown question key": _set(["groups", 0, "questions", 0, "hint"], "x"),
    "missing question id": _delete(["groups", 0, "questions", 0, "id"]),
    "missing question text": _delete(["groups", 0, "questions", 0, "text"]),
    "empty text": _set(["groups", 0, "questions", 0, "text"], ""),
    "blank text": _set(["groups", 0, "questions", 0, "text"], " \n\t "),
    "text not a string": _set(["groups", 0, "questions", 0, "text"], 42),
    "id without group prefix": _set(["groups", 0, "questions", 0, "id"], "one"),
    "id with another group prefix": _set(["groups", 0, "questions", 0, "id"], "body.one"),
    "id with bad slug": _set(["groups", 0, "questions", 0, "id"], "story.One Two"),
    "duplicate question id": _set(["groups", 0, "questions", 1, "id"], "story.one"),
}


@pytest.mark.parametrize("mutate", BAD_SHAPES.values(), ids=BAD_SHAPES.keys())
def test_bad_shapes_are_rejected(tmp_path: Path, mutate: Any) -> None:
    doc = good_doc()
    mutate(doc)
    with pytest.raises(QuestionLibraryError) as info:
        load_library(write(tmp_path, doc))
    message = str(info.value)
    assert message.startswith("The question library could not be used:")
    assert "Traceback" not in message


@pytest.mark.parametrize("payload", [b"", b"{not json", b"[]", b'"text"', b"\xff\xfe\x00"])
def test_unreadable_content_is_rejected(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "questions.json"
    path.write_bytes(payload)
    with pytest.raises(QuestionLibraryError):
        load_library(path)


def test_missing_file_is_a_library_error(tmp_path: Path) -> None:
    with pytest.raises(QuestionLibraryError, match="could not be read"):
        load_library(tmp_path / "nowhere.json")


# -- merging with the client's own questions ---------------------------------------------


def small_library(tmp_path: Path) -> tuple[QuestionGroup, ...]:
    return load_library(write(tmp_path, good_doc()))


def test_merge_without_changes_is_the_library(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    assert merged_groups(library, [], set()) == library


def test_merge_hides_questions_but_keeps_their_group(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    merged = merged_groups(library, [], {"story.one", "body.now"})
    assert [g.id for g in merged] == ["story", "body"]
    assert [q.id for q in merged[0].questions] == ["story.two"]
    assert merged[1].questions == ()


def test_merge_appends_own_questions_to_their_group(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    mine = [
        Question("mine.1", "body", "Where do I feel it first?", custom=True),
        Question("mine.2", "story", "What would I tell a friend?"),  # custom gets set
    ]
    merged = merged_groups(library, mine, ())
    assert [q.id for q in merged[0].questions] == ["story.one", "story.two", "mine.2"]
    assert [q.id for q in merged[1].questions] == ["body.now", "mine.1"]
    assert all(q.custom for q in merged[0].questions[2:] + merged[1].questions[1:])
    assert not any(q.custom for q in library[0].questions)


def test_merge_puts_unknown_groups_last_in_own(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    mine = [
        Question("mine.a", "gone", "A question from a group that no longer exists?", True),
        Question("mine.b", "own", "One of my own?", True),
        Question("mine.c", "story", "Back in the story?", True),
    ]
    merged = merged_groups(library, mine, {"mine.b"})
    assert [g.id for g in merged] == ["story", "body", "own"]
    own = merged[-1]
    assert own.title == "My own questions"
    assert [q.id for q in own.questions] == ["mine.a"]
    assert own.questions[0].group_id == "own"
    assert own.questions[0].custom


def test_merge_has_no_own_group_when_empty(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    hidden_own = [Question("mine.x", "elsewhere", "Hidden?", True)]
    assert [g.id for g in merged_groups(library, hidden_own, {"mine.x"})] == ["story", "body"]


def test_merge_keeps_ids_unique(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    mine = [
        Question("story.one", "story", "Clashes with the library?", True),
        Question("mine.1", "story", "First?", True),
        Question("mine.1", "body", "Same id again?", True),
    ]
    merged = merged_groups(library, mine, ())
    ids = [q.id for g in merged for q in g.questions]
    assert len(ids) == len(set(ids))
    assert find_question(merged, "story.one") == library[0].questions[0]
    assert find_question(merged, "mine.1") == Question("mine.1", "story", "First?", True)


def test_merge_with_the_real_library() -> None:
    library = load_library()
    first = library[0].questions[0]
    merged = merged_groups(
        library, [Question("mine.1", "selfcare", "What will I do on Sunday?", True)], [first.id]
    )
    assert find_question(merged, first.id) is None
    assert find_question(library, first.id) == first
    selfcare = next(g for g in merged if g.id == "selfcare")
    assert selfcare.questions[-1].id == "mine.1"
    assert len(merged) == len(library)


def test_find_question(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    assert find_question(library, "body.now") == Question("body.now", "body", "What do you notice?")
    assert find_question(library, "body.later") is None
    assert find_question((), "body.now") is None
