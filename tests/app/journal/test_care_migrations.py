"""A journal written before people had "reach" and before revisit notes opens with both,
its people and actions unchanged (the step runs after an encrypted backup)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app import vault
from app.journal import schema
from app.journal.model import Action, Person
from app.vault.kdf import KdfParams
from tests.conftest import PASSPHRASE


def test_an_older_journal_gains_reach_and_revisit_notes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    folder = tmp_path / "journal"
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])  # the first version only
        vault.create(folder, PASSPHRASE, kdf=cheap_kdf)
        old = vault.unlock(folder, PASSPHRASE)
        try:
            c = old.journal.conn
            c.execute("INSERT INTO people (name, note) VALUES ('Sam', 'my sister')")
            session = old.journal.add_session(dt.date(2024, 1, 10))
            insight = old.journal.add_insight(session.id, "Company helps")
            c.execute(
                "INSERT INTO actions (insight_id, session_id, what, with_whom, person_id,"
                " position, created_at, updated_at) VALUES (?, ?, 'Tea', 'Sam', 1, 0, '', '')",
                (insight.id, session.id),
            )
        finally:
            old.lock()

    opened = vault.unlock(folder, PASSPHRASE)
    try:
        journal = opened.journal
        assert schema.version_of(journal.conn) == schema.current_version()
        [sam] = journal.people()
        assert sam == Person("Sam", "my sister", sam.id, reach="", when_hard=False)
        [tea] = journal.actions_with_person(sam.id)
        assert (tea.what, tea.with_whom) == ("Tea", "Sam")
        assert isinstance(tea, Action)
        note = journal.add_revisit_note(session.id, dt.date(2024, 3, 1), "weekslater")
        assert [h.ref_id for h in journal.search("weekslater")] == [note.id]
    finally:
        opened.lock()
    assert list((folder / "backups").glob("*.ijbackup")), "a backup came before the steps"
