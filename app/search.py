"""Full-text search over every text field (the FTS5 ``search_index`` kept by triggers).

What a person types is never handed to FTS5 as query syntax: it is split into words and
"quoted phrases", each quoted for FTS5, with a trailing ``*`` kept as a prefix search.
Matching ignores case and diacritics (``unicode61 remove_diacritics 2``).
"""

from __future__ import annotations

import re

import sqlcipher3

from app.model import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_SNIPPET_WORDS = 12
RANK_AT_MOST = 1000  # matches; beyond this, newest first


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


def run_search(conn: sqlcipher3.Connection, text: str, limit: int = 50) -> list[SearchHit]:
    query = to_fts_query(text)
    if not query:
        return []
    # Ranking costs time for every match. For a word found almost everywhere, relevance
    # says little anyway, so such searches list the newest writing first instead.
    matches = conn.execute(
        "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (query,)
    ).fetchone()[0]
    order = "rank" if matches <= RANK_AT_MOST else "rowid DESC"
    rows = conn.execute(
        "SELECT rowid, kind, session_id, label, "
        "snippet(search_index, 3, ?, ?, '…', ?), rank FROM search_index "
        f"WHERE search_index MATCH ? ORDER BY {order} LIMIT ?",
        (HIGHLIGHT_START, HIGHLIGHT_END, _SNIPPET_WORDS, query, limit),
    ).fetchall()
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
