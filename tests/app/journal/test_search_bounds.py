"""A search narrowed to dates or a theme hands FTS5 the stretch of rowids those allow, so it
seeks there instead of reading every match before it."""

from __future__ import annotations

import datetime as dt

from app import vault
from app.journal.search import SearchFilters

DAY = dt.date(2024, 3, 1)


def _fts_plans(opened: vault.Vault, text: str, filters: SearchFilters) -> list[str]:
    conn = opened.journal.conn
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        hits = opened.journal.search(text, 50, filters)
    finally:
        conn.set_trace_callback(None)
    assert hits
    return [
        " | ".join(str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
        for sql in statements
        if sql.startswith("SELECT rowid FROM search_index")
    ]


def test_a_date_range_or_theme_is_a_rowid_range_for_fts5(opened: vault.Vault) -> None:
    j = opened.journal
    parts = []
    for n in range(12):
        session = j.add_session(DAY + dt.timedelta(days=7 * n))
        part = j.narrative(session.id)[0]
        j.save_narrative_part(part.id, f"the light came back, week {n}")
        parts.append(part)
    j.add_theme_to("narrative", parts[5].id, "light")
    theme = j.themes()[0]

    in_march = SearchFilters(since=DAY + dt.timedelta(days=30), until=DAY + dt.timedelta(days=50))
    for filters in (in_march, SearchFilters(theme_id=theme.id)):
        (plan,) = _fts_plans(opened, "light", filters)
        # FTS5's plan names its constraints: M match, > and < a lower and upper rowid.
        assert "VIRTUAL TABLE INDEX 0:M" in plan and "><" in plan, plan
    # weeks 5, 6 and 7 fall in the range (days 35, 42, 49), and only they are found
    assert {h.ref_id for h in j.search("light", 50, in_march)} == {p.id for p in parts[5:8]}


def test_a_range_that_allows_nothing_finds_nothing(opened: vault.Vault) -> None:
    j = opened.journal
    session = j.add_session(DAY)
    j.save_narrative_part(j.narrative(session.id)[0].id, "light")
    before = SearchFilters(until=DAY - dt.timedelta(days=1))
    assert j.search("light", 50, before) == []
    assert len(j.search("light", 50, SearchFilters(since=DAY))) == 1
