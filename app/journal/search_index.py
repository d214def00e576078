"""The full-text index: caught up lazily, then searched."""

from __future__ import annotations

import contextlib

from app.errors import SaveFailed
from app.journal.base import JournalBase
from app.journal.model import SearchHit
from app.journal.schema import refresh_index_statements
from app.journal.search import NO_FILTERS, SearchFilters, run_search


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

    def search(
        self, text: str, limit: int = 50, filters: SearchFilters = NO_FILTERS
    ) -> list[SearchHit]:
        """Ranked hits with highlighted snippets; the index catches up first."""
        with contextlib.suppress(SaveFailed):  # a read-only journal still searches
            self.refresh_index()
        return run_search(self.conn, text, limit, filters)
