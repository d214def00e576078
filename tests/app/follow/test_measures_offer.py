"""When the questionnaires' two-weekly offer is due: the edges of the rule, and its facts
kept in the journal (never the settings file)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.follow import measures, measures_offer
from app.journal.measure_results import MeasureResult
from app.vault import Vault

TODAY = dt.date(2026, 11, 30)
ON = {"turned_on": True, "reminder": True}


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


@pytest.mark.parametrize(
    ("last", "due"),
    [
        (None, True),  # never answered since turning it on
        (days_ago(0), False),  # answered today
        (days_ago(13), False),
        (days_ago(14), True),  # exactly two weeks, by the calendar
        (days_ago(40), True),
    ],
)
def test_two_weeks_after_the_last_answers(last: dt.date | None, due: bool) -> None:
    assert measures.offer_due_on(TODAY, last_taken=last, **ON) is due


@pytest.mark.parametrize(("turned_on", "reminder"), [(False, True), (True, False), (False, False)])
def test_never_unless_both_switches_are_on(turned_on: bool, reminder: bool) -> None:
    for last in (None, days_ago(100)):
        assert not measures.offer_due_on(
            TODAY, turned_on=turned_on, reminder=reminder, last_taken=last
        )


def test_not_now_rests_it_for_the_snooze_then_it_comes_back() -> None:
    said_not_now = days_ago(1)
    until = measures.snoozed_until(said_not_now)
    assert until - said_not_now == measures.SNOOZE
    old = days_ago(30)
    for day in range(int(measures.SNOOZE.days)):
        on = said_not_now + dt.timedelta(days=day)
        assert not measures.offer_due_on(on, last_taken=old, snoozed_until=until, **ON)
    assert measures.offer_due_on(until, last_taken=old, snoozed_until=until, **ON)
    later = until + dt.timedelta(days=9)
    assert measures.offer_due_on(later, last_taken=old, snoozed_until=until, **ON)


def test_a_snooze_set_by_a_wrong_clock_cannot_hide_it_for_good() -> None:
    far = TODAY + dt.timedelta(days=400)
    assert measures.offer_due_on(TODAY, last_taken=None, snoozed_until=far, **ON)


def test_answers_after_a_snooze_count_from_their_own_day() -> None:
    assert not measures.offer_due_on(TODAY, last_taken=days_ago(2), snoozed_until=days_ago(1), **ON)


def test_the_journal_holds_every_fact_of_the_offer(opened: Vault) -> None:
    j = opened.journal
    assert not measures_offer.due(j, TODAY)  # off until turned on
    j.set_meta(measures_offer.ENABLED_KEY, "1")
    assert not measures_offer.due(j, TODAY)  # on, but no reminder asked for
    j.set_meta(measures_offer.OFFER_KEY, "1")
    assert measures_offer.due(j, TODAY)  # never answered
    taken = dt.datetime.combine(days_ago(14), dt.time(23, 50))
    j.save_measure(MeasureResult("gad7", taken, (0,) * 7))
    assert measures_offer.last_taken(j) == days_ago(14)
    assert measures_offer.due(j, TODAY)
    assert not measures_offer.due(j, days_ago(1))
    measures_offer.not_now(j, TODAY)
    assert j.meta(measures_offer.SNOOZE_KEY) == (TODAY + measures.SNOOZE).isoformat()
    assert not measures_offer.due(j, TODAY)
    assert measures_offer.due(j, TODAY + measures.SNOOZE)
    j.set_meta(measures_offer.SNOOZE_KEY, "not a date")  # a damaged value rests nothing
    assert measures_offer.due(j, TODAY)
    j.set_meta(measures_offer.ENABLED_KEY, "0")
    assert not measures_offer.due(j, TODAY)
