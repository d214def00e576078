""" "Every answer to this question across my sessions": one click from any answer."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt

from tests.ui.find.test_themes_ui import answer_first_question
from tests.ui.shell.test_app_flow import add_session, first_run, make_app, type_text
from ui.find.every_answer import EveryAnswerWindow

__all__ = ["make_app"]  # the fixture, found by pytest through this module's namespace

LEFT = Qt.MouseButton.LeftButton


def test_every_answer_to_a_question_in_time_order(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    # Entered out of order: the later session first.
    add_session(qtbot, main, dt.date(2026, 11, 10))
    later = answer_first_question(qtbot, main, "Later: the **garden** <script>alert(1)</script>")
    later_session = main.session.id
    add_session(qtbot, main, dt.date(2026, 10, 1))
    earlier = answer_first_question(qtbot, main, "Earlier: the quiet kitchen")
    earlier.private.setChecked(True)
    earlier_session = main.session.id
    assert earlier.question_id == later.question_id
    # An answer to another question in a third session stays out.
    add_session(qtbot, main, dt.date(2026, 12, 1))
    main.tabs.setCurrentWidget(main.reflection)
    questions = main.reflection.questions
    section = next(s for s in questions.sections.values() if s.choice_ids)
    other_id = next(q for q in section.choice_ids if q != later.question_id)
    section.choose(other_id)
    qtbot.mouseClick(section.answer_button, LEFT)
    type_text(qtbot, questions.rows[other_id].editor, "Not this one")
    third = questions.rows[other_id]

    button = third.every_answer_button
    assert button.accessibleName() == "Every answer to this question"
    main.select_session(earlier_session)
    main.tabs.setCurrentWidget(main.reflection)
    row = main.reflection.questions.rows[earlier.question_id]
    qtbot.waitUntil(lambda: row.every_answer_button.width() > 0)
    qtbot.mouseClick(row.every_answer_button, LEFT)

    window = main.across.every_answer_window
    assert isinstance(window, EveryAnswerWindow) and window.isVisible()
    assert window.windowTitle() == "Every answer to this question"
    assert window.question.text() == row.question_text
    assert [c.heading_text for c in window.cards] == [
        "Session 2 · 1 Oct 2026",
        "Session 1 · 10 Nov 2026",
    ]
    first, second = window.cards
    # private answers are shown here, the client's own view, but marked
    assert first.private_mark.isVisibleTo(window) and first.private_mark.text() == "kept private"
    assert not second.private_mark.isVisibleTo(window)
    assert "quiet kitchen" in first.body.text()
    # rendered safely: Markdown becomes formatting, raw HTML stays text
    assert "<strong>garden</strong>" in second.body.text()
    assert "<script>" not in second.body.text() and "&lt;script&gt;" in second.body.text()
    assert all("Not this one" not in c.body.text() for c in window.cards)

    # a click opens that answer in its session
    qtbot.mouseClick(second.open_button, LEFT)
    assert main.session.id == later_session
    assert main.tabs.currentWidget() is main.reflection
    opened = main.reflection.questions.rows[later.question_id]
    qtbot.waitUntil(lambda: main.focusWidget() is opened.editor)

    # a click on the card itself does too
    qtbot.mouseClick(first, LEFT, pos=QPoint(5, 5))  # in the card's margin
    assert main.session.id == earlier_session

    # locking closes the window and clears it
    assert controller.lock()
    assert not window.isVisible()
    assert window.cards == [] and window.question.text() == ""


def test_a_question_answered_once(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 10, 1))
    row = answer_first_question(qtbot, main, "Only here")
    row.every_answer_button.click()
    window = main.across.every_answer_window
    assert window is not None and len(window.cards) == 1
    assert window.hint.text().startswith("Your answer from one session")


def test_a_question_answered_often_shows_a_page_and_more_as_it_scrolls(
    qtbot, opened, monkeypatch
) -> None:
    from app.journal.model import Answer
    from ui.find import every_answer

    monkeypatch.setattr(every_answer, "PAGE", 4)
    j = opened.journal
    for n in range(10):
        s = j.add_session(dt.date(2026, 1, 1) + dt.timedelta(days=10 - n))  # newest first
        j.save_answer(Answer(s.id, "after.1", "What stayed?", f"answer {n}"))
    window = EveryAnswerWindow()
    qtbot.addWidget(window)
    window.resize(500, 300)
    window.show_for(j, "after.1", "What stayed?")
    qtbot.waitExposed(window)
    assert len(window.cards) == 4
    assert window.hint.text().startswith("Your answers from 10 sessions")
    bar = window.scroll_area.verticalScrollBar()
    while len(window.cards) < 10:
        shown = len(window.cards)
        qtbot.waitUntil(lambda: bar.maximum() > bar.value())
        bar.setValue(bar.maximum())
        assert len(window.cards) > shown
    # oldest session first, each once
    assert [
        next(n for n in range(10) if f"answer {n}<" in c.body.text()) for c in window.cards
    ] == [*range(9, -1, -1)]
