"""Timeline and This week with the keyboard alone: Tab reaches every control in reading
order and back again with Shift+Tab, every stop is named, arrows and Space work the rows,
and Esc closes each window as it closes Themes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.journal.model import Action
from tests.ui.keyboard import activate, check_round
from tests.ui.shell.test_app_flow import add_session, first_run
from tests.ui.shell.test_app_flow import make_app as make_app  # the fixture

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
TODAY = dt.date(2026, 11, 25)  # a Wednesday


def test_the_timeline_by_keyboard(qtbot, make_app) -> None:
    main = first_run(qtbot, make_app())
    add_session(qtbot, main, dt.date(2026, 11, 1))
    add_session(qtbot, main, dt.date(2026, 11, 20))
    activate(qtbot, main, main.session_view)
    qtbot.keyClick(main.session_view, Qt.Key.Key_L, CTRL_SHIFT)  # View ▸ Timeline
    timeline = main.follow.timeline
    assert timeline is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is timeline)
    assert QApplication.focusWidget() is timeline.canvas

    # The rows are one stop, walked with the arrows; the scroll area around them is none.
    assert check_round(qtbot, timeline, timeline.canvas) == ["Timeline of sessions"]
    newest = main.session
    assert newest is not None
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Down)
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Return)
    assert main.session is not None and main.session.held_on == dt.date(2026, 11, 1)

    activate(qtbot, timeline, timeline.canvas)
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not timeline.isVisible())


def test_this_week_by_keyboard(qtbot, make_app) -> None:
    main = first_run(qtbot, make_app())
    main.follow.today = lambda: TODAY
    add_session(qtbot, main, dt.date(2026, 11, 20))
    assert main.journal is not None and main.session is not None
    insight = main.journal.add_insight(main.session.id, "air")
    for what in ("walk", "stretch"):
        main.journal.add_action(Action(insight.id, main.session.id, what=what))
    activate(qtbot, main, main.session_view)
    qtbot.keyClick(main.session_view, Qt.Key.Key_W, CTRL_SHIFT)  # View ▸ This week
    weekly = main.follow.weekly
    assert weekly is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is weekly)

    days = [f"{name} {23 + n}" for n, name in enumerate(("Mon", "Tue", "Wed", "Thu"))]
    days += [f"{name} {27 + n}" for n, name in enumerate(("Fri", "Sat", "Sun"))]
    stops = check_round(qtbot, weekly, weekly.previous_button)
    # Across the top, then each action's row left to right, then the note below.
    rows = [
        [f"{what}, {day}" for day in days] + [f"Let go of {what}"] for what in ("walk", "stretch")
    ]
    assert stops == [
        "Previous week",
        "Go to this week",
        "Next week",
        "Weekly review",
        *rows[0],
        *rows[1],
        "Note for the week",
    ]

    # Space ticks the day in focus; the tick is kept.
    box = weekly.boxes[(weekly.week_actions[0].id, dt.date(2026, 11, 25))]
    activate(qtbot, weekly, box)
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    assert dt.date(2026, 11, 25) in main.journal.ticks(
        weekly.week_actions[0].id, dt.date(2026, 11, 23), dt.date(2026, 11, 29)
    )
    # A week further on: its rows come before the note too.
    activate(qtbot, weekly, weekly.next_button)
    qtbot.keyClick(weekly.next_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: weekly.start == dt.date(2026, 11, 30))
    qtbot.waitUntil(lambda: all(box.isVisible() for box in weekly.boxes.values()))
    stops = check_round(qtbot, weekly, weekly.previous_button)
    assert stops[4] == "walk, Mon 30" and stops[-1] == "Note for the week"

    qtbot.keyClick(weekly.previous_button, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not weekly.isVisible())
