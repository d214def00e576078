"""Prepare for therapy: choose sessions and sections, see the pages, save them — private
items stay out, and locking closes the window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from shiboken6 import isValid

from app.journal.model import Answer, CheckIn
from tests.app.documents.test_documents import pdf_pages
from tests.ui.shell.test_app_flow import add_session, first_run, make_app
from ui.common import dialogs
from ui.paper.therapy_packet import TherapyPacketWindow
from ui.shell.main_window import MainWindow

__all__ = ["make_app"]  # the fixture, found by pytest through this module's namespace


def seed(main: MainWindow) -> dict[str, int]:
    journal = main.journal
    assert journal is not None
    sessions = journal.sessions()  # newest first
    new, old = sessions[0], sessions[1]
    journal.save_narrative_part(journal.narrative(old.id)[0].id, "The *meadow* shone.")
    journal.save_narrative_part(journal.narrative(new.id)[0].id, "newsessioncanary")
    shared = journal.save_answer(Answer(old.id, "q.a", "What stayed with you?", "A blue door"))
    dropped = journal.save_answer(Answer(old.id, "q.b", "What was hard?", "droppedcanary"))
    journal.save_answer(Answer(old.id, "q.c", "The body?", "privatecanary", private=True))
    journal.save_checkin(
        CheckIn(dt.datetime(2026, 10, 2, 9, 0), old.id, thoughts="checkcanary", private=True)
    )
    journal.save_checkin(CheckIn(dt.datetime(2026, 10, 2, 10, 0), old.id, thoughts="Slow"))
    return {"old": old.id, "new": new.id, "shared": shared.id, "dropped": dropped.id}


def open_packet(qtbot, main: MainWindow) -> TherapyPacketWindow:
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(
        main.tabs.currentWidget(),
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: isinstance(main.packet_window, TherapyPacketWindow))
    window = main.packet_window
    assert isinstance(window, TherapyPacketWindow)
    qtbot.waitExposed(window)
    return window


def test_choose_preview_and_save_a_packet(qtbot, make_app, tmp_path: Path) -> None:
    main = first_run(qtbot, make_app())
    add_session(qtbot, main, dt.date(2026, 10, 2))
    add_session(qtbot, main, dt.date(2026, 11, 5))
    ids = seed(main)
    window = open_packet(qtbot, main)
    labels = [window.sessions.item(i).text() for i in range(window.sessions.count())]
    assert labels == ["Session 2 · 5 November 2026", "Session 1 · 2 October 2026"]
    assert window.left_out.text() == "Nothing here is marked private, so nothing is left out."

    window.check_session(ids["old"])
    qtbot.waitUntil(lambda: window.document.left_out == 2, timeout=3000)
    assert window.left_out.text() == "2 items you marked private are left out."
    assert window.sections_box.isEnabled()
    answers = [window.answers.item(i).text() for i in range(window.answers.count())]
    assert "The body? — kept private, left out" in answers
    # unticking and ticking again keeps the session's boxes usable and its choices
    window.check_session(ids["old"], False)
    assert not window.sections_box.isEnabled()
    window.check_session(ids["old"])
    assert window.sections_box.isEnabled()
    window.set_answer_picked(ids["dropped"], False)
    window.cover.setChecked(True)
    qtbot.keyClicks(window.cover_title, "For our next session")
    qtbot.waitUntil(lambda: window.document.title == "For our next session", timeout=3000)
    assert window.preview.pageCount() == 2  # the cover and the session, as they will print

    chosen = tmp_path / "packet.pdf"
    dialogs.answer_next(True, str(chosen))
    qtbot.mouseClick(window.pdf_button, Qt.MouseButton.LeftButton)
    pages = pdf_pages(chosen.read_bytes())
    assert len(pages) == window.preview.pageCount()
    text = " ".join(pages)
    assert "For our next session" in pages[0]
    assert "The meadow shone." in text and "A blue door" in text and "Slow" in text
    assert "Private — shared by the author" in pages[1] and "Page 2 of 2" in pages[1]
    for canary in ("privatecanary", "checkcanary", "droppedcanary", "newsessioncanary"):
        assert canary not in text

    # leaving out the check-ins section: its private item is no longer counted
    window.sessions.setCurrentRow(1)
    window.section_checks["checkins"].setChecked(False)
    qtbot.waitUntil(lambda: window.document.left_out == 1, timeout=3000)
    assert window.left_out.text() == "1 item you marked private is left out."
    for widget in (window.sessions, window.answers, window.cover, window.cover_title):
        assert widget.accessibleName()


def test_locking_closes_the_packet_window(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 10, 2))
    window = open_packet(qtbot, main)
    window.check_session(main.session.id)
    qtbot.keyClicks(window.cover_title, "lockcanary")
    assert controller.lock()
    assert main.packet_window is None
    qtbot.waitUntil(lambda: not isValid(window) or not window.isVisible())
    if isValid(window):
        assert window.cover_title.text() == ""
        assert window.sessions.count() == 0
        assert window.journal is None


def test_questionnaire_answers_go_in_only_when_on_and_ticked(qtbot, make_app) -> None:
    from app.journal.measure_results import MeasureResult

    main = first_run(qtbot, make_app())
    journal = main.journal
    assert journal is not None
    journal.save_measure(MeasureResult("gad7", dt.datetime(2026, 10, 2, 9), (1,) * 7))
    window = open_packet(qtbot, main)
    assert window.measures.isHidden()  # the questionnaires are off
    window.close()
    journal.set_meta("measures.enabled", "1")
    window = open_packet(qtbot, main)
    assert not window.measures.isHidden()
    assert "GAD-7" not in window.document.html
    window.measures.setChecked(True)
    qtbot.waitUntil(lambda: "7 of 21" in window.document.html, timeout=3000)
    assert "not a diagnosis" in window.document.html
