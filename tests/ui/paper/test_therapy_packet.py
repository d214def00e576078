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
    # opened from the newest session (the one open): it is chosen already
    assert main.session is not None and main.session.id == ids["new"]
    assert window.choices.keys() == {ids["new"]}
    assert window.left_out.text() == "Nothing here is marked private, so nothing is left out."
    window.check_session(ids["new"], False)

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
    assert window.preview.page_count == 2  # the cover and the session, as they will print

    chosen = tmp_path / "packet.pdf"
    dialogs.answer_next(True, str(chosen))
    qtbot.mouseClick(window.pdf_button, Qt.MouseButton.LeftButton)
    pages = pdf_pages(chosen.read_bytes())
    assert len(pages) == window.preview.page_count
    text = " ".join(pages)
    assert "For our next session" in pages[0]
    assert "The meadow shone." in text and "A blue door" in text and "Slow" in text
    assert "Shared by me, privately" in pages[1] and "Page 2 of 2" in pages[1]
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
    assert [p.kind for p in window.document.pictures] == ["measures"]


def test_feelings_over_time_go_in_as_a_picture_when_ticked(qtbot, make_app) -> None:
    main = first_run(qtbot, make_app())
    journal = main.journal
    assert journal is not None
    journal.save_checkin(CheckIn(dt.datetime.now(), None, ("calm",)))
    window = open_packet(qtbot, main)
    assert window.document.pictures == ()
    window.feelings.setChecked(True)
    qtbot.waitUntil(lambda: window.document.pictures != (), timeout=3000)
    assert window.document.pictures[0].kind == "feelings"
    assert "Feelings over time" in window.document.html


def test_talk_about_themes_and_follow_through_from_the_window(
    qtbot, make_app, tmp_path: Path
) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 10, 2))
    journal = main.journal
    assert journal is not None and main.session is not None
    session_id = main.session.id
    story = journal.narrative(session_id)[0]
    journal.save_narrative_part(story.id, "The tide came in.")
    journal.add_theme_to("narrative", story.id, "tides")
    hidden = journal.save_answer(Answer(session_id, "q.x", "Kept?", "privatecanary", True))
    journal.add_theme_to("answer", hidden.id, "privatethemecanary")
    window = open_packet(qtbot, main)
    assert window.choices.keys() == {session_id}

    qtbot.keyClicks(window.talk, "Sleeping since the session")
    window.themes.setChecked(True)
    window.follow.setChecked(True)
    window.refresh()
    assert journal.meta("packet.talk_about") == "Sleeping since the session"  # in the vault

    chosen = tmp_path / "packet.pdf"
    dialogs.answer_next(True, str(chosen))
    qtbot.mouseClick(window.pdf_button, Qt.MouseButton.LeftButton)
    pages = pdf_pages(chosen.read_bytes())
    assert pages[0].startswith("What I'd like to talk about Sleeping since the session")
    text = " ".join(pages)
    assert "Themes tides" in text and "in the story" in text
    for canary in ("privatecanary", "privatethemecanary", "Kept?"):
        assert canary not in text

    # the draft is there again next time, and gone from the window when it closes
    window.close()
    assert window.talk.toPlainText() == ""
    again = open_packet(qtbot, main)
    assert again.talk.toPlainText() == "Sleeping since the session"
    again.close()


def test_the_session_list_reads_a_page_and_more_on_scroll(qtbot, make_app, monkeypatch) -> None:
    from ui.paper import therapy_packet

    monkeypatch.setattr(therapy_packet, "SESSIONS_PAGE", 30)
    main = first_run(qtbot, make_app())
    for day in range(65):
        main.journal.add_session(dt.date(2026, 1, 1) + dt.timedelta(days=day))
    oldest = main.journal.sessions()[-1]
    window = open_packet(qtbot, main)
    assert window.sessions.count() == 30
    bar = window.sessions.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    assert window.sessions.count() == 60
    # a session not listed yet is read on to when it is asked for
    window.check_session(oldest.id)
    assert window.sessions.count() == 65
    last = window.sessions.item(64)
    assert last.data(therapy_packet._ID) == oldest.id
    assert last.checkState() == Qt.CheckState.Checked
