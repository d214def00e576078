"""The main window with the keyboard alone: Tab goes round the regions a sighted person
reads — the session list, the search panel, the session's header and intention, the tab
bar, the open tab, the status line — reaching every control once, each named, and Shift+Tab
walks back the same way, whichever tab is open and whatever was built since."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.keyboard import activate, check_round, name, walk
from tests.ui.shell.test_app_flow import add_session, first_run, type_text
from tests.ui.shell.test_app_flow import make_app as make_app  # the fixture

HARD = "When it's hard"


def in_order(stops: list[str], *names: str) -> bool:
    positions = [stops.index(n) for n in names]
    return positions == sorted(positions)


def test_the_main_window_by_keyboard(qtbot, make_app) -> None:
    main = first_run(qtbot, make_app())
    main.resize(1280, 720)
    add_session(qtbot, main, dt.date(2026, 11, 1))
    add_session(qtbot, main, dt.date(2026, 11, 20))
    type_text(qtbot, main.narrative.editors[0], "A quiet harbour")
    activate(qtbot, main, main.header.details_button)
    qtbot.keyClick(main.header.details_button, Qt.Key.Key_Space)  # the setting, shown
    qtbot.waitUntil(main.header.setting.isVisible)

    stops = check_round(qtbot, main, main.new_button)
    # Left column, then the header, the intention, the tab bar, the story, the status line.
    assert stops[:2] == ["New session", "Sessions"]
    assert in_order(stops, "Sessions", "Session title", "Session date", "Show the setting")
    assert in_order(stops, "Show the setting", "Setting notes", "Session tabs")
    assert in_order(stops, "Session tabs", "Add to the story", "Show preview", "The story")
    assert in_order(stops, "The story", "Add a theme to the story", HARD)
    assert stops[-1] == HARD

    # Find (Ctrl+F): the panel above the session, its field, Close, filters, results.
    qtbot.keyClick(main.session_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = main.search_panel
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.field)
    qtbot.keyClicks(panel.field, "harbour")
    qtbot.waitUntil(panel.results.isVisible, timeout=10000)
    stops = check_round(qtbot, main, main.new_button)
    found = stops.index("Search the journal")
    assert stops[found - 1] == "Sessions"
    assert stops[found : found + 8] == [
        "Search the journal",
        "Close search",
        "Search in",
        "Only with the theme",
        "Only sessions from a date",
        "Only sessions up to a date",
        "Search results",
        "Session title",
    ]
    activate(qtbot, main, panel.field)
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not panel.isVisible())

    # The other tabs: their controls come between the tab bar and the status line.
    for page in (main.reflection, main.action_plan):
        bar = main.tabs.tabBar()
        activate(qtbot, main, bar)
        qtbot.keyClick(bar, Qt.Key.Key_Right)
        qtbot.waitUntil(lambda page=page: main.tabs.currentWidget() is page)
        if page is main.action_plan:
            activate(qtbot, main, page.add_button)
            qtbot.keyClick(page.add_button, Qt.Key.Key_Space)  # an insight, built now
            qtbot.waitUntil(lambda: bool(main.action_plan.cards))
        check_round(qtbot, main, main.new_button)
        activate(qtbot, main, main.new_button)
        round_ = walk(qtbot, main.new_button)
        names = [name(w) for w in round_]
        between = round_[names.index("Session tabs") + 1 : names.index(HARD)]
        assert between and all(page.isAncestorOf(w) for w in between), names
