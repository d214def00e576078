"""A 1280×720 laptop: the main window fits, and every button of each tab can be reached —
visible at once, or by scrolling its tab (scroll, don't cut)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QScrollArea, QWidget

from app.journal.model import Action
from tests.ui.shell.test_app_flow import add_session, first_run
from tests.ui.shell.test_app_flow import make_app as make_app  # the fixture
from ui.shell.controller import first_size
from ui.shell.main_window import MainWindow

WIDTH, HEIGHT = 1280, 720


def scroller_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def on_screen(main: MainWindow, widget: QWidget) -> bool:
    """Some of it is drawn, inside the window."""
    if widget.visibleRegion().isEmpty():
        return False
    top_left = widget.mapTo(main, widget.rect().topLeft())
    return QRect(0, 0, main.width(), main.height()).intersects(QRect(top_left, widget.size()))


def test_every_button_of_each_tab_is_reachable_at_1280_by_720(qtbot, make_app) -> None:
    main = first_run(qtbot, make_app())
    main.resize(WIDTH, HEIGHT)
    qtbot.waitUntil(lambda: main.width() <= WIDTH and main.height() <= HEIGHT)
    add_session(qtbot, main, dt.date(2026, 11, 2))
    journal, session = main.journal, main.session
    assert journal is not None and session is not None
    for n in range(3):  # enough to need scrolling
        insight = journal.add_insight(session.id, f"Something {n}")
        journal.add_action(Action(insight.id, session.id, what=f"Step {n}"))
    main.select_session(session.id)

    assert on_screen(main, main.status)  # the save status: always in view
    reached = scrolled = 0
    for index in range(main.tabs.count()):
        main.tabs.setCurrentIndex(index)
        page = main.tabs.widget(index)
        qtbot.waitUntil(lambda p=page: p.isVisible())
        buttons = [
            b
            for b in page.findChildren(QAbstractButton)
            if b.isVisibleTo(page) and not isinstance(b.parentWidget(), QAbstractScrollArea)
        ]
        assert buttons, page
        for button in buttons:
            scroller = scroller_of(button)
            if scroller is not None and not on_screen(main, button):
                scrolled += 1
                scroller.ensureWidgetVisible(button, 0, 0)
            qtbot.waitUntil(lambda b=button: on_screen(main, b), timeout=2000)
            reached += 1
    assert reached >= 20
    assert scrolled > 0  # some were below the edge: reached by scrolling, not cut off


def test_the_first_window_fits_the_screen(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    screen = window.screen()
    assert screen is not None
    free = screen.availableGeometry()
    size = first_size(window)
    assert size.width() <= free.width() and size.height() <= free.height()
    assert size.width() <= 1180 and size.height() <= 780
