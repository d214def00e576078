"""The printed documents, read back from the PDFs the app makes: what is in them, and what
never is (canary words prove private text and the story stay out)."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest

from app import documents
from app.journal import Journal
from app.journal.model import Action, ActionStatus, Answer, CheckIn
from ui.paper import printing

TODAY = dt.date(2026, 11, 21)


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, whitespace made single spaces."""
    assert data.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def add_action(journal: Journal, insight_id: int, session_id: int, what: str, **fields) -> Action:
    return journal.add_action(Action(insight_id, session_id, what=what, **fields))


@pytest.fixture
def journal(opened) -> Journal:
    return opened.journal


@pytest.fixture
def planned(journal: Journal) -> dict[str, int]:
    """Two sessions with a story, insights and actions in every status."""
    first = journal.add_session(dt.date(2026, 10, 2), title="Forest")
    second = journal.add_session(dt.date(2026, 11, 9))
    journal.save_narrative_part(journal.narrative(first.id)[0].id, "A storycanary walked by.")
    journal.save_narrative_part(journal.narrative(second.id)[0].id, "Quiet *harbour* tale.")
    rest = journal.add_insight(first.id, "I carry more than I need to")
    people = journal.add_insight(second.id, "Friends help when I let them")
    add_action(
        journal,
        rest.id,
        first.id,
        "Walk to the river",
        cue="If I feel tense after work, then I will walk for ten minutes",
        how_often="Three times a week",
        with_whom="Sam",
        first_step="Put my shoes by the door",
        note="notecanary",
    )
    add_action(journal, rest.id, first.id, "Finished thing", status=ActionStatus.DONE)
    add_action(journal, rest.id, first.id, "Released thing", status=ActionStatus.LET_GO)
    add_action(journal, people.id, second.id, "Call Maya on Sundays", status=ActionStatus.DOING)
    return {"first": first.id, "second": second.id}


def test_the_plan_holds_every_active_action_and_nothing_else(qapp, journal, planned) -> None:
    plan = documents.action_plan(journal, first_name="Alex", today=TODAY)
    text = " ".join(pdf_pages(printing.pdf_bytes(plan, printing.A4)))
    for words in (
        "My action plan",
        "For Alex",
        "Saturday 21 November 2026",
        "I carry more than I need to",
        "Walk to the river",
        "If I feel tense after work, then I will walk for ten minutes",
        "Three times a week",
        "Sam",
        "Put my shoes by the door",
        "Friends help when I let them",
        "Call Maya on Sundays",
    ):
        assert words in text
    # the seven days to tick, labelled from today
    for label in ("Sat 21", "Sun 22", "Mon 23", "Tue 24", "Wed 25", "Thu 26", "Fri 27"):
        assert label in text
    assert "Sat 28" not in text
    for absent in ("storycanary", "harbour", "notecanary", "Finished thing", "Released thing"):
        assert absent not in text
    assert "<" not in plan.title


def test_one_sessions_plan_leaves_the_others_out(qapp, journal, planned) -> None:
    plan = documents.action_plan(journal, session_id=planned["second"], today=TODAY)
    text = " ".join(pdf_pages(printing.pdf_bytes(plan, printing.LETTER)))
    assert "Call Maya on Sundays" in text
    assert "Session 2" in text
    assert "Walk to the river" not in text
    assert "For " not in text  # no name given, none printed


def test_a_long_plan_flows_onto_numbered_pages_with_the_header(qapp, journal) -> None:
    session = journal.add_session(dt.date(2026, 11, 1))
    for n in range(6):
        insight = journal.add_insight(session.id, f"Insight number {n}")
        for k in range(10):
            add_action(journal, insight.id, session.id, f"Step {n}-{k} zz", cue="Each morning")
    plan = documents.action_plan(journal, today=TODAY)
    pages = pdf_pages(printing.pdf_bytes(plan, printing.A4))
    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert "My action plan" in page
        assert f"Page {number} of {len(pages)}" in page
        # an action is never split from its tick boxes across a page break
        assert page.count(" zz ") == page.count("Sat 21") > 0
    everything = " ".join(pages)
    for n in range(6):
        for k in range(10):
            assert f"Step {n}-{k} zz" in everything


def test_the_plan_is_a_page_for_the_fridge(qapp, journal, planned) -> None:
    """The date once, the client's own line at the top, drawn boxes (no glyphs), the
    insights without a step listed honestly, and ruled lines for notes."""
    quiet = journal.add_insight(planned["first"], "Quiet mornings matter")
    add_action(journal, quiet.id, planned["first"], "")  # the empty form a new insight has
    plan = documents.action_plan(
        journal, session_id=planned["first"], own_words="One breath at a time", today=TODAY
    )
    (page,) = pdf_pages(printing.pdf_bytes(plan, printing.A4))
    assert page.count("21 November 2026") == 1
    assert page.index("One breath at a time") < page.index("Walk to the river")
    assert "Noticed, with no step planned Quiet mornings matter" in page
    assert "not named" not in page  # an empty form is no step
    assert "Notes" in page
    assert "\u2610" not in plan.html and "class='box'" in plan.html
    assert "One breath" not in plan.title


def test_an_empty_plan_says_so_kindly(qapp, journal) -> None:
    plan = documents.action_plan(journal, today=TODAY)
    (page,) = pdf_pages(printing.pdf_bytes(plan, printing.A4))
    assert "No steps are planned here yet." in page
    assert "Page 1 of 1" in page


@pytest.fixture
def packet_journal(journal: Journal) -> dict[str, int]:
    old = journal.add_session(dt.date(2026, 9, 14), title="First light")
    new = journal.add_session(dt.date(2026, 10, 20))
    other = journal.add_session(dt.date(2026, 11, 2))
    journal.save_narrative_part(journal.narrative(old.id)[0].id, "The **meadow** shone.")
    journal.add_narrative_part(old.id, dt.date(2026, 9, 18), "Later I saw the lantern.")
    journal.save_narrative_part(journal.narrative(new.id)[0].id, "Rain on the harbour wall.")
    journal.save_narrative_part(journal.narrative(other.id)[0].id, "othersessioncanary")
    shared = journal.save_answer(Answer(old.id, "q.moment", "What stayed with you?", "A blue door"))
    unpicked = journal.save_answer(Answer(old.id, "q.hard", "What was hard?", "unpickedcanary"))
    journal.save_answer(Answer(old.id, "q.body", "The body?", "privatecanary1", private=True))
    journal.save_answer(Answer(new.id, "q.body", "The body?", "privatecanary2", private=True))
    journal.save_checkin(
        CheckIn(dt.datetime(2026, 9, 14, 18, 5), old.id, emotions=("calm",), thoughts="Slow")
    )
    journal.save_checkin(
        CheckIn(dt.datetime(2026, 9, 15, 9, 0), old.id, thoughts="checkincanary", private=True)
    )
    insight = journal.add_insight(new.id, "Asking is allowed")
    add_action(journal, insight.id, new.id, "Ask Jo for a walk", status=ActionStatus.DONE)
    return {
        "old": old.id,
        "new": new.id,
        "other": other.id,
        "shared": shared.id,
        "unpicked": unpicked.id,
    }


def test_the_packet_has_the_chosen_sections_and_no_private_items(
    qapp, journal, packet_journal
) -> None:
    ids = packet_journal
    packet = documents.therapy_packet(
        journal,
        [
            documents.SessionChoice(ids["new"]),
            documents.SessionChoice(ids["old"], answer_ids=frozenset({ids["shared"]})),
        ],
        cover=True,
        cover_title="For Dr. Lee",
        today=TODAY,
    )
    assert packet.left_out == 3  # two private answers and one private check-in
    assert packet.footer == "Shared by me, privately"
    pages = pdf_pages(printing.pdf_bytes(packet, printing.A4))
    assert len(pages) == 3  # the cover, then each session on its own page
    cover, old_page, new_page = pages
    assert "For Dr. Lee" in cover
    assert "14 September 2026 – 20 October 2026" in cover
    assert "Session 1 · 14 September 2026 · First light" in old_page
    for words in ("The meadow shone.", "Added on 18 September 2026", "Later I saw the lantern"):
        assert words in old_page
    assert "What stayed with you? A blue door" in old_page
    assert "Monday 14 September 2026, 18:05" in old_page and "calm" in old_page
    assert "Session 2 · 20 October 2026" in new_page
    assert "Rain on the harbour wall." in new_page
    assert "Asking is allowed" in new_page and "Ask Jo for a walk" in new_page
    for number, page in enumerate(pages, start=1):
        assert "For Dr. Lee" in page
        assert "Shared by me, privately" in page
        assert f"Page {number} of 3" in page
    text = " ".join(pages)
    for canary in (
        "privatecanary1",
        "privatecanary2",
        "checkincanary",
        "unpickedcanary",
        "othersessioncanary",
    ):
        assert canary not in text


def test_sections_left_unchosen_stay_out_and_are_not_counted(qapp, journal, packet_journal) -> None:
    packet = documents.therapy_packet(
        journal,
        [documents.SessionChoice(packet_journal["old"], answers=False, checkins=False)],
        today=TODAY,
    )
    assert packet.left_out == 0
    text = " ".join(pdf_pages(printing.pdf_bytes(packet, printing.A4)))
    assert "The meadow shone." in text
    assert "A blue door" not in text and "Slow" not in text
    assert "From my integration journal" in text  # the header when no title was chosen


def test_left_out_sentence_uses_plain_words() -> None:
    assert documents.left_out_sentence(3) == "3 items you marked private are left out."
    assert documents.left_out_sentence(1) == "1 item you marked private is left out."
    assert "nothing is left out" in documents.left_out_sentence(0)


HOSTILE = '<script>alert(1)</script><img src="http://example.invalid/t.png">'


def test_hostile_text_prints_as_text_and_loads_nothing(qapp, journal) -> None:
    session = journal.add_session(dt.date(2026, 11, 3), title=HOSTILE)
    journal.save_narrative_part(
        journal.narrative(session.id)[0].id,
        f"{HOSTILE}\n\n![pic](http://example.invalid/x.png) <style>body{{}}</style>",
    )
    journal.save_answer(Answer(session.id, "q", HOSTILE, HOSTILE))
    insight = journal.add_insight(session.id, HOSTILE)
    add_action(journal, insight.id, session.id, HOSTILE, cue=HOSTILE)
    printing.SafeDocument.requested.clear()
    plan = documents.action_plan(journal, today=TODAY)
    packet = documents.therapy_packet(
        journal, [documents.SessionChoice(session.id)], cover=True, cover_title=HOSTILE
    )
    for document in (plan, packet):
        assert "<img" not in document.html and "<script" not in document.html
        text = " ".join(pdf_pages(printing.pdf_bytes(document, printing.A4)))
        assert "<script>alert(1)</script>" in text
        assert '<img src="http://example.invalid/t.png">' in text
    assert not [url for url in printing.SafeDocument.requested if "example.invalid" in url]


def test_the_safe_document_never_loads_what_raw_html_asks_for(qapp) -> None:
    """Even HTML that did ask for an image gets nothing: loadResource answers every request."""
    printing.SafeDocument.requested.clear()
    raw = documents.Document(
        '<p>before</p><img src="http://example.invalid/a.png" width="40" height="40"><p>after</p>',
        title="Raw",
    )
    pages = pdf_pages(printing.pdf_bytes(raw, printing.A4))
    assert "before" in pages[0] and "after" in pages[0]
    assert "http://example.invalid/a.png" in printing.SafeDocument.requested


def test_the_recovery_sheet_holds_the_key(qapp) -> None:
    key = "ABCD-EFGH-2345-6789-JKLM-NPQR-STUV-WXYZ"
    sheet = documents.recovery_sheet(key)
    (page,) = pdf_pages(printing.pdf_bytes(sheet, printing.A4))
    assert key in page.replace(" ", "")  # monospace glyphs can come back spaced apart
    assert "Use recovery key instead" in page
    assert printing.recovery_sheet_html(key) == sheet.html


@pytest.mark.parametrize(("paper", "size"), [("A4", (595, 842)), ("LETTER", (612, 792))])
def test_the_pdf_has_the_chosen_paper(qapp, paper: str, size: tuple[int, int]) -> None:
    data = printing.pdf_bytes(documents.recovery_sheet("KEY"), getattr(printing, paper))
    box = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
