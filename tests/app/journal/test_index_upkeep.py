"""Background upkeep of the search index: short steps, each its own transaction, on a
connection of its own; it merges the index's segments and catches up the edited rows."""

from __future__ import annotations

import datetime as dt
import threading

from app import vault
from app.journal import search_index

DAY = dt.date(2024, 3, 1)


def _run_upkeep_on_a_worker(v: vault.Vault) -> int:
    """Every step, on another thread and connection, as the app runs them; the count."""
    open_sibling = v.journal.sibling_opener()
    steps: list[int] = []

    def work() -> None:
        with open_sibling() as own:
            assert own.conn is not v.journal.conn
            n = 1
            while own.index_upkeep_step():
                assert not own.conn.in_transaction  # each step commits on its own
                n += 1
            steps.append(n)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    return steps[0]


def test_upkeep_catches_up_each_edited_row_so_search_has_nothing_left(
    opened: vault.Vault,
) -> None:
    j = opened.journal
    sessions = [j.add_session(DAY) for _ in range(3)]
    j.refresh_index()
    for n, session in enumerate(sessions):
        j.save_narrative_part(j.narrative(session.id)[0].id, f"the heron waited {n}")
    j.save_narrative_part(j.narrative(sessions[0].id)[0].id, "a kestrel hovered")
    assert j.pending_index_count() == 3
    assert _run_upkeep_on_a_worker(opened) >= 3  # a row a step, at least
    assert j.pending_index_count() == 0
    assert [h.session_id for h in j.search("kestrel")] == [sessions[0].id]
    assert {h.session_id for h in j.search("heron")} == {s.id for s in sessions[1:]}
    assert _run_upkeep_on_a_worker(opened) == 1  # nothing left: one step says so


def test_upkeep_merges_segments_two_at_a_level(opened: vault.Vault) -> None:
    j = opened.journal
    for n in range(12):  # each catch-up writes a segment of its own
        j.add_session(DAY, f"title{n}")
        j.refresh_index()
    _run_upkeep_on_a_worker(opened)
    usermerge = j.conn.execute(
        "SELECT v FROM search_index_config WHERE k = 'usermerge'"
    ).fetchone()[0]
    assert usermerge == search_index.USERMERGE == 2
    assert [h.label for h in j.search("title7")] != []
