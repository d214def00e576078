"""The weekly review: two questions kept with the week, then keep / adjust / let go, and a
new action under an insight. Every step optional; closing keeps what was written."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from app.follow.weekly import IN_THE_WAY, WENT_WELL, Review, join_review, split_review
from app.journal.model import Action, ActionStatus, WeekNote
from tests.ui.shell.test_app_flow import add_session, first_run, make_app, type_text
from ui.common import dialogs
from ui.follow.weekly_review import WeeklyReview

__all__ = ["make_app"]

D = dt.date
TODAY = D(2026, 11, 18)
MONDAY = D(2026, 11, 16)


def test_the_review_lives_in_the_week_note_under_headings() -> None:
    body = join_review(Review("my own note", "slept well", "the rain"))
    assert body == f"my own note\n\n{WENT_WELL}\nslept well\n\n{IN_THE_WAY}\nthe rain"
    assert split_review(body) == Review("my own note", "slept well", "the rain")
    assert split_review("just a note") == Review("just a note", "", "")
    assert join_review(Review("note", "", "")) == "note"
    # the client moved a heading around: still read back
    moved = f"{IN_THE_WAY}\nwork\n{WENT_WELL}\nfriends\nnote after"
    assert split_review(moved) == Review("", "friends\nnote after", "work")


def _journal_with_actions(qtbot, controller):
    main = first_run(qtbot, controller)
    add_session(qtbot, main, D(2026, 11, 10))
    j = main.journal
    insight = j.add_insight(main.session.id, "I need more air")
    actions = [
        j.add_action(Action(insight.id, main.session.id, what=w, cue="after lunch"))
        for w in ("walk", "stretch", "call Sam")
    ]
    j.save_week_note(WeekNote(MONDAY, "my own words stay"))
    main.follow.today = lambda: TODAY
    return main, insight, actions


def test_a_whole_review_is_saved(qtbot, make_app) -> None:
    controller = make_app()
    main, insight, (walk, stretch, call) = _journal_with_actions(qtbot, controller)

    def review(d: WeeklyReview) -> int:
        qtbot.addWidget(d)
        assert d.week_start == MONDAY
        type_text(qtbot, d.went_well, "Two walks.\nA good talk.")
        qtbot.mouseClick(d.next_button, Qt.MouseButton.LeftButton)
        type_text(qtbot, d.in_the_way, "Rain")
        qtbot.mouseClick(d.next_button, Qt.MouseButton.LeftButton)
        assert d.pages.currentIndex() == 2
        keep, adjust, let_go = d.choices
        assert keep.keep.isChecked()
        adjust.adjust.setChecked(True)
        assert not adjust.fields.isHidden()
        adjust.what.setText("stretch for five minutes")
        adjust.how_often.setText("most mornings")
        let_go.let_go.setChecked(True)
        qtbot.mouseClick(d.next_button, Qt.MouseButton.LeftButton)
        assert not d.next_button.isEnabled()  # the last step
        assert d.insight.currentData() == (insight.id, insight.session_id)
        qtbot.keyClicks(d.new_what, "write to Sam")
        qtbot.mouseClick(d.done_button, Qt.MouseButton.LeftButton)
        return d.result()

    dialogs.answer_next(review)
    main.follow.review_action.trigger()

    j = main.journal
    note = split_review(j.week_note(MONDAY).body)
    assert note == Review("my own words stay", "Two walks.\nA good talk.", "Rain")
    assert j.action(walk.id) == walk
    adjusted = j.action(stretch.id)
    assert (adjusted.what, adjusted.cue, adjusted.how_often) == (
        "stretch for five minutes",
        "after lunch",
        "most mornings",
    )
    assert j.action(call.id).status == ActionStatus.LET_GO
    new = [a for a in j.actions_for_insight(insight.id) if a.what == "write to Sam"]
    assert len(new) == 1 and new[0].status == ActionStatus.PLANNED
    assert main.follow.review is None  # gone once done


def test_skipping_every_step_changes_nothing(qtbot, make_app) -> None:
    controller = make_app()
    main, _, actions = _journal_with_actions(qtbot, controller)

    def skip(d: WeeklyReview) -> None:
        qtbot.addWidget(d)
        for _ in range(3):
            qtbot.mouseClick(d.next_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(d.done_button, Qt.MouseButton.LeftButton)

    dialogs.answer_next(skip)
    main.follow.review_action.trigger()
    j = main.journal
    assert j.week_note(MONDAY).body == "my own words stay"
    assert j.active_actions() == actions


def test_closing_the_review_keeps_what_was_written(qtbot, make_app) -> None:
    controller = make_app()
    main, _, _ = _journal_with_actions(qtbot, controller)

    def close_early(d: WeeklyReview) -> None:
        qtbot.addWidget(d)
        qtbot.keyClicks(d.went_well, "Sunlight")
        d.reject()  # Escape, the window's close button, or an idle lock

    dialogs.answer_next(close_early)
    main.follow.review_action.trigger()
    assert split_review(main.journal.week_note(MONDAY).body).went_well == "Sunlight"


def test_the_review_from_the_weekly_window_is_for_the_week_shown(qtbot, make_app) -> None:
    controller = make_app()
    main, _, _ = _journal_with_actions(qtbot, controller)
    main.follow.week_action.trigger()
    weekly = main.follow.weekly
    qtbot.mouseClick(weekly.previous_button, Qt.MouseButton.LeftButton)
    earlier = weekly.start

    def answer(d: WeeklyReview) -> None:
        qtbot.addWidget(d)
        assert d.week_start == earlier
        qtbot.keyClicks(d.in_the_way, "a cold")
        d.accept()

    dialogs.answer_next(answer)
    qtbot.mouseClick(weekly.review_button, Qt.MouseButton.LeftButton)
    assert weekly.note.toPlainText() == f"{IN_THE_WAY}\na cold"  # the window shows it at once
