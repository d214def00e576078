"""Opening a search result highlights the words in the entry that holds them — never in
the saved text or the undo history — and the panel's filters narrow what is found."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt

from tests.ui.find.test_themes_ui import add_insight, add_theme, answer_first_question
from tests.ui.shell.test_app_flow import add_session, first_run, make_app, type_text
from ui.common import preferences
from ui.find.search_panel import HitRole, place_of
from ui.shell.main_window import MainWindow

__all__ = ["make_app"]  # the fixture, found by pytest through this module's namespace

STORY = "The harbour at dusk. Later, a harbour-light and the HARBOUR wall."


def search_and_open(qtbot, main: MainWindow, words: str, row: int = 0) -> None:
    panel = main.search_panel
    main.find_action.trigger()
    panel.field.setText("")
    qtbot.keyClicks(panel.field, words)
    qtbot.waitUntil(lambda: panel.results.count() > 0 and not panel.timer.isActive(), timeout=3000)
    panel.results.setCurrentRow(row)
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)


def highlighted(editor) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.cursor.selectedText() for s in editor.extraSelections()]


def test_opening_a_hit_highlights_the_words_and_changes_nothing(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    journal = main.journal
    add_session(qtbot, main, dt.date(2026, 10, 6))
    first_id = main.session.id
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        type_text(qtbot, main.narrative.editors[0], STORY)
    add_session(qtbot, main, dt.date(2026, 11, 3))
    assert main.session.id != first_id

    search_and_open(qtbot, main, "harbo")  # the last word typed is a prefix
    assert main.session.id == first_id
    editor = main.narrative.editors[0]
    assert highlighted(editor) == ["harbour", "harbour", "HARBOUR"]
    assert editor.textCursor().position() == STORY.index("harbour")
    # the highlight is drawn over the text: not in it, not in the undo history, not saved
    assert editor.toPlainText() == STORY
    assert not editor.document().isUndoAvailable()
    assert not main.autosaver.has_pending
    part = journal.narrative(first_id)[0]
    assert part.body == STORY

    # Escape in the editor takes the highlight away
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.extraSelections() == []
    assert editor.toPlainText() == STORY

    # so does writing
    search_and_open(qtbot, main, '"harbour wall"')
    assert highlighted(editor) == ["HARBOUR wall"]
    editor.setFocus()
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        qtbot.keyClicks(editor, "!")
    assert editor.extraSelections() == []
    assert journal.narrative(first_id)[0].body.count("!") == 1


def test_answers_and_insights_are_highlighted_too(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 10, 6))
    answer = answer_first_question(qtbot, main, "A lighthouse, far out")
    card = add_insight(qtbot, main, "The lighthouse keeps its light")
    assert main.save_now()
    add_session(qtbot, main, dt.date(2026, 11, 3))

    main.search_panel.section.setCurrentIndex(main.search_panel.section.findData("answer"))
    search_and_open(qtbot, main, "lighthouse")
    assert main.search_panel.results.count() == 1
    assert main.tabs.currentWidget() is main.reflection
    answer = main.reflection.questions.rows[answer.question_id]
    assert highlighted(answer.editor) == ["lighthouse"]

    main.search_panel.section.setCurrentIndex(main.search_panel.section.findData("plan"))
    search_and_open(qtbot, main, "lighthouse")
    assert main.tabs.currentWidget() is main.action_plan
    card = main.action_plan.cards[0]
    assert highlighted(card.text) == ["lighthouse"]
    assert card.text.toPlainText() == "The lighthouse keeps its light"


def test_the_panel_filters_narrow_and_are_forgotten(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    panel = main.search_panel
    for day in (dt.date(2026, 9, 1), dt.date(2026, 10, 6), dt.date(2026, 11, 3)):
        add_session(qtbot, main, day)
        type_text(qtbot, main.narrative.editors[0], f"the meadow in {day:%B}")
        if day.month == 10:
            add_theme(qtbot, main.narrative.theme_rows()[0], "Zanzibarine")
    assert main.save_now()

    main.find_action.trigger()
    assert [panel.theme.itemText(i) for i in range(panel.theme.count())] == [
        "Any theme",
        "Zanzibarine",
    ]
    # the date edits are off until asked for
    assert not panel.since.isEnabled() and not panel.until.isEnabled()
    qtbot.keyClicks(panel.field, "meadow")
    qtbot.waitUntil(lambda: panel.count.text() == "3 results", timeout=3000)

    panel.since_check.setChecked(True)
    panel.since.setDate(QDate(2026, 10, 1))
    qtbot.waitUntil(lambda: panel.count.text() == "2 results", timeout=3000)
    panel.until_check.setChecked(True)
    panel.until.setDate(QDate(2026, 10, 31))
    qtbot.waitUntil(lambda: panel.count.text() == "1 result", timeout=3000)
    assert "October" in panel.snippet_texts()[0]
    panel.since_check.setChecked(False)
    panel.until_check.setChecked(False)
    panel.theme.setCurrentIndex(1)
    qtbot.waitUntil(lambda: panel.count.text() == "1 result", timeout=3000)
    assert "October" in panel.snippet_texts()[0]
    panel.section.setCurrentIndex(panel.section.findData("answer"))
    qtbot.waitUntil(lambda: panel.count.text() == "Nothing found", timeout=3000)

    # Escape clears the filters with the field
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert panel.section.currentIndex() == 0 and panel.theme.currentIndex() == 0
    assert not panel.since_check.isChecked() and not panel.until_check.isChecked()

    # and locking forgets them, and the theme names in the list
    main.find_action.trigger()
    panel.theme.setCurrentIndex(1)
    panel.since_check.setChecked(True)
    assert controller.lock()
    assert panel.theme.count() == 1 and panel.theme.itemText(0) == "Any theme"
    assert not panel.since_check.isChecked()
    preferences.save(preferences.load())
    stored = Path(preferences.settings_file()).read_bytes()
    assert b"Zanzibarine" not in stored


def test_the_found_words_are_scrolled_into_view(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 10, 6))
    row = answer_first_question(qtbot, main, "x")
    row.editor.setPlainText("\n".join(["an ordinary line"] * 120 + ["the marigold at last"]))
    assert main.save_now()
    add_session(qtbot, main, dt.date(2026, 11, 3))
    main.tabs.setCurrentWidget(main.reflection)
    scroll = main.reflection.scroll_area.verticalScrollBar()
    assert scroll.value() == 0

    search_and_open(qtbot, main, "marigold")
    editor = main.reflection.questions.rows[row.question_id].editor
    assert highlighted(editor) == ["marigold"]
    viewport = main.reflection.scroll_area.viewport()

    def in_view() -> bool:
        spot = editor.viewport().mapTo(viewport, editor.cursorRect().center())
        return viewport.rect().contains(spot)

    qtbot.waitUntil(lambda: scroll.value() > 0 and in_view())


def test_a_reflection_written_coming_back_is_found_and_opened(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 10, 6))
    first_id = main.session.id
    main.tabs.setCurrentWidget(main.reflection)
    qtbot.mouseClick(main.reflection.revisits.add_button, Qt.MouseButton.LeftButton)
    card = main.reflection.revisits.cards[0]
    qtbot.keyClicks(card.editor, "The estuary looks wider now")
    assert main.save_now()
    add_session(qtbot, main, dt.date(2026, 11, 3))

    search_and_open(qtbot, main, "estuary")
    assert main.search_panel.results.count() == 1
    assert place_of(main.search_panel.results.item(0).data(HitRole)) == "Coming back to it"
    assert main.session.id == first_id
    assert main.tabs.currentWidget() is main.reflection
    [card] = main.reflection.revisits.cards
    assert highlighted(card.editor) == ["estuary"]
