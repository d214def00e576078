"""Reflection: the answers to questions, and the client's own and hidden questions."""

from __future__ import annotations

from app.journal.base import JournalBase, Row, drop_unused_themes, now
from app.journal.model import Answer, Session
from app.journal.sessions import session_from_row

_ANSWER = "SELECT session_id, question_id, question_text, body, private, id FROM answers"


def _answer(row: Row) -> Answer:
    return Answer(row[0], row[1], row[2], row[3], bool(row[4]), row[5])


class ReflectionRecords(JournalBase):
    def save_answer(self, answer: Answer) -> Answer:
        """Insert or update the answer to one question in one session."""
        stamp = now()
        with self.transaction() as c:
            c.execute(
                "INSERT INTO answers (session_id, question_id, question_text, body, private, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (session_id, question_id) DO UPDATE SET "
                "body = excluded.body, private = excluded.private, "
                "updated_at = excluded.updated_at",
                (
                    answer.session_id,
                    answer.question_id,
                    answer.question_text,
                    answer.body,
                    int(answer.private),
                    stamp,
                    stamp,
                ),
            )
            row = c.execute(
                "SELECT id FROM answers WHERE session_id = ? AND question_id = ?",
                (answer.session_id, answer.question_id),
            ).fetchone()
        answer.id = int(row[0])
        return answer

    def delete_answer(self, answer_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM answers WHERE id = ?", (answer_id,))
            drop_unused_themes(c)

    def answers(self, session_id: int) -> list[Answer]:
        rows = self._all(f"{_ANSWER} WHERE session_id = ? ORDER BY id", (session_id,))
        return [_answer(r) for r in rows]

    def answers_to_question(
        self, question_id: str, limit: int = -1, offset: int = 0
    ) -> list[tuple[Session, Answer]]:
        """Every answer to one question across sessions, oldest session first; a page of
        ``limit`` from ``offset`` (the order is found without reading any answer's text)."""
        rows = self._all(
            "SELECT a.session_id, a.question_id, a.question_text, a.body, a.private, a.id, "
            "s.id, s.held_on, s.number, s.title, s.intention, s.setting "
            "FROM (SELECT a.id, s.held_on, s.number FROM answers a "
            "JOIN sessions s ON s.id = a.session_id WHERE a.question_id = ? "
            "ORDER BY s.held_on, s.number LIMIT ? OFFSET ?) page "
            "JOIN answers a ON a.id = page.id JOIN sessions s ON s.id = a.session_id "
            "ORDER BY page.held_on, page.number",
            (question_id, limit, offset),
        )
        return [(session_from_row(r[6:]), _answer(r[:6])) for r in rows]

    def answer_count_to_question(self, question_id: str) -> int:
        row = self._one("SELECT count(*) FROM answers WHERE question_id = ?", (question_id,))
        return int(row[0]) if row else 0

    # -- the client's own questions ----------------------------------------------------------

    def add_custom_question(self, group_id: str, text: str) -> str:
        """Returns the new question's id ("own.<n>")."""
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO custom_questions (group_id, text, created_at) VALUES (?, ?, ?)",
                (group_id, text, now()),
            )
        return f"own.{cur.lastrowid}"

    def custom_questions(self) -> list[tuple[str, str, str]]:
        """(question id, group id, text) for each question the client added."""
        rows = self._all("SELECT id, group_id, text FROM custom_questions ORDER BY id")
        return [(f"own.{r[0]}", r[1], r[2]) for r in rows]

    def delete_custom_question(self, question_id: str) -> None:
        with self.transaction() as c:
            c.execute(
                "DELETE FROM custom_questions WHERE id = ?",
                (int(question_id.removeprefix("own.")),),
            )

    def set_question_hidden(self, question_id: str, hidden: bool) -> None:
        with self.transaction() as c:
            if hidden:
                c.execute("INSERT OR IGNORE INTO hidden_questions VALUES (?)", (question_id,))
            else:
                c.execute("DELETE FROM hidden_questions WHERE question_id = ?", (question_id,))

    def hidden_questions(self) -> set[str]:
        return {r[0] for r in self._all("SELECT question_id FROM hidden_questions")}
