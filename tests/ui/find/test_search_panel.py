"""Find: search as you type, open a result, and forget the search on lock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from app.journal.model import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit
from tests.ui.shell.test_app_flow import add_session, first_run, make_app
from ui.common import preferences
from ui.find.search_panel import as_you_type, place_of, snippet_html

__all__ = ["make_app"]  # the fixture, found by pytest through this module's namespace


def test_snippets_are_escaped_before_highlighting() -> None:
    snippet = f"a <script>alert(1)</script> {HIGHLIGHT_START}lumen{HIGHLIGHT_END} & more"
    shown = snippet_html(snippet)
    assert "<script>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "<b>lumen</b>" in shown
    assert "&amp; more" in shown
    # markers smuggled into the text itself can only ever make bold, never tags
    assert snippet_html(f"{HIGHLIGHT_START}<img src=x>") == "<b>&lt;img src=x&gt;"


def test_the_last_word_typed_is_a_prefix() -> None:
    assert as_you_type("lumin") == "lumin*"
    assert as_you_type("lumin ") == "lumin "
    assert as_you_type('"felt saf') == '"felt saf'
    assert as_you_type("") == ""


def test_where_a_hit_is() -> None:
    answer = SearchHit("answer", 1, 1, "What did you notice?", "", 0.0)
    assert place_of(answer) == "What did you notice?"
    assert place_of(SearchHit("narrative", 1, 1, "narrative", "", 0.0)) == "Story"
    assert place_of(SearchHit("checkin", 1, 1, "check-in", "", 0.0)) == "Check-in"


def test_find_as_you_type_open_a_result_and_forget_on_lock(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 3))
    first_id = main.session.id
    editor = main.narrative.editors[0]
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        qtbot.keyClicks(editor, "The zephyrine light and a <script>alert(1)</script> note.")
    add_session(qtbot, main, dt.date(2026, 11, 17))
    assert main.session.id != first_id
    main.tabs.setCurrentWidget(main.reflection)

    panel = main.search_panel
    assert not panel.isVisible()
    main.find_action.trigger()
    assert panel.isVisible()
    qtbot.waitUntil(lambda: panel.field.hasFocus())
    qtbot.keyClicks(panel.field, "zephyr")
    assert panel.timer.isActive()  # debounced, not searched on each keystroke
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=3000)
    assert panel.results.count() == 1
    (shown,) = panel.snippet_texts()
    assert "<b>zephyrine</b>" in shown
    assert "Session 1 · 3 Nov 2026" in shown and "Story" in shown
    assert "<script>" not in shown
    assert "&lt;script&gt;" in shown

    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert main.session is not None and main.session.id == first_id
    assert main.tabs.currentWidget() is main.narrative

    # Escape clears the field and the results, and hides the panel
    main.find_action.trigger()
    qtbot.keyClicks(panel.field, "zephyr")
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=3000)
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert panel.field.text() == "" and panel.results.count() == 0
    assert not panel.isVisible()

    # a click on a result opens it too
    main.select_row(0)
    main.find_action.trigger()
    qtbot.keyClicks(panel.field, "zephyr")
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=3000)
    item = panel.results.item(0)
    rect = panel.results.visualItemRect(item)
    qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main.session.id == first_id

    # locking clears it
    qtbot.keyClicks(panel.field, " quillon")
    assert controller.lock()
    assert panel.field.text() == ""
    assert not panel.field.isUndoAvailable()
    assert panel.results.count() == 0
    assert panel.count.text() == ""
    assert not panel.timer.isActive()

    preferences.save(preferences.load())  # whatever the app keeps in settings is written now
    stored = Path(preferences.settings_file()).read_bytes()
    assert b"zephyr" not in stored and b"quillon" not in stored


def test_a_search_finding_nothing_says_so_and_enter_does_nothing(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 3))
    session_id = main.session.id
    main.find_action.trigger()
    qtbot.keyClicks(panel_field := main.search_panel.field, "quokka")
    qtbot.waitUntil(lambda: main.search_panel.count.text() == "Nothing found", timeout=3000)
    qtbot.keyClick(panel_field, Qt.Key.Key_Return)
    assert main.session.id == session_id


def test_results_fit_their_text_and_the_current_one_is_readable(qtbot, make_app) -> None:
    from PySide6.QtGui import QPalette

    main = first_run(qtbot, make_app())
    add_session(qtbot, main, dt.date(2026, 11, 3))
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        qtbot.keyClicks(main.narrative.editors[0], "quillwort " * 40 + "and also quillwort.")
    add_session(qtbot, main, dt.date(2026, 11, 9))
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        qtbot.keyClicks(main.narrative.editors[0], "A second quillwort.")
    panel = main.search_panel
    main.find_action.trigger()
    qtbot.keyClicks(panel.field, "quillwort")
    qtbot.waitUntil(lambda: panel.results.count() == 2)
    for row in range(2):
        item = panel.results.item(row)
        label = panel.results.itemWidget(item)
        # room for every line of the label, not clipped at the bottom
        assert item.sizeHint().height() >= label.heightForWidth(label.width())
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    labels = [panel.results.itemWidget(panel.results.item(row)) for row in range(2)]
    assert labels[0].foregroundRole() == QPalette.ColorRole.HighlightedText
    assert labels[1].foregroundRole() == QPalette.ColorRole.Text
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    assert labels[0].foregroundRole() == QPalette.ColorRole.Text
    assert labels[1].foregroundRole() == QPalette.ColorRole.HighlightedText
