"""Timeline window, revisit banner, Intention card and their settings, driven as a person
would; and after a lock, every one of them closed and empty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel

from app.follow import revisits
from app.journal.model import Action, CheckIn
from tests.ui.shell.test_app_flow import (
    STRONG,
    add_session,
    first_run,
    make_app,
    unlock,
    visible_text,
)
from ui.common import preferences
from ui.follow.timeline_view import HEADER_H, LABEL_W, ROW_H
from ui.shell.settings_dialog import SettingsDialog

__all__ = ["make_app"]

D = dt.date
TODAY = D(2026, 11, 18)
CANARY = "periwinkle-canary"


def _labels(widget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_the_timeline_opens_sessions_and_is_empty_after_a_lock(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, D(2026, 10, 1))
    older = main.session
    main.journal.save_checkin(CheckIn(dt.datetime(2026, 10, 8, 21, 0), older.id, (CANARY,)))
    add_session(qtbot, main, D(2026, 11, 1))
    newer = main.session
    main.tabs.setCurrentWidget(main.narrative)

    main.follow.timeline_action.trigger()
    view = main.follow.timeline
    assert view is not None and view.isVisible()
    assert view.windowTitle() == "Timeline"
    canvas = view.canvas
    assert [t.session.id for t in canvas.timelines] == [newer.id, older.id]
    assert [c.offset for c in canvas.timelines[1].checkins] == [7]
    assert CANARY in canvas._tip(canvas.x_of(7), HEADER_H + ROW_H + 32)
    view.grab()  # paints without complaint

    # a click on the older row's name opens that session
    qtbot.mouseClick(
        canvas, Qt.MouseButton.LeftButton, pos=QPoint(LABEL_W // 2, HEADER_H + ROW_H + 10)
    )
    assert main.session.id == older.id
    assert main.tabs.currentWidget() is main.narrative
    # a click on a check-in opens the Reflection tab, where check-ins live
    main.select_session(newer.id)
    qtbot.mouseClick(
        canvas,
        Qt.MouseButton.LeftButton,
        pos=QPoint(int(canvas.x_of(7)), HEADER_H + ROW_H + 32),
    )
    assert main.session.id == older.id
    assert main.tabs.currentWidget() is main.reflection
    # keyboard: Up, then Enter, opens the newer session
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Up)
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert main.session.id == newer.id

    main.follow.week_action.trigger()
    weekly = main.follow.weekly
    assert weekly.isVisible()
    assert controller.lock()
    assert not view.isVisible() and canvas.timelines == []
    assert not weekly.isVisible() and weekly.boxes == {}
    assert main.follow.timeline is view  # owned by the main window, gone with it
    assert CANARY not in canvas._tip(canvas.x_of(7), HEADER_H + ROW_H + 32)
    unlock(qtbot, controller, STRONG)
    assert controller.main_window is not main


def test_more_sessions_load_on_request(qtbot, make_app, monkeypatch) -> None:
    from ui.follow import timeline_view

    monkeypatch.setattr(timeline_view, "PAGE", 2)
    controller = make_app()
    main = first_run(qtbot, controller)
    for day in (1, 2, 3):
        main.journal.add_session(D(2026, 9, day))
    main.follow.timeline_action.trigger()
    view = main.follow.timeline
    assert len(view.canvas.timelines) == 2 and not view.more_button.isHidden()
    qtbot.mouseClick(view.more_button, Qt.MouseButton.LeftButton)
    assert len(view.canvas.timelines) == 3 and view.more_button.isHidden()


def test_the_intention_card_before_and_after_a_session(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    main.follow.today = lambda: TODAY
    add_session(qtbot, main, D(2026, 11, 2))  # already held, no intention: a quiet field
    past = main.session
    card = main.follow.intention_card
    assert card.isVisible() and card.invitation.isHidden() and card.field.text() == ""
    add_session(qtbot, main, D(2026, 11, 20))  # still to come
    coming = main.session
    assert card.isVisible() and card.field.isVisible()
    assert "what would you like to bring" in card.invitation.text()
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        qtbot.keyClicks(card.field, "to rest, and to listen")
    assert main.journal.session(coming.id).intention == "to rest, and to listen"
    # one field, one place: the header carries it, never shows it
    assert main.header.intention.text() == "to rest, and to listen"
    assert main.header.intention.isHidden()
    qtbot.mouseClick(main.header.details_button, Qt.MouseButton.LeftButton)
    assert main.header.intention.isHidden() and main.header.setting.isVisible()
    # before the session the card folds away too
    qtbot.mouseClick(card.fold_button, Qt.MouseButton.LeftButton)
    assert card.field.isHidden() and card.invitation.isHidden()
    qtbot.mouseClick(card.fold_button, Qt.MouseButton.LeftButton)
    assert card.field.isVisible()
    assert main.save_now()

    # on the day it doesn't presume before or after
    main.follow.today = lambda: D(2026, 11, 20)
    main.select_session(past.id)
    main.select_session(coming.id)
    assert "today's session" in card.invitation.text() and card.invitation.isVisible()

    # afterwards: the intention comes back, quietly, and can be folded away
    main.follow.today = lambda: D(2026, 11, 23)
    main.select_session(past.id)
    main.select_session(coming.id)
    assert card.isVisible() and card.invitation.isHidden()
    assert card.field.text() == "to rest, and to listen"
    qtbot.mouseClick(card.fold_button, Qt.MouseButton.LeftButton)
    assert card.field.isHidden() and card.fold_button.text() == "Show"
    qtbot.mouseClick(card.fold_button, Qt.MouseButton.LeftButton)
    # moving the date into the future turns it back into an invitation
    main.header.date.setDate(main.header.date.date().addDays(30))
    assert card.invitation.isVisible() and "Before this session" in card.invitation.text()
    assert controller.lock()
    assert card.isHidden() and card.field.text() == ""


def test_the_revisit_banner_offers_once_and_remembers_in_the_journal(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, D(2026, 11, 11))
    week_ago = main.session
    add_session(qtbot, main, D(2026, 11, 17))
    main.follow.today = lambda: TODAY
    main.follow.refresh_revisits()
    banner = main.follow.banner
    assert banner.isVisible()
    assert banner.message.text() == (
        "It has been a day since your session on 17 Nov. Would you like to look back at it?"
    )
    qtbot.mouseClick(banner.later_button, Qt.MouseButton.LeftButton)
    assert banner.message.text().startswith("It has been a week since your session on 11 Nov.")
    qtbot.mouseClick(banner.open_button, Qt.MouseButton.LeftButton)
    assert main.session.id == week_ago.id
    assert banner.isHidden()
    main.follow.refresh_revisits()
    assert banner.isHidden()
    # the app stays open into the day of the +30 offer: shown when the window is next active
    main.follow.today = lambda: D(2026, 12, 11)
    QApplication.sendEvent(main, QEvent(QEvent.Type.WindowActivate))
    assert banner.message.text().startswith("It has been a week since your session on 17 Nov.")
    qtbot.mouseClick(banner.later_button, Qt.MouseButton.LeftButton)
    assert banner.message.text().startswith("It has been a month since your session on 11 Nov.")
    qtbot.mouseClick(banner.later_button, Qt.MouseButton.LeftButton)
    assert banner.isHidden()

    assert controller.lock()
    settings = Path(preferences.settings_file())
    text = settings.read_text(encoding="utf-8") if settings.exists() else ""
    assert "session:" not in text  # what was handled is in the journal, not the settings
    unlock(qtbot, controller, STRONG)
    main = controller.main_window
    main.follow.today = lambda: TODAY
    main.follow.refresh_revisits()
    assert main.follow.banner.isHidden()
    assert len(revisits.handled(main.journal)) == 4


def test_revisits_follow_the_settings(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, D(2026, 11, 16))
    insight = main.journal.add_insight(main.session.id, "air")
    main.journal.add_action(
        Action(insight.id, main.session.id, what="open a window", look_again=TODAY)
    )
    main.follow.today = lambda: TODAY
    banner = main.follow.banner
    prefs = controller.prefs
    controller.apply_preferences(preferences.Preferences(auto_lock_minutes=0, revisits=False))
    assert banner.isHidden()
    controller.apply_preferences(preferences.Preferences(auto_lock_minutes=0, revisit_days=(2, 10)))
    assert banner.isVisible() and "two" not in banner.message.text()
    assert banner.message.text().startswith("It has been 2 days since your session on 16 Nov.")
    qtbot.mouseClick(banner.later_button, Qt.MouseButton.LeftButton)
    assert "“open a window”" in banner.message.text()
    qtbot.mouseClick(banner.open_button, Qt.MouseButton.LeftButton)
    assert main.tabs.currentWidget() is main.action_plan
    assert banner.isHidden()
    assert preferences.load().revisit_days == (2, 10)
    controller.apply_preferences(prefs)


def test_the_settings_dialog_reads_revisit_days(qtbot, tmp_path) -> None:
    dialog = SettingsDialog(preferences.Preferences(), tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.revisit_days.text() == "1, 7, 30"
    dialog.revisit_days.setText("3, 10, nonsense")
    assert dialog.preferences().revisit_days == (3, 10)
    dialog.revisits.setChecked(False)
    assert not dialog.revisit_days.isEnabled()
    chosen = dialog.preferences()
    assert chosen.revisits is False
    preferences.save(chosen)
    assert preferences.load().revisits is False
    assert preferences.load().revisit_days == (3, 10)


def test_nothing_written_stays_on_screen_after_a_lock(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, D(2026, 11, 11))
    insight = main.journal.add_insight(main.session.id, "x")
    main.journal.add_action(Action(insight.id, main.session.id, what=CANARY))
    main.follow.today = lambda: TODAY
    main.follow.refresh_revisits()
    main.follow.week_action.trigger()
    main.follow.timeline_action.trigger()
    assert CANARY in _labels(main.follow.weekly)
    assert controller.lock()
    for widget in (main.follow.weekly, main.follow.timeline, main.follow.banner):
        assert CANARY not in _labels(widget) + " ".join(visible_text(widget))
        assert "Nov" not in main.follow.banner.message.text()


def _unnamed(root) -> list[str]:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTabWidget,
        QTextEdit,
        QWidget,
    )

    interactive = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QTabWidget)
    return [
        type(w).__name__
        for w in root.findChildren(QWidget)
        if isinstance(w, interactive)
        and not w.accessibleName()
        and not (isinstance(w, QAbstractButton) and w.text())  # a button's text names it
        and w.parent() is not None
        and not isinstance(w.parent(), QComboBox | QTabWidget)
        and w.objectName()
        not in {"qt_spinbox_lineedit", "qt_calendar_yearedit", "qt_menubar_ext_button"}
    ]


def test_every_follow_through_control_has_a_name(qtbot, make_app) -> None:
    from ui.common import dialogs

    controller = make_app()
    main = first_run(qtbot, controller)
    main.follow.today = lambda: TODAY
    add_session(qtbot, main, D(2026, 11, 20))
    insight = main.journal.add_insight(main.session.id, "air")
    main.journal.add_action(Action(insight.id, main.session.id, what="walk"))
    main.follow.refresh_revisits()
    main.follow.timeline_action.trigger()
    main.follow.week_action.trigger()
    assert main.follow.intention_card.isVisible()
    assert _unnamed(main) == []
    seen: list[list[str]] = []

    def check(d) -> None:
        seen.append(_unnamed(d))
        d.accept()

    dialogs.answer_next(check)
    main.follow.review_action.trigger()
    assert seen == [[]]


def test_many_due_actions_are_offered_a_batch_at_a_time(qtbot, make_app, monkeypatch) -> None:
    from ui.follow import follow_through

    monkeypatch.setattr(follow_through, "ACTION_OFFERS_AT_ONCE", 2)
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, D(2026, 9, 1))
    insight = main.journal.add_insight(main.session.id, "air")
    for n in range(3):
        main.journal.add_action(
            Action(insight.id, main.session.id, what=f"step {n}", look_again=D(2026, 10, 1))
        )
    main.follow.today = lambda: TODAY
    main.follow.refresh_revisits()
    banner = main.follow.banner
    assert len(banner.queue) == 2  # only the first batch is read
    seen = []
    while banner.isVisible():
        seen.append(banner.message.text())
        qtbot.mouseClick(banner.later_button, Qt.MouseButton.LeftButton)
    assert [next(w for w in ("step 0", "step 1", "step 2") if w in t) for t in seen] == [
        "step 0",
        "step 1",
        "step 2",
    ]


def test_earlier_sessions_load_as_the_timeline_is_scrolled(qtbot, make_app, monkeypatch) -> None:
    from ui.follow import timeline_view

    monkeypatch.setattr(timeline_view, "PAGE", 8)
    controller = make_app()
    main = first_run(qtbot, controller)
    for day in range(1, 26):
        main.journal.add_session(D(2026, 9, day))
    main.follow.timeline_action.trigger()
    view = main.follow.timeline
    view.resize(view.width(), 300)
    qtbot.waitExposed(view)
    assert len(view.canvas.timelines) == 8
    bar = view.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    assert len(view.canvas.timelines) == 16  # one page more, not all
    while not view.complete:
        shown = len(view.canvas.timelines)
        qtbot.waitUntil(lambda: bar.maximum() > bar.value())  # the taller canvas laid out
        bar.setValue(bar.maximum())
        assert len(view.canvas.timelines) > shown or view.complete
    days = [t.day0.day for t in view.canvas.timelines]
    assert days == list(range(25, 0, -1))  # each session once, newest first
    assert view.more_button.isHidden()


def test_the_timeline_rows_follow_the_font_size(qtbot) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from ui.follow.timeline_view import TimelineCanvas

    canvas = TimelineCanvas()
    qtbot.addWidget(canvas)
    canvas.set_timelines([])
    assert canvas.row_h == ROW_H  # the usual size, as before
    font = QFont(canvas.font())
    font.setPointSize(16)
    canvas.setFont(font)
    line = QFontMetrics(font).height()
    # two lines of text (name, title) and the check-in lane fit: nothing clipped
    assert canvas.row_h >= 2 * line + 12 > ROW_H
    assert canvas.header_h >= line
