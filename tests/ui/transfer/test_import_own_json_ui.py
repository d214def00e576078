"""Journal → Import… with the app's own JSON export: the dialog offers it, the preview says
what comes in and what doesn't, the worker writes it, a bad file changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QDialog

from app import vault
from app.transfer import exporting
from app.vault.kdf import KdfParams
from tests.app.transfer.test_exporting import populate
from tests.app.transfer.test_import_own_json import VERSION_1
from tests.conftest import PASSPHRASE
from tests.ui.shell.test_app_flow import make_app
from tests.ui.transfer.test_export_import_ui import imported, written_main
from ui.common import dialogs
from ui.transfer import import_dialog
from ui.transfer.import_dialog import ImportDialog

__all__ = ["make_app"]  # the fixture, found by pytest through this module's namespace


def exported_journal(tmp_path: Path, kdf: KdfParams) -> Path:
    """Another journal, with one of every record, exported as JSON."""
    folder = tmp_path / "old-journal"
    vault.create(folder, PASSPHRASE, kdf=kdf)
    old = vault.unlock(folder, PASSPHRASE)
    try:
        populate(old.journal)
        target = tmp_path / "old.json"
        exporting.export(old.journal, "json", target)
    finally:
        old.lock()
    return target


def test_the_dialog_offers_the_apps_own_export(qtbot) -> None:
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    button = dialog.kind_buttons["integration-journal"]
    assert "Integration Journal" in button.text()
    button.setChecked(True)
    assert dialog.kind() == "integration-journal"


def test_importing_an_export_adds_its_sessions_after_a_preview(
    qtbot, make_app, tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    source = exported_journal(tmp_path, cheap_kdf)
    main = written_main(qtbot, make_app)

    def choose_own(dialog: ImportDialog) -> int:
        dialog.kind_buttons["integration-journal"].setChecked(True)
        return QDialog.DialogCode.Accepted.value

    dialogs.answer_next(choose_own, str(source), True, None)
    imported(qtbot, main)
    assert "Choose the Integration Journal export" in dialogs.shown
    assert "*.json" in import_dialog._FILTERS["integration-journal"]
    preview = next(text for text in dialogs.shown if "will each become a new session" in text)
    assert "2 entries from 10 January 2024 to 1 June 2024" in preview
    assert "• Winter" in preview
    assert "1 check-in without a session" in preview and "2 week notes" in preview
    assert "Not brought in:" in preview and "hidden questions" in preview
    assert dialogs.shown[-1] == "Imported 2 new sessions."
    assert main.journal.session_count() == 3
    assert main.sessions.rowCount() == 3
    assert [p.name for p in main.journal.people()] == ["wordperson"]


def test_a_newer_format_is_refused_and_nothing_changes(qtbot, make_app, tmp_path: Path) -> None:
    main = written_main(qtbot, make_app)
    path = tmp_path / "newer.json"
    path.write_text(json.dumps({**VERSION_1, "version": 3}), encoding="utf-8")
    before = [s.id for s in main.journal.sessions()]
    dialogs.answer_next("integration-journal", str(path), None)  # the message
    imported(qtbot, main)
    assert "format version 3" in dialogs.shown[-1]
    assert "Nothing was imported." in dialogs.shown[-1]
    assert [s.id for s in main.journal.sessions()] == before
    assert main.journal.people() == []
