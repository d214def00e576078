"""Exporting: complete JSON, date ranges, safe Markdown file names, escaped HTML, atomic writes."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from app.journal import Journal
from app.journal.model import Action, ActionStatus, Answer, CheckIn, Person, WeekNote
from app.transfer import exporting
from app.transfer.exporting import ExportProblem, as_markdown

CANARY = "zephyrcanary"


def populate(journal: Journal) -> dict[str, Any]:
    """One of every kind of record, each holding a distinct word."""
    old = journal.add_session(dt.date(2024, 1, 10), "Winter", "to listen", "at the clinic")
    new = journal.add_session(dt.date(2024, 6, 1), f"Summer <script>{CANARY}</script>")
    first = journal.narrative(old.id)[0]
    journal.save_narrative_part(first.id, "wordnarrativeone")
    added = journal.add_narrative_part(old.id, dt.date(2024, 1, 12), "wordnarrativetwo")
    journal.save_narrative_part(journal.narrative(new.id)[0].id, f"<img src=x> {CANARY}")
    answer = journal.save_answer(Answer(old.id, "story.1", "What stayed with you?", "wordanswer"))
    private = journal.save_answer(Answer(new.id, "body.1", "In the body?", "wordprivate", True))
    checkin = journal.save_checkin(
        CheckIn(dt.datetime(2024, 1, 11, 9, 30), old.id, ("calm",), thoughts="wordthought")
    )
    loose = journal.save_checkin(CheckIn(dt.datetime(2024, 3, 3, 8, 0), None, colour="wordloose"))
    person = journal.save_person(
        Person("wordperson", "my sister", reach="wordreach", when_hard=True)
    )
    journal.add_revisit_note(old.id, dt.date(2024, 2, 20), "wordrevisit")
    insight = journal.add_insight(old.id, "wordinsight")
    action = journal.add_action(
        Action(
            insight.id,
            old.id,
            "wordaction",
            cue="if tired then rest",
            person_id=person.id,
            status=ActionStatus.DOING,
            look_again=dt.date(2024, 2, 1),
        )
    )
    journal.set_tick(action.id, dt.date(2024, 1, 15), True)
    journal.set_tick(action.id, dt.date(2024, 1, 16), True)
    journal.save_week_note(WeekNote(dt.date(2024, 1, 8), "wordweeknote"))
    journal.save_week_note(WeekNote(dt.date(2024, 5, 27), "wordlatenote"))
    question = journal.add_custom_question("story", "wordquestion?")
    journal.set_question_hidden("senses.2", True)
    journal.add_theme_to("narrative", first.id, "rest")
    journal.add_theme_to("answer", answer.id, "rest")
    journal.add_theme_to("insight", insight.id, "family")
    journal.add_theme_to("answer", private.id, "summer only")
    return {
        "old": old,
        "new": new,
        "added": added,
        "answer": answer,
        "private": private,
        "checkin": checkin,
        "loose": loose,
        "person": person,
        "insight": insight,
        "action": action,
        "question": question,
    }


def table_ids(journal: Journal, table: str) -> set[int]:
    return {r[0] for r in journal.conn.execute(f"SELECT id FROM {table}")}


def test_json_export_holds_every_record(opened, tmp_path: Path) -> None:
    journal = opened.journal
    made = populate(journal)
    target = tmp_path / "journal.json"
    assert exporting.export(journal, "json", target) == 2
    data = json.loads(target.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("integration-journal-export", 2)
    assert data["range"] == {"from": None, "to": None}
    sessions = data["sessions"]
    assert {s["id"] for s in sessions} == table_ids(journal, "sessions")
    parts = [p for s in sessions for p in s["narrative"]]
    assert {p["id"] for p in parts} == table_ids(journal, "narrative_parts")
    answers = [a for s in sessions for a in s["answers"]]
    assert {a["id"] for a in answers} == table_ids(journal, "answers")
    revisits = [r for s in sessions for r in s["revisits"]]
    assert {r["id"] for r in revisits} == table_ids(journal, "revisit_notes")
    assert [(r["written_on"], r["body"]) for r in revisits] == [("2024-02-20", "wordrevisit")]
    checkins = [c for s in sessions for c in s["checkins"]] + data["checkins_without_session"]
    assert {c["id"] for c in checkins} == table_ids(journal, "checkins")
    insights = [i for s in sessions for i in s["insights"]]
    assert {i["id"] for i in insights} == table_ids(journal, "insights")
    actions = [a for i in insights for a in i["actions"]]
    assert {a["id"] for a in actions} == table_ids(journal, "actions")
    assert actions[0]["ticks"] == ["2024-01-15", "2024-01-16"]
    assert actions[0]["person_id"] == made["person"].id
    assert actions[0]["status"] == "doing" and actions[0]["look_again"] == "2024-02-01"
    assert {w["week_start"] for w in data["week_notes"]} == {"2024-01-08", "2024-05-27"}
    assert data["people"] == [
        {
            "id": made["person"].id,
            "name": "wordperson",
            "note": "my sister",
            "reach": "wordreach",
            "when_hard": True,
        }
    ]
    assert data["custom_questions"][0]["id"] == made["question"]
    assert data["custom_questions"][0]["text"] == "wordquestion?"
    assert data["hidden_questions"] == ["senses.2"]
    themes = {t["name"]: t for t in data["themes"]}
    assert set(themes) == {"rest", "family", "summer only"}
    assert sorted(u["kind"] for u in themes["rest"]["used_in"]) == ["answer", "narrative"]
    assert data["journal"]["journal_id"]
    # Every word written anywhere is in the file.
    text = target.read_text(encoding="utf-8")
    for word in re.findall(r"word\w+", " ".join(map(str, made.values()))):
        assert word in text
    for word in (
        "wordrevisit",
        "wordthought",
        "wordloose",
        "wordweeknote",
        "wordnarrativeone",
        "wordprivate",
    ):
        assert word in text
    assert {a["private"] for a in answers} == {True, False}
    assert os.stat(target).st_mode & 0o077 == 0


def test_json_round_trips_to_the_same_dicts(opened, tmp_path: Path) -> None:
    populate(opened.journal)
    snapshot = exporting.collect(opened.journal)
    target = tmp_path / "x.json"
    exporting.export(opened.journal, "json", target)
    from_file = json.loads(target.read_bytes())
    from_memory = json.loads("".join(exporting.iter_json(snapshot)))
    from_file.pop("exported_at")
    from_memory.pop("exported_at")
    assert from_file == from_memory
    session = from_file["sessions"][0]
    assert session["held_on"] == "2024-01-10" and session["title"] == "Winter"
    assert [p["body"] for p in session["narrative"]] == ["wordnarrativeone", "wordnarrativetwo"]
    assert session["narrative"][0]["themes"] == ["rest"]
    assert session["checkins"][0]["emotions"] == ["calm"]


def test_a_date_range_exports_only_the_sessions_held_in_it(opened, tmp_path: Path) -> None:
    made = populate(opened.journal)
    target = tmp_path / "winter.json"
    count = exporting.export(
        opened.journal, "json", target, start=dt.date(2024, 1, 1), end=dt.date(2024, 3, 31)
    )
    assert count == 1
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [s["id"] for s in data["sessions"]] == [made["old"].id]
    assert data["range"] == {"from": "2024-01-01", "to": "2024-03-31"}
    text = target.read_text(encoding="utf-8")
    assert CANARY not in text and "wordprivate" not in text and "wordlatenote" not in text
    assert "wordloose" in text and "wordweeknote" in text
    assert {t["name"] for t in data["themes"]} == {"rest", "family"}
    only_later = tmp_path / "later.json"
    assert exporting.export(opened.journal, "json", only_later, start=dt.date(2024, 6, 1)) == 1


def test_markdown_export_writes_one_safe_file_per_session(opened, tmp_path: Path) -> None:
    journal = opened.journal
    populate(journal)
    for title in ("../../etc", "con", "a/b\\c:d*?<>|", ".", "   ", "Nul\x00", "日本語 🙂"):
        journal.add_session(dt.date(2024, 7, 1), title)
    target = tmp_path / "export"
    assert exporting.export(journal, "markdown", target) == 9
    files = sorted(p.name for p in target.iterdir())
    assert "index.md" in files
    sessions = [f for f in files if f != "index.md"]
    assert len(sessions) == 9
    for name in sessions:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-session-\d{3}[\w\-]*\.md", name), name
        assert (target / name).resolve().parent == target.resolve()
    assert "2024-07-01-session-003-etc.md" in files
    assert "2024-07-01-session-004-con.md" in files
    winter = (target / "2024-01-10-session-001-winter.md").read_text(encoding="utf-8")
    assert "# Session 1 — Winter" in winter
    assert "### Added on 12 January 2024" in winter and "wordnarrativetwo" in winter
    assert "### What stayed with you?\n\nwordanswer" in winter
    assert "*Themes: rest*" in winter
    assert "wordthought" in winter and "wordinsight" in winter and "wordaction" in winter
    assert "Ticked on: 2024-01-15, 2024-01-16" in winter
    index = (target / "index.md").read_text(encoding="utf-8")
    assert "(<2024-01-10-session-001-winter.md>)" in index
    assert "wordperson" in index and "wordweeknote" in index and "wordquestion?" in index
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_html_export_is_one_escaped_file_that_loads_nothing(opened, tmp_path: Path) -> None:
    populate(opened.journal)
    target = tmp_path / "journal.html"
    exporting.export(opened.journal, "html", target)
    html = target.read_text(encoding="utf-8")
    assert CANARY in html and "wordanswer" in html and "wordaction" in html
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;script&gt;" in html
    assert not re.search(r"<[^>]*\ssrc\s*=", html)  # escaped text may say src=, no tag does
    assert all(href.startswith("#") for href in re.findall(r'href="([^"]*)"', html))
    for reference in ("<link", "url(", "@import", "http://", "https://"):
        assert reference not in html
    assert "<style>" in html and "default-src 'none'" in html


def test_an_existing_export_is_not_overwritten_unless_asked(opened, tmp_path: Path) -> None:
    populate(opened.journal)
    target = tmp_path / "journal.json"
    target.write_text("keep me")
    with pytest.raises(ExportProblem, match="already exists"):
        exporting.export(opened.journal, "json", target)
    assert target.read_text() == "keep me"
    folder = tmp_path / "md"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me too")
    with pytest.raises(ExportProblem, match="already exists"):
        exporting.export(opened.journal, "markdown", folder)
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]
    exporting.export(opened.journal, "json", target, overwrite=True)
    assert json.loads(target.read_text())["version"] == 2
    exporting.export(opened.journal, "markdown", folder, overwrite=True)
    assert "mine.txt" not in [p.name for p in folder.iterdir()]
    empty = tmp_path / "empty"
    empty.mkdir()
    exporting.export(opened.journal, "markdown", empty)  # an empty folder is fine
    assert (empty / "index.md").exists()


def test_a_failed_file_export_leaves_nothing(opened, tmp_path: Path, monkeypatch) -> None:
    populate(opened.journal)

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("app.files.os.fsync", disk_full)
    for kind in ("json", "html"):
        with pytest.raises(ExportProblem, match="the disk is full"):
            exporting.export(opened.journal, kind, tmp_path / f"out.{kind}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "journal"]


def test_a_failed_markdown_export_leaves_nothing_and_keeps_the_old_one(
    opened, tmp_path: Path, monkeypatch
) -> None:
    populate(opened.journal)
    target = tmp_path / "export"
    exporting.export(opened.journal, "markdown", target)
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    written: list[Path] = []
    real = as_markdown._write_private

    def fail_on_second(path: Path, text: str) -> None:
        if written:
            raise OSError(13, "Permission denied")
        written.append(path)
        real(path, text)

    monkeypatch.setattr(as_markdown, "_write_private", fail_on_second)
    with pytest.raises(ExportProblem, match="can't be written to"):
        exporting.export(opened.journal, "markdown", target, overwrite=True)
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    written.clear()
    fresh = tmp_path / "fresh"
    with pytest.raises(ExportProblem):
        exporting.export(opened.journal, "markdown", fresh)
    assert not fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export", "home", "journal"]


def test_a_folder_that_refuses_writing_gives_a_clear_message(
    opened, tmp_path: Path, monkeypatch
) -> None:
    # A read-only folder, as root sees one too: creating the temporary file is refused.
    real_open = os.open

    def refuse(path: object, flags: int, *args: object) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("app.files.os.open", refuse)
    with pytest.raises(ExportProblem, match="that place can't be written to"):
        exporting.export(opened.journal, "json", tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_export_of_an_empty_journal(opened, tmp_path: Path) -> None:
    for kind, name in (("json", "e.json"), ("html", "e.html"), ("markdown", "e")):
        assert exporting.export(opened.journal, kind, tmp_path / name) == 0
    assert json.loads((tmp_path / "e.json").read_text())["sessions"] == []
    assert "No sessions in this export." in (tmp_path / "e" / "index.md").read_text()


def test_the_spell_checkers_own_words_are_exported(opened, tmp_path: Path) -> None:
    journal = opened.journal
    journal.add_own_word("Ketamina")
    target = tmp_path / "journal.json"
    exporting.export(journal, "json", target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [w["word"] for w in data["own_words"]] == ["Ketamina"]
