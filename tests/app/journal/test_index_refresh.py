"""Catching the search index up reads only the rows just written, looked up by rowid."""

from __future__ import annotations

import datetime as dt

from app import vault
from app.journal.search_index import refresh_index_statements

DAY = dt.date(2024, 3, 1)


def _plans(v: vault.Vault) -> list[str]:
    conn = v.journal.conn
    plans = []
    for statement in refresh_index_statements():
        if statement.startswith("INSERT"):
            rows = conn.execute("EXPLAIN QUERY PLAN " + statement).fetchall()
            plans.append(" | ".join(str(row[-1]) for row in rows))
    return plans


def test_each_kind_is_read_by_its_primary_key_not_scanned(opened: vault.Vault) -> None:
    plans = _plans(opened)
    assert plans  # one INSERT per kind of indexed row
    for plan in plans:
        # "SEARCH t USING INTEGER PRIMARY KEY (rowid=?)": a lookup per queued row.
        assert "SEARCH t USING INTEGER PRIMARY KEY (rowid=?)" in plan, plan
        assert "SCAN t" not in plan, plan


def test_a_refresh_indexes_the_edited_row_and_keeps_the_others(opened: vault.Vault) -> None:
    j = opened.journal
    first = j.add_session(DAY)
    second = j.add_session(DAY)
    j.save_narrative_part(j.narrative(first.id)[0].id, "the heron waited")
    j.save_narrative_part(j.narrative(second.id)[0].id, "a kestrel hovered")
    j.refresh_index()
    assert j.pending_index_count() == 0

    j.save_narrative_part(j.narrative(second.id)[0].id, "a lapwing called")
    assert j.pending_index_count() == 1
    j.refresh_index()

    assert j.pending_index_count() == 0
    assert [h.session_id for h in j.search("heron")] == [first.id]
    assert [h.session_id for h in j.search("lapwing")] == [second.id]
    assert j.search("kestrel") == []
