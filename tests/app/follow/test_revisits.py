"""Revisit prompts with a controllable clock: due on the right days, once, and only if on."""

from __future__ import annotations

import datetime as dt

from app.follow import revisits
from app.journal.model import Action, ActionStatus

D = dt.date
HELD = D(2026, 11, 12)


def _day(n: int) -> dt.date:
    return HELD + dt.timedelta(days=n)


def _offsets_due(journal, today: dt.date, offsets=revisits.DEFAULT_OFFSETS) -> list[int]:
    return [r.offset for r in revisits.due(journal, today, offsets) if r.kind == revisits.SESSION]


def test_each_prompt_is_due_on_its_day_and_not_before(opened) -> None:
    j = opened.journal
    j.add_session(HELD)
    expected = {0: [], 1: [1], 2: [1], 6: [1], 7: [7], 29: [7], 30: [30], 59: [30], 60: []}
    for age, offsets in expected.items():
        assert _offsets_due(j, _day(age)) == offsets, age
    assert _offsets_due(j, _day(-3)) == []  # a session still to come


def test_a_handled_prompt_stays_handled_and_the_next_one_still_comes(opened) -> None:
    j = opened.journal
    j.add_session(HELD)
    (week,) = revisits.due(j, _day(7))
    assert week.text(_day(7)) == (
        "It has been a week since your session on 12 Nov. Would you like to look back at it?"
    )
    revisits.mark_handled(j, week)
    assert revisits.due(j, _day(7)) == []
    assert revisits.due(j, _day(12)) == []
    assert _offsets_due(j, _day(30)) == [30]


def test_handled_is_kept_in_the_journal_across_a_lock(journal_dir) -> None:
    from app import vault
    from tests.conftest import PASSPHRASE

    v = vault.unlock(journal_dir[0], PASSPHRASE)
    v.journal.add_session(HELD)
    (first,) = revisits.due(v.journal, _day(1))
    revisits.mark_handled(v.journal, first)
    v.lock()
    v = vault.unlock(journal_dir[0], PASSPHRASE)
    try:
        assert revisits.due(v.journal, _day(1)) == []
    finally:
        v.lock()


def test_no_session_prompts_when_turned_off_and_changed_offsets_are_used(opened) -> None:
    j = opened.journal
    j.add_session(HELD)
    assert _offsets_due(j, _day(7), offsets=()) == []
    assert _offsets_due(j, _day(3), offsets=(3, 14)) == [3]
    assert _offsets_due(j, _day(2), offsets=(3, 14)) == []
    assert _offsets_due(j, _day(14), offsets=(3, 14)) == [14]
    assert _offsets_due(j, _day(28), offsets=(3, 14)) == []


def test_every_session_gets_its_own_prompt(opened) -> None:
    j = opened.journal
    older = j.add_session(HELD)
    newer = j.add_session(_day(6))
    found = revisits.due(j, _day(7))
    assert [(r.session_id, r.offset) for r in found] == [(newer.id, 1), (older.id, 7)]


def test_an_action_is_offered_from_its_look_again_date_while_active(opened) -> None:
    j = opened.journal
    s = j.add_session(HELD)
    insight = j.add_insight(s.id, "rest")
    action = j.add_action(Action(insight.id, s.id, what="a slow walk", look_again=_day(14)))
    offered = [r for r in revisits.due(j, _day(13), ()) if r.kind == revisits.ACTION]
    assert offered == []
    (r,) = revisits.due(j, _day(14), ())
    assert r.action_id == action.id and "“a slow walk”" in r.text(_day(14))
    assert revisits.due(j, _day(14), (), include_actions=False) == []
    revisits.mark_handled(j, r)
    assert revisits.due(j, _day(20), ()) == []
    action.look_again = _day(40)  # a new date is a new offer
    j.save_action(action)
    assert revisits.due(j, _day(39), ()) == []
    assert len(revisits.due(j, _day(40), ())) == 1
    action.status = ActionStatus.LET_GO
    j.save_action(action)
    assert revisits.due(j, _day(41), ()) == []


def test_offsets_are_read_kindly() -> None:
    assert revisits.parse_offsets("1, 7, 30") == (1, 7, 30)
    assert revisits.parse_offsets("30 7;1,1, x, 0, 999") == (1, 7, 30)
    assert revisits.parse_offsets("") == ()


def test_dates_in_another_year_carry_the_year() -> None:
    assert revisits.day_label(D(2025, 12, 30), D(2026, 1, 2)) == "30 Dec 2025"
    assert revisits.day_label(D(2026, 1, 1), D(2026, 1, 2)) == "1 Jan"
