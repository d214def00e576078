"""The full-text index: caught up lazily, then searched."""

from __future__ import annotations

import contextlib

from app.errors import SaveFailed
from app.journal.base import JournalBase
from app.journal.model import SearchHit
from app.journal.schema import _INDEXED, KINDS
from app.journal.search import NO_FILTERS, SearchFilters, run_search

# Pages an FTS5 merge step may write: a step of upkeep then holds the write lock for tens
# of milliseconds even in a 1 GB journal, so an autosave waiting behind it is not delayed.
MERGE_PAGES = 64
# Merge whenever two index segments share a level (FTS5's default waits for four). Removing
# an edited entry's old words (secure-delete) looks in every segment: at 100,000 entries,
# 25 segments made that 0.7–1 s, one or two make it 0.1 s.
USERMERGE = 2


class SearchIndexRecords(JournalBase):
    def pending_index_count(self) -> int:
        row = self._one("SELECT count(*) FROM index_queue")
        return int(row[0]) if row else 0

    def refresh_index(self) -> None:
        """Catch the search index up with everything written since (one transaction)."""
        if not self.pending_index_count():
            return
        with self.transaction() as c:
            for statement in refresh_index_statements():
                c.execute(statement)

    def index_upkeep_step(self) -> bool:
        """One short piece of background upkeep, in its own transaction; True while more
        remains. Merges the index's segments a few pages at a time, then re-indexes one
        queued row, so a search after an edit finds nothing left to catch up."""
        with self.transaction() as c:
            row = c.execute("SELECT v FROM search_index_config WHERE k = 'usermerge'").fetchone()
            if row is None or row[0] != USERMERGE:
                c.execute(
                    "INSERT INTO search_index (search_index, rank) VALUES ('usermerge', ?)",
                    (USERMERGE,),
                )
            before = c.total_changes
            c.execute(
                "INSERT INTO search_index (search_index, rank) VALUES ('merge', ?)",
                (MERGE_PAGES,),
            )
            if c.total_changes - before >= 2:  # FTS5's sign that it merged something
                return True
        return self.index_catch_up_step()

    def index_catch_up_step(self) -> bool:
        """Re-index one queued row in its own transaction; False when none was queued.
        (No merging: run right after a write, while the person may still be typing.)"""
        with self.transaction() as c:
            queued = c.execute("SELECT doc FROM index_queue LIMIT 1").fetchone()
            if queued is None:
                return False
            for statement in refresh_one_statements(int(queued[0])):
                c.execute(statement, {"doc": int(queued[0])})
        return True  # the next step merges the segment this one wrote, or finds it done

    def search(
        self, text: str, limit: int = 50, filters: SearchFilters = NO_FILTERS
    ) -> list[SearchHit]:
        """Ranked hits with highlighted snippets; the index catches up first."""
        with contextlib.suppress(SaveFailed):  # a read-only journal still searches
            self.refresh_index()
        return run_search(self.conn, text, limit, filters)


def refresh_index_statements() -> list[str]:
    """Bring queued rows into the search index (run inside one transaction)."""
    statements = [
        "DELETE FROM search_index WHERE rowid IN (SELECT doc FROM index_queue)",
    ]
    for table, (kind, session_expr, label_expr, body_expr) in _INDEXED.items():
        code = KINDS[kind]
        columns = ", ".join(
            expr.replace("NEW.", "t.") for expr in (session_expr, label_expr, body_expr)
        )
        # ``t.id IN (…)`` looks each queued row up by its rowid. Written as
        # ``t.id * 16 + code IN (…)`` it read the whole table on every refresh (1.6 s for
        # the story table of a 100,000-entry journal).
        statements.append(
            "INSERT INTO search_index (rowid, kind, session_id, label, body) "
            f"SELECT t.id * 16 + {code}, '{kind}', {columns} FROM {table} t "
            f"WHERE t.id IN (SELECT doc / 16 FROM index_queue WHERE doc % 16 = {code})"
        )
    statements.append("DELETE FROM index_queue")
    return statements


def refresh_one_statements(doc: int) -> list[str]:
    """``refresh_index_statements`` for the one queued row ``doc`` (bound as ``:doc``), so
    background upkeep can catch the index up a row per short transaction."""
    statements = ["DELETE FROM search_index WHERE rowid = :doc"]
    for table, (kind, session_expr, label_expr, body_expr) in _INDEXED.items():
        if KINDS[kind] != doc % 16:
            continue
        columns = ", ".join(
            expr.replace("NEW.", "t.") for expr in (session_expr, label_expr, body_expr)
        )
        statements.append(
            "INSERT INTO search_index (rowid, kind, session_id, label, body) "
            f"SELECT :doc, '{kind}', {columns} FROM {table} t WHERE t.id = :doc / 16"
        )
    statements.append("DELETE FROM index_queue WHERE doc = :doc")
    return statements
