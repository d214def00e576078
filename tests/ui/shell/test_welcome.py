"""Before the first session: one calm invitation and one way to begin — no title, date or
tabs that look usable but aren't, so typing can't land in a hidden or disabled place (the
"30 Se 2026" bug)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton, QWidget

from tests.ui.shell.test_app_flow import first_run
from tests.ui.shell.test_app_flow import make_app as make_app  # the fixture
from ui.common import dialogs

LEFT = Qt.MouseButton.LeftButton


def test_the_welcome_begins_a_session_with_the_cursor_in_the_story(qtbot, make_app) -> None:
    main = first_run(qtbot, make_app())
    qtbot.waitUntil(main.welcome.isVisible)
    for part in (main.header, main.tabs, main.follow.intention_card):
        assert part.isHidden(), part
    assert not main.header.isEnabled()

    # No button holds the keyboard: a stray space must not start or open anything.
    assert not isinstance(main.focusWidget(), QPushButton)
    # Typing now goes nowhere it could be lost in: no field anywhere takes it.
    focus = main.focusWidget()
    target: QWidget = focus if focus is not None else main
    qtbot.keyClicks(target, "30 Se")
    assert main.journal is not None and main.journal.sessions() == []
    assert main.header.title.text() == "" and main.header.intention.text() == ""

    yesterday = dt.date.today() - dt.timedelta(days=1)
    main.welcome.date_edit.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    qtbot.mouseClick(main.welcome.begin_button, LEFT)
    assert main.session is not None and main.session.held_on == yesterday
    assert dialogs.shown == []  # no date dialog: the date was beside the button
    assert main.welcome.isHidden() and main.tabs.isVisible() and main.header.isVisible()
    assert main.focusWidget() is main.narrative.editors[0]

    # With the last session gone, the welcome comes back, dated today again.
    dialogs.answer_next(True)
    main.delete_action.trigger()
    assert main.welcome.isVisible() and main.tabs.isHidden()
    assert main.welcome.chosen_date() == dt.date.today()
