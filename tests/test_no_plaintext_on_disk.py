"""Privacy rule 1: no journal content is ever written unencrypted.

A workload puts its own canary into every kind of field, updates and deletes some rows,
searches, backs up, changes the passphrase and locks. Every file under the test's tmp
folder (the journal folder with its -wal and -shm, backups, a second backup folder, and the
whole tmp HOME with the platform's config, data and cache folders) is then scanned for each
canary in UTF-8, UTF-16-LE and UTF-16-BE, while the journal is open and after it is locked.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import pytest

from app import vault
from app.journal import Journal
from app.journal.measure_results import MeasureResult
from app.journal.model import (
    Action,
    ActionStatus,
    Answer,
    CheckIn,
    Insight,
    NarrativePart,
    Person,
    Session,
    WeekNote,
)
from app.vault import keyfile
from app.vault.kdf import KdfParams
from tests.conftest import PASSPHRASE

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


def new_canary() -> str:
    return "canary" + uuid.uuid4().hex


def needles(secret: str) -> list[bytes]:
    return [secret.encode(encoding) for encoding in ENCODINGS]


def scan(roots: list[Path], secrets: dict[str, list[bytes]]) -> dict[str, list[str]]:
    """{name of secret: [files holding it]} over every regular file under ``roots``."""
    hits: dict[str, list[str]] = {}
    seen: set[Path] = set()
    for root in roots:
        for folder, _dirs, files in os.walk(root):
            for name in files:
                path = Path(folder, name)
                if path in seen or path.is_symlink() or not path.is_file():
                    continue
                seen.add(path)
                data = path.read_bytes()
                for secret, encoded in secrets.items():
                    if any(needle in data for needle in encoded):
                        hits.setdefault(secret, []).append(str(path))
    return hits


def files_under(root: Path) -> set[str]:
    return {str(Path(f, n).relative_to(root)) for f, _, names in os.walk(root) for n in names}


# -- the scanner finds what it should -----------------------------------------------------


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_the_scanner_finds_a_canary_in_a_plain_file(tmp_path: Path, encoding: str) -> None:
    canary = new_canary()
    other = new_canary()
    nested = tmp_path / "deep" / "er"
    nested.mkdir(parents=True)
    (nested / "notes.bin").write_bytes(b"\x00\xffbefore " + canary.encode(encoding) + b" after")
    (tmp_path / "empty").write_bytes(b"")
    found = scan([tmp_path], {"mine": needles(canary), "other": needles(other)})
    assert found == {"mine": [str(nested / "notes.bin")]}


def test_the_scanner_finds_a_canary_in_a_plain_sqlite_database(tmp_path: Path) -> None:
    canary = new_canary()
    conn = sqlite3.connect(tmp_path / "plain.db")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("INSERT INTO t VALUES (?)", (canary,))
    conn.commit()
    conn.close()
    assert scan([tmp_path], {"c": needles(canary)}) == {"c": [str(tmp_path / "plain.db")]}


# -- the workload --------------------------------------------------------------------------


class Canaries:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def __call__(self, field: str) -> str:
        assert field not in self.values, field
        self.values[field] = new_canary()
        return self.values[field]


@dataclass
class Written:
    session: Session
    first: NarrativePart
    answer: Answer
    insight: Insight
    action: Action
    question: str


def write_everything(journal: Journal, c: Canaries) -> Written:
    """One of every record, each field holding its own canary."""
    day = dt.date(2024, 3, 1)
    s = journal.add_session(day, c("session.title"), c("session.intention"), c("session.setting"))
    first = journal.narrative(s.id)[0]
    journal.save_narrative_part(first.id, f"# {c('narrative.first')}\n\n**{c('narrative.md')}**")
    added = journal.add_narrative_part(s.id, day + dt.timedelta(1), c("narrative.added"))
    answer = journal.save_answer(
        Answer(s.id, "story.1", c("answer.question_text"), c("answer.body"), private=True)
    )
    journal.add_revisit_note(s.id, day + dt.timedelta(30), c("revisit.body"))
    journal.save_checkin(
        CheckIn(
            checked_at=dt.datetime(2024, 3, 1, 21, 0),
            session_id=s.id,
            emotions=(c("checkin.emotion1"), c("checkin.emotion2")),
            emotion_words=c("checkin.emotion_words"),
            body_sensations=c("checkin.body_sensations"),
            thoughts=c("checkin.thoughts"),
            colour=c("checkin.colour"),
            sound=c("checkin.sound"),
            texture=c("checkin.texture"),
            felt_sense=c("checkin.felt_sense"),
        )
    )
    journal.save_checkin(CheckIn(dt.datetime(2024, 3, 2, 8), None, thoughts=c("checkin.nosession")))
    insight = journal.add_insight(s.id, c("insight.body"))
    person = journal.save_person(
        Person(c("person.name"), c("person.note"), reach=c("person.reach"), when_hard=True)
    )
    action = journal.add_action(
        Action(
            insight_id=insight.id,
            session_id=s.id,
            what=c("action.what"),
            cue=c("action.cue"),
            how_often=c("action.how_often"),
            with_whom=c("action.with_whom"),
            person_id=person.id,
            first_step=c("action.first_step"),
            note=c("action.note"),
            status=ActionStatus.DOING,
            look_again=day + dt.timedelta(7),
        )
    )
    journal.set_tick(action.id, day, True)
    journal.save_week_note(WeekNote(dt.date(2024, 2, 26), c("week_note.body")))
    question = journal.add_custom_question(c("question.group"), c("question.text"))
    journal.set_question_hidden(c("hidden.question_id"), True)
    journal.add_theme_to("narrative", added.id, c("theme.name"))
    journal.set_meta(c("meta.key"), c("meta.value"))
    journal.add_own_word(c("own_word"))  # the spell checker's "Add to my words"
    # Measures hold numbers only (no canary fits): written so that the table is in the scan.
    journal.save_measure(MeasureResult("phq9", dt.datetime(2024, 3, 1, 9), (1,) * 9))
    return Written(s, first, answer, insight, action, question)


def test_no_content_reaches_the_disk_unencrypted(
    tmp_path: Path,
    isolated_dirs: Path,
    cheap_kdf: KdfParams,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Anything that asks Python for a temporary file gets one here, inside the scan.
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()
    for name in ("TMPDIR", "TEMP", "TMP", "SQLITE_TMPDIR"):
        monkeypatch.setenv(name, str(own_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(own_tmp))

    c = Canaries()
    folder = tmp_path / "journal"
    recovery_key = vault.create(folder, PASSPHRASE, kdf=cheap_kdf)
    header = vault.read_header(folder)
    data_key = keyfile.unwrap_with_passphrase(header, PASSPHRASE)
    opened = vault.unlock(folder, PASSPHRASE)
    try:
        j = opened.journal
        made = write_everything(j, c)

        # updates: the old words and the new ones are both content
        made.session.title = c("session.title.updated")
        j.update_session(made.session)
        j.save_narrative_part(made.first.id, c("narrative.first.updated"))
        made.answer.body = c("answer.body.updated")
        j.save_answer(made.answer)
        made.action.what = c("action.what.updated")
        j.save_action(made.action)

        # deletes: a whole second session with its own rows, and single rows
        doomed = j.add_session(dt.date(2024, 4, 1), c("deleted.session.title"))
        j.save_narrative_part(j.narrative(doomed.id)[0].id, c("deleted.narrative"))
        doomed_insight = j.add_insight(doomed.id, c("deleted.insight"))
        j.add_action(Action(doomed_insight.id, doomed.id, what=c("deleted.action")))
        j.delete_session(doomed.id)
        gone_person = j.save_person(Person(c("deleted.person")))
        j.delete_person(gone_person.id)
        j.delete_custom_question(made.question)

        # searching is content too (no "recent searches" anywhere)
        for field in ("insight.body", "deleted.insight", "checkin.colour"):
            j.search(c.values[field])
        j.search(c("search.typed"))

        # backups: into the journal's backups/ folder and a folder of the person's choosing
        opened.backup_to_journal_folder("manual")
        elsewhere = tmp_path / "usb-stick"
        elsewhere.mkdir()
        opened.backup(elsewhere)
        # a backup folds the WAL into journal.db; one more save puts pages in it to scan
        j.add_session(dt.date(2024, 5, 1), c("session.after.backups"))

        new_passphrase = c("passphrase.new")
        opened.change_passphrase(new_passphrase, cheap_kdf)

        secrets = {name: needles(value) for name, value in c.values.items()}
        secrets["passphrase.old"] = needles(PASSPHRASE)
        secrets["recovery_key"] = needles(recovery_key) + needles(recovery_key.replace("-", ""))
        secrets["data_key"] = [data_key, data_key.hex().encode(), data_key.hex().upper().encode()]

        roots = [tmp_path, Path(platformdirs.user_config_dir("Integration Journal"))]
        assert roots[1].is_relative_to(isolated_dirs)
        assert Path(os.environ["HOME"]) == isolated_dirs

        # while the journal is open, with its -wal and -shm on disk
        open_files = files_under(folder)
        assert {"journal.db", "journal.db-wal", "journal.db-shm", "journal.keys"} <= open_files
        assert (folder / "journal.db-wal").stat().st_size > 0
        assert any(name.startswith("backups/") for name in open_files)
        assert list(elsewhere.iterdir())
        assert scan(roots, secrets) == {}
    finally:
        opened.lock()

    # after locking
    locked_files = files_under(folder)
    assert "journal.keys" in locked_files and "journal.db" in locked_files
    assert scan(roots, secrets) == {}
    # and nothing was left behind in the temporary folder
    assert files_under(own_tmp) == set()

    # the workload really did write all of it: it is there once decrypted
    reopened = vault.unlock(folder, new_passphrase)
    try:
        j = reopened.journal
        for field, value in c.values.items():
            hits = j.search(value)
            if field.startswith(
                (
                    "deleted.",
                    "search.",
                    "passphrase.",
                    "hidden.",
                    "meta.",
                    "question.",
                    "theme.",
                    "own_word",
                )
            ) or field in (
                "session.title",
                "narrative.first",
                "narrative.md",
                "answer.body",
                "action.what",
                "answer.question_text",
            ):
                continue  # deleted, replaced, or not in the search index
            assert len(hits) == 1, field
        assert j.meta(c.values["meta.key"]) == c.values["meta.value"]
        assert [t.name for t in j.themes()] == [c.values["theme.name"]]
        assert j.hidden_questions() == {c.values["hidden.question_id"]}
        assert j.own_words() == [c.values["own_word"]]
        assert [m.total for m in j.measures()] == [9]
    finally:
        reopened.lock()
