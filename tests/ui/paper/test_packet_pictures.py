"""The packet's pictures: the Over time charts drawn in the PDF's pages (in vectors, loading
nothing), only for the sections the client includes, and never counting private things."""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from app import documents
from app.documents.packet_more import Extras
from app.journal import Journal
from app.journal.measure_results import MeasureResult
from app.journal.model import CheckIn
from tests.app.documents.test_documents import TODAY, journal, pdf_pages
from ui.paper import printing
from ui.paper.pages import SafeDocument

__all__ = ["journal"]  # the fixture, used by name


@pytest.fixture
def answered(journal: Journal) -> Journal:
    """Two sessions, check-ins (one private), two PHQ-9 answers and one GAD-7."""
    first = journal.add_session(dt.date(2026, 10, 12), title="Forest")
    journal.add_session(dt.date(2026, 11, 9))
    journal.save_checkin(CheckIn(dt.datetime(2026, 10, 13, 9), first.id, ("calm", "tender")))
    journal.save_checkin(CheckIn(dt.datetime(2026, 11, 3, 9), None, ("sad", "peaceful")))
    journal.save_checkin(CheckIn(dt.datetime(2026, 11, 4, 9), None, ("angry",), private=True))
    journal.save_measure(MeasureResult("phq9", dt.datetime(2026, 10, 14, 9), (1,) * 9))
    journal.save_measure(MeasureResult("phq9", dt.datetime(2026, 11, 11, 9), (2,) * 9))
    journal.save_measure(MeasureResult("gad7", dt.datetime(2026, 10, 20, 9), (1,) * 7))
    return journal


def _packet(journal: Journal, *, measures: bool, feelings: bool) -> documents.Document:
    sessions = [documents.SessionChoice(s.id) for s in journal.sessions()]
    return documents.therapy_packet(
        journal, sessions, today=TODAY, measures=measures, extras=Extras(feelings=feelings)
    )


def _drawing_operators(page: pypdf.PageObject) -> int:
    """How many lines and rectangles the page's content draws (text is not counted)."""
    ops = pypdf.generic.ContentStream(page.get_contents(), page.pdf).operations
    return sum(1 for _, op in ops if op in (b"l", b"re", b"c"))


def _keep(name: str, data: bytes) -> None:
    """With IJ_KEEP_PICTURES set to a folder, keep the PDF to look at (never by default)."""
    folder = os.environ.get("IJ_KEEP_PICTURES")
    if folder:
        (Path(folder) / name).write_bytes(data)


def test_the_measures_page_holds_the_chart_of_the_totals(qapp, answered: Journal) -> None:
    packet = _packet(answered, measures=True, feelings=False)
    assert [p.kind for p in packet.pictures] == ["measures"]
    SafeDocument.requested.clear()
    data = printing.pdf_bytes(packet, printing.A4)
    _keep("measures.pdf", data)
    assert SafeDocument.requested == []  # drawn in the page: nothing asked for, nothing loaded
    pages = pdf_pages(data)
    last = pages[-1]
    assert last.startswith("Questionnaires (PHQ-9, GAD-7)")
    for words in (
        "PHQ-9 total",
        "GAD-7 total",
        "Date answered",
        "27",
        "21",
        "14 Oct 2026",
        "11 Nov 2026",
        "PHQ-9 (0 to 27)",
        "GAD-7 (0 to 21)",
        "The totals below as a picture, 14 October 2026 to 11 November 2026",
        "solid line, round dots",
        "dashed line, square dots",
        "9 of 27",  # the table is still there, under the picture
        "18 of 27",
    ):
        assert words in last, words
    reader = pypdf.PdfReader(io.BytesIO(data))
    plain = replace(packet, pictures=())  # the same page with its place left empty
    bare = pypdf.PdfReader(io.BytesIO(printing.pdf_bytes(plain, printing.A4))).pages[-1]
    assert _drawing_operators(reader.pages[-1]) > _drawing_operators(bare) + 20
    assert not reader.pages[-1].images  # vectors, not a picture of the chart


def test_feelings_over_time_counts_what_is_not_private(qapp, answered: Journal) -> None:
    packet = _packet(answered, measures=False, feelings=True)
    assert [p.kind for p in packet.pictures] == ["feelings"]
    weeks = packet.pictures[0].weeks
    assert weeks[0].start == dt.date(2026, 10, 12)  # from the first chosen session's week
    assert weeks[-1].start == dt.date(2026, 11, 16)  # to this week
    assert sum(sum(w.families.values()) for w in weeks) == 4  # the private anger is not
    data = printing.pdf_bytes(packet, printing.A4)
    _keep("feelings.pdf", data)
    text = " ".join(pdf_pages(data))
    for words in ("Feelings over time", "Times chosen", "Week starting", "12 Oct", "Calm"):
        assert words in text, words
    assert "check-ins marked private are not counted" in text
    assert "Anger" not in text
    assert "Questionnaires" not in text


def test_a_packet_without_those_sections_has_no_chart(qapp, answered: Journal) -> None:
    packet = _packet(answered, measures=False, feelings=False)
    assert packet.pictures == ()
    assert "ij-picture-" not in packet.html
    data = printing.pdf_bytes(packet, printing.A4)
    text = " ".join(pdf_pages(data))
    for never in ("PHQ-9", "Times chosen", "Date answered", "Feelings over time"):
        assert never not in text, never
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert all(_drawing_operators(page) < 10 for page in reader.pages)


def test_no_answers_means_no_chart_on_the_measures_page(qapp, journal: Journal) -> None:
    packet = documents.therapy_packet(journal, [], today=TODAY, measures=True)
    assert packet.pictures == ()
    text = " ".join(pdf_pages(printing.pdf_bytes(packet, printing.A4)))
    assert "No answers yet." in text
    assert "Date answered" not in text
