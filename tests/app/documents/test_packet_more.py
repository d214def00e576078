"""The packet's own sections (what I'd like to talk about, themes, follow-through) and
people's names on paper, read back from the PDF; private items stay out."""

from __future__ import annotations

import datetime as dt

from app import documents
from app.documents.packet_more import Extras
from app.follow.weekly import IN_THE_WAY, WENT_WELL
from app.journal.model import Action, Answer, Person, WeekNote
from tests.app.documents.test_documents import TODAY, journal, pdf_pages
from ui.paper import printing

__all__ = ["journal"]  # the fixture, used by name


def test_talk_about_themes_and_follow_through_with_private_items_out(qapp, journal) -> None:
    old = journal.add_session(dt.date(2026, 11, 2), title="Meadow")
    other = journal.add_session(dt.date(2026, 11, 6))
    story = journal.narrative(old.id)[0]
    journal.save_narrative_part(story.id, "The river again.")
    shown = journal.save_answer(Answer(old.id, "q.a", "What stayed with you?", "Water"))
    secret = journal.save_answer(Answer(old.id, "q.b", "Hidden?", "privatecanary", private=True))
    journal.add_revisit_note(old.id, dt.date(2026, 11, 20), "Softer now")
    hidden = journal.add_revisit_note(old.id, dt.date(2026, 11, 21), "revisitcanary")
    hidden.private = True
    journal.save_revisit_note(hidden)
    journal.add_theme_to("narrative", story.id, "water")
    journal.add_theme_to("answer", shown.id, "water")
    journal.add_theme_to("answer", secret.id, "secretthemecanary")
    journal.add_theme_to("narrative", journal.narrative(other.id)[0].id, "otherthemecanary")
    sam = journal.save_person(Person("Samira"))
    insight = journal.add_insight(old.id, "Company helps")
    walk = journal.add_action(
        Action(insight.id, old.id, "A walk by the river", with_whom="sam", person_id=sam.id)
    )
    journal.set_tick(walk.id, dt.date(2026, 11, 3), True)  # a Tuesday
    journal.set_tick(walk.id, dt.date(2026, 11, 5), True)
    journal.save_week_note(
        WeekNote(
            dt.date(2026, 11, 2),
            f"A slow week.\n\n{WENT_WELL}\nThe walks\n\n{IN_THE_WAY}\nRain",
        )
    )

    packet = documents.therapy_packet(
        journal,
        [documents.SessionChoice(old.id)],
        today=TODAY,
        extras=Extras(talk_about="The **dream** about the river", themes=True, follow_through=True),
    )
    assert packet.left_out == 2  # the private answer and the private reflection
    pages = pdf_pages(printing.pdf_bytes(packet, printing.A4))
    text = " ".join(pages)
    assert "Coming back to it 20 November 2026 Softer now" in text
    assert pages[0].startswith("What I'd like to talk about The dream about the river")
    assert "Themes water" in text
    assert "Session 1 · 2 November 2026 · Meadow: in the story" in text
    assert "in the answer to “What stayed with you?”" in text
    assert "With whom Samira" in text  # the person's name as it is in People
    assert "Follow-through" in text
    assert "A walk by the river: ticked Tue, Thu" in text
    for words in ("A slow week.", "What went well The walks", "What got in the way Rain"):
        assert words in text
    for canary in (
        "privatecanary",
        "secretthemecanary",
        "otherthemecanary",
        "Hidden?",
        "revisitcanary",
    ):
        assert canary not in text

    covered = documents.therapy_packet(
        journal,
        [documents.SessionChoice(old.id)],
        cover=True,
        today=TODAY,
        extras=Extras(talk_about="The dream"),
    )
    cover, talk, *_ = pdf_pages(printing.pdf_bytes(covered, printing.A4))
    assert "What I'd like to talk about" not in cover  # its own page, after the cover
    assert "What I'd like to talk about The dream" in talk

    plain = documents.therapy_packet(journal, [documents.SessionChoice(old.id)], today=TODAY)
    plain_text = " ".join(pdf_pages(printing.pdf_bytes(plain, printing.A4)))
    for heading in ("What I'd like to talk about", "Themes", "Follow-through"):
        assert heading not in plain_text


def test_the_plan_names_the_linked_person_and_keeps_free_text(qapp, journal) -> None:
    session = journal.add_session(dt.date(2026, 11, 2))
    insight = journal.add_insight(session.id, "Company helps")
    sam = journal.save_person(Person("Sam"))
    journal.add_action(Action(insight.id, session.id, "Tea", with_whom="sam", person_id=sam.id))
    journal.add_action(Action(insight.id, session.id, "Call", with_whom="my neighbour"))
    journal.save_person(Person("Samira", id=sam.id))
    plan = documents.action_plan(journal, today=TODAY)
    text = " ".join(pdf_pages(printing.pdf_bytes(plan, printing.A4)))
    assert "With whom Samira" in text and "With whom my neighbour" in text
    journal.delete_person(sam.id)  # the action stays, with the words typed
    plan = documents.action_plan(journal, today=TODAY)
    text = " ".join(pdf_pages(printing.pdf_bytes(plan, printing.A4)))
    assert "Tea" in text and "With whom sam" in text


def test_follow_through_counts_weeks_as_the_weekly_view_does(qapp, journal) -> None:
    session = journal.add_session(dt.date(2026, 11, 4))  # a Wednesday
    sunday = dt.date(2026, 11, 1)
    journal.save_week_note(WeekNote(sunday, "A week that began on Sunday"))
    extras = Extras(follow_through=True, first_weekday=7)
    packet = documents.therapy_packet(
        journal, [documents.SessionChoice(session.id)], today=TODAY, extras=extras
    )
    text = " ".join(pdf_pages(printing.pdf_bytes(packet, printing.A4)))
    assert "Week of 1 November 2026 – 7 November 2026" in text
    assert "A week that began on Sunday" in text
