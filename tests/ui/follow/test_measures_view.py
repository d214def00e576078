"""The Measures window: off until turned on, a sheet answered, totals over time, the care note."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from app.follow import measures
from app.vault import Vault
from ui.common import dialogs
from ui.follow import measures_view
from ui.follow.measures_view import MeasuresView, QuestionnaireDialog

NOW = dt.datetime(2024, 3, 15, 9, 0)


def make_view(qtbot: QtBot, opened: Vault) -> MeasuresView:
    view = MeasuresView(lambda: opened.journal, now=lambda: NOW)
    qtbot.addWidget(view)
    view.open_view()
    return view


def answering(values: tuple[int, ...]) -> Callable[[QuestionnaireDialog], int]:
    def fill(sheet: QuestionnaireDialog) -> int:
        assert not sheet.save_button.isEnabled()  # nothing answered yet
        sheet.answer(values)
        assert sheet.save_button.isEnabled()
        return QDialog.DialogCode.Accepted.value

    return fill


def table_rows(view: MeasuresView) -> list[list[str]]:
    return [
        [view.table.item(r, c).text() for c in range(view.table.columnCount())]
        for r in range(view.table.rowCount())
    ]


def test_off_until_turned_on(qtbot: QtBot, opened: Vault) -> None:
    view = make_view(qtbot, opened)
    assert view.off_note.isVisibleTo(view)
    assert not any(b.isEnabled() for b in view.start_buttons.values())
    opened.journal.set_meta(measures_view.ENABLED_KEY, "1")
    view.reload()
    assert not view.off_note.isVisibleTo(view)
    assert all(b.isEnabled() for b in view.start_buttons.values())


def test_answers_are_kept_and_shown_as_totals_never_labels(qtbot: QtBot, opened: Vault) -> None:
    opened.journal.set_meta(measures_view.ENABLED_KEY, "1")
    view = make_view(qtbot, opened)
    dialogs.answer_next(answering((2,) * 7))
    view.start_buttons["gad7"].click()
    assert [r.total for r in opened.journal.measures("gad7")] == [14]
    assert table_rows(view) == [["15 March 2024", "GAD-7", "14 of 21"]]
    shown = " ".join(label.text() for label in view.findChildren(QLabel))
    for band in ("minimal", "mild", "moderate", "severe"):
        assert band not in shown.lower()
    assert measures.NOT_A_DIAGNOSIS in shown


def test_item_nine_above_not_at_all_brings_the_care_note(qtbot: QtBot, opened: Vault) -> None:
    opened.journal.set_meta(measures_view.ENABLED_KEY, "1")
    view = make_view(qtbot, opened)
    dialogs.answer_next(answering((0,) * 8 + (1,)), None)  # the sheet, then the note
    view.start_buttons["phq9"].click()
    assert dialogs.shown[-1] == measures_view.CARE_NOTE
    assert "therapist" in measures_view.CARE_NOTE


def test_item_nine_at_not_at_all_brings_no_note(qtbot: QtBot, opened: Vault) -> None:
    opened.journal.set_meta(measures_view.ENABLED_KEY, "1")
    view = make_view(qtbot, opened)
    dialogs.answer_next(answering((3,) * 8 + (0,)))
    view.start_buttons["phq9"].click()
    assert measures_view.CARE_NOTE not in dialogs.shown
    assert table_rows(view)[0][2] == "24 of 27"


def test_a_cancelled_sheet_keeps_nothing(qtbot: QtBot, opened: Vault) -> None:
    opened.journal.set_meta(measures_view.ENABLED_KEY, "1")
    view = make_view(qtbot, opened)
    dialogs.answer_next(QDialog.DialogCode.Rejected.value)
    view.start_buttons["phq9"].click()
    assert opened.journal.measures() == []


def test_the_gentle_offer_only_when_asked_and_due(qtbot: QtBot, opened: Vault) -> None:
    j = opened.journal
    j.set_meta(measures_view.ENABLED_KEY, "1")
    view = make_view(qtbot, opened)
    assert not view.offer_note.isVisibleTo(view)  # not asked for
    j.set_meta(measures_view.OFFER_KEY, "1")
    view.reload()
    assert view.offer_note.isVisibleTo(view)  # asked, never taken
    assert "again" not in view.offer_note.text()  # nothing to do "again" yet
    dialogs.answer_next(answering((0,) * 7))
    view.start_buttons["gad7"].click()
    assert not view.offer_note.isVisibleTo(view)  # just taken


def test_every_answer_button_has_an_accessible_name(qtbot: QtBot) -> None:
    sheet = QuestionnaireDialog(measures.PHQ9)
    qtbot.addWidget(sheet)
    names = [b.accessibleName() for g in sheet.groups for b in g.buttons()]
    assert len(names) == 36 and all(names)
    assert names[-1] == f"{measures.PHQ9.items[-1]}: Nearly every day"
