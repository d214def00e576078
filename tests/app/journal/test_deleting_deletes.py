"""Privacy rule 5: deleting something deletes it, checked on the decrypted pages.

Everything on disk is encrypted, so looking for deleted words in the raw file proves
nothing. tests/sqlcipher_pages.py decrypts every page of journal.db (and every WAL frame)
with the data key; the tests first show that the words ARE in the decrypted pages, then
delete them, lock (which checkpoints the WAL away) and show they are gone from every page:
SQLite's secure_delete wipes freed cells and pages, FTS5's secure-delete removes the
words from the full-text index itself.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app import vault
from app.journal import Journal
from app.journal.model import Action, Answer, CheckIn, Person, WeekNote
from app.vault import keyfile
from tests import sqlcipher_pages as pages
from tests.conftest import PASSPHRASE

DAY = dt.date(2024, 3, 1)


def unique_word() -> str:
    return "w" + uuid.uuid4().hex


def marks(word: str) -> list[bytes]:
    """What to look for: the word, and its tail on its own.

    The FTS5 index stores a term after the previous one with their shared beginning left
    out, so a term can be in a page without its first letters; its tail is always there.
    """
    return [word.encode(), word[-20:].encode()]


@dataclass
class Decrypted:
    folder: Path
    key: bytes

    def pages(self) -> list[pages.Page]:
        return pages.all_pages(self.folder / vault.DB_NAME, self.key)

    def where(self, word: str) -> list[tuple[str, int]]:
        found: list[tuple[str, int]] = []
        all_pages = self.pages()
        for needle in marks(word):
            found += pages.pages_containing(all_pages, needle)
        return sorted(set(found))


@pytest.fixture
def disk(journal_dir: tuple[Path, str]) -> Decrypted:
    folder = journal_dir[0]
    return Decrypted(folder, keyfile.unwrap_with_passphrase(vault.read_header(folder), PASSPHRASE))


@pytest.fixture
def vaults(journal_dir: tuple[Path, str]) -> Iterator[list[vault.Vault]]:
    """Vaults opened by a test, locked at the end whatever happens."""
    opened: list[vault.Vault] = []
    yield opened
    for v in opened:
        v.lock()


def unlock(folder: Path, opened: list[vault.Vault]) -> Journal:
    v = vault.unlock(folder, PASSPHRASE)
    opened.append(v)
    return v.journal


def lock(opened: list[vault.Vault]) -> None:
    opened[-1].lock()


def filler(j: Journal, sessions: int = 40) -> None:
    """Enough ordinary writing that the tables and the index span many pages."""
    for n in range(sessions):
        s = j.add_session(DAY + dt.timedelta(days=n), title=f"session {n}")
        words = " ".join(f"ordinary{n}x{i} word{i % 50}" for i in range(150))
        j.save_narrative_part(j.narrative(s.id)[0].id, words)
        j.add_insight(s.id, f"an ordinary insight number {n}")


# -- the decryptor works -------------------------------------------------------------------


def test_the_decryptor_reads_the_journal(disk: Decrypted, vaults: list[vault.Vault]) -> None:
    word = unique_word()
    j = unlock(disk.folder, vaults)
    s = j.add_session(DAY, title="known")
    j.save_narrative_part(j.narrative(s.id)[0].id, f"the known text {word} is here")

    # while open, the new pages are WAL frames
    assert any(source == "wal" for source, _ in disk.where(word))
    lock(vaults)

    all_pages = disk.pages()
    assert all(p.source == "db" for p in all_pages)  # the checkpoint emptied the WAL
    first = all_pages[0]
    assert first.number == 1
    assert first.plaintext[:16] == b"SQLite format 3\0"
    assert int.from_bytes(first.plaintext[16:18], "big") == pages.PAGE_SIZE
    assert first.plaintext[20] == pages.RESERVE
    page_count = int.from_bytes(first.plaintext[28:32], "big")
    assert page_count * pages.PAGE_SIZE == (disk.folder / vault.DB_NAME).stat().st_size
    assert disk.where(word)
    assert b"CREATE TABLE sessions" in pages.plaintext(disk.folder / vault.DB_NAME, disk.key)

    # the same search in the raw file finds nothing: it really is encrypted
    raw = (disk.folder / vault.DB_NAME).read_bytes()
    assert all(needle not in raw for needle in marks(word))
    assert b"CREATE TABLE" not in raw

    # and a wrong key fails every page's HMAC instead of producing text
    wrong = bytes(b ^ 1 for b in disk.key)
    with pytest.raises(pages.PageAuthenticationError):
        pages.all_pages(disk.folder / vault.DB_NAME, wrong)
    garbled = pages.all_pages(disk.folder / vault.DB_NAME, wrong, check_hmac=False)
    assert not any(word.encode() in p.plaintext for p in garbled)


# -- deleting deletes ----------------------------------------------------------------------


def test_deleted_entries_are_gone_from_every_page(
    disk: Decrypted, vaults: list[vault.Vault]
) -> None:
    words = {name: unique_word() for name in (
        "title", "narrative", "addition", "long narrative", "answer", "checkin", "emotion",
        "insight", "action what", "action cue", "action note", "person", "person note",
        "question", "week note", "loose checkin", "person reach", "revisit", "kept",
    )}  # fmt: skip
    j = unlock(disk.folder, vaults)
    filler(j)
    s = j.add_session(DAY, title=f"title {words['title']}")
    j.save_narrative_part(j.narrative(s.id)[0].id, f"It began {words['narrative']} and went on.")
    long_story = " ".join(f"{words['long narrative']} line {i}" for i in range(400))
    j.add_narrative_part(s.id, DAY, f"later, {words['addition']}")
    j.add_narrative_part(s.id, DAY, long_story)  # several overflow pages
    j.save_answer(Answer(s.id, "story.1", "What happened?", f"I felt {words['answer']}"))
    j.save_checkin(
        CheckIn(dt.datetime(2024, 3, 1, 9), s.id, (words["emotion"],), thoughts=words["checkin"])
    )
    insight = j.add_insight(s.id, f"I learned {words['insight']}")
    j.add_revisit_note(s.id, DAY + dt.timedelta(30), f"weeks later {words['revisit']}")
    person = j.save_person(
        Person(words["person"], f"who {words['person note']}", reach=words["person reach"])
    )
    j.add_action(
        Action(
            insight.id,
            s.id,
            what=words["action what"],
            cue=f"if then {words['action cue']}",
            note=words["action note"],
            person_id=person.id,
        )
    )
    question = j.add_custom_question("body", f"Where is {words['question']}?")
    j.save_week_note(WeekNote(dt.date(2024, 2, 26), f"week of {words['week note']}"))
    loose = j.save_checkin(
        CheckIn(dt.datetime(2024, 3, 2), None, felt_sense=words["loose checkin"])
    )
    kept = j.add_session(DAY, title=words["kept"])
    filler(j, 10)
    for name, word in words.items():
        assert j.search(word), name
    lock(vaults)

    for name, word in words.items():
        assert disk.where(word), f"{name} was never written, so its absence would prove nothing"

    j = unlock(disk.folder, vaults)
    j.delete_session(s.id)
    j.delete_person(person.id)
    j.delete_custom_question(question)
    j.save_week_note(WeekNote(dt.date(2024, 2, 26), ""))
    j.delete_checkin(loose.id)
    for name, word in words.items():
        assert bool(j.search(word)) == (name == "kept"), name
    lock(vaults)

    left = {name: disk.where(word) for name, word in words.items() if name != "kept"}
    assert {name: where for name, where in left.items() if where} == {}
    assert disk.where(words["kept"])  # the rest of the journal is still there

    j = unlock(disk.folder, vaults)
    for name, word in words.items():
        assert bool(j.search(word)) == (name == "kept"), name
    assert j.session(kept.id) == kept
    assert j.session_count() == 51
    vaults[-1].check_integrity()


def test_replaced_text_is_gone_from_every_page(disk: Decrypted, vaults: list[vault.Vault]) -> None:
    old_short, old_long, old_insight, old_action, new = (unique_word() for _ in range(5))
    j = unlock(disk.folder, vaults)
    filler(j, 10)
    s = j.add_session(DAY)
    part = j.narrative(s.id)[0]
    j.save_narrative_part(part.id, f"first draft {old_short}")
    longer = j.add_narrative_part(s.id, DAY, " ".join([old_long] * 600))  # overflow pages
    insight = j.add_insight(s.id, old_insight)
    action = j.add_action(Action(insight.id, s.id, what=old_action))
    lock(vaults)
    for word in (old_short, old_long, old_insight, old_action):
        assert disk.where(word)

    j = unlock(disk.folder, vaults)
    j.save_narrative_part(part.id, f"second draft {new}")
    j.save_narrative_part(longer.id, "shorter now")
    j.save_insight(insight.id, "said differently")
    action.what = "something else"
    j.save_action(action)
    lock(vaults)

    for word in (old_short, old_long, old_insight, old_action):
        assert disk.where(word) == [], word
    assert disk.where(new)
    j = unlock(disk.folder, vaults)
    for word in (old_short, old_long, old_insight, old_action):
        assert j.search(word) == [], word
    assert [h.ref_id for h in j.search(new)] == [part.id]
