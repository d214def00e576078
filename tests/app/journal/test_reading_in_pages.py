"""Reading part of a long journal reads only that part: pages of sessions keyed on
(date, number), and the sessions young enough for a revisit offer, both by the index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app import vault

DAY = dt.date(2024, 3, 1)


def _plans_of(opened: vault.Vault, read: Callable[[], object]) -> list[str]:
    """The query plan of each statement ``read`` runs (traced as it runs them)."""
    conn = opened.journal.conn
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        read()
    finally:
        conn.set_trace_callback(None)
    return [
        " | ".join(str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
        for sql in statements
        if sql.lstrip().upper().startswith("SELECT")
    ]


def test_pages_and_recent_sessions_use_the_date_index(opened: vault.Vault) -> None:
    j = opened.journal
    first = j.add_session(DAY)
    plans = _plans_of(opened, lambda: j.sessions_after(first, 100))
    plans += _plans_of(opened, lambda: j.sessions_held_since(DAY))
    assert len(plans) == 2
    for plan in plans:
        assert "SEARCH sessions USING INDEX sessions_by_date" in plan, plan
        assert "TEMP B-TREE" not in plan, plan  # no sort of the whole table


def test_pages_follow_each_other_without_gap_or_repeat(opened: vault.Vault) -> None:
    j = opened.journal
    for n in range(7):
        j.add_session(DAY + dt.timedelta(days=n // 2))  # two sessions on most days
    seen = []
    last = None
    while page := j.sessions_after(last, 3):
        seen += page
        last = page[-1]
    assert [s.id for s in seen] == [s.id for s in j.sessions()]
    assert [s.id for s in j.sessions_held_since(DAY + dt.timedelta(days=2))] == [
        s.id for s in j.sessions() if s.held_on >= DAY + dt.timedelta(days=2)
    ]
    since, until = DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=2)
    assert [s.id for s in j.sessions_held_since(since, until)] == [
        s.id for s in j.sessions() if since <= s.held_on <= until
    ]


def test_due_actions_are_read_a_few_at_a_time_oldest_session_first(opened: vault.Vault) -> None:
    from app.journal.model import Action

    j = opened.journal
    made = []
    for n in range(5):
        session = j.add_session(DAY + dt.timedelta(days=n))
        insight = j.add_insight(session.id, f"insight {n}")
        action = j.add_action(Action(insight.id, session.id, what=f"step {n}", look_again=DAY))
        made.append(action.id)
    today = DAY + dt.timedelta(days=10)

    assert [r[0] for r in j.actions_to_look_at_again(today)] == made
    assert [r[0] for r in j.actions_to_look_at_again(today, limit=2)] == made[:2]
    handled = [f"action:{made[0]}:{DAY.isoformat()}", f"action:{made[2]}:{DAY.isoformat()}"]
    assert [r[0] for r in j.actions_to_look_at_again(today, handled, 2)] == [made[1], made[3]]

    (plan,) = _plans_of(opened, lambda: j.actions_to_look_at_again(today, handled, 2))
    # Sessions walked in date order, each one's due actions found by the partial index;
    # only the order inside a session is sorted, so reading stops after ``limit`` rows.
    assert "SCAN s USING COVERING INDEX sessions_by_date" in plan, plan
    assert "SEARCH a USING INDEX actions_looking_again" in plan, plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
