"""The app driven as a person would: first run, writing, autosave, lock, unlock."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from app import vault
from app.vault.kdf import KdfParams
from tests.conftest import PASSPHRASE
from ui.access.first_run import CHOOSE_PAGE, KEY_PAGE, FirstRunWindow
from ui.access.unlock_window import UnlockWindow
from ui.common import dialogs, preferences
from ui.shell.controller import JournalApp
from ui.shell.main_window import MainWindow

STRONG = "lantern orchard velvet thunder"


@pytest.fixture
def make_app(qtbot, tmp_path: Path) -> Iterator:
    apps: list[JournalApp] = []

    def make(folder: Path | None = None, **prefs: int) -> JournalApp:
        options = preferences.Preferences(auto_lock_minutes=0)
        for key, value in prefs.items():
            setattr(options, key, value)
        controller = JournalApp(
            folder or tmp_path / "journal", options, kdf=KdfParams.insecure_for_tests()
        )
        apps.append(controller)
        return controller

    yield make
    for controller in apps:
        controller.backups.stop()
        if controller.main_window is not None:
            controller.main_window.wipe()  # nothing pending may fire into a later test
        if controller.vault is not None:
            controller.vault.lock()
        if controller.window is not None:
            controller.window.hide()
            controller.window.deleteLater()
        controller.folder_lock.release()


def first_run(qtbot, controller: JournalApp, passphrase: str = STRONG) -> MainWindow:
    assert controller.start()
    first = controller.window
    assert isinstance(first, FirstRunWindow)
    qtbot.keyClicks(first.form.first, passphrase)
    qtbot.keyClicks(first.form.second, passphrase)
    qtbot.mouseClick(first.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.pages.currentIndex() == KEY_PAGE, timeout=15000)
    qtbot.mouseClick(first.continue_button, Qt.MouseButton.LeftButton)
    main = controller.main_window
    assert main is not None
    main.autosaver.set_intervals(50, 100)
    return main


def unlock(qtbot, controller: JournalApp, passphrase: str) -> None:
    window = controller.window
    assert isinstance(window, UnlockWindow)
    qtbot.keyClicks(window.field, passphrase)
    qtbot.keyClick(window.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.working, timeout=15000)


def add_session(qtbot, main: MainWindow, day: dt.date) -> None:
    dialogs.answer_next(day)
    qtbot.mouseClick(main.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.session is not None and main.session.held_on == day)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type as a person would; QTest can't type a newline character, so press Return."""
    for index, line in enumerate(text.split("\n")):
        if index:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClicks(widget, line)


def visible_text(widget: QWidget) -> list[str]:
    texts = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QLineEdit):
            texts.append(child.text())
        elif isinstance(child, QPlainTextEdit | QTextEdit):
            texts.append(child.toPlainText())
    return [t for t in texts if t]


def test_first_run_shows_the_recovery_key_once_and_needs_it_kept(qtbot, make_app) -> None:
    controller = make_app()
    assert controller.start()
    first = controller.window
    assert isinstance(first, FirstRunWindow)
    assert first.windowTitle() == "Integration Journal"
    qtbot.keyClicks(first.form.first, STRONG)
    qtbot.keyClicks(first.form.second, STRONG + "x")
    qtbot.mouseClick(first.create_button, Qt.MouseButton.LeftButton)
    assert "don't match" in first.form.problem.text()
    assert not vault.is_journal(controller.folder)
    qtbot.keyClick(first.form.second, Qt.Key.Key_Backspace)
    qtbot.mouseClick(first.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.pages.currentIndex() == KEY_PAGE, timeout=15000)
    key = first.key_label.text()
    assert len(key.split("-")) == 8
    qtbot.mouseClick(first.continue_button, Qt.MouseButton.LeftButton)
    assert isinstance(controller.window, MainWindow)
    assert first.key_label.text() == ""
    # the key really opens the journal
    controller.lock()
    opened = vault.unlock_with_recovery_key(
        controller.folder, key, folder_lock=controller.folder_lock
    )
    opened.lock()


def test_a_weak_passphrase_is_allowed_after_a_clear_warning(qtbot, make_app) -> None:
    controller = make_app()
    assert controller.start()
    first = controller.window
    assert isinstance(first, FirstRunWindow)
    qtbot.keyClicks(first.form.first, "password")
    assert "guess" in first.form.hint.text()
    qtbot.keyClicks(first.form.second, "password")
    dialogs.answer_next(False)  # "Choose another"
    qtbot.mouseClick(first.create_button, Qt.MouseButton.LeftButton)
    assert first.pages.currentIndex() == CHOOSE_PAGE
    assert "easy for someone else to guess" in dialogs.shown[-1]
    dialogs.answer_next(True)  # "Use it anyway"
    qtbot.mouseClick(first.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.pages.currentIndex() == KEY_PAGE, timeout=15000)


def test_typing_is_saved_once_typing_stops(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 18))
    editor = main.narrative.editors[0]
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        qtbot.keyClicks(editor, "The room was warm and the music slow.")
    assert main.status.text() == "Saved"
    assert controller.vault is not None
    parts = controller.vault.journal.narrative(main.session.id)
    assert parts[0].body == "The room was warm and the music slow."


def test_add_to_the_story_starts_a_dated_addition(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 1))
    qtbot.mouseClick(main.narrative.add_button, Qt.MouseButton.LeftButton)
    assert len(main.narrative.editors) == 2
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        qtbot.keyClicks(main.narrative.editors[1], "A week later, a memory of my grandmother.")
    parts = controller.vault.journal.narrative(main.session.id)
    assert [p.written_on for p in parts] == [dt.date(2026, 11, 1), dt.date.today()]
    assert parts[1].body.startswith("A week later")


def test_preview_escapes_html_and_loads_nothing(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 2))
    main.show()
    editor = main.narrative.editors[0]
    type_text(qtbot, editor, "# Heading\n<script>alert(1)</script> ![x](http://example.com/a.png)")
    qtbot.mouseClick(main.narrative.preview_button, Qt.MouseButton.LeftButton)
    preview = main.narrative.preview
    assert preview.isVisible()
    qtbot.waitUntil(lambda: "Heading" in preview.toPlainText())
    assert "<script>alert(1)</script>" in preview.toPlainText()  # shown as text, not run
    assert not preview.requested_resources


def test_lock_clears_every_widget_and_unlock_brings_it_all_back(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 3))
    qtbot.keyClicks(main.header.title, "Quiet morning")
    qtbot.keyClicks(main.narrative.editors[0], "lockcanary words in the story")
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(main.narrative.editors[0], Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    unlock_window = controller.window
    assert isinstance(unlock_window, UnlockWindow)
    assert controller.vault is None
    assert main.journal is None
    for widget in QApplication.allWidgets():
        for text in visible_text(widget):
            assert "lockcanary" not in text and "Quiet morning" not in text
    assert main.narrative.editors == []
    # a wrong passphrase: an inline message and another try
    unlock(qtbot, controller, "not the passphrase")
    assert "doesn't open" in unlock_window.message.text()
    assert controller.window is unlock_window
    unlock(qtbot, controller, STRONG)
    again = controller.main_window
    assert again is not None
    assert again.session is not None and again.session.title == "Quiet morning"
    assert again.narrative.editors[0].toPlainText() == "lockcanary words in the story"


def test_idle_auto_lock_fires_and_clears(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 4))
    qtbot.keyClicks(main.narrative.editors[0], "idlecanary")
    controller.idle_timeout_ms = 300
    controller.idle.start(300)
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=5000)
    assert controller.vault is None
    assert main.narrative.editors == []
    unlock(qtbot, controller, STRONG)
    assert controller.main_window.narrative.editors[0].toPlainText() == "idlecanary"


def test_a_failed_save_says_so_keeps_the_text_and_retries(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 5))
    conn = controller.vault.journal.conn
    conn.execute("PRAGMA query_only = ON")  # the database turns read-only under the app
    editor = main.narrative.editors[0]
    with qtbot.waitSignal(main.autosaver.failed, timeout=5000):
        qtbot.keyClicks(editor, "words that must not be lost")
    assert main.status.text().startswith("Not saved — ")
    assert "can't be written" in main.status.text()
    assert editor.toPlainText() == "words that must not be lost"
    conn.execute("PRAGMA query_only = OFF")
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        pass  # the retry timer saves without anything else happening
    assert main.status.text() == "Saved"
    assert controller.vault.journal.narrative(main.session.id)[0].body == (
        "words that must not be lost"
    )


def test_switching_sessions_saves_and_shows_the_right_story(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 10, 1))
    qtbot.keyClicks(main.narrative.editors[0], "october story")
    add_session(qtbot, main, dt.date(2026, 11, 1))  # saves the first before switching
    qtbot.keyClicks(main.narrative.editors[0], "november story")
    assert main.sessions.rowCount() == 2
    main.select_row(1)  # newest first: row 1 is October
    assert main.narrative.editors[0].toPlainText() == "october story"
    main.select_row(0)
    assert main.narrative.editors[0].toPlainText() == "november story"


def test_a_second_instance_is_refused(qtbot, make_app) -> None:
    controller = make_app()
    first_run(qtbot, controller)
    second = make_app(controller.folder)
    dialogs.answer_next(None)  # the "already open" message
    assert not second.start()
    assert "already open" in dialogs.shown[-1]
    assert second.window is None


def test_window_title_is_only_the_app_name(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 6))
    qtbot.keyClicks(main.header.title, "Private title")
    assert main.windowTitle() == "Integration Journal"


def test_recovery_key_unlock_then_new_passphrase(qtbot, make_app) -> None:
    folder_controller = make_app()
    assert folder_controller.start()
    first = folder_controller.window
    qtbot.keyClicks(first.form.first, STRONG)
    qtbot.keyClicks(first.form.second, STRONG)
    qtbot.mouseClick(first.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.pages.currentIndex() == KEY_PAGE, timeout=15000)
    key = first.key_label.text()
    qtbot.mouseClick(first.continue_button, Qt.MouseButton.LeftButton)
    folder_controller.lock()
    window = folder_controller.window
    qtbot.mouseClick(window.switch_button, Qt.MouseButton.LeftButton)
    assert window.field.accessibleName() == "Recovery key"

    def choose_new(dialog) -> int:
        dialog.form.first.setText("brand new river stone path")
        dialog.form.second.setText("brand new river stone path")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted.value, timeout=15000)
        return dialog.result()

    dialogs.answer_next(choose_new)
    unlock(qtbot, folder_controller, key.lower())
    assert folder_controller.main_window is not None
    folder_controller.lock()
    unlock(qtbot, folder_controller, "brand new river stone path")
    assert folder_controller.main_window is not None


def test_unlock_of_a_damaged_journal_explains_and_changes_nothing(
    qtbot, make_app, tmp_path: Path
) -> None:
    folder = tmp_path / "journal"
    vault.create(folder, PASSPHRASE, kdf=KdfParams.insecure_for_tests())
    (folder / "journal.db").write_bytes(b"")
    controller = make_app(folder)
    assert controller.start()
    unlock(qtbot, controller, PASSPHRASE)
    window = controller.window
    assert isinstance(window, UnlockWindow)
    assert "empty" in window.message.text()
    assert "not been changed" in window.message.text()
    assert (folder / "journal.db").read_bytes() == b""


def test_a_damaged_journal_can_be_replaced_by_a_backup(qtbot, make_app, tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    vault.create(folder, PASSPHRASE, kdf=KdfParams.insecure_for_tests())
    opened = vault.unlock(folder, PASSPHRASE)
    opened.journal.add_session(dt.date(2026, 9, 9), title="Kept safe")
    backup = opened.backup(tmp_path)
    opened.lock()
    damaged = b"\0" * 4096
    (folder / "journal.db").write_bytes(damaged)
    controller = make_app(folder)
    assert controller.start()
    unlock(qtbot, controller, PASSPHRASE)
    window = controller.window
    assert isinstance(window, UnlockWindow)
    assert window.restore_button.isVisibleTo(window)
    qtbot.keyClicks(window.field, PASSPHRASE)
    dialogs.answer_next(str(backup), True)  # the file, then "Restore"
    qtbot.mouseClick(window.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=15000)
    assert controller.main_window.session.title == "Kept safe"
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("journal (before restore")]
    assert len(kept) == 1
    assert (kept[0] / "journal.db").read_bytes() == damaged  # the old files, untouched


def _files_containing(root: Path, needle: str) -> list[Path]:
    encodings = [needle.encode("utf-8"), needle.encode("utf-16-le"), needle.encode("utf-16-be")]
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(e in data for e in encodings):
                found.append(path)
    return found


def test_after_a_full_gui_session_no_file_holds_the_words(qtbot, make_app, tmp_path) -> None:
    canary = "canarygui" + "7f3e9d"
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 7))
    qtbot.keyClicks(main.header.title, canary + "title")
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        qtbot.keyClicks(main.narrative.editors[0], canary + " in the story")
    main.resize(900, 700)
    preferences.save_geometry("main", main.saveGeometry())
    controller.lock()
    settings = Path(preferences.settings_file())
    assert settings.exists()
    # Prove the scan can find something before trusting that it finds nothing.
    probe = tmp_path / "probe.txt"
    probe.write_text(canary, encoding="utf-16-le")
    assert _files_containing(tmp_path, canary) == [probe]
    probe.unlink()
    assert _files_containing(controller.folder, canary) == []
    assert _files_containing(settings.parent, canary) == []
    assert _files_containing(Path(os.environ["HOME"]), canary) == []


def test_closing_the_window_saves_first(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    main.autosaver.set_intervals(60_000, 60_000)  # no autosave: only closing can save
    add_session(qtbot, main, dt.date(2026, 11, 8))
    qtbot.keyClicks(main.narrative.editors[0], "written just before closing")
    main.close()
    assert controller.vault is None
    opened = vault.unlock(controller.folder, STRONG)
    try:
        story = opened.journal.narrative(opened.journal.sessions()[0].id)[0].body
    finally:
        opened.lock()
    assert story == "written just before closing"


def test_settings_change_auto_lock_and_text_size(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 9))

    def choose(dialog) -> int:
        dialog.auto_lock.setValue(2)
        dialog.text_size.setValue(16)
        dialog.theme.setCurrentIndex(2)
        return dialog.DialogCode.Accepted.value

    dialogs.answer_next(choose)
    main.settings_action.trigger()
    assert controller.idle_timeout_ms == 2 * 60_000
    assert main.narrative.editors[0].font().pointSize() == 16
    saved = preferences.load()
    assert (saved.auto_lock_minutes, saved.text_size, saved.theme) == (2, 16, "dark")


def test_every_control_is_named_and_every_menu_action_has_a_shortcut(qtbot, make_app) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QTabWidget

    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 10))
    interactive = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QTabWidget)
    unnamed = [
        type(w).__name__
        for w in main.findChildren(QWidget)
        if isinstance(w, interactive)
        and not w.accessibleName()
        and not (isinstance(w, QAbstractButton) and w.text())  # a button's text names it
        and w.parent() is not None
        and not isinstance(w.parent(), QComboBox | QTabWidget)  # Qt's own inner parts
        and w.objectName()
        not in {"qt_spinbox_lineedit", "qt_calendar_yearedit", "qt_menubar_ext_button"}
    ]
    assert unnamed == []
    for menu_action in main.menuBar().actions():
        for action in menu_action.menu().actions():
            if not action.isSeparator():
                assert not action.shortcut().isEmpty(), action.text()


def test_the_process_is_hardened_before_any_window(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = (
        "import os, resource\n"
        "from ui.shell.main import harden_process\n"
        "harden_process()\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE), oct(os.umask(0)))\n"
    )
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "(0, 0) 0o77"


def test_a_whole_session_survives_switching_locking_and_a_wrong_passphrase(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    main.show()
    qtbot.waitExposed(main)
    add_session(qtbot, main, dt.date(2026, 10, 20))  # an earlier session to switch to
    add_session(qtbot, main, dt.date(2026, 11, 14))
    left = Qt.MouseButton.LeftButton

    qtbot.keyClicks(main.narrative.editors[0], "The blue room and a slow tide.")

    main.tabs.setCurrentWidget(main.reflection)  # built on first look
    questions = main.reflection.questions
    for group, question in (("story", "story.title"), ("body", "body.now")):
        section = questions.sections[group]
        section.combo.setCurrentIndex(section.combo.findData(question))
        qtbot.mouseClick(section.answer_button, left)
    qtbot.keyClicks(questions.rows["story.title"].editor, "The long way home")
    qtbot.keyClicks(questions.rows["body.now"].editor, "Warm hands")
    qtbot.mouseClick(questions.rows["body.now"].private, left)
    qtbot.mouseClick(main.reflection.checkins.add_button, left)
    [form] = main.reflection.checkins.forms
    qtbot.mouseClick({c.text(): c for c in form.chips}["calm"], left)
    qtbot.keyClicks(form.lines["colour"], "pale blue")

    main.tabs.setCurrentWidget(main.action_plan)
    plan = main.action_plan
    qtbot.mouseClick(plan.add_button, left)
    card = plan.cards[-1]
    qtbot.keyClicks(card.text, "Rest is allowed")
    qtbot.keyClicks(card.editors[0].what, "Lie down after work")  # the first step is ready
    qtbot.mouseClick(card.add_button, left)
    qtbot.keyClicks(card.editors[-1].what, "Tell Sam on heavy days")

    main.select_row(1)  # the October session: everything above is saved on the way
    assert main.action_plan.cards == []
    main.tabs.setCurrentWidget(main.narrative)
    assert main.narrative.editors[0].toPlainText() == ""
    main.select_row(0)

    assert controller.lock()
    unlock(qtbot, controller, "a wrong passphrase")
    assert isinstance(controller.window, UnlockWindow)
    unlock(qtbot, controller, STRONG)
    again = controller.main_window
    assert again is not None and again.session.held_on == dt.date(2026, 11, 14)
    assert again.narrative.editors[0].toPlainText() == "The blue room and a slow tide."
    again.tabs.setCurrentWidget(again.reflection)
    rows = again.reflection.questions.rows
    assert rows["story.title"].editor.toPlainText() == "The long way home"
    assert rows["body.now"].editor.toPlainText() == "Warm hands"
    assert rows["body.now"].private.isChecked() and not rows["story.title"].private.isChecked()
    [checkin] = again.reflection.checkins.forms
    assert checkin.lines["colour"].text() == "pale blue"
    again.tabs.setCurrentWidget(again.action_plan)
    again.action_plan.finish_loading()
    [insight] = again.action_plan.cards
    assert insight.text.toPlainText() == "Rest is allowed"
    assert [e.what.text() for e in insight.editors] == [
        "Lie down after work",
        "Tell Sam on heavy days",
    ]


def test_idle_lock_closes_an_open_dialog_first(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 11))
    seen = []

    def wait_in_settings(dialog) -> int:
        dialog.setModal(True)
        dialog.show()  # the settings dialog is open when the idle timer fires
        controller.idle.start(100)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        seen.append(dialog.result())
        return dialog.result()

    dialogs.answer_next(wait_in_settings)
    main.settings_action.trigger()
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=5000)
    assert seen == [0]  # rejected: nothing the dialog held was applied
    assert controller.vault is None
