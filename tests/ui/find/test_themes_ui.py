"""Themes, driven as a client would: tag the story, an answer and an insight in two
sessions, get suggestions from earlier themes, see them across sessions in time order,
open a place, take themes off — and nothing left on screen after locking."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from app.journal import themes as theme_core
from tests.conftest import press
from tests.ui.shell.test_app_flow import add_session, first_run, make_app, type_text
from ui.common import dialogs
from ui.common.theme_row import ThemeRow
from ui.find.themes_window import ThemesWindow
from ui.session.reflection.answer import AnswerRow
from ui.shell.main_window import MainWindow

__all__ = ["make_app"]  # the fixture, found by pytest through this module's namespace

LEFT = Qt.MouseButton.LeftButton
FIRST = dt.date(2026, 10, 6)
SECOND = dt.date(2026, 11, 3)


def add_theme(qtbot, row: ThemeRow, name: str) -> None:
    qtbot.mouseClick(row.field, LEFT)
    qtbot.keyClicks(row.field, name)
    qtbot.keyClick(row.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: row.field.text() == "")


def answer_first_question(qtbot, main: MainWindow, words: str) -> AnswerRow:
    main.tabs.setCurrentWidget(main.reflection)
    questions = main.reflection.questions
    section = next(s for s in questions.sections.values() if s.choice_ids)
    question_id = section.choice_ids[0]
    section.choose(question_id)
    press(section.answer_button)
    row = questions.rows[question_id]
    type_text(qtbot, row.editor, words)
    return row


def add_insight(qtbot, main: MainWindow, words: str):  # type: ignore[no-untyped-def]
    main.tabs.setCurrentWidget(main.action_plan)
    qtbot.mouseClick(main.action_plan.add_button, LEFT)
    card = main.action_plan.cards[-1]
    type_text(qtbot, card.text, words)
    return card


def write_a_session(qtbot, main: MainWindow, day: dt.date, story: str) -> None:
    add_session(qtbot, main, day)
    main.tabs.setCurrentWidget(main.narrative)
    type_text(qtbot, main.narrative.editors[0], story)


def test_themes_across_sessions(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    journal = main.journal
    assert journal is not None

    # -- the first session: the story, an answer and an insight get themes
    write_a_session(qtbot, main, FIRST, "Waves in the first story")
    story_row = main.narrative.theme_rows()[0]
    assert story_row.field.accessibleName() == "Add a theme to the story"
    add_theme(qtbot, story_row, "Mother")
    assert story_row.names == ["Mother"]
    chip = story_row.chips[0]
    assert chip.remove_button.accessibleName() == "Remove the theme “Mother”"

    answer = answer_first_question(qtbot, main, "An answer about the kitchen")
    question_id = answer.question_id
    # suggestions come from the client's own earlier themes, whatever the case typed
    qtbot.mouseClick(answer.themes.field, LEFT)
    qtbot.keyClicks(answer.themes.field, "mOT")
    completer = answer.themes.completer
    assert completer is not None and completer.completionCount() == 1
    assert completer.currentCompletion() == "Mother"
    answer.themes.field.setText(completer.currentCompletion())
    qtbot.keyClick(answer.themes.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: answer.themes.names == ["Mother"])
    assert answer.answer_id  # saved first, so the theme has something to hold on to

    card = add_insight(qtbot, main, "Rest is allowed")
    add_theme(qtbot, card.themes, "rest")
    assert card.themes.field.accessibleName() == "Add a theme to insight 1"
    first_session = main.session.id

    # -- the second session
    write_a_session(qtbot, main, SECOND, "Second story, the sea again")
    add_theme(qtbot, main.narrative.theme_rows()[0], "mother")  # same theme, other case
    assert main.narrative.theme_rows()[0].names == ["Mother"]
    second_answer = answer_first_question(qtbot, main, "Another answer")
    assert second_answer.question_id == question_id
    add_theme(qtbot, second_answer.themes, "Rest")
    assert second_answer.themes.names == ["rest"]
    second_session = main.session.id
    assert main.save_now()

    # -- the Themes view (View ▸ Themes…, Ctrl+T)
    assert main.across.themes_action.shortcut().toString() == "Ctrl+T"
    view = next(a.menu() for a in main.menuBar().actions() if a.text() == "&View")
    entries = [a.text() if not a.isSeparator() else "—" for a in view.actions()]
    themes_at = entries.index("&Themes…")
    assert entries.index("Add to the &story") < themes_at and entries[themes_at - 1] == "—"
    main.across.themes_action.trigger()
    window = main.across.themes_window
    assert isinstance(window, ThemesWindow) and window.isVisible()
    assert window.windowTitle() == "Themes"
    assert window.theme_texts() == ["Mother — 3 places", "rest — 2 places"]
    window.themes.setCurrentRow(0)
    places = window.place_texts()
    assert [p.split("\n")[0] for p in places] == [
        "Session 1 · 6 Oct 2026 · Story",
        f"Session 1 · 6 Oct 2026 · {answer.question_text}",
        "Session 2 · 3 Nov 2026 · Story",
    ]
    assert places[0].endswith("Waves in the first story")
    window.themes.setCurrentRow(1)
    assert [p.split("\n")[0] for p in window.place_texts()] == [
        "Session 1 · 6 Oct 2026 · Insight",
        f"Session 2 · 3 Nov 2026 · {answer.question_text}",
    ]

    # -- opening a place: the session, the tab and the entry itself
    window.themes.setCurrentRow(0)
    window.places.setCurrentRow(1)
    window.places.setFocus()
    qtbot.keyClick(window.places, Qt.Key.Key_Return)
    assert main.session.id == first_session
    assert main.tabs.currentWidget() is main.reflection
    opened = main.reflection.questions.rows[question_id]
    qtbot.waitUntil(lambda: opened.editor.hasFocus())
    assert opened.editor.toPlainText() == "An answer about the kitchen"

    window.themes.setCurrentRow(1)
    window.places.itemActivated.emit(window.places.item(0))
    assert main.tabs.currentWidget() is main.action_plan
    assert main.action_plan.cards[0].text.hasFocus()

    # -- taking a theme off one entry with its ×
    main.select_session(second_session)
    main.tabs.setCurrentWidget(main.narrative)
    row = main.narrative.theme_rows()[0]
    qtbot.waitUntil(lambda: row.chips[0].remove_button.width() > 0)  # laid out
    qtbot.mouseClick(row.chips[0].remove_button, LEFT)
    assert row.names == []
    assert [t.name for t in journal.themes_of("narrative", row._target_id)] == []
    window.refresh()
    assert window.theme_texts() == ["Mother — 2 places", "rest — 2 places"]

    # -- removing a theme everywhere (the entries stay)
    window.themes.setCurrentRow(1)
    dialogs.answer_next(True)
    qtbot.mouseClick(window.remove_button, LEFT)
    assert window.theme_texts() == ["Mother — 2 places"]
    main.select_session(first_session)
    main.tabs.setCurrentWidget(main.action_plan)
    assert main.action_plan.cards[0].themes.names == []
    assert main.action_plan.cards[0].text.toPlainText() == "Rest is allowed"

    # -- renaming everywhere
    window.themes.setCurrentRow(0)
    dialogs.answer_next("Family")
    qtbot.mouseClick(window.rename_button, LEFT)
    assert window.theme_texts() == ["Family — 2 places"]
    main.tabs.setCurrentWidget(main.narrative)
    assert main.narrative.theme_rows()[0].names == ["Family"]

    # -- locking: nothing of it left on screen, in the window or the suggestions
    assert controller.lock()
    assert not window.isVisible()
    assert window.theme_texts() == [] and window.place_texts() == []
    assert window.heading.text() == ""
    for theme_row in main.findChildren(ThemeRow):
        assert theme_row.names == []
        assert theme_row.suggestions is None or theme_row.suggestions.stringList() == []
    assert main.search_panel.theme.count() == 1


def test_theme_suggestions_leave_out_the_ones_already_there(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    write_a_session(qtbot, main, FIRST, "A story")
    row = main.narrative.theme_rows()[0]
    add_theme(qtbot, row, "Trust")
    add_theme(qtbot, row, "Tenderness")
    qtbot.keyClicks(row.field, "  ")
    qtbot.keyClick(row.field, Qt.Key.Key_Return)  # nothing: no empty theme
    row.field.clear()
    assert row.names == ["Tenderness", "Trust"]
    main.narrative.add_part()
    addition = main.narrative.theme_rows()[1]
    assert addition.field.accessibleName().startswith("Add a theme to the addition of ")
    qtbot.keyClicks(addition.field, "t")
    assert addition.suggestions is not None and addition.completer is not None
    assert sorted(addition.suggestions.stringList()) == ["Tenderness", "Trust"]
    assert addition.completer.completionCount() == 2
    addition.field.clear()
    add_theme(qtbot, addition, "Trust")
    addition.refresh_suggestions()
    assert addition.suggestions.stringList() == ["Tenderness"]
    # a row never typed in makes no completer at all
    assert main.narrative.theme_rows()[0].completer is not None  # typed in above
    main.narrative.add_part()
    assert main.narrative.theme_rows()[2].completer is None


def test_theme_core_rename_joins_two_themes(opened) -> None:
    j = opened.journal
    s = j.add_session(FIRST)
    part = j.narrative(s.id)[0]
    a = j.add_theme_to("narrative", part.id, "grief")
    b = j.add_theme_to("narrative", part.id, "loss")
    insight = j.add_insight(s.id, "x")
    j.add_theme_to("insight", insight.id, "loss")
    joined = theme_core.rename_theme(j, a.id, "LOSS")
    assert joined.id == b.id and joined.name == "loss"
    counts = theme_core.theme_counts(j)
    assert [(c.theme.name, c.places) for c in counts] == [("loss", 2)]
    assert theme_core.excerpt("word " * 100).endswith("…")
