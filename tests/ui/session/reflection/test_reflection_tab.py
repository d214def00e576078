"""The Reflection tab, driven as a client would: choose questions, write, keep things
private, add and hide questions, check in, and lock (clear)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.journal.model import Answer, Session
from app.journal.prompts import find_question, load_library
from ui.common import dialogs
from ui.common.autosave import Autosaver
from ui.session.reflection.questions import EARLIER_ID
from ui.session.reflection.tab import ReflectionTab

LEFT = Qt.MouseButton.LeftButton


_hosts: list[QWidget] = []  # qtbot holds widgets weakly; the test's windows live here


@pytest.fixture(autouse=True)
def fresh_state() -> Iterator[None]:
    dialogs.reset()
    yield
    dialogs.reset()
    _hosts.clear()


@pytest.fixture
def autosaver(qtbot) -> Iterator[Autosaver]:
    saver = Autosaver(delay_ms=50)
    yield saver
    saver.forget_all()  # no save may fire later, into another test, for a deleted widget


@pytest.fixture
def session(opened) -> Session:
    return opened.journal.add_session(dt.date(2025, 11, 18), title="Second session")


def make_tab(qtbot, autosaver: Autosaver, journal, session: Session) -> ReflectionTab:
    # A plain host window without a layout: the offscreen platform warns whenever a shown
    # top-level window's size constraints change, which a growing editor would cause.
    host = QWidget()
    qtbot.addWidget(host)
    _hosts.append(host)
    host.resize(1000, 800)
    tab = ReflectionTab(autosaver, 12, host)
    tab.resize(1000, 800)
    host.show()
    qtbot.waitExposed(host)
    tab.load(journal, session)
    return tab


def choose(qtbot, tab: ReflectionTab, group_id: str, question_id: str) -> None:
    """Pick a question in the group's list and press "Answer this"."""
    section = tab.questions.sections[group_id]
    section.combo.setCurrentIndex(section.combo.findData(question_id))
    # A click lands in the button's middle: wait until the scroll area has laid it out (a
    # tall check-in just added can leave it squeezed to no height for a moment).
    qtbot.waitUntil(lambda: section.answer_button.height() > 0)
    qtbot.mouseClick(section.answer_button, LEFT)


def offered_first() -> str:
    """The question that stands open while nothing is answered: the open start."""
    return "present.most_present"


def question_text(question_id: str) -> str:
    question = find_question(load_library(), question_id)
    assert question is not None
    return question.text


def test_chosen_questions_are_answered_saved_and_shown_again(qtbot, opened, autosaver, session):
    journal = opened.journal
    tab = make_tab(qtbot, autosaver, journal, session)
    assert set(tab.questions.rows) == {offered_first()}  # open, empty, not stored

    choose(qtbot, tab, "story", "story.title")
    story = tab.questions.rows["story.title"]
    assert tab.focusWidget() is story.editor
    choose(qtbot, tab, "body", "body.now")
    body = tab.questions.rows["body.now"]
    assert tab.focusWidget() is body.editor
    assert "story.title" not in tab.questions.sections["story"].choice_ids

    with qtbot.waitSignal(autosaver.saved, timeout=3000):
        qtbot.keyClicks(story.editor, "The long way home")
        qtbot.keyClicks(body.editor, "Warm hands, a heavy chest")
        qtbot.mouseClick(body.private, LEFT)

    saved = {a.question_id: a for a in journal.answers(session.id)}
    assert set(saved) == {"story.title", "body.now"}
    assert saved["story.title"].body == "The long way home"
    assert saved["story.title"].private is False
    assert saved["story.title"].question_text == question_text("story.title")
    assert saved["body.now"].body == "Warm hands, a heavy chest"
    assert saved["body.now"].private is True
    assert saved["body.now"].question_text == question_text("body.now")

    again = make_tab(qtbot, autosaver, journal, session)
    assert set(again.questions.rows) == {"story.title", "body.now"}
    assert again.questions.rows["story.title"].body == "The long way home"
    assert again.questions.rows["story.title"].question.text() == question_text("story.title")
    assert again.questions.rows["body.now"].private.isChecked()
    assert not again.questions.rows["story.title"].private.isChecked()
    assert "body.now" not in again.questions.sections["body"].choice_ids
    assert "body.during" in again.questions.sections["body"].choice_ids


def test_a_chosen_question_left_empty_is_not_stored(qtbot, opened, autosaver, session):
    tab = make_tab(qtbot, autosaver, opened.journal, session)
    choose(qtbot, tab, "senses", "senses.colour")
    assert set(tab.questions.rows) == {offered_first(), "senses.colour"}
    assert autosaver.flush()
    assert opened.journal.answers(session.id) == []


def test_answers_keep_their_question_after_it_is_hidden_or_gone(qtbot, opened, autosaver, session):
    journal = opened.journal
    journal.save_answer(Answer(session.id, "story.title", "An older wording?", "Still mine"))
    journal.save_answer(Answer(session.id, "own.99", "A question I deleted?", "Kept"))
    journal.set_question_hidden("story.title", True)

    tab = make_tab(qtbot, autosaver, journal, session)
    assert tab.questions.rows["story.title"].question.text() == "An older wording?"
    assert tab.questions.rows["story.title"] in tab.questions.sections["story"].rows
    assert tab.questions.rows["own.99"] in tab.questions.sections[EARLIER_ID].rows
    assert tab.questions.rows["own.99"].body == "Kept"

    tab.questions.rows["own.99"].editor.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(autosaver.saved, timeout=3000):
        qtbot.keyClicks(tab.questions.rows["own.99"].editor, " still")
    stored = {a.question_id: a for a in journal.answers(session.id)}
    assert stored["own.99"].body == "Kept still"
    assert stored["own.99"].question_text == "A question I deleted?"


def test_removing_an_answer_deletes_it_and_offers_the_question_again(
    qtbot, opened, autosaver, session
):
    journal = opened.journal
    journal.save_answer(Answer(session.id, "body.now", question_text("body.now"), "Tight"))
    tab = make_tab(qtbot, autosaver, journal, session)

    dialogs.answer_next(False)  # "Keep it"
    qtbot.mouseClick(tab.questions.rows["body.now"].remove_button, LEFT)
    assert "body.now" in tab.questions.rows
    dialogs.answer_next(True)
    qtbot.mouseClick(tab.questions.rows["body.now"].remove_button, LEFT)
    assert "body.now" not in tab.questions.rows
    assert journal.answers(session.id) == []
    assert "body.now" in tab.questions.sections["body"].choice_ids


def test_own_question_is_added_to_the_group_and_opened(qtbot, opened, autosaver, session):
    journal = opened.journal
    tab = make_tab(qtbot, autosaver, journal, session)

    dialogs.answer_next(None)  # cancelled: nothing happens
    qtbot.mouseClick(tab.questions.sections["support"].add_own_button, LEFT)
    assert journal.custom_questions() == []

    dialogs.answer_next("My question?")
    qtbot.mouseClick(tab.questions.sections["support"].add_own_button, LEFT)
    [(question_id, group_id, text)] = journal.custom_questions()
    assert (group_id, text) == ("support", "My question?")
    row = tab.questions.rows[question_id]
    assert row in tab.questions.sections["support"].rows
    assert tab.focusWidget() is row.editor

    with qtbot.waitSignal(autosaver.saved, timeout=3000):
        qtbot.keyClicks(row.editor, "Who could I call?")
    [answer] = journal.answers(session.id)
    assert (answer.question_id, answer.question_text) == (question_id, "My question?")
    assert answer.body == "Who could I call?"


def test_hide_a_question_and_bring_it_back(qtbot, opened, autosaver, session):
    journal = opened.journal
    tab = make_tab(qtbot, autosaver, journal, session)
    section = tab.questions.sections["story"]

    section.combo.setCurrentIndex(section.combo.findData("story.gaps"))
    qtbot.mouseClick(section.hide_button, LEFT)
    assert journal.hidden_questions() == {"story.gaps"}
    assert "story.gaps" not in section.choice_ids
    assert (
        "story.gaps"
        not in make_tab(qtbot, autosaver, journal, session).questions.sections["story"].choice_ids
    )

    qtbot.mouseClick(tab.show_hidden, LEFT)
    assert "story.gaps" in section.choice_ids
    index = section.combo.findData("story.gaps")
    assert section.combo.itemText(index).endswith("(hidden)")
    section.combo.setCurrentIndex(index)
    assert section.hide_button.text() == "Show this question again"
    qtbot.mouseClick(section.hide_button, LEFT)
    assert journal.hidden_questions() == set()
    assert not section.combo.itemText(section.combo.findData("story.gaps")).endswith("(hidden)")


def test_a_check_in_is_stored_and_shown_again(qtbot, opened, autosaver, session):
    journal = opened.journal
    tab = make_tab(qtbot, autosaver, journal, session)
    before = dt.datetime.now().replace(second=0, microsecond=0)

    qtbot.mouseClick(tab.checkins.add_button, LEFT)
    [form] = tab.checkins.forms
    chips = {chip.text(): chip for chip in form.chips}
    with qtbot.waitSignal(autosaver.saved, timeout=3000):
        qtbot.mouseClick(chips["calm"], LEFT)
        qtbot.mouseClick(chips["tired"], LEFT)
        qtbot.keyClicks(form.lines["colour"], "soft blue")
        qtbot.keyClicks(form.areas["body_sensations"], "Heavy legs")

    [checkin] = journal.checkins(session.id)
    assert checkin.emotions == ("calm", "tired")
    assert checkin.colour == "soft blue"
    assert checkin.body_sensations == "Heavy legs"
    assert checkin.private is False
    assert before <= checkin.checked_at <= dt.datetime.now()

    with qtbot.waitSignal(autosaver.saved, timeout=3000):
        qtbot.mouseClick(form.private, LEFT)
    assert journal.checkins(session.id)[0].private is True

    again = make_tab(qtbot, autosaver, journal, session)
    [shown] = again.checkins.forms
    assert [c.text() for c in shown.chips if c.isChecked()] == ["calm", "tired"]
    assert shown.lines["colour"].text() == "soft blue"
    assert shown.private.isChecked()


def test_a_blank_check_in_can_be_removed_at_once(qtbot, opened, autosaver, session):
    journal = opened.journal
    tab = make_tab(qtbot, autosaver, journal, session)
    qtbot.mouseClick(tab.checkins.add_button, LEFT)
    qtbot.mouseClick(tab.checkins.add_button, LEFT)
    assert len(journal.checkins(session.id)) == 2
    first, second = tab.checkins.forms
    qtbot.keyClicks(second.lines["sound"], "rain")

    qtbot.mouseClick(first.remove_button, LEFT)  # nothing in it: no question asked
    assert dialogs.shown == []
    dialogs.answer_next(True)
    qtbot.mouseClick(second.remove_button, LEFT)
    assert len(dialogs.shown) == 1
    assert tab.checkins.forms == []
    assert journal.checkins(session.id) == []
    assert autosaver.flush()  # the pending save of the removed check-in went with it
    assert journal.checkins(session.id) == []


def test_switching_sessions_shows_only_the_new_one(qtbot, opened, autosaver, session):
    journal = opened.journal
    tab = make_tab(qtbot, autosaver, journal, session)
    fill(qtbot, tab, autosaver)
    other = journal.add_session(dt.date(2025, 12, 2))
    tab.clear()
    tab.load(journal, other)
    assert set(tab.questions.rows) == {offered_first()}
    assert tab.questions.rows[offered_first()].body == ""
    assert tab.checkins.forms == []
    assert "story.title" in tab.questions.sections["story"].choice_ids
    tab.clear()
    tab.load(journal, session)
    assert tab.questions.rows["story.title"].body == "Something private"


def fill(qtbot, tab: ReflectionTab, autosaver: Autosaver) -> None:
    choose(qtbot, tab, "story", "story.title")
    qtbot.mouseClick(tab.checkins.add_button, LEFT)
    with qtbot.waitSignal(autosaver.saved, timeout=3000):
        qtbot.keyClicks(tab.questions.rows["story.title"].editor, "Something private")
        qtbot.keyClicks(tab.checkins.forms[0].lines["felt_sense"], "a low hum")
        qtbot.keyClicks(tab.checkins.forms[0].areas["thoughts"], "quiet")


def test_clear_removes_every_word(qtbot, opened, autosaver, session):
    tab = make_tab(qtbot, autosaver, opened.journal, session)
    fill(qtbot, tab, autosaver)
    editors = [tab.questions.rows["story.title"].editor, *tab.checkins.forms[0].areas.values()]

    tab.clear()
    assert tab.journal is None and tab.session is None
    assert tab.questions.rows == {} and tab.checkins.forms == []
    assert [e.toPlainText() for e in editors] == ["", "", ""]
    assert not any(e.document().isUndoAvailable() for e in editors)
    texts = [w.toPlainText() for w in tab.findChildren(QPlainTextEdit)]
    texts += [w.text() for w in tab.findChildren(QLineEdit)]
    assert not any(texts)
    # The widgets themselves go at the next turn of the event loop.
    qtbot.waitUntil(lambda: not tab.findChildren(QComboBox) and not tab.findChildren(QLineEdit))
    assert not tab.findChildren(QPlainTextEdit)


def test_every_control_has_an_accessible_name(qtbot, opened, autosaver, session):
    journal = opened.journal
    journal.add_custom_question("nowhere", "A question of my own?")
    journal.set_question_hidden("story.gaps", True)
    tab = make_tab(qtbot, autosaver, journal, session)
    fill(qtbot, tab, autosaver)
    qtbot.mouseClick(tab.show_hidden, LEFT)

    controls: list[QWidget] = []
    for kind in (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox):
        controls += tab.findChildren(kind)
    assert len(controls) > 60
    unnamed = [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for w in controls
        if not w.accessibleName().strip()
    ]
    assert unnamed == []


def test_tab_order_follows_reading_order(qtbot, opened, autosaver, session):
    tab = make_tab(qtbot, autosaver, opened.journal, session)
    fill(qtbot, tab, autosaver)
    choose(qtbot, tab, "story", "story.whole")  # chosen later, shown above story.title

    chain: list[QWidget] = []
    widget: QWidget = tab.show_hidden
    for _ in range(400):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is tab.show_hidden:
            break
    story, body = tab.questions.sections["story"], tab.questions.sections["body"]
    expected = [
        tab.show_hidden,
        tab.questions.rows["story.whole"].editor,
        tab.questions.rows["story.title"].editor,
        tab.questions.rows["story.title"].private,
        story.combo,
        story.answer_button,
        body.combo,
        tab.checkins.forms[0].chips[0],
        tab.checkins.forms[0].lines["felt_sense"],
        tab.checkins.add_button,
    ]
    positions = [chain.index(w) for w in expected]
    assert positions == sorted(positions)
    assert all(b - a >= 1 for a, b in itertools.pairwise(positions))


def test_text_size_reaches_every_editor(qtbot, opened, autosaver, session):
    tab = make_tab(qtbot, autosaver, opened.journal, session)
    fill(qtbot, tab, autosaver)
    tab.set_text_size(18)
    editors = [tab.questions.rows["story.title"].editor, *tab.checkins.forms[0].areas.values()]
    editors += list(tab.checkins.forms[0].lines.values())
    assert {e.font().pointSize() for e in editors} == {18}
    choose(qtbot, tab, "body", "body.now")
    assert tab.questions.rows["body.now"].editor.font().pointSize() == 18


def test_picking_a_question_opens_its_answer_in_view(qtbot, opened, autosaver, session):
    """One step, not two: picking in the list opens the answer, the cursor in it, scrolled
    into view."""
    tab = make_tab(qtbot, autosaver, opened.journal, session)
    tab.resize(1000, 500)  # short enough that the last groups are below the edge
    section = list(tab.questions.sections.values())[-1]
    qtbot.waitUntil(section.combo.isVisible)
    wanted = section.choice_ids[0]
    qtbot.keyClick(section.combo, Qt.Key.Key_Down)  # what picking from the list sends
    row = tab.questions.rows[wanted]
    assert tab.focusWidget() is row.editor
    qtbot.waitUntil(lambda: not row.editor.visibleRegion().isEmpty())


def test_the_tab_opens_with_what_is_most_present_and_a_check_in(qtbot, opened, autosaver, session):
    journal = opened.journal
    tab = make_tab(qtbot, autosaver, journal, session)
    sections = list(tab.questions.sections)
    assert sections[:2] == ["present", "hard"]  # now first, hard sessions near the top
    assert "beyond" in sections[:5]

    qtbot.mouseClick(tab.present_button, LEFT)
    row = tab.questions.rows["present.most_present"]
    assert row.question_text == "What is most present for you now?"
    assert tab.focusWidget() is row.editor
    with qtbot.waitSignal(autosaver.saved, timeout=3000):
        qtbot.keyClicks(row.editor, "Tired, and a little lighter")
    qtbot.mouseClick(tab.present_button, LEFT)  # again: back to the same answer
    assert list(tab.questions.rows) == ["present.most_present"]
    assert tab.focusWidget() is row.editor

    qtbot.mouseClick(tab.checkin_button, LEFT)
    assert len(journal.checkins(session.id)) == 1
    assert [a.body for a in journal.answers(session.id)] == ["Tired, and a little lighter"]


def test_coming_back_weeks_later_keeps_every_earlier_word(qtbot, opened, autosaver, session):
    journal = opened.journal
    journal.save_answer(Answer(session.id, "story.title", "A title?", "The long way home"))
    tab = make_tab(qtbot, autosaver, journal, session)
    tab.revisits.today = lambda: dt.date(2025, 12, 16)
    qtbot.mouseClick(tab.revisits.add_button, LEFT)
    [first] = tab.revisits.cards
    assert first.when.text() == "Coming back to it on 16 December 2025"
    assert tab.focusWidget() is first.editor
    with qtbot.waitSignal(autosaver.saved, timeout=3000):
        qtbot.keyClicks(first.editor, "It reads gentler now")
    tab.revisits.today = lambda: dt.date(2026, 2, 3)
    qtbot.mouseClick(tab.revisits.add_button, LEFT)
    second = tab.revisits.cards[1]
    with qtbot.waitSignal(autosaver.saved, timeout=3000):
        qtbot.keyClicks(second.editor, "Quiet about it")
        qtbot.mouseClick(second.private, LEFT)

    notes = journal.revisit_notes(session.id)
    assert [(n.written_on, n.body, n.private) for n in notes] == [
        (dt.date(2025, 12, 16), "It reads gentler now", False),
        (dt.date(2026, 2, 3), "Quiet about it", True),
    ]
    assert [a.body for a in journal.answers(session.id)] == ["The long way home"]

    tab.clear()  # shown again: every earlier word is still there, in order
    tab.load(journal, session)
    assert [c.editor.toPlainText() for c in tab.revisits.cards] == [
        "It reads gentler now",
        "Quiet about it",
    ]
    assert tab.questions.rows["story.title"].editor.toPlainText() == "The long way home"
    [hit] = journal.search("gentler")
    assert (hit.kind, hit.ref_id, hit.session_id) == ("revisit", notes[0].id, session.id)
