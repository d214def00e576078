"""The client's own words for the spell checker ("Add to my words").

They live here, inside the encrypted journal, and nowhere else: a word someone adds is
often a name or a private term, so it never goes into a personal word-list file.
"""

from __future__ import annotations

import datetime as dt

from app.journal.base import JournalBase


class OwnWordRecords(JournalBase):
    def own_words(self) -> list[str]:
        return [r[0] for r in self._all("SELECT word FROM own_words ORDER BY word", ())]

    def add_own_word(self, word: str) -> None:
        word = word.strip()
        if not word:
            return
        with self.transaction() as c:
            c.execute(
                "INSERT INTO own_words (word, added_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (word, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )

    def remove_own_word(self, word: str) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM own_words WHERE word = ?", (word,))
