"""The repository (app.journal.Journal): every method, on a real encrypted journal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlcipher3
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app import vault
from app.errors import JournalLocked, SaveFailed
from app.journal import Journal
from app.journal.model import (
    Action,
    ActionStatus,
    Answer,
    CheckIn,
    NarrativePart,
    Person,
    Session,
    Theme,
    WeekNote,
)
from app.vault import keyfile
from tests.conftest import PASSPHRASE

DAY0 = dt.date(2024, 3, 1)


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


@pytest.fixture
def j(opened: vault.Vault) -> Journal:
    return opened.journal


def index_rows(journal: Journal, session_id: int) -> int:
    row = journal.conn.execute(
        "SELECT count(*) FROM search_index WHERE session_id = ?", (session_id,)
    ).fetchone()
    return int(row[0])


def count(journal: Journal, table: str) -> int:
    return int(journal.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def full_action(insight_id: int, session_id: int, tag: str, **changes: object) -> Action:
    action = Action(
        insight_id=insight_id,
        session_id=session_id,
        what=f"walk {tag}",
        cue=f"if the morning feels heavy then I will step outside {tag}",
        how_often="three times a week",
        with_whom="Sam",
        first_step="put shoes by the door",
        note="gently",
        status=ActionStatus.DOING,
        look_again=dt.date(2024, 4, 1),
    )
    for name, value in changes.items():
        setattr(action, name, value)
    return action


# -- sessions ------------------------------------------------------------------------------


def test_sessions_are_numbered_in_the_order_they_are_added(j: Journal) -> None:
    first = j.add_session(day(10), title="first")
    second = j.add_session(day(0), title="second, though held earlier")
    third = j.add_session(day(20))
    assert [first.number, second.number, third.number] == [1, 2, 3]
    assert len({first.id, second.id, third.id}) == 3
    assert all(s.id > 0 for s in (first, second, third))
    assert j.session(second.id) == second
    assert j.session_count() == 3


def test_a_new_number_follows_the_highest_even_after_a_delete(j: Journal) -> None:
    sessions = [j.add_session(day(i)) for i in range(3)]
    j.delete_session(sessions[1].id)
    assert j.add_session(day(5)).number == 4
    assert j.session_count() == 3


def test_sessions_come_newest_first(j: Journal) -> None:
    a = j.add_session(day(5), title="a")
    b = j.add_session(day(1), title="b")
    c = j.add_session(day(9), title="c")
    d = j.add_session(day(5), title="d: same day as a, added later")
    assert [s.title[0] for s in j.sessions()] == ["c", "d", "a", "b"]
    assert j.sessions(limit=2) == [c, d]
    assert j.sessions(limit=2, offset=2) == [a, b]
    assert j.sessions(offset=3) == [b]


def test_a_session_keeps_every_field(j: Journal) -> None:
    s = j.add_session(day(0), title="The garden", intention="to listen", setting="at home")
    assert j.session(s.id) == Session(day(0), 1, "The garden", "to listen", "at home", s.id)


def test_update_session_changes_that_session_only(j: Journal) -> None:
    s = j.add_session(day(0), title="old title", intention="old intention")
    other = j.add_session(day(1), title="other")
    changed = Session(day(3), 7, "new title", "new intention", "by the sea", s.id)
    j.update_session(changed)
    assert j.session(s.id) == changed
    assert j.session(other.id) == other


def test_an_unknown_session_is_none(j: Journal) -> None:
    assert j.session(12345) is None
    assert j.sessions() == []
    assert j.session_count() == 0


def test_deleting_a_session_deletes_everything_in_it(j: Journal) -> None:
    kept = j.add_session(day(0), title="kept keepword")
    kept_insight = j.add_insight(kept.id, "kept insight keepword")
    kept_action = j.add_action(full_action(kept_insight.id, kept.id, "keepword"))
    j.set_tick(kept_action.id, day(1), True)
    j.add_theme_to("insight", kept_insight.id, "Shared theme")

    s = j.add_session(day(1), title="gone goneword", intention="goneword", setting="goneword")
    first = j.narrative(s.id)[0]
    j.save_narrative_part(first.id, "narrative goneword")
    added = j.add_narrative_part(s.id, day(2), "addition goneword")
    answer = j.save_answer(Answer(s.id, "story.1", "What happened?", "answer goneword"))
    checkin = j.save_checkin(
        CheckIn(dt.datetime(2024, 3, 2, 9, 0), s.id, ("calm",), thoughts="goneword")
    )
    insight = j.add_insight(s.id, "insight goneword")
    action = j.add_action(full_action(insight.id, s.id, "goneword"))
    j.set_tick(action.id, day(3), True)
    narrative_theme = j.add_theme_to("narrative", added.id, "Only here")
    j.add_theme_to("answer", answer.id, "Shared theme")
    j.add_theme_to("insight", insight.id, "Shared theme")
    assert len(j.search("goneword")) == 7  # session, 2 parts, answer, check-in, insight, action
    assert index_rows(j, s.id) == 7

    j.delete_session(s.id)

    assert j.session(s.id) is None
    assert j.narrative(s.id) == []
    assert j.answers(s.id) == []
    assert j.checkins(s.id) == []
    assert j.insights(s.id) == []
    assert j.actions_for_session(s.id) == []
    assert j.actions_for_insight(insight.id) == []
    assert j.action(action.id) is None
    assert j.ticks(action.id, day(0), day(30)) == set()
    assert j.search("goneword") == []
    assert index_rows(j, s.id) == 0
    assert j.themes_of("narrative", added.id) == []
    assert j.themes_of("answer", answer.id) == []
    assert j.themes_of("insight", insight.id) == []
    assert j.theme_uses(narrative_theme.id) == []
    [shared] = [t for t in j.themes() if t.name == "Shared theme"]
    assert [u.target_id for u in j.theme_uses(shared.id)] == [kept_insight.id]
    assert checkin.id not in {c.id for c in j.checkins(None)}
    # rows nobody can reach any more are gone, not merely hidden
    for table in ("narrative_parts", "answers", "checkins", "insights", "actions"):
        expected = 0 if table in ("answers", "checkins") else 1  # the kept session's
        assert count(j, table) == expected, table
    assert count(j, "action_ticks") == 1
    assert count(j, "theme_links") == 1

    # the other session is untouched
    assert j.session(kept.id) == kept
    assert j.insights(kept.id) == [kept_insight]
    assert j.action(kept_action.id) == kept_action
    assert j.ticks(kept_action.id, day(0), day(30)) == {day(1)}
    assert {h.kind for h in j.search("keepword")} == {"session", "insight", "action"}


def test_deleting_the_last_use_of_a_theme_removes_the_theme(j: Journal) -> None:
    s = j.add_session(day(0))
    part = j.narrative(s.id)[0]
    added = j.add_narrative_part(s.id, day(1), "later")
    answer = j.save_answer(Answer(s.id, "q", "Q?", "a"))
    insight = j.add_insight(s.id, "x")
    j.add_theme_to("narrative", part.id, "Mother")
    j.add_theme_to("narrative", added.id, "Water")
    j.add_theme_to("answer", answer.id, "Fear")
    j.add_theme_to("insight", insight.id, "Courage")
    j.add_theme_to("insight", insight.id, "Mother")
    j.delete_insight(insight.id)
    assert [t.name for t in j.themes()] == ["Fear", "Mother", "Water"]
    j.delete_answer(answer.id)
    assert [t.name for t in j.themes()] == ["Mother", "Water"]
    j.delete_narrative_part(added.id)
    assert [t.name for t in j.themes()] == ["Mother"]
    j.delete_session(s.id)
    assert j.themes() == []


# -- narrative -----------------------------------------------------------------------------


def test_a_session_starts_with_one_empty_part_dated_the_session_day(j: Journal) -> None:
    s = j.add_session(day(4))
    parts = j.narrative(s.id)
    assert len(parts) == 1
    assert parts[0] == NarrativePart(s.id, day(4), "", 0, parts[0].id)
    assert parts[0].id > 0


def test_dated_additions_follow_in_order(j: Journal) -> None:
    s = j.add_session(day(0))
    other = j.add_session(day(0))
    first = j.narrative(s.id)[0]
    j.save_narrative_part(first.id, "It began with music.")
    plus_one = j.add_narrative_part(s.id, day(1), "A day later, more came back.")
    plus_seven = j.add_narrative_part(s.id, day(7))
    j.save_narrative_part(plus_seven.id, "A week on.")
    assert (plus_one.position, plus_seven.position) == (1, 2)
    assert [(p.written_on, p.body, p.position) for p in j.narrative(s.id)] == [
        (day(0), "It began with music.", 0),
        (day(1), "A day later, more came back.", 1),
        (day(7), "A week on.", 2),
    ]
    assert [p.body for p in j.narrative(other.id)] == [""]


def test_deleting_a_part_keeps_the_others(j: Journal) -> None:
    s = j.add_session(day(0))
    first = j.narrative(s.id)[0]
    middle = j.add_narrative_part(s.id, day(1), "middle")
    last = j.add_narrative_part(s.id, day(2), "last")
    j.delete_narrative_part(middle.id)
    assert [p.id for p in j.narrative(s.id)] == [first.id, last.id]
    assert j.add_narrative_part(s.id, day(3), "after").position == 3


# -- answers -------------------------------------------------------------------------------


def test_saving_an_answer_twice_updates_the_same_answer(j: Journal) -> None:
    s = j.add_session(day(0))
    first = j.save_answer(Answer(s.id, "body.1", "Where in the body?", "chest"))
    assert first.id > 0
    second = j.save_answer(Answer(s.id, "body.1", "Where in the body?", "throat", private=True))
    assert second.id == first.id
    assert j.answers(s.id) == [
        Answer(s.id, "body.1", "Where in the body?", "throat", True, first.id)
    ]
    j.save_answer(Answer(s.id, "body.1", "Where in the body?", "throat", private=False))
    assert j.answers(s.id)[0].private is False


def test_an_answer_keeps_the_question_as_it_was_asked(j: Journal) -> None:
    s = j.add_session(day(0))
    j.save_answer(Answer(s.id, "story.1", "What do you remember first?", "light"))
    j.save_answer(Answer(s.id, "story.1", "(reworded in a later version)", "light, then sound"))
    [stored] = j.answers(s.id)
    assert stored.question_text == "What do you remember first?"
    assert stored.body == "light, then sound"


def test_answers_of_a_session_in_the_order_given(j: Journal) -> None:
    s = j.add_session(day(0))
    other = j.add_session(day(1))
    ids = [
        j.save_answer(Answer(s.id, q, f"question {q}", f"answer {q}")).id
        for q in ("z.9", "a.1", "m.5")
    ]
    j.save_answer(Answer(other.id, "a.1", "question a.1", "elsewhere"))
    assert [a.id for a in j.answers(s.id)] == ids
    assert [a.question_id for a in j.answers(s.id)] == ["z.9", "a.1", "m.5"]


def test_answers_to_one_question_across_sessions_oldest_session_first(j: Journal) -> None:
    late = j.add_session(day(30), title="late")
    early = j.add_session(day(0), title="early")
    middle = j.add_session(day(7), title="middle")
    for s in (late, early, middle):
        j.save_answer(Answer(s.id, "senses.colour", "What colour was it?", f"colour {s.title}"))
        j.save_answer(Answer(s.id, "other.q", "Other?", f"other {s.title}"))
    j.add_session(day(8), title="no answer")
    found = j.answers_to_question("senses.colour")
    assert [(s, a.body) for s, a in found] == [
        (early, "colour early"),
        (middle, "colour middle"),
        (late, "colour late"),
    ]
    assert all(a.question_id == "senses.colour" and a.session_id == s.id for s, a in found)
    assert j.answers_to_question("never.asked") == []


def test_deleting_an_answer(j: Journal) -> None:
    s = j.add_session(day(0))
    gone = j.save_answer(Answer(s.id, "a", "A?", "one"))
    kept = j.save_answer(Answer(s.id, "b", "B?", "two"))
    j.delete_answer(gone.id)
    assert j.answers(s.id) == [kept]
    assert j.answers_to_question("a") == []


# -- check-ins -----------------------------------------------------------------------------


def test_a_check_in_keeps_every_field(j: Journal) -> None:
    s = j.add_session(day(0))
    checkin = CheckIn(
        checked_at=dt.datetime(2024, 3, 1, 21, 15, 30, 123456, tzinfo=dt.UTC),
        session_id=s.id,
        emotions=("tender", "afraid", "curious", "grateful, mostly", "ärgerlich 😤"),
        emotion_words="like after rain",
        body_sensations="warm hands, tight jaw",
        thoughts="it is alright to rest",
        colour="deep green",
        sound="a low hum",
        texture="velvet",
        felt_sense="a door opening",
        private=True,
    )
    saved = j.save_checkin(checkin)
    assert saved.id > 0
    [stored] = j.checkins(s.id)
    assert stored == saved
    assert isinstance(stored.emotions, tuple)
    assert stored.emotions == ("tender", "afraid", "curious", "grateful, mostly", "ärgerlich 😤")


def test_a_check_in_with_no_emotions_and_a_naive_time(j: Journal) -> None:
    saved = j.save_checkin(CheckIn(dt.datetime(2024, 3, 1, 8, 0)))
    [stored] = j.checkins(None)
    assert stored == saved
    assert stored.emotions == ()
    assert stored.session_id is None
    assert stored.private is False


def test_check_ins_on_no_session_are_kept_apart(j: Journal) -> None:
    s = j.add_session(day(0))
    later = j.save_checkin(CheckIn(dt.datetime(2024, 3, 5, 9), None, ("calm",)))
    earlier = j.save_checkin(CheckIn(dt.datetime(2024, 3, 2, 9), None, ("sad",)))
    on_session = j.save_checkin(CheckIn(dt.datetime(2024, 3, 1, 9), s.id, ("open",)))
    assert [c.id for c in j.checkins(None)] == [earlier.id, later.id]
    assert [c.id for c in j.checkins(s.id)] == [on_session.id]


def test_updating_and_deleting_a_check_in(j: Journal) -> None:
    s = j.add_session(day(0))
    c = j.save_checkin(CheckIn(dt.datetime(2024, 3, 1, 9), s.id, ("calm",), colour="blue"))
    first_id = c.id
    c.emotions = ("restless", "hopeful")
    c.colour = "orange"
    c.session_id = None
    j.save_checkin(c)
    assert c.id == first_id
    assert j.checkins(s.id) == []
    assert j.checkins(None) == [c]
    j.delete_checkin(c.id)
    assert j.checkins(None) == []


# -- insights and actions ------------------------------------------------------------------


def test_insights_in_order_and_saved(j: Journal) -> None:
    s = j.add_session(day(0))
    other = j.add_session(day(1))
    a, b, c = (j.add_insight(s.id, body) for body in ("a", "b", "c"))
    j.add_insight(other.id, "elsewhere")
    assert [i.position for i in (a, b, c)] == [0, 1, 2]
    j.save_insight(b.id, "b, said better")
    assert [(i.body, i.id) for i in j.insights(s.id)] == [
        ("a", a.id),
        ("b, said better", b.id),
        ("c", c.id),
    ]


def test_move_insight(j: Journal) -> None:
    s = j.add_session(day(0))
    a, b, c, d = (j.add_insight(s.id, body) for body in "abcd")
    other = j.add_insight(j.add_session(day(1)).id, "other")

    def order() -> str:
        return "".join(i.body for i in j.insights(s.id))

    j.move_insight(c.id, 0)
    assert order() == "cabd"
    j.move_insight(c.id, 3)
    assert order() == "abdc"
    j.move_insight(a.id, 99)
    assert order() == "bdca"
    j.move_insight(a.id, -5)
    assert order() == "abdc"
    j.move_insight(d.id, 1)
    assert order() == "adbc"
    assert [i.position for i in j.insights(s.id)] == [0, 1, 2, 3]
    j.move_insight(987654, 0)  # unknown: nothing happens
    assert order() == "adbc"
    assert j.insights(other.session_id) == [other]
    assert {i.id for i in j.insights(s.id)} == {a.id, b.id, c.id, d.id}


def test_an_action_keeps_every_field(j: Journal) -> None:
    s = j.add_session(day(0))
    insight = j.add_insight(s.id, "I can ask for help")
    sam = j.save_person(Person("Sam", "my sister"))
    action = full_action(insight.id, s.id, "x", person_id=sam.id)
    saved = j.add_action(action)
    assert saved.id > 0
    assert saved.position == 0
    stored = j.action(saved.id)
    assert stored == saved
    assert stored is not None
    assert type(stored.status) is ActionStatus
    assert stored.status is ActionStatus.DOING
    assert stored.look_again == dt.date(2024, 4, 1)
    assert stored.person_id == sam.id


@pytest.mark.parametrize("status", list(ActionStatus))
def test_every_action_status_round_trips(j: Journal, status: ActionStatus) -> None:
    s = j.add_session(day(0))
    insight = j.add_insight(s.id)
    action = j.add_action(Action(insight.id, s.id, "x", status=status))
    stored = j.action(action.id)
    assert stored is not None
    assert stored.status is status


def test_an_action_without_a_date_to_look_again(j: Journal) -> None:
    s = j.add_session(day(0))
    insight = j.add_insight(s.id)
    action = j.add_action(Action(insight.id, s.id, "breathe"))
    stored = j.action(action.id)
    assert stored is not None
    assert stored.look_again is None
    assert stored.status is ActionStatus.PLANNED
    assert stored.person_id is None


def test_saving_an_action_changes_every_field(j: Journal) -> None:
    s = j.add_session(day(0))
    insight = j.add_insight(s.id)
    sam = j.save_person(Person("Sam"))
    action = j.add_action(full_action(insight.id, s.id, "x", person_id=sam.id))
    changed = Action(
        insight_id=insight.id,
        session_id=s.id,
        what="call a friend",
        cue="when I notice I am isolating",
        how_often="weekly",
        with_whom="Robin",
        person_id=None,
        first_step="write Robin's number down",
        note="not a test",
        status=ActionStatus.LET_GO,
        look_again=None,
        position=action.position,
        id=action.id,
    )
    j.save_action(changed)
    assert j.action(action.id) == changed


def test_a_bad_status_is_refused_before_anything_is_written(j: Journal) -> None:
    s = j.add_session(day(0))
    insight = j.add_insight(s.id)
    action = j.add_action(Action(insight.id, s.id, "x"))
    action.status = "finished"  # type: ignore[assignment]
    with pytest.raises(ValueError):
        j.save_action(action)
    stored = j.action(action.id)
    assert stored is not None
    assert stored.status is ActionStatus.PLANNED


def test_deleting_a_person_keeps_their_actions(j: Journal) -> None:
    s = j.add_session(day(0))
    insight = j.add_insight(s.id)
    sam = j.save_person(Person("Sam"))
    action = j.add_action(Action(insight.id, s.id, "walk", with_whom="Sam", person_id=sam.id))
    j.delete_person(sam.id)
    stored = j.action(action.id)
    assert stored is not None
    assert stored.person_id is None
    assert stored.with_whom == "Sam"


def test_actions_per_insight_and_per_session_in_order(j: Journal) -> None:
    s = j.add_session(day(0))
    first, second = j.add_insight(s.id, "first"), j.add_insight(s.id, "second")
    a2 = j.add_action(Action(second.id, s.id, "a2"))
    a1 = j.add_action(Action(first.id, s.id, "a1"))
    b2 = j.add_action(Action(second.id, s.id, "b2"))
    b1 = j.add_action(Action(first.id, s.id, "b1"))
    assert [a.position for a in (a2, a1, b2, b1)] == [0, 0, 1, 1]
    assert [a.what for a in j.actions_for_insight(second.id)] == ["a2", "b2"]
    assert [a.what for a in j.actions_for_session(s.id)] == ["a1", "b1", "a2", "b2"]
    j.move_insight(second.id, 0)
    assert [a.what for a in j.actions_for_session(s.id)] == ["a2", "b2", "a1", "b1"]


def test_move_action_stays_within_its_insight(j: Journal) -> None:
    s = j.add_session(day(0))
    insight, other = j.add_insight(s.id), j.add_insight(s.id)
    a, b, c = (j.add_action(Action(insight.id, s.id, w)) for w in "abc")
    x = j.add_action(Action(other.id, s.id, "x"))

    def order() -> str:
        return "".join(act.what for act in j.actions_for_insight(insight.id))

    j.move_action(c.id, 0)
    assert order() == "cab"
    j.move_action(c.id, 10)
    assert order() == "abc"
    j.move_action(a.id, 1)
    assert order() == "bac"
    assert [act.position for act in j.actions_for_insight(insight.id)] == [0, 1, 2]
    assert j.actions_for_insight(other.id) == [x]
    assert b.id in {act.id for act in j.actions_for_insight(insight.id)}


def test_active_actions_across_sessions_leave_out_done_and_let_go(j: Journal) -> None:
    late = j.add_session(day(20))
    early = j.add_session(day(0))
    late_insight = j.add_insight(late.id)
    early_insight = j.add_insight(early.id)
    for status in ActionStatus:
        j.add_action(Action(late_insight.id, late.id, f"late {status.value}", status=status))
        j.add_action(Action(early_insight.id, early.id, f"early {status.value}", status=status))
    assert [a.what for a in j.active_actions()] == [
        "early planned",
        "early doing",
        "late planned",
        "late doing",
    ]
    assert all(a.status.active for a in j.active_actions())
    doing = j.active_actions()[1]
    doing.status = ActionStatus.DONE
    j.save_action(doing)
    assert "early doing" not in [a.what for a in j.active_actions()]


def test_deleting_an_insight_deletes_its_actions(j: Journal) -> None:
    s = j.add_session(day(0))
    gone, kept = j.add_insight(s.id, "gone"), j.add_insight(s.id, "kept")
    gone_actions = [j.add_action(Action(gone.id, s.id, w)) for w in ("one", "two")]
    j.set_tick(gone_actions[0].id, day(1), True)
    kept_action = j.add_action(Action(kept.id, s.id, "three"))
    j.delete_insight(gone.id)
    assert j.insights(s.id) == [kept]
    assert j.actions_for_insight(gone.id) == []
    assert all(j.action(a.id) is None for a in gone_actions)
    assert j.actions_for_session(s.id) == [kept_action]
    assert count(j, "action_ticks") == 0


def test_deleting_an_action(j: Journal) -> None:
    s = j.add_session(day(0))
    insight = j.add_insight(s.id)
    gone = j.add_action(Action(insight.id, s.id, "gone"))
    kept = j.add_action(Action(insight.id, s.id, "kept"))
    j.set_tick(gone.id, day(0), True)
    j.delete_action(gone.id)
    assert j.actions_for_insight(insight.id) == [kept]
    assert j.ticks(gone.id, day(0), day(0)) == set()


# -- weekly check-offs ---------------------------------------------------------------------


def test_ticks(j: Journal) -> None:
    s = j.add_session(day(0))
    insight = j.add_insight(s.id)
    a = j.add_action(Action(insight.id, s.id, "a"))
    b = j.add_action(Action(insight.id, s.id, "b"))
    for n in (0, 2, 6, 7):
        j.set_tick(a.id, day(n), True)
    j.set_tick(a.id, day(2), True)  # ticking twice is harmless
    j.set_tick(b.id, day(1), True)
    assert j.ticks(a.id, day(0), day(6)) == {day(0), day(2), day(6)}  # both ends included
    assert j.ticks(a.id, day(1), day(5)) == {day(2)}
    assert j.ticks(b.id, day(0), day(6)) == {day(1)}
    j.set_tick(a.id, day(2), False)
    j.set_tick(a.id, day(3), False)  # unticking an unticked day is harmless
    assert j.ticks(a.id, day(0), day(7)) == {day(0), day(6), day(7)}


def test_week_notes(j: Journal) -> None:
    monday = dt.date(2024, 3, 4)
    assert j.week_note(monday) == WeekNote(monday)
    j.save_week_note(WeekNote(monday, "a gentle week"))
    first = j.week_note(monday)
    assert (first.week_start, first.body) == (monday, "a gentle week")
    assert first.id > 0
    j.save_week_note(WeekNote(monday, "a gentle week, mostly"))
    assert j.week_note(monday) == WeekNote(monday, "a gentle week, mostly", first.id)
    assert j.week_note(monday + dt.timedelta(7)) == WeekNote(monday + dt.timedelta(7))
    assert count(j, "week_notes") == 1


# -- people --------------------------------------------------------------------------------


def test_people(j: Journal) -> None:
    robin = j.save_person(Person("robin", "neighbour"))
    sam = j.save_person(Person("Sam"))
    ada = j.save_person(Person("Ada", "therapist"))
    assert all(p.id > 0 for p in (robin, sam, ada))
    assert [p.name for p in j.people()] == ["Ada", "robin", "Sam"]
    sam.note = "sister"
    sam.name = "Samira"
    assert j.save_person(sam).id == sam.id
    assert Person("Samira", "sister", sam.id) in j.people()
    j.delete_person(robin.id)
    assert j.people() == [ada, Person("Samira", "sister", sam.id)]


# -- questions -----------------------------------------------------------------------------


def test_custom_questions(j: Journal) -> None:
    first = j.add_custom_question("body", "Where do I hold this?")
    second = j.add_custom_question("support", "Who could I tell?")
    assert first.startswith("own.")
    assert first != second
    assert j.custom_questions() == [
        (first, "body", "Where do I hold this?"),
        (second, "support", "Who could I tell?"),
    ]
    j.delete_custom_question(first)
    assert j.custom_questions() == [(second, "support", "Who could I tell?")]


def test_a_custom_question_can_be_answered(j: Journal) -> None:
    question = j.add_custom_question("body", "Where do I hold this?")
    s = j.add_session(day(0))
    j.save_answer(Answer(s.id, question, "Where do I hold this?", "shoulders"))
    assert [a.body for _, a in j.answers_to_question(question)] == ["shoulders"]


def test_hidden_questions(j: Journal) -> None:
    assert j.hidden_questions() == set()
    j.set_question_hidden("hard.1", True)
    j.set_question_hidden("hard.1", True)
    j.set_question_hidden("body.3", True)
    assert j.hidden_questions() == {"hard.1", "body.3"}
    j.set_question_hidden("hard.1", False)
    j.set_question_hidden("never.hidden", False)
    assert j.hidden_questions() == {"body.3"}


# -- themes --------------------------------------------------------------------------------


def test_a_theme_is_reused_whatever_the_case_and_spacing(j: Journal) -> None:
    s = j.add_session(day(0))
    part = j.narrative(s.id)[0]
    answer = j.save_answer(Answer(s.id, "q", "Q?", "a"))
    insight = j.add_insight(s.id, "i")
    first = j.add_theme_to("narrative", part.id, "  Inner   child ")
    assert first.name == "Inner child"
    assert j.add_theme_to("answer", answer.id, "inner child") == first
    assert j.add_theme_to("insight", insight.id, "INNER CHILD") == first
    assert j.add_theme_to("insight", insight.id, "Inner child") == first  # linked twice: once
    assert j.themes() == [first]
    assert j.themes_of("narrative", part.id) == [first]
    assert j.themes_of("answer", answer.id) == [first]
    assert len(j.theme_uses(first.id)) == 3


def test_themes_are_listed_by_name(j: Journal) -> None:
    s = j.add_session(day(0))
    part = j.narrative(s.id)[0]
    for name in ("trust", "Body", "anger"):
        j.add_theme_to("narrative", part.id, name)
    assert [t.name for t in j.themes()] == ["anger", "Body", "trust"]
    assert [t.name for t in j.themes_of("narrative", part.id)] == ["anger", "Body", "trust"]


def test_a_theme_needs_a_known_kind_and_a_name(j: Journal) -> None:
    s = j.add_session(day(0))
    with pytest.raises(ValueError):
        j.add_theme_to("session", s.id, "Grief")
    with pytest.raises(ValueError):
        j.add_theme_to("narrative", j.narrative(s.id)[0].id, "  \t ")
    assert j.themes() == []


def test_theme_uses_across_sessions_in_date_order(j: Journal) -> None:
    late = j.add_session(day(30))
    early = j.add_session(day(0))
    middle = j.add_session(day(7))
    late_insight = j.add_insight(late.id, "late")
    early_answer = j.save_answer(Answer(early.id, "q", "Q?", "early"))
    middle_part = j.add_narrative_part(middle.id, day(8), "middle")
    theme = j.add_theme_to("insight", late_insight.id, "Grief")
    j.add_theme_to("answer", early_answer.id, "grief")
    j.add_theme_to("narrative", middle_part.id, "Grief")
    j.add_theme_to("narrative", j.narrative(late.id)[0].id, "Other")
    uses = j.theme_uses(theme.id)
    assert [(u.kind, u.target_id, u.session_id, u.held_on) for u in uses] == [
        ("answer", early_answer.id, early.id, day(0)),
        ("narrative", middle_part.id, middle.id, day(7)),
        ("insight", late_insight.id, late.id, day(30)),
    ]
    assert all(u.theme == theme for u in uses)


def test_a_theme_goes_when_it_is_no_longer_used(j: Journal) -> None:
    s = j.add_session(day(0))
    part = j.narrative(s.id)[0]
    insight = j.add_insight(s.id, "i")
    theme = j.add_theme_to("narrative", part.id, "Grief")
    j.add_theme_to("insight", insight.id, "Grief")
    j.remove_theme_from("narrative", part.id, theme.id)
    assert j.themes() == [theme]
    assert j.themes_of("narrative", part.id) == []
    assert [u.kind for u in j.theme_uses(theme.id)] == ["insight"]
    j.remove_theme_from("insight", insight.id, theme.id)
    assert j.themes() == []
    assert j.theme_uses(theme.id) == []
    # a new theme of that name starts afresh
    again = j.add_theme_to("insight", insight.id, "grief")
    assert j.themes() == [Theme(again.id, "grief")]


def test_deleting_a_row_unlinks_its_themes(j: Journal) -> None:
    s = j.add_session(day(0))
    answer = j.save_answer(Answer(s.id, "q", "Q?", "a"))
    part = j.add_narrative_part(s.id, day(1), "p")
    theme = j.add_theme_to("answer", answer.id, "Grief")
    j.add_theme_to("narrative", part.id, "Grief")
    j.delete_answer(answer.id)
    assert [u.kind for u in j.theme_uses(theme.id)] == ["narrative"]
    # a new answer that happens to get the same id does not inherit the theme
    again = j.save_answer(Answer(s.id, "q", "Q?", "again"))
    assert j.themes_of("answer", again.id) == []


# -- meta ----------------------------------------------------------------------------------


def test_meta(j: Journal) -> None:
    assert j.meta("nothing") is None
    j.set_meta("last_backup", "2024-03-01")
    j.set_meta("last_backup", "2024-03-02")
    assert j.meta("last_backup") == "2024-03-02"
    assert j.meta("journal_id")  # written when the journal was made


# -- locking -------------------------------------------------------------------------------


def test_every_method_refuses_after_lock(opened: vault.Vault) -> None:
    j = opened.journal
    s = j.add_session(day(0))
    opened.lock()
    calls = [
        lambda: j.conn,
        j.sessions,
        j.session_count,
        lambda: j.session(s.id),
        lambda: j.add_session(day(1)),
        lambda: j.update_session(s),
        lambda: j.delete_session(s.id),
        lambda: j.narrative(s.id),
        lambda: j.add_narrative_part(s.id, day(1), "x"),
        lambda: j.save_narrative_part(1, "x"),
        lambda: j.save_answer(Answer(s.id, "q", "Q?", "a")),
        lambda: j.answers_to_question("q"),
        lambda: j.save_checkin(CheckIn(dt.datetime(2024, 1, 1))),
        lambda: j.checkins(None),
        lambda: j.add_insight(s.id, "x"),
        lambda: j.active_actions(),
        lambda: j.set_tick(1, day(0), True),
        lambda: j.week_note(day(0)),
        lambda: j.save_person(Person("x")),
        j.people,
        lambda: j.add_custom_question("g", "x"),
        j.hidden_questions,
        j.themes,
        lambda: j.search("x"),
        lambda: j.meta("journal_id"),
    ]
    for call in calls:
        with pytest.raises(JournalLocked):
            call()


# -- failed saves --------------------------------------------------------------------------


def _raw_connection(folder: Path) -> sqlcipher3.Connection:
    key = keyfile.unwrap_with_passphrase(vault.read_header(folder), PASSPHRASE)
    conn = sqlcipher3.connect(str(folder / vault.DB_NAME), isolation_level=None, timeout=0.05)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA busy_timeout = 50")
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] >= 0
    return conn


def _assert_plain(message: str) -> None:
    assert message
    lowered = message.lower()
    for jargon in ("sqlite", "sqlcipher", "operationalerror", "pragma", "errno", "traceback"):
        assert jargon not in lowered, message


def test_a_busy_journal_gives_save_failed_and_keeps_what_was_saved(opened: vault.Vault) -> None:
    j = opened.journal
    s = j.add_session(day(0))
    part = j.narrative(s.id)[0]
    j.save_narrative_part(part.id, "what was saved before")
    j.conn.execute("PRAGMA busy_timeout = 50")
    other = _raw_connection(opened.folder)
    try:
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(SaveFailed) as failure:
            j.save_narrative_part(part.id, "typed while the journal was busy")
        assert str(failure.value) == "the journal is busy"
        _assert_plain(str(failure.value))
        with pytest.raises(SaveFailed):
            j.add_session(day(1))
        assert not j.conn.in_transaction
        assert j.narrative(s.id)[0].body == "what was saved before"
        assert j.session_count() == 1
    finally:
        other.execute("ROLLBACK")
        other.close()
    j.save_narrative_part(part.id, "typed while the journal was busy")
    assert j.narrative(s.id)[0].body == "typed while the journal was busy"
    opened.check_integrity()


def test_a_full_disk_gives_save_failed_and_keeps_what_was_saved(opened: vault.Vault) -> None:
    j = opened.journal
    s = j.add_session(day(0), title="before")
    part = j.narrative(s.id)[0]
    j.save_narrative_part(part.id, "what was saved before")
    insight = j.add_insight(s.id, "kept insight")
    pages = j.conn.execute("PRAGMA page_count").fetchone()[0]
    # SQLite's page limit makes the next page it needs fail exactly like a full disk.
    assert j.conn.execute(f"PRAGMA max_page_count = {pages}").fetchone()[0] == pages
    long_text = "so much to say about the light and the music. " * 4000
    try:
        with pytest.raises(SaveFailed) as failure:
            j.save_narrative_part(part.id, long_text)
        assert str(failure.value) == "the disk is full"
        _assert_plain(str(failure.value))
        with pytest.raises(SaveFailed):
            j.add_narrative_part(s.id, day(1), long_text)
        assert not j.conn.in_transaction
        assert [p.body for p in j.narrative(s.id)] == ["what was saved before"]
        assert j.insights(s.id) == [insight]
        assert j.session(s.id) == s
    finally:
        j.conn.execute("PRAGMA max_page_count = 1073741823")
    j.save_narrative_part(part.id, long_text)
    assert j.narrative(s.id)[0].body == long_text
    assert j.search("music")[0].ref_id == part.id
    opened.check_integrity()


# -- properties ----------------------------------------------------------------------------

_FIELDS = (
    "narrative",
    "question",
    "answer",
    "insight",
    "what",
    "cue",
    "how_often",
    "with_whom",
    "first_step",
    "note",
    "emotion",
    "thoughts",
)
_TEXTS = st.fixed_dictionaries(dict.fromkeys(_FIELDS, st.text()))
_AWKWARD = (
    "NUL \x00 in the middle\x00",
    "emoji 🧘🏽‍♀️🌊 and a flag 🏳️‍🌈",
    "RTL: \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u202eabc\u202c",
    "combining e\u0301 and Hangul \u1100\u1161",
    "\r\n\t trailing space ",
    "",
)
_PROPERTY_SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@_PROPERTY_SETTINGS
@given(texts=_TEXTS)
@example(texts=dict.fromkeys(_FIELDS, "\x00"))
@example(texts=dict(zip(_FIELDS, _AWKWARD * 2, strict=True)))
def test_any_text_round_trips_exactly(j: Journal, texts: dict[str, str]) -> None:
    s = j.add_session(day(0), title=texts["narrative"], intention=texts["cue"])
    part = j.narrative(s.id)[0]
    j.save_narrative_part(part.id, texts["narrative"])
    added = j.add_narrative_part(s.id, day(1), texts["note"])
    j.save_answer(Answer(s.id, "q", texts["question"], texts["answer"], private=True))
    insight = j.add_insight(s.id, texts["insight"])
    action = j.add_action(
        Action(
            insight.id,
            s.id,
            what=texts["what"],
            cue=texts["cue"],
            how_often=texts["how_often"],
            with_whom=texts["with_whom"],
            first_step=texts["first_step"],
            note=texts["note"],
        )
    )
    checkin = j.save_checkin(
        CheckIn(
            dt.datetime(2024, 3, 1, 9), s.id, (texts["emotion"], ""), thoughts=texts["thoughts"]
        )
    )
    try:
        stored_session = j.session(s.id)
        assert stored_session is not None
        assert (stored_session.title, stored_session.intention) == (
            texts["narrative"],
            texts["cue"],
        )
        assert [p.body for p in j.narrative(s.id)] == [texts["narrative"], texts["note"]]
        assert j.narrative(s.id)[1].id == added.id
        [answer] = j.answers(s.id)
        assert (answer.question_text, answer.body) == (texts["question"], texts["answer"])
        assert [i.body for i in j.insights(s.id)] == [texts["insight"]]
        stored = j.action(action.id)
        assert stored is not None
        for name in ("what", "cue", "how_often", "with_whom", "first_step", "note"):
            assert getattr(stored, name) == texts[name], name
        [stored_checkin] = j.checkins(s.id)
        assert stored_checkin == checkin
        assert stored_checkin.emotions == (texts["emotion"], "")
    finally:
        j.delete_session(s.id)


@_PROPERTY_SETTINGS
@given(word=st.from_regex(r"[a-zA-Zà-ÿ]{4,12}", fullmatch=True))
@example(word="Ärger")
@example(word="ÿÿÿÿ")
@example(word="a÷bc")  # ÷ (U+00F7) is in the range but is not a letter: it splits words
def test_a_word_in_a_narrative_is_found(j: Journal, word: str) -> None:
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:  # only ÷ signs: nothing a person could search for
        assert j.search(word) == []
        return
    s = j.add_session(day(0))
    part = j.add_narrative_part(s.id, day(1), f"Before the music, {word}; then quiet.")
    try:
        # (upper-casing ß gives SS, another word; keep only variants of the same letters)
        for query in {v for v in (word, word.upper(), word.lower()) if len(v) == len(word)}:
            hits = j.search(query, limit=1000)
            assert (part.id, s.id) in [
                (h.ref_id, h.session_id) for h in hits if h.kind == "narrative"
            ]
    finally:
        j.delete_session(s.id)
    assert all(h.ref_id != part.id for h in j.search(word, limit=1000) if h.kind == "narrative")


def test_writes_inside_a_transaction_join_it_and_commit_once(opened) -> None:
    """An import writes through the ordinary methods inside one outer transaction."""
    journal = opened.journal
    told: list[int] = []
    journal.after_index_queued = lambda: told.append(1)
    with pytest.raises(RuntimeError), journal.transaction():
        gone = journal.add_session(dt.date(2024, 1, 1), "gone")
        journal.add_insight(gone.id, "gone too")
        raise RuntimeError("the outer write fails after the inner ones")
    assert journal.session_count() == 0 and told == []
    with journal.transaction():
        kept = journal.add_session(dt.date(2024, 1, 2), "kept")
        journal.save_narrative_part(journal.narrative(kept.id)[0].id, "words")
        assert told == []  # the inner writes did not commit on their own
    assert [s.title for s in journal.sessions()] == ["kept"]
    assert told == [1]  # told once, after the one commit
    journal.add_session(dt.date(2024, 1, 3), "after")  # a later write is a transaction again
    assert journal.session_count() == 2
