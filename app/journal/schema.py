"""The journal's tables, full-text index and migrations (``PRAGMA user_version``).

Every text field feeds one FTS5 index. Triggers queue each written row in the same
transaction as the write, so the index can never silently drift whatever code path
writes; ``search_index.refresh_index_statements`` catches the index up (search does this
first).
Index rowids are ``row id * 16 + kind``, which makes a row's index entry a direct lookup.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlcipher3

from app.errors import DatabaseDamaged
from app.vault.database import Connection

# kind codes in the search index (rowid % 16)
KINDS = {
    "session": 1,
    "narrative": 2,
    "answer": 3,
    "checkin": 4,
    "insight": 5,
    "action": 6,
    "person": 7,
    "question": 8,
    "week_note": 9,
    "revisit": 10,
}

# table -> (kind, session id expression, label expression, body expression)
_INDEXED = {
    "sessions": (
        "session",
        "NEW.id",
        "'session'",
        "concat_ws(char(10), nullif(NEW.title, ''), nullif(NEW.intention, ''), "
        "nullif(NEW.setting, ''))",
    ),
    "narrative_parts": ("narrative", "NEW.session_id", "'narrative'", "NEW.body"),
    "answers": ("answer", "NEW.session_id", "NEW.question_text", "NEW.body"),
    "checkins": (
        "checkin",
        "NEW.session_id",
        "'check-in'",
        "concat_ws(char(10), (SELECT group_concat(value, ', ') FROM json_each(NEW.emotions)), "
        + ", ".join(
            f"nullif(NEW.{c}, '')"
            for c in (
                "emotion_words",
                "body_sensations",
                "thoughts",
                "colour",
                "sound",
                "texture",
                "felt_sense",
            )
        )
        + ")",
    ),
    "insights": ("insight", "NEW.session_id", "'insight'", "NEW.body"),
    "actions": (
        "action",
        "NEW.session_id",
        "'action'",
        "concat_ws(char(10), "
        + ", ".join(
            f"nullif(NEW.{c}, '')"
            for c in ("what", "cue", "how_often", "with_whom", "first_step", "note")
        )
        + ")",
    ),
    "people": (
        "person",
        "NULL",
        "'person'",
        "concat_ws(char(10), nullif(NEW.name, ''), nullif(NEW.note, ''), nullif(NEW.reach, ''))",
    ),
    "custom_questions": ("question", "NULL", "'question'", "NEW.text"),
    "week_notes": ("week_note", "NULL", "NEW.week_start", "NEW.body"),
    "revisit_notes": ("revisit", "NEW.session_id", "NEW.written_on", "NEW.body"),
}
# Tables that came after the first version; their triggers are made by their migration.
_LATER_TABLES = ("revisit_notes",)

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    held_on TEXT NOT NULL,
    number INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    intention TEXT NOT NULL DEFAULT '',
    setting TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_date ON sessions (held_on DESC, number DESC);

CREATE TABLE narrative_parts (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    written_on TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX narrative_by_session ON narrative_parts (session_id, position);

CREATE TABLE custom_questions (
    id INTEGER PRIMARY KEY,
    group_id TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE hidden_questions (question_id TEXT PRIMARY KEY) STRICT;

CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    question_text TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (session_id, question_id)
) STRICT;
CREATE INDEX answers_by_question ON answers (question_id);

CREATE TABLE checkins (
    id INTEGER PRIMARY KEY,
    session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
    checked_at TEXT NOT NULL,
    emotions TEXT NOT NULL DEFAULT '[]',  -- JSON list of words chosen from a list
    emotion_words TEXT NOT NULL DEFAULT '',
    body_sensations TEXT NOT NULL DEFAULT '',
    thoughts TEXT NOT NULL DEFAULT '',
    colour TEXT NOT NULL DEFAULT '',
    sound TEXT NOT NULL DEFAULT '',
    texture TEXT NOT NULL DEFAULT '',
    felt_sense TEXT NOT NULL DEFAULT '',
    private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1))
) STRICT;
CREATE INDEX checkins_by_session ON checkins (session_id, checked_at);

CREATE TABLE insights (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    body TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX insights_by_session ON insights (session_id, position);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    insight_id INTEGER NOT NULL REFERENCES insights (id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    what TEXT NOT NULL DEFAULT '',
    cue TEXT NOT NULL DEFAULT '',
    how_often TEXT NOT NULL DEFAULT '',
    with_whom TEXT NOT NULL DEFAULT '',
    person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    first_step TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'doing', 'done', 'let_go')),
    look_again TEXT,
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX actions_by_insight ON actions (insight_id, position);
CREATE INDEX actions_by_session ON actions (session_id);

CREATE TABLE action_ticks (
    action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    PRIMARY KEY (action_id, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE week_notes (
    id INTEGER PRIMARY KEY,
    week_start TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE themes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

CREATE TABLE theme_links (
    theme_id INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('narrative', 'answer', 'insight')),
    target_id INTEGER NOT NULL,
    PRIMARY KEY (theme_id, kind, target_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX theme_links_by_target ON theme_links (kind, target_id);

-- Rows written since the index last caught up. Re-indexing a long text costs far more than
-- saving it, so autosave only queues the row and search catches up first.
CREATE TABLE index_queue (doc INTEGER PRIMARY KEY) STRICT;

CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED, session_id UNINDEXED, label UNINDEXED, body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);
"""

# Theme links point at rows of three tables; these keep them from outliving their rows.
_LINK_CLEANUP = {"narrative_parts": "narrative", "answers": "answer", "insights": "insight"}


def _index_triggers(tables: tuple[str, ...] | None = None) -> str:
    """The queue triggers of ``tables`` (None: the first version's, with link cleanup)."""
    statements = []
    for table, (kind, _, _, _) in _INDEXED.items():
        if (table in _LATER_TABLES) if tables is None else (table not in tables):
            continue
        code = KINDS[kind]
        # ON CONFLICT DO NOTHING, not OR IGNORE: an outer upsert or foreign-key action
        # would override OR IGNORE inside a trigger and fail on a row queued already.
        queue = (
            f"INSERT INTO index_queue (doc) VALUES (NEW.id * 16 + {code}) ON CONFLICT DO NOTHING;"
        )
        statements.append(
            f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN {queue} END;\n"
            f"CREATE TRIGGER {table}_au AFTER UPDATE ON {table} BEGIN {queue} END;\n"
            # Deleting is explicit and rare: the words leave the index at once.
            f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM search_index WHERE rowid = OLD.id * 16 + {code}; "
            f"DELETE FROM index_queue WHERE doc = OLD.id * 16 + {code}; END;"
        )
    for table, kind in _LINK_CLEANUP.items() if tables is None else ():
        statements.append(
            f"CREATE TRIGGER {table}_unlink AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM theme_links WHERE kind = '{kind}' AND target_id = OLD.id; END;"
        )
    return "\n".join(statements)


Migration = Callable[[Connection], None]


def _create_v1(conn: Connection) -> None:
    for statement in _split(_TABLES + "\n" + _index_triggers()):
        conn.execute(statement)


def _split(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if buffer.strip() and _complete(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def _complete(text: str) -> bool:
    return bool(sqlcipher3.complete_statement(text))


def _migrate_actions_looking_again(conn: Connection) -> None:
    # The revisit banner asks, at every unlock, for the actions whose look-again day has
    # come, oldest session first; this lets it walk the sessions in order and stop after
    # the few it offers, instead of reading every action of a long journal.
    conn.execute(
        "CREATE INDEX actions_looking_again ON actions (session_id, look_again) "
        "WHERE status IN ('planned', 'doing') AND look_again IS NOT NULL"
    )


def _migrate_people_reach(conn: Connection) -> None:
    """How to reach someone, and whether they belong on the "When it's hard" page."""
    conn.execute("ALTER TABLE people ADD COLUMN reach TEXT NOT NULL DEFAULT ''")
    conn.execute(
        "ALTER TABLE people ADD COLUMN when_hard INTEGER NOT NULL DEFAULT 0 "
        "CHECK (when_hard IN (0, 1))"
    )


def _migrate_revisit_notes(conn: Connection) -> None:
    """Coming back to a session later: dated reflections that never overwrite the earlier
    answers."""
    conn.execute(
        "CREATE TABLE revisit_notes ("
        " id INTEGER PRIMARY KEY,"
        " session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
        " written_on TEXT NOT NULL,"
        " body TEXT NOT NULL DEFAULT '',"
        " private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),"
        " created_at TEXT NOT NULL,"
        " updated_at TEXT NOT NULL"
        ") STRICT"
    )
    conn.execute("CREATE INDEX revisit_notes_by_session ON revisit_notes (session_id, written_on)")
    for statement in _split(_index_triggers(("revisit_notes",))):
        conn.execute(statement)


def _migrate_own_words(conn: Connection) -> None:
    # The spell checker's "Add to my words": kept in the vault, never in a word-list file.
    conn.execute("CREATE TABLE own_words (word TEXT PRIMARY KEY NOT NULL, added_at TEXT NOT NULL)")


def _migrate_feeling_amounts(conn: Connection) -> None:
    # "a little" / "a lot" beside a check-in's feeling words; the words themselves stay.
    conn.execute("ALTER TABLE checkins ADD COLUMN emotion_amounts TEXT NOT NULL DEFAULT '{}'")


def _migrate_measures(conn: Connection) -> None:
    # Optional PHQ-9 / GAD-7 answers (app.follow.measures): a JSON list of 0-3 per item.
    conn.execute(
        "CREATE TABLE measure_results (id INTEGER PRIMARY KEY, "
        "measure TEXT NOT NULL CHECK (measure IN ('phq9', 'gad7')), "
        "taken_at TEXT NOT NULL, answers TEXT NOT NULL) STRICT"
    )


# MIGRATIONS[n] brings a database from version n to n + 1.
MIGRATIONS: list[Migration] = [
    _create_v1,
    _migrate_people_reach,
    _migrate_revisit_notes,
    _migrate_actions_looking_again,
    _migrate_own_words,
    _migrate_feeling_amounts,
    _migrate_measures,
]


def current_version() -> int:
    return len(MIGRATIONS)


def version_of(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, before_upgrade: Callable[[], None]) -> None:
    """Bring the schema up to date, one transaction per step. ``before_upgrade`` runs once
    before an existing journal is changed (the vault takes an encrypted backup there); a
    brand-new database has nothing to protect."""
    version = version_of(conn)
    if version > current_version():
        raise DatabaseDamaged("it was written by a newer version of the app; please update")
    if 0 < version < current_version():
        before_upgrade()
    for step in range(version, current_version()):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {step + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
