"""Themes with the keyboard alone: Tab reaches the list, its buttons and the places in
reading order and back with Shift+Tab, arrows move in the lists, Enter opens a place and
Esc closes the window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.find.test_themes_ui import add_theme
from tests.ui.keyboard import activate, check_round
from tests.ui.shell.test_app_flow import add_session, first_run
from tests.ui.shell.test_app_flow import make_app as make_app  # the fixture


def test_themes_by_keyboard(qtbot, make_app) -> None:
    main = first_run(qtbot, make_app())
    add_session(qtbot, main, dt.date(2026, 11, 1))
    add_theme(qtbot, main.narrative.theme_rows()[0], "Mother")
    add_theme(qtbot, main.narrative.theme_rows()[0], "Rest")
    add_session(qtbot, main, dt.date(2026, 11, 20))
    activate(qtbot, main, main.session_view)
    qtbot.keyClick(main.session_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    window = main.across.themes_window
    assert window is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is window.themes

    assert check_round(qtbot, window, window.themes) == [
        "Your themes",
        "Rename this theme everywhere",
        "Remove this theme everywhere",
        "Where this theme appears",
    ]
    first = window.themes.currentItem().text()
    qtbot.keyClick(window.themes, Qt.Key.Key_Down)  # arrows move between the themes
    assert window.themes.currentItem().text() != first
    activate(qtbot, window, window.places)
    if window.places.currentRow() < 0:
        qtbot.keyClick(window.places, Qt.Key.Key_Down)  # the first place becomes current
    assert window.places.currentRow() == 0
    qtbot.keyClick(window.places, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.session is not None and main.session.held_on.day == 1)

    activate(qtbot, window, window.themes)
    qtbot.keyClick(window.themes, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible())
