"""The integration timeline: day 0, the marks after it, check-ins along it, local days."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest

from app.follow.timeline import CHECKED_IN, MILESTONE, TICKED, WROTE, build_timeline, local_date
from app.journal import Journal
from app.journal.model import Action, Answer, CheckIn

D = dt.date
UTC = dt.UTC


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Set the local time zone for one test (and put it back afterwards)."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def _stamp(journal: Journal, table: str, row_id: int, when: dt.datetime) -> None:
    with journal.transaction() as c:
        c.execute(
            f"UPDATE {table} SET created_at = ?, updated_at = ? WHERE id = ?",
            (when.isoformat(timespec="seconds"),) * 2 + (row_id,),
        )


def _one(journal: Journal):
    (timeline,) = build_timeline(journal)
    return timeline


def test_an_empty_journal_has_an_empty_timeline(opened) -> None:
    assert build_timeline(opened.journal) == []


def test_day_zero_and_the_milestones_are_marked_for_every_session(opened) -> None:
    j = opened.journal
    j.add_session(D(2026, 1, 5))
    j.add_session(D(2026, 2, 9))
    timelines = build_timeline(j)
    assert [t.session.held_on for t in timelines] == [D(2026, 2, 9), D(2026, 1, 5)]
    for t in timelines:
        for offset in (0, 1, 7, 30):
            assert MILESTONE in t.marks[offset]
        assert t.day(7) == t.day0 + dt.timedelta(days=7)


def test_writing_checking_in_and_ticking_mark_their_days(opened, zone) -> None:
    zone("UTC")
    j = opened.journal
    s = j.add_session(D(2026, 4, 1))
    j.add_narrative_part(s.id, D(2026, 4, 3), "later words")
    answer = j.save_answer(Answer(s.id, "story.1", "What stayed with you?", "the sea"))
    _stamp(j, "answers", answer.id, dt.datetime(2026, 4, 12, 10, 0, tzinfo=UTC))
    insight = j.add_insight(s.id, "slow down")
    _stamp(j, "insights", insight.id, dt.datetime(2026, 4, 1, 20, 0, tzinfo=UTC))
    action = j.add_action(Action(insight.id, s.id, what="walk"))
    _stamp(j, "actions", action.id, dt.datetime(2026, 4, 1, 20, 5, tzinfo=UTC))
    j.set_tick(action.id, D(2026, 4, 20), True)
    j.save_checkin(CheckIn(dt.datetime(2026, 4, 9, 8, 0), s.id, ("calm",), body_sensations="warm"))
    with j.transaction() as c:  # the first part's own stamps: on day 0
        c.execute(
            "UPDATE narrative_parts SET created_at = '2026-04-01T12:00:00+00:00', "
            "updated_at = '2026-04-01T12:00:00+00:00'"
        )

    t = _one(j)
    assert WROTE in t.marks[2]  # the dated addition (written_on 3 Apr)
    assert WROTE in t.marks[11]  # the answer
    assert WROTE in t.marks[0]
    assert CHECKED_IN in t.marks[8]
    assert TICKED in t.marks[19]
    assert t.marks[30] == {MILESTONE}  # nothing happened that day: only the milestone
    assert 5 not in t.marks
    (ci,) = t.checkins
    assert (ci.offset, ci.emotions, ci.body) == (8, ("calm",), "warm")


def test_a_check_in_at_2330_local_is_on_that_local_day_in_new_york(opened, zone) -> None:
    zone("America/New_York")
    j = opened.journal
    j.add_session(D(2026, 3, 7))  # the night before clocks go forward (8 Mar 2026)
    # 23:30 EST on 7 Mar is 04:30 UTC on 8 Mar: still day 0.
    j.save_checkin(CheckIn(dt.datetime(2026, 3, 8, 4, 30, tzinfo=UTC), None, ("tired",)))
    # 23:30 EDT on 14 Mar (after the change) is 03:30 UTC on 15 Mar: day 7.
    j.save_checkin(CheckIn(dt.datetime(2026, 3, 15, 3, 30, tzinfo=UTC), None, ("open",)))
    # 00:30 EDT on 15 Mar: day 8.
    j.save_checkin(CheckIn(dt.datetime(2026, 3, 15, 4, 30, tzinfo=UTC), None, ("rested",)))
    t = _one(j)
    assert [(c.offset, c.emotions) for c in t.checkins] == [
        (0, ("tired",)),
        (7, ("open",)),
        (8, ("rested",)),
    ]
    assert CHECKED_IN in t.marks[0] and CHECKED_IN in t.marks[7] and CHECKED_IN in t.marks[8]


def test_the_autumn_change_in_new_york_moves_nothing(opened, zone) -> None:
    zone("America/New_York")
    j = opened.journal
    s = j.add_session(D(2026, 10, 31))  # clocks go back on 1 Nov 2026
    # 23:30 EST on 7 Nov is 04:30 UTC on 8 Nov: day 7, not day 8.
    answer = j.save_answer(Answer(s.id, "q", "Q", "words"))
    _stamp(j, "answers", answer.id, dt.datetime(2026, 11, 8, 4, 30, tzinfo=UTC))
    t = _one(j)
    assert WROTE in t.marks[7]
    assert WROTE not in t.marks.get(8, set())


def test_auckland_is_ahead_of_utc_so_a_utc_evening_is_the_next_local_day(opened, zone) -> None:
    zone("Pacific/Auckland")
    j = opened.journal
    j.add_session(D(2026, 4, 5))  # NZ daylight time ends on 5 Apr 2026 at 03:00
    # 23:30 NZST on 5 Apr is 11:30 UTC on 5 Apr: day 0.
    j.save_checkin(CheckIn(dt.datetime(2026, 4, 5, 11, 30, tzinfo=UTC), None, ("still",)))
    # 10:30 UTC on 4 Apr is 23:30 NZDT on 4 Apr: the day before the session (no session
    # held before it, so it is left off).
    j.save_checkin(CheckIn(dt.datetime(2026, 4, 4, 10, 30, tzinfo=UTC), None, ("before",)))
    t = _one(j)
    assert [(c.offset, c.emotions) for c in t.checkins] == [(0, ("still",))]
    assert local_date("2026-04-05T12:30:00+00:00") == D(2026, 4, 6)


def test_a_check_in_without_a_zone_is_local_wall_time(zone) -> None:
    zone("Pacific/Auckland")
    assert local_date("2026-04-05T23:30:00") == D(2026, 4, 5)
    zone("America/New_York")
    assert local_date("2026-04-05T23:30:00") == D(2026, 4, 5)
    assert local_date("2026-04-06T03:30:00+00:00") == D(2026, 4, 5)


def test_check_ins_on_no_session_go_to_the_latest_session_before_them(opened, zone) -> None:
    zone("UTC")
    j = opened.journal
    first = j.add_session(D(2026, 1, 1))
    second = j.add_session(D(2026, 1, 20))
    j.save_checkin(CheckIn(dt.datetime(2026, 1, 10, 9, 0), None, ("a",)))
    j.save_checkin(CheckIn(dt.datetime(2026, 1, 21, 9, 0), None, ("b",)))
    j.save_checkin(CheckIn(dt.datetime(2026, 1, 22, 9, 0), first.id, ("c",)))
    by_id = {t.session.id: t for t in build_timeline(j)}
    assert [(c.offset, c.emotions) for c in by_id[first.id].checkins] == [(9, ("a",)), (21, ("c",))]
    assert [(c.offset, c.emotions) for c in by_id[second.id].checkins] == [(1, ("b",))]


def test_the_newest_sessions_only_when_limited(opened) -> None:
    j = opened.journal
    for day in range(1, 6):
        j.add_session(D(2026, 5, day))
    assert [t.day0.day for t in build_timeline(j, limit=2)] == [5, 4]


def test_senses_and_privacy_travel_with_a_check_in(opened, zone) -> None:
    zone("UTC")
    j = opened.journal
    j.add_session(D(2026, 6, 1))
    j.save_checkin(
        CheckIn(
            dt.datetime(2026, 6, 2, 9, 0),
            None,
            emotion_words="tender",
            colour="blue",
            felt_sense="open",
            private=True,
        )
    )
    (ci,) = _one(j).checkins
    assert ci.senses == ("blue", "open") and ci.private and ci.emotion_words == "tender"


def test_an_intention_written_before_the_session_marks_a_day_before_day_0(opened, zone) -> None:
    zone("UTC")
    j = opened.journal
    s = j.add_session(D(2026, 7, 10), intention="to listen")
    _stamp(j, "sessions", s.id, dt.datetime(2026, 7, 7, 18, 0, tzinfo=UTC))
    t = _one(j)
    assert t.marks[-3] == {WROTE}
    assert build_timeline(j, limit=1)[0].marks[-3] == {WROTE}


def test_an_empty_story_part_made_later_marks_no_day(opened, zone) -> None:
    zone("UTC")
    j = opened.journal
    s = j.add_session(D(2026, 4, 1))
    with j.transaction() as c:  # the session itself was made on day 0
        c.execute("UPDATE sessions SET created_at = '2026-04-01T12:00:00+00:00'")
    empty = j.add_narrative_part(s.id, D(2026, 4, 5), "")
    _stamp(j, "narrative_parts", empty.id, dt.datetime(2026, 4, 5, 9, 0, tzinfo=UTC))
    assert 4 not in _one(j).marks
    j.save_narrative_part(empty.id, "now there are words")
    _stamp(j, "narrative_parts", empty.id, dt.datetime(2026, 4, 5, 9, 0, tzinfo=UTC))
    assert WROTE in _one(j).marks[4]


def test_pages_read_one_after_another_make_the_whole_timeline(opened, zone) -> None:
    zone("America/New_York")
    j = opened.journal
    sessions = [j.add_session(D(2026, 3, day)) for day in (1, 4, 4, 9, 15, 20)]
    for day, hour in ((2, 3), (4, 2), (4, 23), (9, 1), (12, 5), (21, 9), (25, 12)):
        j.save_checkin(CheckIn(dt.datetime(2026, 3, day, hour, 0), None, (f"{day}-{hour}",)))
    j.save_checkin(CheckIn(dt.datetime(2026, 3, 5, 9, 0), sessions[0].id, ("own",)))
    insight = j.add_insight(sessions[1].id, "air")
    action = j.add_action(Action(insight.id, sessions[1].id, what="walk"))
    j.set_tick(action.id, D(2026, 3, 6), True)

    whole = build_timeline(j)
    paged: list = []
    while page := build_timeline(j, limit=2, after=paged[-1].session if paged else None):
        paged += page
    assert paged == whole
    assert sum(len(t.checkins) for t in whole) == 8
