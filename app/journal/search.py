"""Full-text search over every text field (the FTS5 ``search_index`` kept by triggers).

What a person types is never handed to FTS5 as query syntax: it is split into words and
"quoted phrases", each quoted for FTS5, with a trailing ``*`` kept as a prefix search.
Matching ignores case and diacritics (``unicode61 remove_diacritics 2``).

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
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import sqlcipher3

from app.journal.model import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit
from app.journal.schema import KINDS

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
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
        clauses: list[str] = []
        params: list[Any] = []
        if self.section is not None:
            codes = ", ".join(str(KINDS[kind]) for kind in SECTIONS[self.section])
            clauses.append(f"search_index.rowid % 16 IN ({codes})")
        for rowids, values in self.rowid_sets():
            clauses.append(f"search_index.rowid + 0 IN ({rowids})")
            params += values
        return "".join(f" AND {c}" for c in clauses), params

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


def to_fts_query(text: str) -> str:
    """``integrat* "felt safe"`` → ``"integrat"* AND "felt safe"``; empty for nothing."""
    terms: list[str] = []
    for match in _TOKEN.finditer(text):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            words = _words(phrase)
            if words:
                terms.append(_quote(" ".join(words)))
            continue
        prefix = word.endswith("*")
        words = _words(word)
        if not words:
            continue
        quoted = _quote(" ".join(words))
        terms.append(quoted + "*" if prefix else quoted)
    return " AND ".join(terms)


def _words(text: str) -> list[str]:
    # Keep letters, digits and marks; everything else separates words, as unicode61 does.
    return re.findall(r"[^\W_]+", text, flags=re.UNICODE)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


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
    snippet = "snippet(search_index, 3, ?, ?, '…', ?)"
    marks = (HIGHLIGHT_START, HIGHLIGHT_END, _SNIPPET_WORDS)
    if not filters.active:
        matches = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ? LIMIT ?)",
            (query, at_most + 1),
        ).fetchone()[0]
        order = "rank" if matches <= at_most else "rowid DESC"
        rows = conn.execute(
            f"SELECT rowid, kind, session_id, label, {snippet}, rank FROM search_index "
            f"WHERE search_index MATCH ? ORDER BY {order} LIMIT ?",
            (*marks, query, limit),
        ).fetchall()
        return _hits(rows)
    # The lowest and highest rowid the sets allow bound the walk: FTS5 seeks to the first
    # and stops after the last, instead of reading every match before a date range (the
    # index grows in the order sessions are written, so a range is mostly one stretch).
    low, high = _bounds(conn, filters)
    if low is None:
        return []
    where += " AND search_index.rowid BETWEEN ? AND ?"
    params += [low, high]
    # The kept rows, up to one more than are ranked (in rowid order; no text is read here).
    kept = [
        int(r[0])
        for r in conn.execute(
            f"SELECT rowid FROM search_index WHERE search_index MATCH ?{where} LIMIT ?",
            (query, *params, at_most + 1),
        )
    ]
    if not kept:
        return []
    span = " AND search_index.rowid BETWEEN ? AND ?"  # lets FTS5 skip to the kept rows
    within = " AND search_index.rowid + 0 IN (SELECT value FROM json_each(?))"
    if len(kept) > at_most:  # newest first: FTS5 walks back and stops at ``limit``
        rows = conn.execute(
            f"SELECT rowid, kind, session_id, label, {snippet}, rank FROM search_index "
            f"WHERE search_index MATCH ?{where} ORDER BY rowid DESC LIMIT ?",
            (*marks, query, *params, limit),
        ).fetchall()
        return _hits(rows)
    # ``ORDER BY rank`` would make FTS5 score every match before the filters apply, and
    # sorting whole rows would read every kept text: rank the kept rowids alone first,
    # then read the texts of the best only, for their snippets.
    ranked = (
        f"SELECT rowid FROM search_index WHERE search_index MATCH ?{span}{within} "
        "ORDER BY bm25(search_index) LIMIT ?"
    )
    rows = conn.execute(
        f"SELECT rowid, kind, session_id, label, {snippet}, bm25(search_index) "
        f"FROM search_index WHERE search_index MATCH ?{span} "
        f"AND search_index.rowid + 0 IN ({ranked}) ORDER BY bm25(search_index)",
        (*marks, query, kept[0], kept[-1], query, kept[0], kept[-1], json.dumps(kept), limit),
    ).fetchall()
    return _hits(rows)


def _bounds(conn: sqlcipher3.Connection, filters: SearchFilters) -> tuple[int | None, int]:
    """(lowest, highest) index rowid the filters' sets allow; (None, 0) when none is."""
    low, high = 0, 2**62
    for rowids, values in filters.rowid_sets():
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


# -- where the words are, for highlighting an opened entry -------------------------------------


def _fold(word: str) -> str:
    """Case and diacritics folded, as the index's tokenizer folds them."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _terms(text: str) -> list[tuple[list[str], bool]]:
    """The search as (words, last word is a prefix) terms, folded."""
    terms: list[tuple[list[str], bool]] = []
    for match in _TOKEN.finditer(text):
        phrase, word = match.group(1), match.group(2)
        words = [_fold(w) for w in _words(phrase if phrase is not None else word)]
        if words:
            terms.append((words, phrase is None and word.endswith("*")))
    return terms


def match_spans(body: str, text: str) -> list[tuple[int, int]]:
    """(start, length) of each place in ``body`` that the search ``text`` matches."""
    terms = _terms(text)
    if not terms:
        return []
    tokens = [(m.start(), m.end(), _fold(m.group())) for m in re.finditer(r"[^\W_]+", body)]
    spans: list[tuple[int, int]] = []
    for index in range(len(tokens)):
        for words, prefix in terms:
            end = index + len(words)
            if end > len(tokens):
                continue
            found = [t[2] for t in tokens[index:end]]
            if found[:-1] == words[:-1] and (
                found[-1].startswith(words[-1]) if prefix else found[-1] == words[-1]
            ):
                start = tokens[index][0]
                spans.append((start, tokens[end - 1][1] - start))
                break
    return spans
