"""The check-in's feelings: families, "a little / a lot", and words of one's own."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.journal import feelings
from app.journal.model import CheckIn
from ui.session.reflection.checkin_form import CheckInForm

LEFT = Qt.MouseButton.LeftButton


def make_form(qtbot: QtBot, checkin: CheckIn) -> CheckInForm:
    form = CheckInForm(checkin, 12)
    qtbot.addWidget(form)
    form.show()
    return form


def test_every_family_word_is_offered_and_earlier_words_stay(qtbot: QtBot) -> None:
    earlier = CheckIn(dt.datetime(2024, 3, 1, 9), emotions=("calm", "shimmery"))
    form = make_form(qtbot, earlier)
    words = [c.text() for c in form.chips]
    assert set(words) == feelings.all_words() | {"shimmery"}
    assert [c.text() for c in form.chips if c.isChecked()] == ["calm", "shimmery"]
    assert form.value().emotions == ("calm", "shimmery")
    assert form.value().amounts == {}


def test_how_much_is_asked_for_chosen_words_only(qtbot: QtBot) -> None:
    form = make_form(qtbot, CheckIn(dt.datetime(2024, 3, 1, 9)))
    assert form.picker.how_much == {}
    chips = {c.text(): c for c in form.chips}
    with qtbot.waitSignal(form.changed):
        qtbot.mouseClick(chips["tender"], LEFT)
    combo = form.picker.how_much["tender"]
    assert combo.accessibleName() == "How much: tender"
    with qtbot.waitSignal(form.changed):
        combo.setCurrentText("a lot")
    assert form.value().amounts == {"tender": "a lot"}
    qtbot.mouseClick(chips["tender"], LEFT)  # unticked: its amount goes with it
    assert form.value().emotions == () and form.value().amounts == {}


def test_a_word_of_ones_own_becomes_a_chosen_chip(qtbot: QtBot) -> None:
    form = make_form(qtbot, CheckIn(dt.datetime(2024, 3, 1, 9)))
    qtbot.keyClicks(form.picker.own_word, "  fizzy   bright ")
    with qtbot.waitSignal(form.changed):
        qtbot.mouseClick(form.picker.add_own, LEFT)
    assert form.value().emotions == ("fizzy bright",)
    assert form.picker.own_word.text() == ""
    qtbot.keyClicks(form.picker.own_word, "Calm")  # a word already there is ticked instead
    qtbot.mouseClick(form.picker.add_own, LEFT)
    assert set(form.value().emotions) == {"calm", "fizzy bright"}


def test_every_control_has_an_accessible_name(qtbot: QtBot) -> None:
    form = make_form(qtbot, CheckIn(dt.datetime(2024, 3, 1, 9), emotions=("calm",)))
    for widget in form.picker.focus_chain():
        assert widget.accessibleName(), widget
