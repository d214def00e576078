"""The repository: every read and write of the journal goes through here.

Each public write is one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``) with
``synchronous=FULL``, so a method that returned has reached the disk. Write errors come
back as ``SaveFailed`` with the reason in plain words; the caller keeps the text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any

import sqlcipher3

from app.errors import JournalLocked, SaveFailed
from app.journal.model import (
    THEME_KINDS,
    Action,
    ActionStatus,
    Answer,
    CheckIn,
    Insight,
    NarrativePart,
    Person,
    SearchHit,
    Session,
    Theme,
    ThemeUse,
    WeekNote,
)
from app.journal.schema import refresh_index_statements
from app.journal.search import NO_FILTERS, SearchFilters, run_search

Row = tuple[Any, ...]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _why(error: Exception) -> str:
    text = str(error).lower()
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "the journal's files can't be written to"
    if "locked" in text or "busy" in text:
        return "the journal is busy"
    if "disk i/o" in text:
        return "the disk reported an error"
    return str(error)


def _drop_unused_themes(conn: sqlcipher3.Connection) -> None:
    """After a delete: a theme whose last use went with the deleted rows goes too."""
    conn.execute("DELETE FROM themes WHERE id NOT IN (SELECT theme_id FROM theme_links)")


def _next_position(conn: sqlcipher3.Connection, table: str, parent: str, parent_id: int) -> int:
    """Where a new row goes: after its siblings under the same parent."""
    row = conn.execute(
        f"SELECT coalesce(max(position), -1) + 1 FROM {table} WHERE {parent} = ?", (parent_id,)
    ).fetchone()
    return int(row[0])


class Journal:
    def __init__(self, conn: sqlcipher3.Connection) -> None:
        self._conn: sqlcipher3.Connection | None = conn

    def detach(self) -> None:
        """Called by ``Vault.lock``: any later use raises JournalLocked."""
        self._conn = None

    @property
    def conn(self) -> sqlcipher3.Connection:
        if self._conn is None:
            raise JournalLocked()
        return self._conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlcipher3.Connection]:
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlcipher3.Error as error:
            raise SaveFailed(_why(error)) from None
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as error:
            with contextlib.suppress(sqlcipher3.Error):
                conn.execute("ROLLBACK")
            if isinstance(error, sqlcipher3.Error):  # a damaged page, a full disk, …
                raise SaveFailed(_why(error)) from None
            raise

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row: Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self.conn.execute(sql, params).fetchall())

    # -- meta ------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- sessions --------------------------------------------------------------------------

    _SESSION = "SELECT id, held_on, number, title, intention, setting FROM sessions"

    @staticmethod
    def _session(row: Row) -> Session:
        return Session(dt.date.fromisoformat(row[1]), row[2], row[3], row[4], row[5], row[0])

    def add_session(
        self, held_on: dt.date, title: str = "", intention: str = "", setting: str = ""
    ) -> Session:
        """A new session numbered after the last one; its narrative starts empty."""
        now = _now()
        with self.transaction() as c:
            number = c.execute("SELECT coalesce(max(number), 0) + 1 FROM sessions").fetchone()[0]
            cur = c.execute(
                "INSERT INTO sessions (held_on, number, title, intention, setting, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (held_on.isoformat(), number, title, intention, setting, now, now),
            )
            session_id = int(cur.lastrowid or 0)
            c.execute(
                "INSERT INTO narrative_parts (session_id, written_on, body, position, created_at,"
                " updated_at) VALUES (?, ?, '', 0, ?, ?)",
                (session_id, held_on.isoformat(), now, now),
            )
        return Session(held_on, number, title, intention, setting, session_id)

    def update_session(self, session: Session) -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE sessions SET held_on = ?, number = ?, title = ?, intention = ?, "
                "setting = ?, updated_at = ? WHERE id = ?",
                (
                    session.held_on.isoformat(),
                    session.number,
                    session.title,
                    session.intention,
                    session.setting,
                    _now(),
                    session.id,
                ),
            )

    def delete_session(self, session_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            _drop_unused_themes(c)

    def session(self, session_id: int) -> Session | None:
        row = self._one(f"{self._SESSION} WHERE id = ?", (session_id,))
        return None if row is None else self._session(row)

    def sessions(self, limit: int = -1, offset: int = 0) -> list[Session]:
        """Newest first."""
        rows = self._all(
            f"{self._SESSION} ORDER BY held_on DESC, number DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [self._session(r) for r in rows]

    def session_count(self) -> int:
        row = self._one("SELECT count(*) FROM sessions")
        return int(row[0]) if row else 0

    # -- narrative -------------------------------------------------------------------------

    def narrative(self, session_id: int) -> list[NarrativePart]:
        rows = self._all(
            "SELECT id, session_id, written_on, body, position FROM narrative_parts "
            "WHERE session_id = ? ORDER BY position, id",
            (session_id,),
        )
        return [NarrativePart(r[1], dt.date.fromisoformat(r[2]), r[3], r[4], r[0]) for r in rows]

    def add_narrative_part(
        self, session_id: int, written_on: dt.date, body: str = ""
    ) -> NarrativePart:
        """A dated addition to the story, after what is already there."""
        now = _now()
        with self.transaction() as c:
            position = _next_position(c, "narrative_parts", "session_id", session_id)
            cur = c.execute(
                "INSERT INTO narrative_parts (session_id, written_on, body, position, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, written_on.isoformat(), body, position, now, now),
            )
        return NarrativePart(session_id, written_on, body, position, int(cur.lastrowid or 0))

    def save_narrative_part(self, part_id: int, body: str) -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE narrative_parts SET body = ?, updated_at = ? WHERE id = ?",
                (body, _now(), part_id),
            )

    def delete_narrative_part(self, part_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM narrative_parts WHERE id = ?", (part_id,))
            _drop_unused_themes(c)

    # -- reflection answers ----------------------------------------------------------------

    _ANSWER = "SELECT session_id, question_id, question_text, body, private, id FROM answers"

    @staticmethod
    def _answer(row: Row) -> Answer:
        return Answer(row[0], row[1], row[2], row[3], bool(row[4]), row[5])

    def save_answer(self, answer: Answer) -> Answer:
        """Insert or update the answer to one question in one session."""
        now = _now()
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
                    now,
                    now,
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
            _drop_unused_themes(c)

    def answers(self, session_id: int) -> list[Answer]:
        rows = self._all(f"{self._ANSWER} WHERE session_id = ? ORDER BY id", (session_id,))
        return [self._answer(r) for r in rows]

    def answers_to_question(self, question_id: str) -> list[tuple[Session, Answer]]:
        """Every answer to one question across sessions, oldest session first."""
        rows = self._all(
            "SELECT a.session_id, a.question_id, a.question_text, a.body, a.private, a.id, "
            "s.id, s.held_on, s.number, s.title, s.intention, s.setting "
            "FROM answers a JOIN sessions s ON s.id = a.session_id "
            "WHERE a.question_id = ? ORDER BY s.held_on, s.number",
            (question_id,),
        )
        return [(self._session(r[6:]), self._answer(r[:6])) for r in rows]

    # -- check-ins -------------------------------------------------------------------------

    _CHECKIN = (
        "SELECT checked_at, session_id, emotions, emotion_words, body_sensations, thoughts, "
        "colour, sound, texture, felt_sense, private, id FROM checkins"
    )

    @staticmethod
    def _checkin(row: Row) -> CheckIn:
        return CheckIn(
            checked_at=dt.datetime.fromisoformat(row[0]),
            session_id=row[1],
            emotions=tuple(json.loads(row[2])),
            emotion_words=row[3],
            body_sensations=row[4],
            thoughts=row[5],
            colour=row[6],
            sound=row[7],
            texture=row[8],
            felt_sense=row[9],
            private=bool(row[10]),
            id=row[11],
        )

    @staticmethod
    def _checkin_values(ci: CheckIn) -> tuple[Any, ...]:
        emotions = json.dumps(list(ci.emotions), ensure_ascii=False)
        return (
            ci.checked_at.isoformat(),
            ci.session_id,
            emotions,
            ci.emotion_words,
            ci.body_sensations,
            ci.thoughts,
            ci.colour,
            ci.sound,
            ci.texture,
            ci.felt_sense,
            int(ci.private),
        )

    def save_checkin(self, checkin: CheckIn) -> CheckIn:
        columns = (
            "checked_at, session_id, emotions, emotion_words, body_sensations, thoughts, "
            "colour, sound, texture, felt_sense, private"
        )
        with self.transaction() as c:
            if checkin.id:
                sets = ", ".join(f"{name.strip()} = ?" for name in columns.split(","))
                c.execute(
                    f"UPDATE checkins SET {sets} WHERE id = ?",
                    (*self._checkin_values(checkin), checkin.id),
                )
            else:
                cur = c.execute(
                    f"INSERT INTO checkins ({columns}) VALUES ({', '.join('?' * 11)})",
                    self._checkin_values(checkin),
                )
                checkin.id = int(cur.lastrowid or 0)
        return checkin

    def delete_checkin(self, checkin_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM checkins WHERE id = ?", (checkin_id,))

    def checkins(self, session_id: int | None) -> list[CheckIn]:
        """A session's check-ins (or those on no session, for ``None``), oldest first."""
        where = "session_id IS ?" if session_id is None else "session_id = ?"
        rows = self._all(f"{self._CHECKIN} WHERE {where} ORDER BY checked_at, id", (session_id,))
        return [self._checkin(r) for r in rows]

    # -- insights and actions ---------------------------------------------------------------

    def add_insight(self, session_id: int, body: str = "") -> Insight:
        now = _now()
        with self.transaction() as c:
            position = _next_position(c, "insights", "session_id", session_id)
            cur = c.execute(
                "INSERT INTO insights (session_id, body, position, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (session_id, body, position, now, now),
            )
        return Insight(session_id, body, position, int(cur.lastrowid or 0))

    def save_insight(self, insight_id: int, body: str) -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE insights SET body = ?, updated_at = ? WHERE id = ?",
                (body, _now(), insight_id),
            )

    def delete_insight(self, insight_id: int) -> None:
        """Deletes the insight and its actions."""
        with self.transaction() as c:
            c.execute("DELETE FROM insights WHERE id = ?", (insight_id,))
            _drop_unused_themes(c)

    def insights(self, session_id: int) -> list[Insight]:
        rows = self._all(
            "SELECT session_id, body, position, id FROM insights WHERE session_id = ? "
            "ORDER BY position, id",
            (session_id,),
        )
        return [Insight(*r) for r in rows]

    def move_insight(self, insight_id: int, new_index: int) -> None:
        self._reorder("insights", "session_id", insight_id, new_index)

    _ACTION_COLUMNS = (
        "insight_id, session_id, what, cue, how_often, with_whom, person_id, "
        "first_step, note, status, look_again, position"
    )
    _ACTION = f"SELECT {_ACTION_COLUMNS}, id FROM actions"

    @staticmethod
    def _action(row: Row) -> Action:
        return Action(
            insight_id=row[0],
            session_id=row[1],
            what=row[2],
            cue=row[3],
            how_often=row[4],
            with_whom=row[5],
            person_id=row[6],
            first_step=row[7],
            note=row[8],
            status=ActionStatus(row[9]),
            look_again=_date(row[10]),
            position=row[11],
            id=row[12],
        )

    def add_action(self, action: Action) -> Action:
        now = _now()
        with self.transaction() as c:
            action.position = _next_position(c, "actions", "insight_id", action.insight_id)
            cur = c.execute(
                f"INSERT INTO actions ({self._ACTION_COLUMNS}, created_at, updated_at) "
                f"VALUES ({', '.join('?' * 14)})",
                (*self._action_values(action), now, now),
            )
            action.id = int(cur.lastrowid or 0)
        return action

    @staticmethod
    def _action_values(a: Action) -> tuple[Any, ...]:
        return (
            a.insight_id,
            a.session_id,
            a.what,
            a.cue,
            a.how_often,
            a.with_whom,
            a.person_id,
            a.first_step,
            a.note,
            ActionStatus(a.status).value,
            a.look_again.isoformat() if a.look_again else None,
            a.position,
        )

    def save_action(self, action: Action) -> None:
        sets = ", ".join(f"{n.strip()} = ?" for n in self._ACTION_COLUMNS.split(","))
        with self.transaction() as c:
            c.execute(
                f"UPDATE actions SET {sets}, updated_at = ? WHERE id = ?",
                (*self._action_values(action), _now(), action.id),
            )

    def delete_action(self, action_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM actions WHERE id = ?", (action_id,))

    def actions_for_insight(self, insight_id: int) -> list[Action]:
        rows = self._all(
            f"{self._ACTION} WHERE insight_id = ? ORDER BY position, id", (insight_id,)
        )
        return [self._action(r) for r in rows]

    def actions_for_session(self, session_id: int) -> list[Action]:
        rows = self._all(
            f"SELECT a.{self._ACTION_COLUMNS.replace(', ', ', a.')}, a.id FROM actions a "
            "JOIN insights i ON i.id = a.insight_id WHERE a.session_id = ? "
            "ORDER BY i.position, i.id, a.position, a.id",
            (session_id,),
        )
        return [self._action(r) for r in rows]

    def active_actions(self) -> list[Action]:
        """Planned and doing, across sessions, oldest session first."""
        rows = self._all(
            f"SELECT a.{self._ACTION_COLUMNS.replace(', ', ', a.')}, a.id FROM actions a "
            "JOIN sessions s ON s.id = a.session_id JOIN insights i ON i.id = a.insight_id "
            "WHERE a.status IN ('planned', 'doing') "
            "ORDER BY s.held_on, s.number, i.position, a.position, a.id"
        )
        return [self._action(r) for r in rows]

    def action(self, action_id: int) -> Action | None:
        row = self._one(f"{self._ACTION} WHERE id = ?", (action_id,))
        return None if row is None else self._action(row)

    def move_action(self, action_id: int, new_index: int) -> None:
        self._reorder("actions", "insight_id", action_id, new_index)

    def _reorder(self, table: str, parent: str, row_id: int, new_index: int) -> None:
        with self.transaction() as c:
            owner = c.execute(f"SELECT {parent} FROM {table} WHERE id = ?", (row_id,)).fetchone()
            if owner is None:
                return
            ids = [
                r[0]
                for r in c.execute(
                    f"SELECT id FROM {table} WHERE {parent} = ? ORDER BY position, id", (owner[0],)
                )
            ]
            ids.remove(row_id)
            ids.insert(max(0, min(new_index, len(ids))), row_id)
            c.executemany(
                f"UPDATE {table} SET position = ? WHERE id = ?",
                [(i, rid) for i, rid in enumerate(ids)],
            )

    # -- weekly check-offs -------------------------------------------------------------------

    def set_tick(self, action_id: int, day: dt.date, done: bool) -> None:
        with self.transaction() as c:
            if done:
                c.execute(
                    "INSERT OR IGNORE INTO action_ticks (action_id, day) VALUES (?, ?)",
                    (action_id, day.isoformat()),
                )
            else:
                c.execute(
                    "DELETE FROM action_ticks WHERE action_id = ? AND day = ?",
                    (action_id, day.isoformat()),
                )

    def ticks(self, action_id: int, start: dt.date, end: dt.date) -> set[dt.date]:
        """Days ticked between ``start`` and ``end``, both included."""
        rows = self._all(
            "SELECT day FROM action_ticks WHERE action_id = ? AND day BETWEEN ? AND ?",
            (action_id, start.isoformat(), end.isoformat()),
        )
        return {dt.date.fromisoformat(r[0]) for r in rows}

    def week_note(self, week_start: dt.date) -> WeekNote:
        row = self._one(
            "SELECT body, id FROM week_notes WHERE week_start = ?", (week_start.isoformat(),)
        )
        return WeekNote(week_start, row[0], row[1]) if row else WeekNote(week_start)

    def save_week_note(self, note: WeekNote) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO week_notes (week_start, body) VALUES (?, ?) "
                "ON CONFLICT (week_start) DO UPDATE SET body = excluded.body",
                (note.week_start.isoformat(), note.body),
            )

    # -- people ----------------------------------------------------------------------------

    def save_person(self, person: Person) -> Person:
        with self.transaction() as c:
            if person.id:
                c.execute(
                    "UPDATE people SET name = ?, note = ? WHERE id = ?",
                    (person.name, person.note, person.id),
                )
            else:
                cur = c.execute(
                    "INSERT INTO people (name, note) VALUES (?, ?)", (person.name, person.note)
                )
                person.id = int(cur.lastrowid or 0)
        return person

    def delete_person(self, person_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM people WHERE id = ?", (person_id,))

    def people(self) -> list[Person]:
        rows = self._all("SELECT name, note, id FROM people ORDER BY name COLLATE NOCASE, id")
        return [Person(*r) for r in rows]

    # -- the client's own questions ----------------------------------------------------------

    def add_custom_question(self, group_id: str, text: str) -> str:
        """Returns the new question's id ("own.<n>")."""
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO custom_questions (group_id, text, created_at) VALUES (?, ?, ?)",
                (group_id, text, _now()),
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

    # -- themes ----------------------------------------------------------------------------

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

    # -- search ----------------------------------------------------------------------------

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
