"""Full-text search over every text field (the FTS5 ``search_index`` kept by triggers).

What a person types becomes a query in ``search_words``. Up to ``RANK_AT_MOST`` matches are
ranked by relevance (bm25); beyond that, the newest are listed first.

Filters (``SearchFilters``) narrow a search inside the same SQL query, so they cost only
what the matching rows cost:

- *section*: the kinds of entry (story, reflection answers, check-ins, insights and
  actions, …), checked on the index rowid (``rowid % 16`` is the kind), no row read;
- *date range*: the date of the session an entry belongs to, both ends included; entries
  that belong to no session (people, own questions, week notes, check-ins on no session)
  are left out while a range is set;
- *theme*: entries that carry the theme themselves — a tagged part of the story, answer or
  insight — and the actions of a tagged insight. A theme on one entry does not pull in the
  rest of its session: the filter answers "where did I write this, in what I tagged so".
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import sqlcipher3

from app.journal.model import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit
from app.journal.schema import KINDS
from app.journal.search_words import match_spans, to_fts_query

__all__ = ["NO_FILTERS", "SECTIONS", "SearchFilters", "match_spans", "run_search", "to_fts_query"]

_SNIPPET_WORDS = 12
RANK_AT_MOST = 1000  # matches; beyond this, newest first
# With filters, ranking costs the same per match (about 15 µs for a very common word) on
# top of applying the filters, so a filtered search ranks fewer matches.
RANK_FILTERED_AT_MOST = 250


# The sections a search can be narrowed to, and the kinds of entry in each.
SECTIONS: dict[str, tuple[str, ...]] = {
    "session": ("session",),
    "narrative": ("narrative",),
    "answer": ("answer", "revisit"),
    "checkin": ("checkin",),
    "plan": ("insight", "action"),
    "other": ("person", "question", "week_note"),
}


@dataclass(frozen=True)
class SearchFilters:
    """What narrows a search; the defaults narrow nothing."""

    section: str | None = None  # a key of SECTIONS
    since: dt.date | None = None  # session date, included
    until: dt.date | None = None  # session date, included
    theme_id: int | None = None

    def __post_init__(self) -> None:
        if self.section is not None and self.section not in SECTIONS:
            raise ValueError(f"no section called {self.section!r}")

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.section, self.since, self.until, self.theme_id))

    def sql(self) -> tuple[str, list[Any]]:
        """Extra ``AND …`` conditions on ``search_index`` and their parameters."""
        where, params = self.section_sql(), []
        for rowids, values in self.rowid_sets():
            where += f" AND search_index.rowid + 0 IN ({rowids})"
            params += values
        return where, params

    def section_sql(self) -> str:
        """The section's ``AND …`` condition: the kind is read from the rowid alone."""
        if self.section is None:
            return ""
        codes = ", ".join(str(KINDS[kind]) for kind in SECTIONS[self.section])
        return f" AND search_index.rowid % 16 IN ({codes})"

    def rowid_sets(self) -> list[tuple[str, list[Any]]]:
        """The sets of index rowids the date range and the theme allow, as SQL."""
        sets: list[tuple[str, list[Any]]] = []
        # Sets of index rowids worked out from the small tables, each once per query
        # (``+ 0`` keeps the set away from FTS5, which would look up each rowid in turn).
        # Reading ``session_id`` from the index instead would read every matching text.
        if self.since is not None or self.until is not None:
            per_kind = " UNION ALL ".join(
                f"SELECT id * 16 + {KINDS[kind]} FROM {table} "
                "WHERE session_id IN (SELECT id FROM in_range)"
                for kind, table in _SESSION_TABLES.items()
            )
            sets.append(
                (
                    "WITH in_range AS (SELECT id FROM sessions "
                    "WHERE held_on >= ? AND held_on <= ?) "
                    f"SELECT id * 16 + {KINDS['session']} FROM in_range UNION ALL {per_kind}",
                    [
                        (self.since or dt.date.min).isoformat(),
                        (self.until or dt.date.max).isoformat(),
                    ],
                )
            )
        if self.theme_id is not None:
            narrative, answer, insight = KINDS["narrative"], KINDS["answer"], KINDS["insight"]
            sets.append(
                (
                    f"SELECT target_id * 16 + CASE kind WHEN 'narrative' THEN {narrative} "
                    f"WHEN 'answer' THEN {answer} ELSE {insight} END "
                    "FROM theme_links WHERE theme_id = ? "
                    f"UNION ALL SELECT a.id * 16 + {KINDS['action']} FROM theme_links l "
                    "JOIN actions a ON a.insight_id = l.target_id "
                    "WHERE l.theme_id = ? AND l.kind = 'insight'",
                    [self.theme_id, self.theme_id],
                )
            )
        return sets


NO_FILTERS = SearchFilters()

# The tables whose rows belong to a session, by kind.
_SESSION_TABLES = {
    "narrative": "narrative_parts",
    "answer": "answers",
    "checkin": "checkins",
    "insight": "insights",
    "action": "actions",
}


def run_search(
    conn: sqlcipher3.Connection,
    text: str,
    limit: int = 50,
    filters: SearchFilters = NO_FILTERS,
) -> list[SearchHit]:
    query = to_fts_query(text)
    if not query:
        return []
    where, params = filters.sql()
    # Ranking costs time for every match. For a word found almost everywhere, relevance
    # says little anyway, so such searches list the newest writing first instead. Counting
    # stops once that is decided.
    at_most = RANK_FILTERED_AT_MOST if filters.active else RANK_AT_MOST
    if not filters.active:
        matches = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ? LIMIT ?)",
            (query, at_most + 1),
        ).fetchone()[0]
        if matches > at_most:
            return _newest(conn, query, "", [], limit, 0, _top_rowid(conn))
        rows = conn.execute(
            f"SELECT rowid, kind, session_id, label, {_SNIPPET}, rank FROM search_index "
            "WHERE search_index MATCH ? ORDER BY rank LIMIT ?",
            (*_MARKS, query, limit),
        ).fetchall()
        return _hits(rows)
    # The lowest and highest rowid the sets allow bound the walk: FTS5 seeks to the first
    # and stops after the last, instead of reading every match before a date range.
    allowed = _allowed_by_kind(conn, filters)  # the date range's rowids, read once
    low, high = _bounds(conn, filters, allowed)
    if low is None:
        return []
    kept = _kept(conn, query, (where, params), filters, allowed, (low, high), at_most + 1)
    if not kept:
        return []
    if len(kept) > at_most:
        return _newest(conn, query, where, params, limit, low, min(high, _top_rowid(conn)))
    # ``ORDER BY rank`` would make FTS5 score every match before the filters apply, and
    # sorting whole rows would read every kept text: rank the kept rowids alone first,
    # then read the texts of the best only, for their snippets.
    ranked = conn.execute(
        "SELECT rowid, bm25(search_index) FROM search_index WHERE search_index MATCH ? "
        "AND search_index.rowid BETWEEN ? AND ? "
        "AND search_index.rowid + 0 IN (SELECT value FROM json_each(?)) "
        "ORDER BY bm25(search_index) LIMIT ?",
        (query, kept[0], kept[-1], json.dumps(kept), limit),
    ).fetchall()
    return _details(conn, query, [(int(r[0]), float(r[1])) for r in ranked])


_SNIPPET = "snippet(search_index, 3, ?, ?, '…', ?)"
_MARKS = (HIGHLIGHT_START, HIGHLIGHT_END, _SNIPPET_WORDS)
# The first stretch of rowids read when listing newest first: about 256 entries of each
# kind (a rowid is ``id * 16 + kind``). Each further stretch is 8 times wider.
_FIRST_STRETCH = 16 * 256


def _kept(
    conn: sqlcipher3.Connection,
    query: str,
    conditions: tuple[str, list[Any]],
    filters: SearchFilters,
    allowed: dict[int, list[int]] | None,
    bounds: tuple[int, int],
    at_most: int,
) -> list[int]:
    """Rowids of the matches the filters keep, in rowid order, at most ``at_most``.

    Each kind of entry numbers its rows separately, so the entries of a date range lie in
    one narrow stretch of rowids for each kind, and between those stretches lie the
    other kinds' matches from other dates. Walking each kind's own stretch skips them."""
    if allowed is None:
        where, params = conditions
        return [
            int(r[0])
            for r in conn.execute(
                f"SELECT rowid FROM search_index WHERE search_index MATCH ?{where} "
                "AND search_index.rowid BETWEEN ? AND ? LIMIT ?",
                (query, *params, *bounds, at_most),
            )
        ]
    section = filters.section_sql()
    theme_sets = filters.rowid_sets()[1:]
    theme = "".join(f" AND search_index.rowid + 0 IN ({rowids})" for rowids, _ in theme_sets)
    theme_values = [value for _, values in theme_sets for value in values]
    kept: list[int] = []
    for rowids in allowed.values():
        kept += [
            int(r[0])
            for r in conn.execute(
                f"SELECT rowid FROM search_index WHERE search_index MATCH ?{section}{theme} "
                "AND search_index.rowid BETWEEN ? AND ? "
                "AND search_index.rowid + 0 IN (SELECT value FROM json_each(?)) LIMIT ?",
                (query, *theme_values, rowids[0], rowids[-1], json.dumps(rowids), at_most),
            )
        ]
    return sorted(kept)[:at_most]


def _allowed_by_kind(
    conn: sqlcipher3.Connection, filters: SearchFilters
) -> dict[int, list[int]] | None:
    """The rowids a date range allows, by kind, each list in order; None without one."""
    if filters.since is None and filters.until is None:
        return None
    rowids, values = filters.rowid_sets()[0]
    allowed: dict[int, list[int]] = {}
    in_order = f"WITH allowed(v) AS ({rowids}) SELECT v FROM allowed ORDER BY v"
    for (rowid,) in conn.execute(in_order, values):
        allowed.setdefault(int(rowid) % 16, []).append(int(rowid))
    return allowed


def _top_rowid(conn: sqlcipher3.Connection) -> int:
    row = conn.execute("SELECT rowid FROM search_index ORDER BY rowid DESC LIMIT 1").fetchone()
    return int(row[0]) if row else 0


def _newest(
    conn: sqlcipher3.Connection,
    query: str,
    where: str,
    params: list[Any],
    limit: int,
    floor: int,
    top: int,
) -> list[SearchHit]:
    """The ``limit`` matches with the highest rowids (the newest writing), newest first.

    FTS5 walks a common word's matches backwards slowly (it reads the word's whole list
    first: 10 ms for "the" at 100,000 entries) but seeks forwards from a rowid at once.
    So stretches are read forwards, from the top down, each wider than the last, until
    enough are found."""
    found: list[int] = []
    upper, stretch = top, _FIRST_STRETCH
    while upper >= floor and len(found) < limit:
        lower = max(floor, upper - stretch + 1)
        found = [
            int(r[0])
            for r in conn.execute(
                f"SELECT rowid FROM search_index WHERE search_index MATCH ?{where} "
                "AND search_index.rowid BETWEEN ? AND ?",
                (query, *params, lower, upper),
            )
        ] + found
        upper, stretch = lower - 1, stretch * 8
    # Listed by recency, not relevance: no score is worked out (``rank`` 0).
    return _details(conn, query, [(rowid, 0.0) for rowid in reversed(found[-limit:])])


def _details(
    conn: sqlcipher3.Connection, query: str, chosen: list[tuple[int, float]]
) -> list[SearchHit]:
    """Hits for the chosen (rowid, rank) pairs, in that order, with their snippets."""
    if not chosen:
        return []
    rowids = sorted(rowid for rowid, _ in chosen)
    # The rowid range lets FTS5 seek to the chosen rows; only their texts are read.
    rows = {
        int(row[0]): row
        for row in conn.execute(
            f"SELECT rowid, kind, session_id, label, {_SNIPPET} FROM search_index "
            "WHERE search_index MATCH ? AND search_index.rowid BETWEEN ? AND ? "
            "AND search_index.rowid + 0 IN (SELECT value FROM json_each(?))",
            (*_MARKS, query, rowids[0], rowids[-1], json.dumps(rowids)),
        )
    }
    return _hits([(*rows[rowid], rank) for rowid, rank in chosen if rowid in rows])


def _bounds(
    conn: sqlcipher3.Connection, filters: SearchFilters, allowed: dict[int, list[int]] | None
) -> tuple[int | None, int]:
    """(lowest, highest) index rowid the filters' sets allow; (None, 0) when none is.
    ``allowed``: the date range's rowids by kind, already read (the first set)."""
    low, high = 0, 2**62
    sets = filters.rowid_sets()
    if allowed is not None:
        if not allowed:
            return None, 0
        low = min(rowids[0] for rowids in allowed.values())
        high = max(rowids[-1] for rowids in allowed.values())
        sets = sets[1:]
    for rowids, values in sets:
        row = conn.execute(
            f"WITH allowed(v) AS ({rowids}) SELECT min(v), max(v) FROM allowed", values
        ).fetchone()
        if row[0] is None:
            return None, 0
        low, high = max(low, int(row[0])), min(high, int(row[1]))
    return (low, high) if low <= high else (None, 0)


def _hits(rows: list[Any]) -> list[SearchHit]:
    return [
        SearchHit(
            kind=row[1],
            ref_id=int(row[0]) // 16,
            session_id=row[2],
            label=row[3] or "",
            snippet=row[4] or "",
            rank=float(row[5]),
        )
        for row in rows
    ]
