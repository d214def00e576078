"""Theme tags: the client's own words linked to a story part, an answer or an insight."""

from __future__ import annotations

import datetime as dt

from app.journal.base import JournalBase
from app.journal.model import THEME_KINDS, Theme, ThemeUse


class ThemeRecords(JournalBase):
    def themes(self) -> list[Theme]:
        return [Theme(*r) for r in self._all("SELECT id, name FROM themes ORDER BY name")]

    def add_theme_to(self, kind: str, target_id: int, name: str) -> Theme:
        if kind not in THEME_KINDS:
            raise ValueError(f"themes go on {', '.join(THEME_KINDS)}, not {kind}")
        name = " ".join(name.split())
        if not name:
            raise ValueError("a theme needs a name")
        with self.transaction() as c:
            c.execute("INSERT OR IGNORE INTO themes (name) VALUES (?)", (name,))
            theme_id, stored = c.execute(
                "SELECT id, name FROM themes WHERE name = ?", (name,)
            ).fetchone()
            c.execute(
                "INSERT OR IGNORE INTO theme_links VALUES (?, ?, ?)", (theme_id, kind, target_id)
            )
        return Theme(theme_id, stored)

    def remove_theme_from(self, kind: str, target_id: int, theme_id: int) -> None:
        """Unlinks; a theme used nowhere any more is removed too."""
        with self.transaction() as c:
            c.execute(
                "DELETE FROM theme_links WHERE theme_id = ? AND kind = ? AND target_id = ?",
                (theme_id, kind, target_id),
            )
            c.execute(
                "DELETE FROM themes WHERE id = ? AND NOT EXISTS "
                "(SELECT 1 FROM theme_links WHERE theme_id = ?)",
                (theme_id, theme_id),
            )

    def themes_of(self, kind: str, target_id: int) -> list[Theme]:
        rows = self._all(
            "SELECT t.id, t.name FROM themes t JOIN theme_links l ON l.theme_id = t.id "
            "WHERE l.kind = ? AND l.target_id = ? ORDER BY t.name",
            (kind, target_id),
        )
        return [Theme(*r) for r in rows]

    def theme_uses(self, theme_id: int) -> list[ThemeUse]:
        """Where a theme appears, in the order of the sessions."""
        rows = self._all(
            "SELECT t.id, t.name, l.kind, l.target_id, s.id, s.held_on "
            "FROM theme_links l JOIN themes t ON t.id = l.theme_id "
            "JOIN sessions s ON s.id = CASE l.kind "
            "  WHEN 'narrative' THEN "
            "    (SELECT session_id FROM narrative_parts WHERE id = l.target_id)"
            "  WHEN 'answer' THEN (SELECT session_id FROM answers WHERE id = l.target_id)"
            "  ELSE (SELECT session_id FROM insights WHERE id = l.target_id) END "
            "WHERE l.theme_id = ? ORDER BY s.held_on, s.number, l.kind, l.target_id",
            (theme_id,),
        )
        return [
            ThemeUse(Theme(r[0], r[1]), r[2], r[3], r[4], dt.date.fromisoformat(r[5])) for r in rows
        ]
