"""A search narrowed to dates or a theme hands FTS5 the stretch of rowids those allow, so it
seeks there instead of reading every match before it."""

from __future__ import annotations

import datetime as dt

import pytest

from app import vault
from app.journal import search
from app.journal.schema import KINDS
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
        plans = _fts_plans(opened, "light", filters)
        # FTS5's plan names its constraints: M match, > and < a lower and upper rowid.
        assert plans and all("VIRTUAL TABLE INDEX 0:M" in p and "><" in p for p in plans), plans
    # weeks 5, 6 and 7 fall in the range (days 35, 42, 49), and only they are found
    assert {h.ref_id for h in j.search("light", 50, in_march)} == {p.id for p in parts[5:8]}


def test_a_range_that_allows_nothing_finds_nothing(opened: vault.Vault) -> None:
    j = opened.journal
    session = j.add_session(DAY)
    j.save_narrative_part(j.narrative(session.id)[0].id, "light")
    before = SearchFilters(until=DAY - dt.timedelta(days=1))
    assert j.search("light", 50, before) == []
    assert len(j.search("light", 50, SearchFilters(since=DAY))) == 1


def _all_matches_newest_first(opened: vault.Vault, word: str) -> list[int]:
    rows = opened.journal.conn.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ?", (f'"{word}"',)
    ).fetchall()
    return sorted((int(r[0]) for r in rows), reverse=True)


def test_newest_first_reads_stretches_down_from_the_top(
    opened: vault.Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With more matches than are ranked, the newest are listed: read in widening
    stretches from the top, the answer is the same as sorting every match."""
    j = opened.journal
    monkeypatch.setattr(search, "RANK_AT_MOST", 3)
    monkeypatch.setattr(search, "RANK_FILTERED_AT_MOST", 3)
    monkeypatch.setattr(search, "_FIRST_STRETCH", 16)  # one id of each kind, then 8, 64 …
    for n in range(40):
        session = j.add_session(DAY + dt.timedelta(days=n), title=f"meadow {n}" if n % 3 else "")
        j.save_narrative_part(j.narrative(session.id)[0].id, "meadow" if n % 2 else "stone")
        j.add_insight(session.id, "the meadow again" if n % 5 == 0 else "stone again")
    j.refresh_index()
    every = _all_matches_newest_first(opened, "meadow")
    assert len(every) > 20
    for limit in (1, 7, 20, 500):
        hits = j.search("meadow", limit)
        assert [h.ref_id * 16 + KINDS[h.kind] for h in hits] == every[:limit]
        assert all(h.rank == 0.0 and "\ue000meadow\ue001" in h.snippet.lower() for h in hits)
    # within a date range, the same: the newest of the range, kind by kind
    weeks = SearchFilters(since=DAY + dt.timedelta(days=10), until=DAY + dt.timedelta(days=24))
    allowed = {s.id for s in j.sessions_held_since(DAY + dt.timedelta(days=10), weeks.until)}
    in_range = [h for h in j.search("meadow", 500, SearchFilters()) if h.session_id in allowed]
    hits = j.search("meadow", 6, weeks)
    assert [(h.kind, h.ref_id) for h in hits] == [(h.kind, h.ref_id) for h in in_range[:6]]
