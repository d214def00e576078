"""Follow-through after review: a week's note that can't be saved keeps its week; the
Action plan tab and the weekly review / This week never overwrite each other; a failed
"Adjust" is tried again; deleting a session leaves no window showing it, and opening it
from an out-of-date window leaves the main window as it is."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from app.follow.revisits import SESSION, Revisit
from app.follow.weekly import WENT_WELL, split_review
from app.journal.model import Action, ActionStatus, WeekNote
from tests.ui.find.test_themes_ui import add_theme, answer_first_question, write_a_session
from tests.ui.shell.test_app_flow import add_session, first_run, make_app, type_text
from ui.common import dialogs
from ui.follow.timeline_view import HEADER_H, LABEL_W
from ui.follow.weekly_review import WENT_WELL_QUESTION, WeeklyReview

__all__ = ["make_app"]

D = dt.date
TODAY = D(2026, 11, 18)
MONDAY = D(2026, 11, 16)
LEFT = Qt.MouseButton.LeftButton


def _with_actions(qtbot, controller, whats=("walk", "call Sam")):
    main = first_run(qtbot, controller)
    add_session(qtbot, main, D(2026, 11, 10))
    journal = main.journal
    insight = journal.add_insight(main.session.id, "I need more air")
    actions = [
        journal.add_action(Action(insight.id, main.session.id, what=w, cue="after lunch"))
        for w in whats
    ]
    main.follow.today = lambda: TODAY
    main.tabs.setCurrentWidget(main.action_plan)  # the tab reads the actions now
    assert main.action_plan.session is not None
    return main, insight, actions


def _editor(main, action_id: int):
    main.action_plan.finish_loading()
    return next(
        e for card in main.action_plan.cards for e in card.editors if e.action.id == action_id
    )


def _read_only(controller, on: bool) -> None:
    controller.vault.journal.conn.execute(f"PRAGMA query_only = {'ON' if on else 'OFF'}")


# -- 1. the week's note --------------------------------------------------------------------


def test_a_week_note_that_cant_be_saved_keeps_its_week(qtbot, make_app) -> None:
    controller = make_app()
    main, _, _ = _with_actions(qtbot, controller)
    main.follow.week_action.trigger()
    weekly = main.follow.weekly
    start = weekly.start
    _read_only(controller, True)
    type_text(qtbot, weekly.note, "words for this week")
    qtbot.mouseClick(weekly.next_button, LEFT)
    # not saved: the window stays on its week, with the words, and says why
    assert weekly.start == start
    assert weekly.note.toPlainText() == "words for this week"
    assert "Not saved" in weekly.status.text() and "stays open" in weekly.status.text()
    _read_only(controller, False)
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        pass  # the retry
    assert main.journal.week_note(start).body == "words for this week"
    qtbot.mouseClick(weekly.next_button, LEFT)
    assert weekly.start == start + dt.timedelta(days=7)
    assert weekly.note.toPlainText() == ""
    assert main.save_now()
    assert main.journal.week_note(start).body == "words for this week"
    assert main.journal.week_note(weekly.start).body == ""


# -- 2. the Action plan tab and the weekly review / This week --------------------------------


def test_the_plan_tab_shows_what_the_review_saved_and_keeps_it(qtbot, make_app) -> None:
    controller = make_app()
    main, _, (walk, call) = _with_actions(qtbot, controller)

    def review(d: WeeklyReview) -> None:
        qtbot.addWidget(d)
        walk_choice, call_choice = d.choices
        walk_choice.adjust.setChecked(True)
        walk_choice.what.setText("walk to the river")
        call_choice.let_go.setChecked(True)
        d.accept()

    dialogs.answer_next(review)
    main.follow.review_action.trigger()
    editor = _editor(main, walk.id)
    assert editor.what.text() == "walk to the river"
    assert _editor(main, call.id).current_status() == ActionStatus.LET_GO
    # an edit in the tab afterwards keeps what the review saved
    qtbot.keyClicks(_editor(main, walk.id).first_step, "shoes by the door")
    qtbot.keyClicks(_editor(main, call.id).first_step, "find the number")
    assert main.save_now()
    saved = main.journal.action(walk.id)
    assert (saved.what, saved.first_step) == ("walk to the river", "shoes by the door")
    assert main.journal.action(call.id).status == ActionStatus.LET_GO


def test_letting_go_in_this_week_and_the_plan_tab_keep_each_others_changes(qtbot, make_app) -> None:
    controller = make_app()
    main, _, (walk, call) = _with_actions(qtbot, controller)
    main.follow.week_action.trigger()
    weekly = main.follow.weekly
    # typed in the tab, not yet saved, then let go in This week: both kept
    editor = _editor(main, call.id)
    qtbot.keyClicks(editor.what, " tonight")
    weekly.let_go(weekly.week_actions[1])
    saved = main.journal.action(call.id)
    assert (saved.what, saved.status) == ("call Sam tonight", ActionStatus.LET_GO)
    # let go in This week, then edited in the tab: still let go
    qtbot.mouseClick(weekly.let_go_buttons[walk.id], LEFT)
    assert main.journal.action(walk.id).status == ActionStatus.LET_GO
    editor = _editor(main, walk.id)
    assert editor.current_status() == ActionStatus.LET_GO
    qtbot.keyClicks(editor.first_step, "someday")
    assert main.save_now()
    saved = main.journal.action(walk.id)
    assert (saved.first_step, saved.status) == ("someday", ActionStatus.LET_GO)
    assert main.journal.action(call.id).what == "call Sam tonight"


# -- 3 and 4. the weekly review -------------------------------------------------------------


def test_an_adjustment_that_couldnt_be_saved_is_saved_on_the_next_try(qtbot, make_app) -> None:
    controller = make_app()
    main, _, (walk, _call) = _with_actions(qtbot, controller)
    tries: list[str] = []

    def review(d: WeeklyReview) -> None:
        qtbot.addWidget(d)
        choice = d.choices[0]
        choice.adjust.setChecked(True)
        choice.what.setText("walk after dinner")
        _read_only(controller, True)
        qtbot.mouseClick(d.done_button, LEFT)
        tries.append(d.problem.text())
        _read_only(controller, False)
        qtbot.mouseClick(d.done_button, LEFT)
        tries.append(d.problem.text())

    dialogs.answer_next(review)
    main.follow.review_action.trigger()
    assert tries[0].startswith("Not saved — ")
    assert main.journal.action(walk.id).what == "walk after dinner"


def test_the_review_doesnt_assume_something_went_well(qtbot, make_app) -> None:
    controller = make_app()
    main, _, _ = _with_actions(qtbot, controller)
    # a note written with the heading the review has always used still reads the same
    main.journal.save_week_note(WeekNote(MONDAY, f"mine\n\n{WENT_WELL}\nsunlight"))
    seen: list[str] = []

    def review(d: WeeklyReview) -> None:
        qtbot.addWidget(d)
        seen.extend(label.text() for label in d.pages.widget(0).findChildren(QLabel))
        seen.append(d.went_well.toPlainText())
        d.accept()

    dialogs.answer_next(review)
    main.follow.review_action.trigger()
    assert WENT_WELL_QUESTION in seen and "sunlight" in seen
    assert not any("What went well this week" in text for text in seen)
    assert main.journal.week_note(MONDAY).body == f"mine\n\n{WENT_WELL}\nsunlight"
    assert split_review(main.journal.week_note(MONDAY).body).went_well == "sunlight"


# -- 5 and 6. deleting a session --------------------------------------------------------------


def _delete_current(main) -> None:
    dialogs.answer_next(True)
    main.delete_action.trigger()


def test_deleting_a_session_refreshes_every_window_that_showed_it(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    main.follow.today = lambda: TODAY
    write_a_session(qtbot, main, D(2026, 10, 6), "an older story")
    add_theme(qtbot, main.narrative.theme_rows()[0], "keeps")
    kept = answer_first_question(qtbot, main, "an older answer")
    write_a_session(qtbot, main, TODAY - dt.timedelta(days=1), "a story to delete")
    add_theme(qtbot, main.narrative.theme_rows()[0], "doomed")
    answer_first_question(qtbot, main, "an answer to delete")
    doomed = main.session.id
    insight = main.journal.add_insight(doomed, "gone")
    main.journal.add_action(Action(insight.id, doomed, what="a doomed step"))
    assert main.save_now()
    main.follow.refresh_revisits()
    assert main.follow.banner.current.session_id == doomed

    main.follow.timeline_action.trigger()
    main.follow.week_action.trigger()
    main.across.themes_action.trigger()
    main.across.show_every_answer(kept.question_id)
    timeline, weekly = main.follow.timeline, main.follow.weekly
    themes, answers = main.across.themes_window, main.across.every_answer_window
    assert len(timeline.canvas.timelines) == 2 and len(weekly.week_actions) == 1
    assert len(answers.cards) == 2 and any("doomed" in t for t in themes.theme_texts())

    main.activateWindow()
    _delete_current(main)
    assert main.session is not None and main.session.id != doomed
    assert [t.session.id for t in timeline.canvas.timelines] == [main.session.id]
    assert weekly.week_actions == []
    assert themes.theme_texts() == ["keeps — 1 place"]
    assert [c.heading_text for c in answers.cards] == ["Session 1 · 6 Oct 2026"]
    assert main.follow.banner.current is None or main.follow.banner.current.session_id != doomed


def test_opening_a_deleted_session_from_an_old_window_keeps_the_main_window(
    qtbot, make_app
) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, D(2026, 10, 1))
    add_session(qtbot, main, D(2026, 11, 1))
    newer = main.session.id
    main.follow.timeline_action.trigger()
    view = main.follow.timeline
    stale = list(view.canvas.timelines)
    assert stale[0].session.id == newer

    _delete_current(main)  # the newer session
    remaining = main.session
    assert remaining is not None and remaining.id != newer
    view.show_timelines(stale)  # a window drawn before the deletion
    qtbot.mouseClick(view.canvas, LEFT, pos=QPoint(LABEL_W // 2, HEADER_H + 10))
    assert main.session is not None and main.session.id == remaining.id
    assert main.tabs.isEnabled() and main.session_view.currentIndex().row() == 0
    assert [t.session.id for t in view.canvas.timelines] == [remaining.id]  # redrawn

    # the same from a theme's place, and from a revisit offered before the deletion
    main.across._open("narrative", 1, newer)
    assert main.session.id == remaining.id and main.tabs.isEnabled()
    main.follow._open_revisit(Revisit(SESSION, f"session:{newer}:1", newer, D(2026, 11, 1), 1))
    assert main.session.id == remaining.id and main.tabs.isEnabled()


def test_a_session_isnt_deleted_while_words_wait_to_be_saved(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    main.follow.today = lambda: TODAY
    add_session(qtbot, main, D(2026, 11, 1))
    session = main.session.id
    main.follow.week_action.trigger()
    weekly = main.follow.weekly
    _read_only(controller, True)
    type_text(qtbot, weekly.note, "a week's words")
    dialogs.answer_next(True)  # taken by the message, never by the confirmation
    main.delete_session()
    assert "nothing was deleted" in dialogs.shown[-1]
    assert weekly.note.toPlainText() == "a week's words"
    _read_only(controller, False)
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        pass  # the retry
    assert main.journal.session(session) is not None
    assert main.journal.week_note(weekly.start).body == "a week's words"
