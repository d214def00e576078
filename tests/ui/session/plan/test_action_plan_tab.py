"""The Action plan tab, driven as a person would: clicks and typing, then the journal."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.journal import Journal
from app.journal.model import Action, ActionStatus, Insight, Person, Session
from app.vault import Vault
from ui.common import dialogs
from ui.common.autosave import Autosaver
from ui.session.plan.action_editor import QUIET, ActionEditor
from ui.session.plan.insight_card import InsightCard
from ui.session.plan.tab import ActionPlanTab

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def no_queued_answers() -> Iterator[None]:
    dialogs.reset()
    yield
    dialogs.reset()


@pytest.fixture
def journal(opened: Vault) -> Journal:
    return opened.journal


@pytest.fixture
def session(journal: Journal) -> Session:
    return journal.add_session(dt.date(2025, 11, 18))


@pytest.fixture
def saver() -> Iterator[Autosaver]:
    saver = Autosaver(delay_ms=50)
    yield saver
    saver.forget_all()  # no save may fire later, into another test, for a deleted widget


def make_tab(qtbot: QtBot, saver: Autosaver, journal: Journal, session: Session) -> ActionPlanTab:
    tab = ActionPlanTab(saver, 12)
    qtbot.addWidget(tab)
    tab.resize(1000, 800)
    tab.load(journal, session)
    tab.finish_loading()
    with qtbot.waitActive(tab):
        tab.show()
        tab.activateWindow()
    return tab


def settle(qtbot: QtBot, saver: Autosaver) -> None:
    """Wait for the autosaver's next save (never sleep)."""
    assert saver.has_pending
    with qtbot.waitSignal(saver.saved, timeout=3000):
        pass
    assert not saver.has_pending


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.accessibleName()
    qtbot.mouseClick(button, LEFT)


def add_card(qtbot: QtBot, tab: ActionPlanTab, text: str) -> InsightCard:
    click(qtbot, tab.add_button)
    card = tab.cards[-1]
    qtbot.keyClicks(card.text, text)
    return card


def add_editor(qtbot: QtBot, card: InsightCard) -> ActionEditor:
    """A new insight comes with its first step's form: the first time, click into it;
    after that, "Add an action"."""
    first = card.editors[0] if card.editors else None
    # Marked on the form itself: an ``id()`` kept in a set is reused once an earlier
    # test's form is freed, and then an extra empty action was added.
    if first is not None and not getattr(first, "claimed_by_test", False) and not first.what.text():
        first.claimed_by_test = True  # type: ignore[attr-defined]
        click(qtbot, first.what)
        return first
    click(qtbot, card.add_button)
    return card.editors[-1]


def test_a_plan_typed_into_the_tab_is_in_the_journal_exactly(
    qtbot: QtBot, saver: Autosaver, journal: Journal, session: Session
) -> None:
    sam = journal.save_person(Person("Sam"))
    tab = make_tab(qtbot, saver, journal, session)
    assert tab.empty.isVisible()

    card = add_card(qtbot, tab, "Slowing down helps")
    assert not tab.empty.isVisible()
    first = add_editor(qtbot, card)
    assert first.what.hasFocus()
    qtbot.keyClicks(first.what, "Three slow breaths before I answer")
    qtbot.keyClicks(first.cue, "If my chest tightens, then I will pause")
    qtbot.keyClick(first.how_often, Qt.Key.Key_Down)  # picks "once" from the list…
    qtbot.keyClick(first.how_often, Qt.Key.Key_Down)  # …then "daily"
    qtbot.keyClicks(first.with_whom.edit(), "Sam")
    qtbot.keyClicks(first.first_step, "A note on my laptop")
    click(qtbot, first.look_check)
    assert first.look_date is not None and first.look_date.isVisible()
    qtbot.keyClick(first.look_date, Qt.Key.Key_Up)

    second = add_editor(qtbot, card)
    qtbot.keyClicks(second.what, "A walk after lunch")
    qtbot.keyClicks(second.how_often.edit(), "on work days")
    qtbot.keyClicks(second.with_whom.edit(), "my neighbour")
    settle(qtbot, saver)

    look_again = first.look_date.date().toPython()
    assert look_again >= dt.date.today() + dt.timedelta(days=7)
    assert journal.insights(session.id) == [
        Insight(session.id, "Slowing down helps", 0, card.insight.id)
    ]
    assert journal.actions_for_insight(card.insight.id) == [
        Action(
            insight_id=card.insight.id,
            session_id=session.id,
            what="Three slow breaths before I answer",
            cue="If my chest tightens, then I will pause",
            how_often="daily",
            with_whom="Sam",
            person_id=sam.id,
            first_step="A note on my laptop",
            look_again=look_again,
            position=0,
            id=first.action.id,
        ),
        Action(
            insight_id=card.insight.id,
            session_id=session.id,
            what="A walk after lunch",
            how_often="on work days",
            with_whom="my neighbour",
            position=1,
            id=second.action.id,
        ),
    ]


def test_a_support_person_is_found_whatever_the_case(
    qtbot: QtBot, saver: Autosaver, journal: Journal, session: Session
) -> None:
    alex = journal.save_person(Person("Alex"))
    tab = make_tab(qtbot, saver, journal, session)
    editor = add_editor(qtbot, add_card(qtbot, tab, "Asking is fine"))
    qtbot.keyClicks(editor.with_whom.edit(), " alex")
    settle(qtbot, saver)
    saved = journal.action(editor.action.id)
    assert saved is not None
    assert (saved.with_whom, saved.person_id) == (" alex", alex.id)


def test_moving_marking_done_and_deleting(
    qtbot: QtBot, saver: Autosaver, journal: Journal, session: Session
) -> None:
    tab = make_tab(qtbot, saver, journal, session)
    card = add_card(qtbot, tab, "Rest is allowed")
    editors = [add_editor(qtbot, card) for _ in range(3)]
    for editor, what in zip(editors, ("one", "two", "three"), strict=True):
        qtbot.keyClicks(editor.what, what)
    settle(qtbot, saver)

    def whats() -> list[str]:
        return [a.what for a in journal.actions_for_insight(card.insight.id)]

    click(qtbot, editors[0].down_button)
    assert whats() == ["two", "one", "three"]
    assert [e.what.text() for e in card.editors] == ["two", "one", "three"]
    assert editors[0].down_button.hasFocus()
    assert not card.editors[0].up_button.isEnabled()
    assert card.editors[1].what.accessibleName() == "What, action 2 of insight 1"

    # Typing after a move saves in the new place: the position travels with the editor.
    qtbot.keyClicks(editors[0].what, " more")
    click(qtbot, editors[0].done_button)
    settle(qtbot, saver)
    assert whats() == ["two", "one more", "three"]
    done = journal.action(editors[0].action.id)
    assert done is not None and done.status is ActionStatus.DONE
    assert editors[0].isVisible()  # done stays in the plan, only quieter
    assert editors[0].styleSheet() == QUIET and "red" not in QUIET
    assert editors[0].caption.text() == "Another step (2) · Done"
    assert not editors[0].done_button.isVisible()

    click(qtbot, editors[2].let_go_button)  # no reason asked for
    settle(qtbot, saver)
    let_go = journal.action(editors[2].action.id)
    assert let_go is not None and let_go.status is ActionStatus.LET_GO
    assert dialogs.shown == []

    dialogs.answer_next(False)
    click(qtbot, editors[1].delete_button)
    assert whats() == ["two", "one more", "three"]
    dialogs.answer_next(True)
    click(qtbot, editors[1].delete_button)
    assert "“two”" in dialogs.shown[-1]
    assert whats() == ["one more", "three"]
    assert card.editors == [editors[0], editors[2]]
    assert editors[1].what.text() == ""


def test_insights_move_and_delete_with_their_actions(
    qtbot: QtBot, saver: Autosaver, journal: Journal, session: Session
) -> None:
    tab = make_tab(qtbot, saver, journal, session)
    first = add_card(qtbot, tab, "First")
    for _ in range(2):
        add_editor(qtbot, first)
    second = add_card(qtbot, tab, "Second")
    settle(qtbot, saver)

    click(qtbot, second.up_button)
    assert [i.body for i in journal.insights(session.id)] == ["Second", "First"]
    assert tab.cards == [second, first]
    assert first.text.accessibleName() == "Insight 2"
    assert first.editors[0].what.accessibleName() == "What, action 1 of insight 2"

    dialogs.answer_next(True)
    click(qtbot, first.delete_button)
    assert "its 2 actions" in dialogs.shown[-1]
    assert [i.body for i in journal.insights(session.id)] == ["Second"]
    # only the second insight's first step (its form came with it) is left
    assert {a.insight_id for a in journal.actions_for_session(session.id)} == {second.insight.id}
    assert tab.cards == [second]


def test_a_new_tab_shows_what_was_saved(
    qtbot: QtBot, saver: Autosaver, journal: Journal, session: Session
) -> None:
    insight = journal.add_insight(session.id, "Being outside helps")
    journal.add_action(
        Action(
            insight.id,
            session.id,
            what="A walk",
            cue="After lunch",
            how_often="a few times a week",
            with_whom="My sister",
            first_step="Shoes by the door",
            status=ActionStatus.DOING,
            look_again=dt.date(2026, 1, 5),
        )
    )
    journal.add_action(Action(insight.id, session.id, what="Sit in the sun", status="let_go"))
    tab = make_tab(qtbot, saver, journal, session)

    [card] = tab.cards
    assert card.text.toPlainText() == "Being outside helps"
    walk, sun = card.editors
    assert walk.what.text() == "A walk"
    assert walk.cue.text() == "After lunch"
    assert walk.how_often.currentText() == "a few times a week"
    assert walk.with_whom.currentText() == "My sister"
    assert walk.first_step.text() == "Shoes by the door"
    assert walk.status.currentText() == "Doing"
    assert walk.look_check.isChecked()
    assert walk.look_date is not None and walk.look_date.date().toPython() == dt.date(2026, 1, 5)
    assert sun.status.currentText() == "Let go" and sun.styleSheet() == QUIET
    assert not sun.look_check.isChecked() and sun.look_date is None
    assert not saver.has_pending  # showing is not editing


def test_words_typed_just_before_switching_session_are_saved(
    qtbot: QtBot, saver: Autosaver, journal: Journal, session: Session
) -> None:
    tab = make_tab(qtbot, saver, journal, session)
    editor = add_editor(qtbot, add_card(qtbot, tab, "Keep this"))
    qtbot.keyClicks(editor.what, "every word")
    tab.load(journal, journal.add_session(dt.date(2025, 11, 25)))
    assert editor.what.text() == ""  # the old card is emptied straight away…
    settle(qtbot, saver)  # …and what was typed still reaches the journal
    saved = journal.action(editor.action.id)
    assert saved is not None and saved.what == "every word"
    assert [i.body for i in journal.insights(session.id)] == ["Keep this"]


def test_clear_leaves_no_words_and_no_journal(
    qtbot: QtBot, saver: Autosaver, journal: Journal, session: Session
) -> None:
    tab = make_tab(qtbot, saver, journal, session)
    editor = add_editor(qtbot, add_card(qtbot, tab, "Something private"))
    qtbot.keyClicks(editor.what, "private step")
    qtbot.keyClicks(editor.with_whom.edit(), "Someone")
    click(qtbot, editor.look_check)
    settle(qtbot, saver)
    edits = tab.findChildren(QLineEdit) + tab.findChildren(QPlainTextEdit)

    tab.clear()
    assert tab.journal is None and tab.session is None and tab.cards == []
    assert not saver.has_pending
    for edit in edits:  # the old widgets, before they are deleted
        if isinstance(edit, QLineEdit):
            assert edit.text() == "" and not edit.isUndoAvailable()
        else:
            assert edit.toPlainText() == "" and not edit.document().isUndoAvailable()
    for combo in tab.findChildren(QComboBox):
        assert not combo.isEditable() or combo.currentText() == ""
    assert not tab.add_button.isEnabled()


def test_every_control_is_named_and_tab_order_follows_reading_order(
    qtbot: QtBot, saver: Autosaver, journal: Journal, session: Session
) -> None:
    tab = make_tab(qtbot, saver, journal, session)
    for text in ("One", "Two"):
        card = add_card(qtbot, tab, text)
        for _ in range(2):
            add_editor(qtbot, card)
    click(qtbot, tab.cards[0].editors[0].look_check)
    click(qtbot, tab.cards[0].editors[0].down_button)
    click(qtbot, tab.cards[1].up_button)

    unnamed = [
        type(w).__name__
        for w in tab.findChildren(QWidget)
        if isinstance(w, INTERACTIVE) and not w.accessibleName()
    ]
    assert unnamed == []

    chain = tab.focus_chain()
    assert chain[:2] == [tab.print_button, tab.pdf_button] and chain[2] is tab.cards[0].text
    assert chain[-1] is tab.add_button
    wanted = set(chain)
    for here, expected in itertools.pairwise(chain):
        following = here.nextInFocusChain()
        while following not in wanted:  # inner parts of combo and date boxes
            following = following.nextInFocusChain()
        assert following is expected, (here.accessibleName(), following.accessibleName())


def test_a_long_plan_shows_its_first_cards_at_once_and_the_rest_soon(
    qtbot: QtBot, saver: Autosaver, journal: Journal, session: Session
) -> None:
    for n in range(10):
        insight = journal.add_insight(session.id, f"Insight {n}")
        for m in range(5):
            journal.add_action(Action(insight.id, session.id, what=f"{n}.{m}"))
    tab = ActionPlanTab(saver, 12)
    qtbot.addWidget(tab)
    tab.load(journal, session)
    assert 0 < len(tab.cards) < 10 and tab.loading
    assert tab.cards[-1].down_button.isEnabled()  # more cards are on their way
    qtbot.waitUntil(lambda: not tab.loading)
    assert [c.text.toPlainText() for c in tab.cards] == [f"Insight {n}" for n in range(10)]
    assert tab.cards[9].editors[4].what.accessibleName() == "What, action 5 of insight 10"
    assert not tab.cards[9].down_button.isEnabled()


def test_text_size_reaches_the_writing(
    qtbot: QtBot, saver: Autosaver, journal: Journal, session: Session
) -> None:
    tab = make_tab(qtbot, saver, journal, session)
    editor = add_editor(qtbot, add_card(qtbot, tab, "Bigger"))
    tab.set_text_size(18)
    assert tab.cards[0].text.font().pointSize() == 18
    assert editor.what.font().pointSize() == 18
    assert editor.how_often.edit().font().pointSize() == 18


def test_what_was_just_added_or_moved_scrolls_into_view(
    qtbot: QtBot, saver: Autosaver, journal: Journal, session: Session
) -> None:
    for n in range(4):
        insight = journal.add_insight(session.id, f"Insight {n}")
        for _ in range(3):
            journal.add_action(Action(insight.id, session.id))
    tab = make_tab(qtbot, saver, journal, session)
    assert tab.cards[-1].visibleRegion().isEmpty()  # far below the fold

    click(qtbot, tab.add_button)
    new = tab.cards[-1]
    qtbot.waitUntil(lambda: not new.text.visibleRegion().isEmpty())
    assert new.text.hasFocus()

    first = tab.cards[0]
    tab.scroll_area.verticalScrollBar().setValue(0)
    click(qtbot, first.down_button)
    click(qtbot, first.down_button)
    qtbot.waitUntil(lambda: not first.down_button.visibleRegion().isEmpty())
    assert first.down_button.hasFocus()
