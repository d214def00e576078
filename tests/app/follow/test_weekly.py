"""This week: ticks per day that survive a lock, a note for the week, and letting go."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QCheckBox, QLabel

from app.follow.weekly import week_days, week_start
from app.journal.model import Action, ActionStatus
from tests.ui.shell.test_app_flow import STRONG, add_session, first_run, make_app, type_text, unlock
from ui.follow.weekly_view import LET_GO_WORD

__all__ = ["make_app"]

D = dt.date
WEDNESDAY = D(2026, 11, 18)
MONDAY = D(2026, 11, 16)


def test_a_week_starts_on_the_locales_first_day() -> None:
    assert week_start(WEDNESDAY) == MONDAY
    assert week_start(MONDAY) == MONDAY
    assert week_start(D(2026, 11, 22)) == MONDAY  # Sunday ends an ISO week
    assert week_start(WEDNESDAY, first_weekday=7) == D(2026, 11, 15)  # weeks from Sunday
    assert week_start(D(2026, 11, 15), first_weekday=7) == D(2026, 11, 15)
    assert week_days(MONDAY)[-1] == D(2026, 11, 22)


def _with_actions(qtbot, controller, whats=("a slow walk", "call Sam")):
    main = first_run(qtbot, controller)
    add_session(qtbot, main, D(2026, 11, 10))
    journal = main.journal
    insight = journal.add_insight(main.session.id, "I need more air")
    actions = [journal.add_action(Action(insight.id, main.session.id, what=w)) for w in whats]
    main.follow.today = lambda: WEDNESDAY
    return main, actions


def _open_week(main):
    main.follow.week_action.trigger()
    weekly = main.follow.weekly
    assert weekly is not None and weekly.isVisible()
    return weekly


def test_ticks_round_trip_through_the_window_and_a_lock(qtbot, make_app) -> None:
    controller = make_app()
    main, (walk, call) = _with_actions(qtbot, controller)
    weekly = _open_week(main)
    first = weekly.start.isoweekday()  # the locale's first day of the week
    assert weekly.start == week_start(WEDNESDAY, first)
    days = week_days(weekly.start)
    box = weekly.boxes[(walk.id, days[0])]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(weekly.boxes[(walk.id, days[2])], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(weekly.boxes[(call.id, days[2])], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(weekly.boxes[(call.id, days[2])], Qt.MouseButton.LeftButton)  # untick
    assert main.journal.ticks(walk.id, days[0], days[-1]) == {days[0], days[2]}
    assert main.journal.ticks(call.id, days[0], days[-1]) == set()

    assert controller.lock()
    assert not weekly.isVisible()
    assert weekly.boxes == {} and weekly.week_actions == []
    assert weekly.title.text() == ""
    assert all(not b.isVisible() for b in weekly.findChildren(QCheckBox))
    unlock(qtbot, controller, STRONG)
    main = controller.main_window
    main.follow.today = lambda: WEDNESDAY
    weekly = _open_week(main)
    ticked = {key for key, b in weekly.boxes.items() if b.isChecked()}
    assert ticked == {(walk.id, days[0]), (walk.id, days[2])}
    # another week has its own boxes, all empty
    qtbot.mouseClick(weekly.previous_button, Qt.MouseButton.LeftButton)
    assert weekly.start == days[0] - dt.timedelta(days=7)
    assert not any(b.isChecked() for b in weekly.boxes.values())
    qtbot.mouseClick(weekly.this_week_button, Qt.MouseButton.LeftButton)
    assert weekly.boxes[(walk.id, days[0])].isChecked()


def test_the_week_note_autosaves_and_belongs_to_its_week(qtbot, make_app) -> None:
    controller = make_app()
    main, _ = _with_actions(qtbot, controller)
    weekly = _open_week(main)
    start = weekly.start
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        type_text(qtbot, weekly.note, "A gentler week.\nMore sleep.")
    assert main.journal.week_note(start).body == "A gentler week.\nMore sleep."
    qtbot.mouseClick(weekly.next_button, Qt.MouseButton.LeftButton)
    assert weekly.note.toPlainText() == ""
    qtbot.mouseClick(weekly.previous_button, Qt.MouseButton.LeftButton)
    assert weekly.note.toPlainText() == "A gentler week.\nMore sleep."
    # typed, then locked before the pause ends: still saved, and gone from the window
    weekly.note.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(weekly.note, " Rain.")
    assert controller.lock()
    assert weekly.note.toPlainText() == ""
    assert not weekly.note.document().isUndoAvailable()
    unlock(qtbot, controller, STRONG)
    assert controller.main_window.journal.week_note(start).body.endswith("More sleep. Rain.")


def test_letting_go_needs_no_reason_and_counts_nothing(qtbot, make_app) -> None:
    controller = make_app()
    main, (walk, call) = _with_actions(qtbot, controller)
    weekly = _open_week(main)
    qtbot.mouseClick(weekly.let_go_buttons[call.id], Qt.MouseButton.LeftButton)  # no dialog
    assert main.journal.action(call.id).status == ActionStatus.LET_GO
    assert weekly.kind_word.text() == LET_GO_WORD
    assert not weekly.boxes[(call.id, weekly.start)].isEnabled()
    assert main.journal.action(walk.id).status == ActionStatus.PLANNED
    words = " ".join(label.text() for label in weekly.findChildren(QLabel)).lower()
    for judgement in ("streak", "missed", "score", "%", "failed"):
        assert judgement not in words
    weekly.show_week(weekly.start)
    assert [a.id for a in weekly.week_actions] == [walk.id]


def test_every_tick_box_has_a_name(qtbot, make_app) -> None:
    controller = make_app()
    main, _ = _with_actions(qtbot, controller)
    weekly = _open_week(main)
    names = {b.accessibleName() for b in weekly.boxes.values()}
    assert len(names) == len(weekly.boxes)
    assert any(n.startswith("a slow walk, ") for n in names)
