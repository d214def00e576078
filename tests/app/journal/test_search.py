"""Full-text search: ranking, phrases, prefixes, diacritics, hostile input, every kind of row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app import vault
from app.journal import Journal
from app.journal.model import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    Action,
    Answer,
    CheckIn,
    Person,
    SearchHit,
    WeekNote,
)
from app.journal.search import to_fts_query

DAY = dt.date(2024, 3, 1)
MONDAY = dt.date(2024, 3, 4)


@pytest.fixture
def j(opened: vault.Vault) -> Journal:
    return opened.journal


def narrative(j: Journal, text: str, held_on: dt.date = DAY) -> tuple[int, int]:
    """A new session whose story is ``text``: (session id, part id)."""
    s = j.add_session(held_on)
    part = j.narrative(s.id)[0]
    j.save_narrative_part(part.id, text)
    return s.id, part.id


def found(hits: list[SearchHit]) -> set[tuple[str, int]]:
    return {(h.kind, h.ref_id) for h in hits}


# -- ranking and matching ------------------------------------------------------------------


def test_more_mentions_rank_higher(j: Journal) -> None:
    _, once = narrative(j, "the lantern glowed beside a quiet bench near the water today")
    _, thrice = narrative(j, "a lantern, then another lantern, then a third lantern glowed")
    _, never = narrative(j, "nothing to see in this one at all, only a quiet bench")
    hits = j.search("lantern")
    assert [h.ref_id for h in hits] == [thrice, once]
    assert hits[0].rank < hits[1].rank  # bm25: lower is better
    assert never not in {h.ref_id for h in hits}
    # added in the other order, the ranking is the same
    _, thrice_again = narrative(j, "lantern lantern lantern, glowing softly by the window")
    assert j.search("lantern")[-1].ref_id == once
    assert thrice_again in {h.ref_id for h in j.search("lantern")[:2]}


def test_a_quoted_phrase_matches_only_adjacent_words(j: Journal) -> None:
    _, adjacent = narrative(j, "I saw the blue ocean stretching out")
    _, apart = narrative(j, "the ocean was not blue at all")
    _, between = narrative(j, "blue light over the ocean")
    assert [h.ref_id for h in j.search('"blue ocean"')] == [adjacent]
    assert {h.ref_id for h in j.search("blue ocean")} == {adjacent, apart, between}
    assert {h.ref_id for h in j.search('"Blue, ocean"')} == {adjacent}  # punctuation ignored
    assert j.search('"ocean blue"') == []


def test_a_trailing_star_is_a_prefix_search(j: Journal) -> None:
    _, integration = narrative(j, "integration takes time")
    _, integrating = narrative(j, "I am integrating slowly")
    _, integral = narrative(j, "an integral part")
    assert {h.ref_id for h in j.search("integrat*")} == {integration, integrating}
    assert {h.ref_id for h in j.search("INTEGRAT*")} == {integration, integrating}
    assert {h.ref_id for h in j.search("integra*")} == {integration, integrating, integral}
    assert {h.ref_id for h in j.search("in*")} >= {integration, integrating, integral}
    assert j.search("integrat") == []  # without the star a word must match whole


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("we sat in the café", "cafe"),
        ("we sat in the cafe", "café"),
        ("we sat in the cafe\u0301", "café"),  # decomposed é in the text
        ("we sat in the café", "cafe\u0301"),  # decomposed é typed
        ("a naïve hope", "naive"),
        ("Ångström and smörgåsbord", "angstrom"),
        ("Ångström and smörgåsbord", "SMORGASBORD"),
        ("ÉTÉ", "été"),
        ("été", "ÉTÉ"),
        ("Straße", "STRAẞE"),  # capital sharp s
    ],
)
def test_matching_ignores_case_and_diacritics(j: Journal, stored: str, typed: str) -> None:
    _, part = narrative(j, stored)
    assert [h.ref_id for h in j.search(typed)] == [part]


def test_case_does_not_matter(j: Journal) -> None:
    _, part = narrative(j, "The Ocean was Calm")
    for typed in ("ocean", "OCEAN", "oCeAn", "calm ocean", '"OCEAN WAS CALM"'):
        assert [h.ref_id for h in j.search(typed)] == [part], typed


def test_all_words_must_match(j: Journal) -> None:
    _, both = narrative(j, "the river and the stone")
    narrative(j, "only the river")
    assert [h.ref_id for h in j.search("stone river")] == [both]


def test_empty_and_wordless_searches_find_nothing(j: Journal) -> None:
    narrative(j, "something to find")
    for typed in ("", "   ", "\t\n", "*", "**", "-", ":", '"', '""', "()", "🌊", "—", "…"):
        assert j.search(typed) == [], repr(typed)


def test_limit(j: Journal) -> None:
    for _ in range(5):
        narrative(j, "again")
    assert len(j.search("again")) == 5
    assert len(j.search("again", limit=2)) == 2


# -- what people type ----------------------------------------------------------------------

_TYPED = [
    '"',
    '""',
    '"unclosed',
    'closed"',
    '"a" "',
    "(",
    ")",
    "(lantern",
    "lantern)",
    "(a OR b",
    "AND",
    "OR",
    "NOT",
    "lantern AND",
    "AND lantern",
    "lantern OR",
    "NOT lantern",
    "lantern NOT",
    "NEAR",
    "NEAR(",
    "NEAR(lantern",
    "NEAR(lantern bench, 2)",
    "lantern NEAR bench",
    "*",
    "*lantern",
    "lantern**",
    "lan*tern",
    "-",
    "-lantern",
    "lantern-",
    "--",
    ":",
    "body:",
    "body:lantern",
    "kind:session",
    "{body label}: lantern",
    "^",
    "^lantern",
    "+lantern",
    "'",
    "lantern's",
    "\\",
    "lantern' OR '1'='1",
    "lantern; DROP TABLE sessions; --",
    "\x00",
    "lantern\x00bench",
    "%",
    "_",
    "lan_tern",
    "\u202elantern",
    "🔥lantern🔥",
    "ﾟ",
]


@pytest.mark.parametrize("typed", _TYPED)
def test_search_syntax_typed_by_a_person_never_raises(j: Journal, typed: str) -> None:
    narrative(j, "the lantern sat on the bench; near it, nothing.")
    hits = j.search(typed)
    assert isinstance(hits, list)
    assert j.session_count() == 1  # nothing was run but the search


@pytest.mark.parametrize(
    "typed",
    [
        '"lantern',
        "(lantern",
        "lantern)",
        "lantern:",
        "-lantern",
        "+lantern",
        "^lantern",
        "lantern**",
        "{lantern}",
        "*lantern",
        "🔥lantern🔥",
        '"(lantern)"',
    ],
)
def test_a_word_wrapped_in_syntax_is_still_found(j: Journal, typed: str) -> None:
    _, part = narrative(j, "the lantern sat on the bench")
    assert [h.ref_id for h in j.search(typed)] == [part]


def test_operators_are_searched_as_words(j: Journal) -> None:
    _, part = narrative(j, "and then, not knowing, I went near the sea or the hills")
    for typed in ("AND", "NOT", "NEAR", "OR", "sea OR nothing", "NOT sea"):
        hits = j.search(typed)
        if typed == "sea OR nothing":
            assert hits == []  # "or" and "nothing": nothing is not in the text
        else:
            assert [h.ref_id for h in hits] == [part], typed


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text())
@example(typed='"\x00"*')
@example(typed='NEAR("a" "b", -1)')
@example(typed="\u0301*")
@example(typed="a\u0301 *")
def test_no_typed_text_makes_search_raise(j: Journal, typed: str) -> None:
    if j.session_count() == 0:
        narrative(j, "a few words to search through, café and all")
    assert isinstance(j.search(typed), list)
    query = to_fts_query(typed)
    assert isinstance(query, str)


# -- snippets ------------------------------------------------------------------------------


def test_snippets_mark_each_match(j: Journal) -> None:
    narrative(j, "First the Lantern, then the bench, then the lantern again.")
    [hit] = j.search("lantern")
    assert hit.snippet.count(HIGHLIGHT_START) == 2
    assert hit.snippet.count(HIGHLIGHT_END) == 2
    assert f"{HIGHLIGHT_START}Lantern{HIGHLIGHT_END}" in hit.snippet
    assert f"{HIGHLIGHT_START}lantern{HIGHLIGHT_END}" in hit.snippet
    plain = hit.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
    assert plain == "First the Lantern, then the bench, then the lantern again."


def test_snippets_mark_the_original_spelling_and_prefix_matches(j: Journal) -> None:
    narrative(j, "Coffee at the Café, and integrating it all")
    [cafe] = j.search("cafe")
    assert f"{HIGHLIGHT_START}Café{HIGHLIGHT_END}" in cafe.snippet
    [prefix] = j.search("integ*")
    assert f"{HIGHLIGHT_START}integrating{HIGHLIGHT_END}" in prefix.snippet


def test_a_long_text_gives_a_short_snippet_around_the_match(j: Journal) -> None:
    filler = " ".join(f"word{i}" for i in range(300))
    narrative(j, f"{filler} the lantern {filler}")
    [hit] = j.search("lantern")
    assert f"{HIGHLIGHT_START}lantern{HIGHLIGHT_END}" in hit.snippet
    assert len(hit.snippet.split()) <= 14
    assert "…" in hit.snippet


# -- every kind of row ---------------------------------------------------------------------


def _word(n: int) -> str:
    # distinct, letter-only words that share no prefix with ordinary text
    return "zq" + "".join("abcdefghij"[int(d)] for d in f"{n:04d}")


def test_every_kind_of_row_is_searchable(j: Journal) -> None:
    words = iter(_word(n) for n in range(100))
    expected: dict[str, tuple[str, int, int | None, str]] = {}

    def put(kind: str, ref_id: int, session_id: int | None, label: str) -> str:
        w = next(words)
        expected[w] = (kind, ref_id, session_id, label)
        return w

    s = j.add_session(DAY)
    title, intention, setting = (put("session", s.id, s.id, "session") for _ in range(3))
    s.title, s.intention, s.setting = f"A {title}", f"to {intention}", f"at {setting}"
    j.update_session(s)

    first = j.narrative(s.id)[0]
    j.save_narrative_part(first.id, f"story {put('narrative', first.id, s.id, 'narrative')}")
    added = j.add_narrative_part(s.id, DAY, "")
    j.save_narrative_part(added.id, f"later {put('narrative', added.id, s.id, 'narrative')}")

    answer = j.save_answer(Answer(s.id, "story.1", "What happened?", ""))
    answer.body = f"it was {put('answer', answer.id, s.id, 'What happened?')}"
    j.save_answer(answer)

    checkins = []
    for session_id in (s.id, None):
        c = j.save_checkin(CheckIn(dt.datetime(2024, 3, 1, 9), session_id))
        fields = ("emotion_words", "body_sensations", "thoughts", "colour", "sound")
        fields += ("texture", "felt_sense")
        for name in fields:
            setattr(c, name, f"{name} {put('checkin', c.id, session_id, 'check-in')}")
        c.emotions = (put("checkin", c.id, session_id, "check-in"), "calm")
        j.save_checkin(c)
        checkins.append(c)

    insight = j.add_insight(s.id, "")
    j.save_insight(insight.id, f"I saw {put('insight', insight.id, s.id, 'insight')}")

    action = j.add_action(Action(insight.id, s.id))
    for name in ("what", "cue", "how_often", "with_whom", "first_step", "note"):
        setattr(action, name, f"{name} {put('action', action.id, s.id, 'action')}")
    j.save_action(action)

    person = j.save_person(Person("x"))
    person.name = put("person", person.id, None, "person")
    person.note = f"my {put('person', person.id, None, 'person')}"
    j.save_person(person)

    question_words = next(words)
    question = j.add_custom_question("body", f"Where is the {question_words}?")
    expected[question_words] = ("question", int(question.removeprefix("own.")), None, "question")

    j.save_week_note(WeekNote(MONDAY, "quiet"))
    note_id = j.week_note(MONDAY).id
    j.save_week_note(WeekNote(MONDAY, f"this week {put('week_note', note_id, None, '2024-03-04')}"))

    assert len(expected) == 33
    for word, (kind, ref_id, session_id, label) in expected.items():
        hits = j.search(word)
        assert [(h.kind, h.ref_id, h.session_id, h.label) for h in hits] == [
            (kind, ref_id, session_id, label)
        ], word
        assert f"{HIGHLIGHT_START}{word}{HIGHLIGHT_END}" in hits[0].snippet, word
    kinds = {kind for kind, *_ in expected.values()}
    assert kinds == {
        "session",
        "narrative",
        "answer",
        "checkin",
        "insight",
        "action",
        "person",
        "question",
        "week_note",
    }
    # every field of a row is one entry: a word from each field finds the row once
    assert len(j.search(" ".join(w for w, v in expected.items() if v[0] == "action"))) == 1
    assert [h.kind for h in j.search("zq*", limit=100)].count("checkin") == 2


def test_rows_with_the_same_id_in_different_tables_are_told_apart(j: Journal) -> None:
    s = j.add_session(DAY, title="shared")
    part = j.narrative(s.id)[0]
    j.save_narrative_part(part.id, "shared")
    insight = j.add_insight(s.id, "shared")
    assert s.id == part.id == insight.id == 1
    assert found(j.search("shared")) == {("session", 1), ("narrative", 1), ("insight", 1)}


# -- the index follows every change --------------------------------------------------------


Change = Callable[[Journal], None]


def test_updates_replace_the_old_words(j: Journal) -> None:
    s = j.add_session(DAY, title="oldtitle", intention="oldintention", setting="oldsetting")
    part = j.narrative(s.id)[0]
    j.save_narrative_part(part.id, "oldstory")
    answer = j.save_answer(Answer(s.id, "q", "Q?", "oldanswer"))
    c = j.save_checkin(CheckIn(dt.datetime(2024, 3, 1), s.id, ("oldemotion",), colour="oldcolour"))
    insight = j.add_insight(s.id, "oldinsight")
    action = j.add_action(Action(insight.id, s.id, what="oldwhat", note="oldnote"))
    person = j.save_person(Person("oldname", "oldperson"))
    j.save_week_note(WeekNote(MONDAY, "oldweek"))
    old = [
        "oldtitle",
        "oldintention",
        "oldsetting",
        "oldstory",
        "oldanswer",
        "oldemotion",
        "oldcolour",
        "oldinsight",
        "oldwhat",
        "oldnote",
        "oldname",
        "oldperson",
        "oldweek",
    ]
    assert all(len(j.search(w)) == 1 for w in old)

    s.title, s.intention, s.setting = "newtitle", "", "newsetting"
    j.update_session(s)
    j.save_narrative_part(part.id, "newstory")
    answer.body = "newanswer"
    j.save_answer(answer)
    c.emotions, c.colour = ("newemotion",), ""
    j.save_checkin(c)
    j.save_insight(insight.id, "newinsight")
    action.what, action.note = "newwhat", ""
    j.save_action(action)
    person.name, person.note = "newname", ""
    j.save_person(person)
    j.save_week_note(WeekNote(MONDAY, "newweek"))

    for w in old:
        assert j.search(w) == [], w
    assert j.search("old*") == []
    assert found(j.search("newtitle")) == {("session", s.id)}
    assert found(j.search("newsetting")) == {("session", s.id)}
    assert found(j.search("newstory")) == {("narrative", part.id)}
    assert found(j.search("newanswer")) == {("answer", answer.id)}
    assert found(j.search("newemotion")) == {("checkin", c.id)}
    assert found(j.search("newinsight")) == {("insight", insight.id)}
    assert found(j.search("newwhat")) == {("action", action.id)}
    assert found(j.search("newname")) == {("person", person.id)}
    assert [h.kind for h in j.search("newweek")] == ["week_note"]


def test_a_check_in_moved_off_its_session_reports_no_session(j: Journal) -> None:
    s = j.add_session(DAY)
    c = j.save_checkin(CheckIn(dt.datetime(2024, 3, 1), s.id, texture="mossy"))
    assert [(h.kind, h.session_id) for h in j.search("mossy")] == [("checkin", s.id)]
    c.session_id = None
    j.save_checkin(c)
    assert [(h.kind, h.ref_id, h.session_id) for h in j.search("mossy")] == [
        ("checkin", c.id, None)
    ]


def test_moving_and_relinking_keep_one_entry_per_row(j: Journal) -> None:
    s = j.add_session(DAY)
    a, b = j.add_insight(s.id, "firstinsight"), j.add_insight(s.id, "secondinsight")
    act = j.add_action(Action(a.id, s.id, what="walk", with_whom="Sam"))
    j.add_action(Action(a.id, s.id, what="rest"))
    sam = j.save_person(Person("Sam"))
    act.person_id = sam.id
    j.save_action(act)
    j.move_insight(b.id, 0)
    j.move_action(act.id, 1)
    j.delete_person(sam.id)  # sets the action's person to none: an update
    assert found(j.search("firstinsight")) == {("insight", a.id)}
    assert found(j.search("walk")) == {("action", act.id)}
    total = j.conn.execute("SELECT count(*) FROM search_index").fetchone()[0]
    assert total == 1 + 1 + 2 + 2  # session, its narrative, two insights, two actions


def test_deletes_remove_the_words(j: Journal) -> None:
    s = j.add_session(DAY, title="keepme")
    part = j.add_narrative_part(s.id, DAY, "gonestory")
    answer = j.save_answer(Answer(s.id, "q", "Q?", "goneanswer"))
    c = j.save_checkin(CheckIn(dt.datetime(2024, 3, 1), None, ("goneemotion",)))
    insight = j.add_insight(s.id, "goneinsight")
    j.add_action(Action(insight.id, s.id, what="goneactionofinsight"))
    other = j.add_insight(s.id, "keptinsight")
    action = j.add_action(Action(other.id, s.id, what="goneaction"))
    person = j.save_person(Person("goneperson"))
    question = j.add_custom_question("g", "gonequestion")
    deletes: list[tuple[str, Change]] = [
        ("gonestory", lambda jj: jj.delete_narrative_part(part.id)),
        ("goneanswer", lambda jj: jj.delete_answer(answer.id)),
        ("goneemotion", lambda jj: jj.delete_checkin(c.id)),
        ("goneinsight", lambda jj: jj.delete_insight(insight.id)),
        ("goneaction", lambda jj: jj.delete_action(action.id)),
        ("goneperson", lambda jj: jj.delete_person(person.id)),
        ("gonequestion", lambda jj: jj.delete_custom_question(question)),
    ]
    for word, delete in deletes:
        assert len(j.search(word)) == 1, word
        delete(j)
        assert j.search(word) == [], word
    assert j.search("goneactionofinsight") == []  # went with its insight
    assert j.search("gone*") == []
    assert found(j.search("keptinsight")) == {("insight", other.id)}
    j.delete_session(s.id)
    assert j.search("keepme") == []
    assert j.search("keptinsight") == []
    assert j.conn.execute("SELECT count(*) FROM search_index").fetchone()[0] == 0
