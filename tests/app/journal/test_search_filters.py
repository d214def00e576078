"""Search filters: section, session date range and theme, alone and together, in SQL."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import vault
from app.journal import Journal, search
from app.journal.model import Action, Answer, CheckIn, Person, SearchHit
from app.journal.search import SearchFilters, match_spans

OCT = dt.date(2026, 10, 5)
NOV = dt.date(2026, 11, 9)
DEC = dt.date(2026, 12, 14)


@pytest.fixture
def j(opened: vault.Vault) -> Journal:
    return opened.journal


def found(hits: list[SearchHit]) -> set[tuple[str, int]]:
    return {(h.kind, h.ref_id) for h in hits}


@pytest.fixture
def world(j: Journal) -> dict[str, int]:
    """Three sessions, each with "harbour" in every kind of place; one person too."""
    ids: dict[str, int] = {}
    for name, day in (("oct", OCT), ("nov", NOV), ("dec", DEC)):
        s = j.add_session(day, title=f"harbour {name} title")
        ids[f"{name}.session"] = s.id
        part = j.narrative(s.id)[0]
        j.save_narrative_part(part.id, f"the harbour at dawn ({name})")
        ids[f"{name}.narrative"] = part.id
        ids[f"{name}.answer"] = j.save_answer(
            Answer(s.id, "story.1", "What stays with you?", f"the harbour wall {name}")
        ).id
        ids[f"{name}.checkin"] = j.save_checkin(
            CheckIn(dt.datetime(day.year, day.month, day.day, 20), s.id, thoughts="harbour")
        ).id
        insight = j.add_insight(s.id, f"harbour means rest {name}")
        ids[f"{name}.insight"] = insight.id
        ids[f"{name}.action"] = j.add_action(
            Action(insight.id, s.id, what="walk to the harbour")
        ).id
    ids["person"] = j.save_person(Person("Harbour friend", "")).id
    return ids


def test_without_filters_everything_is_found(j: Journal, world: dict[str, int]) -> None:
    assert len(j.search("harbour")) == 3 * 6 + 1


@pytest.mark.parametrize(
    ("section", "kinds"),
    [
        ("narrative", {"narrative"}),
        ("answer", {"answer"}),
        ("checkin", {"checkin"}),
        ("plan", {"insight", "action"}),
        ("session", {"session"}),
        ("other", {"person"}),
    ],
)
def test_each_section(j: Journal, world: dict[str, int], section: str, kinds: set[str]) -> None:
    hits = j.search("harbour", filters=SearchFilters(section=section))
    assert hits and {h.kind for h in hits} == kinds
    assert len(hits) == (1 if section == "other" else 3 * len(kinds))


def test_an_unknown_section_is_refused() -> None:
    with pytest.raises(ValueError):
        SearchFilters(section="everything")


def test_date_range_uses_the_session_date_both_ends_included(
    j: Journal, world: dict[str, int]
) -> None:
    only_nov = j.search("harbour", filters=SearchFilters(since=NOV, until=NOV))
    assert {h.session_id for h in only_nov} == {world["nov.session"]}
    assert len(only_nov) == 6  # session, story, answer, check-in, insight, action
    from_nov = j.search("harbour", filters=SearchFilters(since=NOV))
    assert {h.session_id for h in from_nov} == {world["nov.session"], world["dec.session"]}
    until_nov = j.search("harbour", filters=SearchFilters(until=NOV - dt.timedelta(days=1)))
    assert {h.session_id for h in until_nov} == {world["oct.session"]}
    # a person belongs to no session: left out while a range is set
    assert ("person", world["person"]) not in found(from_nov)
    assert j.search("harbour", filters=SearchFilters(since=DEC + dt.timedelta(days=1))) == []


def test_the_date_follows_a_session_moved_to_another_day(j: Journal, world: dict[str, int]) -> None:
    session = j.session(world["oct.session"])
    assert session is not None
    session.held_on = DEC
    j.update_session(session)
    hits = j.search("harbour", filters=SearchFilters(since=DEC, until=DEC))
    assert {h.session_id for h in hits} == {world["oct.session"], world["dec.session"]}


def test_theme_keeps_the_tagged_places_and_the_actions_of_a_tagged_insight(
    j: Journal, world: dict[str, int]
) -> None:
    sea = j.add_theme_to("narrative", world["oct.narrative"], "the sea")
    j.add_theme_to("answer", world["nov.answer"], "the sea")
    j.add_theme_to("insight", world["dec.insight"], "The Sea")  # same theme, any case
    j.add_theme_to("insight", world["oct.insight"], "rest")
    hits = j.search("harbour", filters=SearchFilters(theme_id=sea.id))
    assert found(hits) == {
        ("narrative", world["oct.narrative"]),
        ("answer", world["nov.answer"]),
        ("insight", world["dec.insight"]),
        ("action", world["dec.action"]),
    }
    # the rest of a tagged entry's session is not pulled in
    assert ("checkin", world["oct.checkin"]) not in found(hits)


def test_a_theme_used_nowhere_finds_nothing(j: Journal, world: dict[str, int]) -> None:
    theme = j.add_theme_to("narrative", world["oct.narrative"], "passing")
    j.remove_theme_from("narrative", world["oct.narrative"], theme.id)
    assert j.search("harbour", filters=SearchFilters(theme_id=theme.id)) == []


def test_filters_combine(j: Journal, world: dict[str, int]) -> None:
    sea = j.add_theme_to("answer", world["oct.answer"], "sea")
    j.add_theme_to("answer", world["nov.answer"], "sea")
    j.add_theme_to("narrative", world["nov.narrative"], "sea")
    hits = j.search(
        "harbour", filters=SearchFilters(section="answer", since=NOV, until=DEC, theme_id=sea.id)
    )
    assert found(hits) == {("answer", world["nov.answer"])}
    # the words still all have to match, as without filters
    assert j.search("harbour nowhere", filters=SearchFilters(section="answer")) == []


def test_filters_do_not_leak_across_sessions(j: Journal, world: dict[str, int]) -> None:
    """Session N's words never turn up under session M's date or theme, whatever the ids."""
    j.add_theme_to("narrative", world["nov.narrative"], "lighthouse")
    theme = next(t for t in j.themes() if t.name == "lighthouse")
    for filters in (SearchFilters(since=OCT, until=OCT), SearchFilters(theme_id=theme.id)):
        for hit in j.search("harbour", filters=filters):
            expected = world["oct.session"] if filters.since else world["nov.session"]
            assert hit.session_id == expected


def test_ranking_stays_sensible_with_filters(j: Journal) -> None:
    s = j.add_session(NOV)
    part = j.narrative(s.id)[0]
    j.save_narrative_part(part.id, "one lantern by the water, and the quiet bench")
    many = j.save_answer(Answer(s.id, "story.1", "Q", "lantern, lantern and a lantern")).id
    once = j.save_answer(Answer(s.id, "story.2", "Q2", "a lantern near the quiet bench")).id
    hits = j.search("lantern", filters=SearchFilters(section="answer"))
    assert [h.ref_id for h in hits] == [many, once]
    assert hits[0].rank < hits[1].rank  # bm25: lower is better
    assert "\ue000lantern\ue001" in hits[0].snippet


def test_many_filtered_matches_list_newest_first(
    j: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANK_FILTERED_AT_MOST", 2)
    s = j.add_session(NOV)
    ids = [j.save_answer(Answer(s.id, f"q.{n}", "Q", "meadow " * (5 - n))).id for n in range(4)]
    hits = j.search("meadow", filters=SearchFilters(section="answer"))
    assert [h.ref_id for h in hits] == list(reversed(ids))
    assert len(j.search("meadow", 2, SearchFilters(section="answer"))) == 2


def test_words_for_highlighting_fold_case_and_diacritics() -> None:
    body = "Café by the HARBOUR; harbours and a harbour-wall. felt  safe"
    assert [body[s : s + n] for s, n in match_spans(body, "harbour")] == ["HARBOUR", "harbour"]
    assert match_spans(body, "harbour")[0] == (body.index("HARBOUR"), 7)
    assert [body[s : s + n] for s, n in match_spans(body, "harb*")] == [
        "HARBOUR",
        "harbours",
        "harbour",
    ]
    assert [body[s : s + n] for s, n in match_spans(body, "cafe")] == ["Café"]
    assert [body[s : s + n] for s, n in match_spans(body, '"felt safe"')] == ["felt  safe"]
    assert match_spans(body, '"safe felt"') == []
    assert match_spans(body, "") == []


@settings(max_examples=200, deadline=None)
@given(body=st.text(max_size=200), typed=st.text(max_size=40))
def test_highlight_spans_never_raise_and_stay_inside_the_text(body: str, typed: str) -> None:
    for start, length in match_spans(body, typed):
        assert start >= 0 and length > 0 and start + length <= len(body)
