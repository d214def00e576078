"""Journal → Export… and Import…, driven as the client would."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog

from tests.ui.shell.test_app_flow import STRONG, add_session, first_run, make_app, unlock
from ui.common import dialogs
from ui.transfer import import_run
from ui.transfer.export_dialog import ExportChoice, ExportDialog
from ui.transfer.import_dialog import ImportDialog

__all__ = ["make_app"]  # the fixture, found by pytest through this module's namespace

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "import"
CANARY = "quillmarrow"


def written_main(qtbot, make_app):
    main = first_run(qtbot, make_app())
    add_session(qtbot, main, dt.date(2026, 11, 3))
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        qtbot.keyClicks(main.narrative.editors[0], f"The {CANARY} by the window.")
    return main


def test_menu_has_export_and_import_together_between_find_and_settings(qtbot, make_app) -> None:
    main = first_run(qtbot, make_app())
    texts = [a.text() for a in main.menuBar().actions()[0].menu().actions()]
    export = texts.index("&Export…")
    assert texts[export + 1] == "&Import…"
    assert texts.index("&Find…") < export < texts.index("&Settings…")
    assert main.export_action.shortcut().toString() == "Ctrl+Shift+E"
    assert main.import_action.shortcut().toString() == "Ctrl+Shift+I"


def test_export_warns_before_writing_and_declining_writes_nothing(
    qtbot, make_app, tmp_path: Path
) -> None:
    main = written_main(qtbot, make_app)
    target = tmp_path / "out" / "journal.json"
    target.parent.mkdir()
    dialogs.answer_next(ExportChoice("json"), str(target), False)  # "Don't export"
    main.export_action.trigger()
    assert "not encrypted" in dialogs.shown[-1]
    assert "anyone who can use this computer" in dialogs.shown[-1].lower()
    assert list(target.parent.iterdir()) == []

    dialogs.answer_next(ExportChoice("json"), str(target), True, None)  # export, then "done"
    main.export_action.trigger()
    qtbot.waitUntil(lambda: main._export_run.done, timeout=10000)
    assert dialogs.shown[-1].startswith("Exported 1 session to")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert CANARY in data["sessions"][0]["narrative"][0]["body"]


def test_export_dialog_choices_make_a_markdown_folder(qtbot, make_app, tmp_path: Path) -> None:
    main = written_main(qtbot, make_app)
    add_session(qtbot, main, dt.date(2020, 1, 1))

    def fill(dialog: ExportDialog) -> int:
        assert dialog.windowTitle() == "Export"
        dialog.format_buttons["markdown"].setChecked(True)
        dialog.some.setChecked(True)
        assert dialog.start.isEnabled()
        dialog.start.setDate(dt.date(2026, 11, 1))
        dialog.end.setDate(dt.date(2026, 11, 30))
        assert dialog.choice() == ExportChoice(
            "markdown", dt.date(2026, 11, 1), dt.date(2026, 11, 30)
        )
        return QDialog.DialogCode.Accepted.value

    dialogs.answer_next(fill, str(tmp_path), True, None)
    main.export_action.trigger()
    qtbot.waitUntil(lambda: main._export_run.done, timeout=10000)
    folders = [p for p in tmp_path.iterdir() if p.name.startswith("Integration Journal export")]
    assert len(folders) == 1
    files = sorted(p.name for p in folders[0].iterdir())
    assert files == ["2026-11-03-session-001.md", "index.md"]
    assert CANARY in (folders[0] / files[0]).read_text(encoding="utf-8")


def test_locking_while_the_files_are_written_finishes_the_export(
    qtbot, make_app, tmp_path: Path, monkeypatch
) -> None:
    from app.transfer import exporting

    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 3))
    gate = threading.Event()
    real_write = exporting.write

    def held(*args: Any) -> int:
        assert gate.wait(10)
        return real_write(*args)

    monkeypatch.setattr(exporting, "write", held)
    target = tmp_path / "j.json"
    dialogs.answer_next(ExportChoice("json"), str(target), True)  # nothing asked after
    main.export_action.trigger()
    run = main._export_run
    assert run.progress.isVisible()
    assert controller.lock()
    shown = len(dialogs.shown)
    gate.set()
    qtbot.waitUntil(lambda: run.done, timeout=10000)
    assert json.loads(target.read_text(encoding="utf-8"))["sessions"][0]["number"] == 1
    # Nothing about the export (not where it went) shows on top of the unlock window.
    assert dialogs.shown[shown:] == []


def test_an_export_failing_after_the_lock_does_not_say_where(
    qtbot, make_app, tmp_path: Path, monkeypatch
) -> None:
    from app.transfer import exporting

    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 3))
    gate = threading.Event()
    target = tmp_path / "placecanary.json"

    def held(*args: Any) -> int:
        assert gate.wait(10)
        raise exporting.ExportProblem(f"{target} could not be written.")

    monkeypatch.setattr(exporting, "write", held)
    dialogs.answer_next(ExportChoice("json"), str(target), True, None)  # None: the message
    main.export_action.trigger()
    run = main._export_run
    assert controller.lock()
    shown = len(dialogs.shown)
    gate.set()
    qtbot.waitUntil(lambda: run.done, timeout=10000)
    assert dialogs.shown[shown:] == ["The export couldn't be written, so nothing was saved."]


def test_finish_running_exports_waits_until_the_files_are_complete(
    qtbot, make_app, tmp_path: Path, monkeypatch
) -> None:
    """Quitting waits for the export thread (a daemon), so no half-written file stays."""
    from app.transfer import exporting
    from ui.transfer import export_dialog

    main = written_main(qtbot, make_app)
    gate = threading.Event()
    real_write = exporting.write

    def held(*args: Any) -> int:
        assert gate.wait(10)
        return real_write(*args)

    monkeypatch.setattr(exporting, "write", held)
    folder = tmp_path / "out"
    folder.mkdir()
    dialogs.answer_next(ExportChoice("markdown"), str(folder), True, None)
    main.export_action.trigger()
    run = main._export_run
    assert not export_dialog.finish_running_exports(timeout=0)  # still held
    threading.Thread(target=gate.set).start()
    assert export_dialog.finish_running_exports()
    # Written completely, without the event loop running: nothing hidden or partial left.
    names = [p.name for p in folder.iterdir()]
    assert len(names) == 1 and names[0].startswith("Integration Journal export")
    assert CANARY in " ".join(p.read_text(encoding="utf-8") for p in (folder / names[0]).iterdir())
    qtbot.waitUntil(lambda: run.done, timeout=10000)
    assert export_dialog.finish_running_exports(timeout=0)  # nothing left to wait for


def test_a_failed_export_says_so(qtbot, make_app, tmp_path: Path, monkeypatch) -> None:
    from app.transfer import exporting

    main = written_main(qtbot, make_app)

    def full(*args: object) -> int:
        raise exporting.ExportProblem("The export couldn't be written (the disk is full).")

    monkeypatch.setattr(exporting, "write", full)
    dialogs.answer_next(ExportChoice("html"), str(tmp_path / "j.html"), True, None)
    main.export_action.trigger()
    qtbot.waitUntil(lambda: main._export_run.done, timeout=10000)
    assert dialogs.shown[-1] == "The export couldn't be written (the disk is full)."
    assert not (tmp_path / "j.html").exists()


def test_export_refuses_to_replace_a_folder_silently(qtbot, make_app, tmp_path: Path) -> None:
    main = written_main(qtbot, make_app)
    taken = tmp_path / "taken.json"
    taken.mkdir()
    (taken / "mine").write_text("keep")
    dialogs.answer_next(ExportChoice("json"), str(taken), None)  # the warning
    main.export_action.trigger()
    assert "already exists" in dialogs.shown[-1]
    assert (taken / "mine").read_text() == "keep"


def imported(qtbot, main) -> None:
    """Trigger Journal → Import… and wait until the import (read, preview, write) is over."""
    main.import_action.trigger()
    run = import_run.latest
    if run is not None:
        qtbot.waitUntil(lambda: run.done, timeout=10000)
    assert QApplication.overrideCursor() is None
    assert not [p for p in main.findChildren(QProgressDialog) if p.isVisible()]


def test_import_shows_the_preview_and_adds_sessions(qtbot, make_app) -> None:
    main = written_main(qtbot, make_app)
    assert main.sessions.rowCount() == 1

    def choose_jrnl(dialog: ImportDialog) -> int:
        dialog.kind_buttons["jrnl"].setChecked(True)
        return QDialog.DialogCode.Accepted.value

    dialogs.answer_next(choose_jrnl, str(FIXTURES / "jrnl.json"), True, None)
    imported(qtbot, main)
    preview = next(text for text in dialogs.shown if "will each become a new session" in text)
    assert "3 entries from 4 March 2021 to 9 March 2021" in preview
    assert "• Walked by the river after the session." in preview
    assert "2 tags will become themes" in preview
    assert dialogs.shown[-1] == "Imported 3 new sessions."
    assert main.sessions.rowCount() == 4
    assert main.journal.session_count() == 4


def test_declining_the_preview_imports_nothing(qtbot, make_app) -> None:
    main = written_main(qtbot, make_app)
    dialogs.answer_next("dayone", str(FIXTURES / "dayone-Journal.json"), False)
    imported(qtbot, main)
    assert "2 entries" in dialogs.shown[-1]
    assert main.journal.session_count() == 1


def test_a_hostile_file_gives_a_clear_message_and_adds_nothing(
    qtbot, make_app, tmp_path: Path
) -> None:
    main = written_main(qtbot, make_app)
    hostile = tmp_path / "hostile.json"
    hostile.write_bytes(b'{"entries": [{"title": "a", "date": "2020-01-01"}, {"title": "b"}]}')
    before = [s.id for s in main.journal.sessions()]
    dialogs.answer_next("jrnl", str(hostile), None)  # the message
    imported(qtbot, main)
    assert "Entry 2 has no date" in dialogs.shown[-1]
    assert "Nothing was imported." in dialogs.shown[-1]
    assert [s.id for s in main.journal.sessions()] == before
    assert main.sessions.rowCount() == 1

    hostile.write_bytes(b"[" * 100_000)
    dialogs.answer_next("jrnl", str(hostile), None)
    imported(qtbot, main)
    assert "not valid JSON" in dialogs.shown[-1] or "nested too deeply" in dialogs.shown[-1]
    assert main.journal.session_count() == 1


def test_a_markdown_folder_import(qtbot, make_app) -> None:
    main = written_main(qtbot, make_app)
    dialogs.answer_next("markdown", str(FIXTURES / "markdown"), True, None)
    imported(qtbot, main)
    assert main.journal.session_count() == 4
    titles = {s.title for s in main.journal.sessions()}
    assert {"First walk in the woods", "Evening notes", "undated"} <= titles


def _held_reads(monkeypatch) -> tuple[threading.Event, list[threading.Thread]]:
    """Hold the export's first batch read until the gate opens; note which thread read."""
    from app.journal import snapshot_rows

    gate, readers = threading.Event(), []
    real = snapshot_rows.sessions_of

    def held(journal, ids):
        readers.append(threading.current_thread())
        assert gate.wait(10)
        return real(journal, ids)

    monkeypatch.setattr(snapshot_rows, "sessions_of", held)
    return gate, readers


def test_export_reads_off_the_gui_thread_and_shows_progress(
    qtbot, make_app, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtCore import QTimer

    main = written_main(qtbot, make_app)
    for day in (4, 5):
        add_session(qtbot, main, dt.date(2026, 11, day))
    gate, readers = _held_reads(monkeypatch)
    target = tmp_path / "j.json"
    dialogs.answer_next(ExportChoice("json"), str(target), True, None)
    main.export_action.trigger()
    run = main._export_run
    # The journal is being read (held): the window still handles what comes its way.
    handled = []
    QTimer.singleShot(0, lambda: handled.append(True))
    qtbot.waitUntil(lambda: bool(handled and readers), timeout=10000)
    assert not run.done and run.progress.isVisible()
    assert readers[0] is not threading.main_thread()
    with qtbot.waitSignal(run.signals.moved, timeout=10000, check_params_cb=lambda d, t: d == t):
        gate.set()
    assert run.progress.maximum() == 3
    qtbot.waitUntil(lambda: run.done, timeout=10000)
    assert dialogs.shown[-1].startswith("Exported 3 sessions to")
    assert len(json.loads(target.read_text(encoding="utf-8"))["sessions"]) == 3


def test_cancel_leaves_nothing_behind(qtbot, make_app, tmp_path: Path, monkeypatch) -> None:
    main = written_main(qtbot, make_app)
    gate, readers = _held_reads(monkeypatch)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    out = tmp_path / "out"
    out.mkdir()
    for kind, place in (("json", out / "j.json"), ("markdown", out)):
        gate.clear()
        before = len(readers)
        dialogs.answer_next(ExportChoice(kind), str(place), True)
        main.export_action.trigger()
        run = main._export_run
        shown = len(dialogs.shown)
        qtbot.waitUntil(lambda n=before: len(readers) > n, timeout=10000)  # reading now
        button = run.progress.findChild(QPushButton)
        assert button.text() == "Cancel"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        gate.set()
        qtbot.waitUntil(lambda r=run: r.done, timeout=10000)
        assert list(out.iterdir()) == []  # no file, no hidden temporary one
        assert dialogs.shown[shown:] == []  # cancelled as asked: no message about it
        assert main.journal is not None


def test_the_idle_lock_cancels_an_export_before_locking(
    qtbot, make_app, tmp_path: Path, monkeypatch
) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 3))
    gate, readers = _held_reads(monkeypatch)
    out = tmp_path / "out"
    out.mkdir()
    dialogs.answer_next(ExportChoice("html"), str(out / "j.html"), True)
    main.export_action.trigger()
    run = main._export_run
    qtbot.waitUntil(lambda: bool(readers), timeout=10000)
    controller.auto_lock()  # the quiet spell is over
    assert run.cancelled.is_set()
    assert controller.main_window is main  # not locked while the export winds down
    gate.set()
    qtbot.waitUntil(lambda: controller.main_window is None, timeout=10000)
    assert run.done
    assert list(out.iterdir()) == []


def test_the_busy_cursor_never_outlives_a_failed_read(
    qtbot, make_app, tmp_path: Path, monkeypatch
) -> None:
    from app.transfer import importing
    from ui.transfer import import_dialog

    main = written_main(qtbot, make_app)

    def unforeseen(kind: str, path: Path) -> Any:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(importing, "read", unforeseen)
    dialogs.answer_next("jrnl", str(tmp_path / "any.json"), None)
    run = import_dialog.run_import(main, lambda: main.journal, main.save_now, main.reload_sessions)
    assert run is not None
    qtbot.waitUntil(lambda: run.done, timeout=10000)
    # Even an unforeseen error becomes plain words, and the progress dialog goes away.
    assert (
        dialogs.shown[-1] == "any.json couldn't be read (OverflowError).\n\nNothing was imported."
    )
    assert QApplication.overrideCursor() is None
    assert not [p for p in main.findChildren(QProgressDialog) if p.isVisible()]


def test_a_day_one_date_at_the_end_of_the_calendar_imports(qtbot, make_app, tmp_path: Path) -> None:
    main = written_main(qtbot, make_app)
    edge = tmp_path / "Journal.json"
    entry = {"creationDate": "9999-12-31T23:59:59Z", "timeZone": "Pacific/Kiritimati"}
    edge.write_text(json.dumps({"entries": [{**entry, "text": "At the edge"}]}))
    dialogs.answer_next("dayone", str(edge), True, None)
    imported(qtbot, main)
    assert dialogs.shown[-1] == "Imported 1 new session."
    assert QApplication.overrideCursor() is None


def _held_import(monkeypatch) -> tuple[threading.Event, list[threading.Thread]]:
    """Hold the import's write, inside its transaction, after the first entry: the gate
    opens it. Notes which thread wrote."""
    from app.transfer.importing import store

    gate, writers = threading.Event(), []
    real = store.import_entries

    def held(journal, entries, progress=None):
        def slowed(done: int) -> None:
            if done == 1:
                writers.append(threading.current_thread())
                assert gate.wait(10)
            if progress is not None:
                progress(done)

        return real(journal, entries, slowed)

    monkeypatch.setattr("app.transfer.importing.import_entries", held)
    return gate, writers


def test_import_writes_off_the_gui_thread_and_shows_progress(qtbot, make_app, monkeypatch) -> None:
    from PySide6.QtCore import QTimer

    main = written_main(qtbot, make_app)
    gate, writers = _held_import(monkeypatch)
    dialogs.answer_next("jrnl", str(FIXTURES / "jrnl.json"), True, None)
    main.import_action.trigger()
    run = import_run.latest
    # The entries are being written (held): the window still handles what comes its way.
    handled = []
    QTimer.singleShot(0, lambda: handled.append(True))
    qtbot.waitUntil(lambda: bool(handled and writers), timeout=10000)
    assert writers[0] is not threading.main_thread()
    assert not run.done and run.progress.isVisible()
    assert main.journal.session_count() == 1  # nothing committed yet
    with qtbot.waitSignal(run.signals.moved, timeout=10000, check_params_cb=lambda d, t: d == t):
        gate.set()
    qtbot.waitUntil(lambda: run.done, timeout=10000)
    assert dialogs.shown[-1] == "Imported 3 new sessions."
    assert main.sessions.rowCount() == 4  # the list reloaded
    assert main.journal.session_count() == 4


def test_cancelling_an_import_leaves_the_journal_unchanged(qtbot, make_app, monkeypatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    main = written_main(qtbot, make_app)
    before = [s.id for s in main.journal.sessions()]
    themes = main.journal.themes()
    gate, writers = _held_import(monkeypatch)
    dialogs.answer_next("jrnl", str(FIXTURES / "jrnl.json"), True)
    main.import_action.trigger()
    run = import_run.latest
    qtbot.waitUntil(lambda: bool(writers), timeout=10000)  # one entry written, uncommitted
    shown = len(dialogs.shown)  # the preview has been confirmed
    button = run.progress.findChild(QPushButton)
    assert button.text() == "Cancel"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: run.done, timeout=10000)
    assert dialogs.shown[shown:] == []  # cancelled as asked: no message about it
    assert [s.id for s in main.journal.sessions()] == before
    assert main.journal.themes() == themes  # the entries' tags did not become themes
    assert main.sessions.rowCount() == 1
    assert not [p for p in main.findChildren(QProgressDialog) if p.isVisible()]


def test_the_idle_lock_cancels_an_import_before_locking(qtbot, make_app, monkeypatch) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 3))
    gate, writers = _held_import(monkeypatch)
    dialogs.answer_next("jrnl", str(FIXTURES / "jrnl.json"), True)
    main.import_action.trigger()
    run = import_run.latest
    qtbot.waitUntil(lambda: bool(writers), timeout=10000)
    controller.auto_lock()  # the quiet spell is over
    assert run.cancelled.is_set()
    assert controller.main_window is main  # not locked while the import rolls back
    gate.set()
    qtbot.waitUntil(lambda: controller.main_window is None, timeout=10000)
    assert run.done and run.count == 0
    # Unlocked again, the journal holds only its own session.
    unlock(qtbot, controller, STRONG)
    assert controller.main_window.journal.session_count() == 1
