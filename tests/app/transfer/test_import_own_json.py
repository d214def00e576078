"""Importing Integration Journal's own JSON export (format 1 and 2) into a journal.

The round trip: a journal with one of every record (the export tests' ``populate``) is
exported, imported into a fresh journal, and exported again; the two files hold the same
writing in the same places. Hostile or foreign files give an ImportProblem and leave the
journal exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app import vault
from app.journal import Journal
from app.journal.model import Answer, CheckIn, Person, WeekNote
from app.transfer import exporting, importing
from app.transfer.importing import ImportCancelled, ImportProblem
from app.vault.kdf import KdfParams
from tests.app.transfer.test_exporting import CANARY, populate
from tests.app.transfer.test_importing import state
from tests.conftest import PASSPHRASE

KIND = "integration-journal"


@pytest.fixture
def fresh(tmp_path: Path, cheap_kdf: KdfParams) -> Iterator[Journal]:
    """A second, empty journal to import into."""
    folder = tmp_path / "fresh"
    vault.create(folder, PASSPHRASE, kdf=cheap_kdf)
    v = vault.unlock(folder, PASSPHRASE)
    yield v.journal
    v.lock()


def full_journal(journal: Journal) -> dict[str, Any]:
    """``populate`` plus what it leaves out: an answer to an own question, amounts, a
    private revisit note, a person no action names."""
    made = populate(journal)
    old = made["old"]
    journal.save_answer(Answer(old.id, made["question"], "wordquestion?", "wordownanswer"))
    journal.save_checkin(
        CheckIn(
            dt.datetime(2024, 1, 12, 20, 0),
            old.id,
            ("sad", "open"),
            emotion_words="wordfeeling",
            amounts={"sad": "a lot"},
        )
    )
    note = journal.add_revisit_note(made["new"].id, dt.date(2024, 7, 1), "wordprivaterevisit")
    note.private = True
    journal.save_revisit_note(note)
    journal.save_person(Person("wordfriend", "walks", reach="555"))
    return made


def export_of(journal: Journal, path: Path) -> dict[str, Any]:
    exporting.export(journal, "json", path, overwrite=True)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    """The export without what must differ between two journals: ids, timestamps, the
    journal's own settings, and what the import leaves out on purpose."""
    people = {p["id"]: p["name"] for p in data["people"]}
    questions = {q["id"]: q["text"] for q in data["custom_questions"]}

    def strip(value: Any) -> Any:
        if isinstance(value, list):
            return [strip(v) for v in value]
        if not isinstance(value, dict):
            return value
        out = {
            k: strip(v)
            for k, v in value.items()
            if k not in ("id", "created_at", "updated_at", "person_id", "question_id")
        }
        if "person_id" in value:
            out["person"] = people.get(value["person_id"])
        if "question_id" in value:
            out["question"] = questions.get(value["question_id"], value["question_id"])
        return out

    kept = {
        k: v
        for k, v in data.items()
        if k not in ("exported_at", "journal", "hidden_questions", "own_words", "measures")
    }
    kept["themes"] = sorted(
        (
            {"name": t["name"], "uses": sorted(u["kind"] for u in t["used_in"])}
            for t in kept["themes"]
        ),
        key=lambda t: t["name"],
    )
    return dict(strip(kept))


def test_round_trip_brings_every_piece_of_writing_back_in_its_place(
    opened, fresh: Journal, tmp_path: Path
) -> None:
    made = full_journal(opened.journal)
    first = export_of(opened.journal, tmp_path / "first.json")

    preview, export = importing.read(KIND, tmp_path / "first.json")
    assert preview.count == 2
    assert (preview.first_day, preview.last_day) == (dt.date(2024, 1, 10), dt.date(2024, 6, 1))
    assert preview.titles == ("Winter", f"Summer <script>{CANARY}</script>")
    assert preview.tag_count == 3
    assert "2 people" in preview.note and "1 week note" not in preview.note
    assert "hidden questions" in preview.note and "PHQ-9" in preview.note
    ids = importing.import_entries(fresh, export)
    assert len(ids) == 2

    # The writing, where it belongs.
    old, new = fresh.session(ids[0]), fresh.session(ids[1])
    assert old is not None and new is not None
    assert (old.held_on, old.title, old.intention, old.setting) == (
        dt.date(2024, 1, 10),
        "Winter",
        "to listen",
        "at the clinic",
    )
    assert [(p.written_on, p.body) for p in fresh.narrative(old.id)] == [
        (dt.date(2024, 1, 10), "wordnarrativeone"),
        (dt.date(2024, 1, 12), "wordnarrativetwo"),
    ]
    own_question = fresh.custom_questions()[0][0]
    assert {(a.question_id, a.body, a.private) for a in fresh.answers(old.id)} == {
        ("story.1", "wordanswer", False),
        (own_question, "wordownanswer", False),
    }
    assert [(a.body, a.private) for a in fresh.answers(new.id)] == [("wordprivate", True)]
    assert [(n.body, n.private) for n in fresh.revisit_notes(new.id)] == [
        ("wordprivaterevisit", True)
    ]
    checkins = fresh.checkins(old.id)
    assert [c.thoughts for c in checkins] == ["wordthought", ""]
    assert checkins[1].emotions == ("sad", "open") and checkins[1].amounts == {"sad": "a lot"}
    assert [c.colour for c in fresh.checkins(None)] == ["wordloose"]
    insight = fresh.insights(old.id)[0]
    assert insight.body == "wordinsight"
    action = fresh.actions_for_insight(insight.id)[0]
    person = fresh.person(action.person_id or 0)
    assert person is not None and person.name == "wordperson" and person.when_hard
    assert (action.what, action.cue, action.status.value, action.look_again) == (
        "wordaction",
        "if tired then rest",
        "doing",
        dt.date(2024, 2, 1),
    )
    assert fresh.ticks(action.id, dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == {
        dt.date(2024, 1, 15),
        dt.date(2024, 1, 16),
    }
    assert [t.name for t in fresh.themes_of("insight", insight.id)] == ["family"]
    assert fresh.week_note(dt.date(2024, 1, 8)).body == "wordweeknote"
    assert fresh.hidden_questions() == set()  # left out, as the preview said

    # Exported again, the new journal's file holds the same as the first one.
    second = export_of(fresh, tmp_path / "second.json")
    assert comparable(second) == comparable(first)
    assert made["person"].id in {p["id"] for p in first["people"]}


def test_importing_twice_makes_two_copies_but_one_of_each_person_question_theme(
    opened, fresh: Journal, tmp_path: Path
) -> None:
    full_journal(opened.journal)
    export_of(opened.journal, tmp_path / "export.json")
    for _ in range(2):
        _, export = importing.read(KIND, tmp_path / "export.json")
        importing.import_entries(fresh, export)
    assert sorted(s.number for s in fresh.sessions()) == [1, 2, 3, 4]
    assert (
        sorted(s.title for s in fresh.sessions())[:2]
        == ["Summer <script>zephyrcanary</script>"] * 2
    )
    assert sorted(p.name for p in fresh.people()) == ["wordfriend", "wordperson"]
    assert len(fresh.custom_questions()) == 1
    assert sorted(t.name for t in fresh.themes()) == ["family", "rest", "summer only"]
    # The same week note is not repeated; a different one for that week is added below.
    assert fresh.week_note(dt.date(2024, 1, 8)).body == "wordweeknote"


def test_existing_people_and_week_notes_are_kept(opened, fresh: Journal, tmp_path: Path) -> None:
    full_journal(opened.journal)
    export_of(opened.journal, tmp_path / "export.json")
    mine = fresh.save_person(Person("wordperson", "my own note"))
    fresh.save_week_note(WeekNote(dt.date(2024, 1, 8), "mine first"))
    _, export = importing.read(KIND, tmp_path / "export.json")
    ids = importing.import_entries(fresh, export)
    assert fresh.person(mine.id) == mine  # matched by name, not overwritten
    action = fresh.actions_for_session(ids[0])[0]
    assert action.person_id == mine.id
    assert fresh.week_note(dt.date(2024, 1, 8)).body == "mine first\n\nwordweeknote"


VERSION_1 = {
    "format": "integration-journal-export",
    "version": 1,
    "exported_at": "2025-03-01T10:00:00+00:00",
    "range": {"from": None, "to": None},
    "journal": {"journal_id": "old"},
    "sessions": [
        {
            "id": 4,
            "held_on": "2025-02-14",
            "number": 1,
            "title": "First",
            "intention": "be gentle",
            "setting": "",
            "narrative": [
                {
                    "id": 1,
                    "written_on": "2025-02-14",
                    "body": "oldstory",
                    "position": 0,
                    "themes": ["light"],
                }
            ],
            "answers": [
                {
                    "id": 2,
                    "question_id": "story.1",
                    "question_text": "What stayed?",
                    "body": "oldanswer",
                    "private": False,
                    "themes": [],
                }
            ],
            "checkins": [
                {
                    "id": 3,
                    "checked_at": "2025-02-15T08:00:00",
                    "emotions": ["calm"],
                    "emotion_words": "",
                    "body_sensations": "warm",
                    "thoughts": "",
                    "colour": "",
                    "sound": "",
                    "texture": "",
                    "felt_sense": "",
                    "private": False,
                }
            ],
            "insights": [
                {
                    "id": 5,
                    "body": "oldinsight",
                    "position": 0,
                    "themes": ["light"],
                    "actions": [
                        {
                            "id": 6,
                            "what": "walk",
                            "cue": "",
                            "how_often": "daily",
                            "with_whom": "Ana",
                            "person_id": 9,
                            "first_step": "shoes",
                            "note": "",
                            "status": "planned",
                            "look_again": None,
                            "position": 0,
                            "ticks": [],
                        }
                    ],
                }
            ],
        }
    ],
    "checkins_without_session": [],
    "week_notes": [],
    "people": [{"id": 9, "name": "Ana", "note": "friend"}],
    "custom_questions": [],
    "hidden_questions": [],
    "themes": [{"id": 1, "name": "light", "used_in": []}],
}


def test_a_version_1_file_imports(fresh: Journal, tmp_path: Path) -> None:
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(VERSION_1), encoding="utf-8")
    preview, export = importing.read(KIND, path)
    assert (preview.count, preview.titles, preview.tag_count) == (1, ("First",), 1)
    [sid] = importing.import_entries(fresh, export)
    assert fresh.narrative(sid)[0].body == "oldstory"
    assert fresh.revisit_notes(sid) == []
    assert fresh.checkins(sid)[0].body_sensations == "warm"
    action = fresh.actions_for_session(sid)[0]
    assert (action.what, action.how_often, action.first_step) == ("walk", "daily", "shoes")
    ana = fresh.person(action.person_id or 0)
    assert ana is not None and (ana.name, ana.reach, ana.when_hard) == ("Ana", "", False)
    assert sorted(t.name for t in fresh.themes()) == ["light"]


def _v1(**changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(VERSION_1))
    data.update(changes)
    return data


def _session(**changes: Any) -> dict[str, Any]:
    session = json.loads(json.dumps(VERSION_1["sessions"][0]))  # type: ignore[index]
    session.update(changes)
    return _v1(sessions=[session])


HOSTILE: list[tuple[str, bytes, str]] = [
    ("wrong format", json.dumps(_v1(format="jrnl")).encode(), "isn't an Integration Journal"),
    ("version 3", json.dumps(_v1(version=3)).encode(), "format version 3"),
    ("version as text", json.dumps(_v1(version="2")).encode(), "versions 1 and 2 only"),
    ("version a fraction", json.dumps(_v1(version=1.0)).encode(), "versions 1 and 2 only"),
    ("truncated", json.dumps(VERSION_1).encode()[:-40], "not valid JSON"),
    ("a list", b"[1, 2]", "isn't an Integration Journal"),
    ("sessions an object", json.dumps(_v1(sessions={})).encode(), '"sessions" should be a list'),
    ("title a number", json.dumps(_session(title=7)).encode(), "should be text but is a number"),
    ("huge title", json.dumps(_session(title="x" * 2000)).encode(), "longer than the 1,000"),
    ("huge body", json.dumps(_session(intention="y" * (6 << 20))).encode(), "longer than"),
    ("NUL in text", json.dumps(_session(setting="a\x00b")).encode(), "NUL character"),
    ("invalid date", json.dumps(_session(held_on="2024-02-30")).encode(), "isn't a date"),
    ("date a number", json.dumps(_session(held_on=20240210)).encode(), "should be a date"),
    (
        "emotions text",
        json.dumps(
            _session(checkins=[{"checked_at": "2025-02-15T08:00:00", "emotions": "calm"}])
        ).encode(),
        "should be a list",
    ),
    (
        "bad moment",
        json.dumps(_session(checkins=[{"checked_at": "soon"}])).encode(),
        "isn't a moment",
    ),
    ("unknown person", json.dumps(_v1(people=[])).encode(), "isn't in the file"),
    (
        "bad status",
        json.dumps(_session(insights=[{"body": "", "actions": [{"status": "maybe"}]}])).encode(),
        "status should be",
    ),
    (
        "private as text",
        json.dumps(_session(revisits=[{"written_on": "2025-03-01", "private": "yes"}])).encode(),
        "true or false",
    ),
    (
        "deep nesting",
        b'{"format": "integration-journal-export", "version": 2, "sessions": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}",
        "nested too deeply",
    ),
    ("nothing in it", json.dumps(_v1(sessions=[], people=[])).encode(), "holds no entries"),
]


@pytest.mark.parametrize(("data", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_a_hostile_or_foreign_file_is_refused_and_writes_nothing(
    opened, tmp_path: Path, data: bytes, message: str
) -> None:
    journal = opened.journal
    populate(journal)
    before = state(journal)
    path = tmp_path / "export.json"
    path.write_bytes(data)
    with pytest.raises(ImportProblem) as problem:
        importing.read(KIND, path)
    assert message in str(problem.value)
    assert state(journal) == before


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    from app.transfer.importing import own_json

    monkeypatch.setattr(own_json, "MAX_JSON_BYTES", 1000)
    path = tmp_path / "big.json"
    path.write_text(json.dumps(_session(intention="z" * 2000)), encoding="utf-8")
    with pytest.raises(ImportProblem, match="larger than"):
        importing.read(KIND, path)


def test_cancelling_midway_rolls_every_record_back(opened, fresh: Journal, tmp_path: Path) -> None:
    full_journal(opened.journal)
    export_of(opened.journal, tmp_path / "export.json")
    before = state(fresh)
    _, export = importing.read(KIND, tmp_path / "export.json")

    def cancel_after_first(done: int) -> None:
        if done == 2:  # the first session, people, questions, themes are written by now
            raise ImportCancelled()

    with pytest.raises(ImportCancelled):
        importing.import_entries(fresh, export, cancel_after_first)
    assert state(fresh) == before
    assert fresh.people() == [] and fresh.themes() == [] and fresh.custom_questions() == []


def test_two_own_questions_with_the_same_words_keep_both_answers(
    fresh: Journal, tmp_path: Path
) -> None:
    questions = [
        {"id": f"own.{n}", "group_id": "story", "text": "Same?", "created_at": ""} for n in (1, 2)
    ]
    answers = [
        {"question_id": f"own.{n}", "question_text": "Same?", "body": f"answer{n}"} for n in (1, 2)
    ]
    data = _session(answers=answers)
    data["custom_questions"] = questions
    path = tmp_path / "same.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    fresh.add_custom_question("story", "Same?")
    _, export = importing.read(KIND, path)
    [sid] = importing.import_entries(fresh, export)
    assert sorted(a.body for a in fresh.answers(sid)) == ["answer1", "answer2"]
    assert [text for _qid, _group, text in fresh.custom_questions()] == ["Same?", "Same?"]
