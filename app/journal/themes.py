"""Themes across sessions: how often each is used, where, and renaming or removing one.

Adding a theme to an entry and taking it off again are ``Journal.add_theme_to`` and
``Journal.remove_theme_from``; this module holds the views across the whole journal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.errors import SaveFailed
from app.journal import Journal
from app.journal.model import Session, Theme

EXCERPT_CHARS = 140


@dataclass(frozen=True)
class ThemeCount:
    theme: Theme
    places: int


@dataclass(frozen=True)
class ThemePlace:
    """One entry that carries a theme, with enough to show and open it."""

    kind: str  # "narrative" | "answer" | "insight"
    target_id: int
    session: Session
    where: str  # the question, for an answer; "" otherwise
    excerpt: str


def excerpt(text: str, chars: int = EXCERPT_CHARS) -> str:
    """The first words of ``text`` on one line, cut at a word."""
    flat = " ".join(text.split())
    if len(flat) <= chars:
        return flat
    cut = flat[:chars].rsplit(" ", 1)[0]
    return cut + "…"


def theme_counts(journal: Journal) -> list[ThemeCount]:
    """Every theme, by name, with how many entries carry it."""
    rows = journal._all(
        "SELECT t.id, t.name, count(l.theme_id) FROM themes t "
        "LEFT JOIN theme_links l ON l.theme_id = t.id "
        "GROUP BY t.id ORDER BY t.name COLLATE NOCASE, t.id"
    )
    return [ThemeCount(Theme(r[0], r[1]), int(r[2])) for r in rows]


def theme_places(
    journal: Journal, theme_id: int, limit: int = -1, offset: int = 0
) -> list[ThemePlace]:
    """Where a theme appears, in the order of the sessions (then story, answers, insights);
    a page of ``limit`` from ``offset``. The order is found without reading any text: only
    the page's excerpts are read, so a theme carried by thousands of entries opens fast."""
    rows = journal._all(
        "SELECT p.kind, p.target_id, s.id, s.held_on, s.number, s.title, s.intention, "
        "s.setting, p.question, CASE p.kind "
        "  WHEN 'narrative' THEN (SELECT body FROM narrative_parts WHERE id = p.target_id) "
        "  WHEN 'answer' THEN (SELECT body FROM answers WHERE id = p.target_id) "
        "  ELSE (SELECT body FROM insights WHERE id = p.target_id) END "
        "FROM (SELECT l.kind, l.target_id, e.session_id, e.question, e.pos, s.held_on, "
        "  s.number, CASE l.kind WHEN 'narrative' THEN 0 WHEN 'answer' THEN 1 ELSE 2 END AS k "
        "  FROM theme_links l "
        "  JOIN (SELECT 'narrative' AS kind, id, session_id, position AS pos, '' AS question "
        "    FROM narrative_parts "
        "   UNION ALL SELECT 'answer', id, session_id, id, question_text FROM answers "
        "   UNION ALL SELECT 'insight', id, session_id, position, '' FROM insights) e "
        "    ON e.kind = l.kind AND e.id = l.target_id "
        "  JOIN sessions s ON s.id = e.session_id "
        "  WHERE l.theme_id = ? "
        "  ORDER BY s.held_on, s.number, k, e.pos, l.target_id LIMIT ? OFFSET ?) p "
        "JOIN sessions s ON s.id = p.session_id "
        "ORDER BY p.held_on, p.number, p.k, p.pos, p.target_id",
        (theme_id, limit, offset),
    )
    return [
        ThemePlace(
            kind=r[0],
            target_id=r[1],
            session=Session(dt.date.fromisoformat(r[3]), r[4], r[5], r[6], r[7], r[2]),
            where=r[8],
            excerpt=excerpt(r[9]),
        )
        for r in rows
    ]


def rename_theme(journal: Journal, theme_id: int, name: str) -> Theme:
    """Rename everywhere. Renaming to another theme's name joins the two into that one."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("a theme needs a name")
    with journal.transaction() as c:
        row = c.execute(
            "SELECT id FROM themes WHERE name = ? AND id != ?", (name, theme_id)
        ).fetchone()
        if row is None:
            c.execute("UPDATE themes SET name = ? WHERE id = ?", (name, theme_id))
            return Theme(theme_id, name)
        other = int(row[0])
        c.execute(
            "INSERT OR IGNORE INTO theme_links (theme_id, kind, target_id) "
            "SELECT ?, kind, target_id FROM theme_links WHERE theme_id = ?",
            (other, theme_id),
        )
        c.execute("DELETE FROM themes WHERE id = ?", (theme_id,))  # its links go with it
        stored = c.execute("SELECT name FROM themes WHERE id = ?", (other,)).fetchone()
    if stored is None:
        raise SaveFailed("the theme could not be found")
    return Theme(other, str(stored[0]))


def delete_theme(journal: Journal, theme_id: int) -> None:
    """Take a theme off every entry and forget it. The entries themselves stay."""
    with journal.transaction() as c:
        c.execute("DELETE FROM theme_links WHERE theme_id = ?", (theme_id,))
        c.execute("DELETE FROM themes WHERE id = ?", (theme_id,))
