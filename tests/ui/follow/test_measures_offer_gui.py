"""The questionnaires' two-weekly offer on the main window, driven as a client would:
turned on in Settings, shown at unlock when due, "Not now" rests it across locks until the
snooze has passed, "Answer now" opens the questionnaires; never when they are off, never
on the unlock window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from app.follow import measures, measures_offer
from app.journal.measure_results import MeasureResult
from tests.ui import keyboard
from tests.ui.follow.test_measures_view import answering
from tests.ui.shell.test_app_flow import STRONG, first_run, make_app, unlock
from ui.access.unlock_window import UnlockWindow
from ui.common import dialogs, preferences
from ui.follow import measures_view
from ui.follow.measures_offer import AGAIN, FIRST, MeasuresOffer
from ui.follow.measures_view import QuestionnaireDialog
from ui.shell.controller import JournalApp
from ui.shell.main_window import MainWindow
from ui.shell.settings_dialog import SettingsDialog

__all__ = ["make_app"]

TODAY = dt.date(2026, 11, 18)


def settings(qtbot, main: MainWindow, on: bool, remind: bool) -> None:
    """Through the Settings window, as the client turns the switches."""

    def choose(dialog: SettingsDialog) -> int:
        dialog.measures_on.setChecked(on)
        dialog.measures_offer.setChecked(remind)
        return QDialog.DialogCode.Accepted.value

    dialogs.answer_next(choose)
    main.settings_action.trigger()


def relock(qtbot, controller: JournalApp) -> MainWindow:
    assert controller.lock()
    assert isinstance(controller.window, UnlockWindow)
    # the unlock window knows nothing of the offer
    assert controller.window.findChildren(MeasuresOffer) == []
    texts = " ".join(label.text() for label in controller.window.findChildren(QLabel))
    assert "questionnaire" not in texts.lower()
    unlock(qtbot, controller, STRONG)
    main = controller.main_window
    assert main is not None
    return main


def offer_of(main: MainWindow) -> MeasuresOffer:
    return main.follow.measures_offer


def test_the_offer_comes_at_unlock_rests_after_not_now_and_leaves_nothing_outside(
    qtbot, make_app
) -> None:
    controller = make_app()
    controller.today = lambda: TODAY
    main = first_run(qtbot, controller)
    assert offer_of(main).isHidden()  # off until the client turns them on
    settings(qtbot, main, on=True, remind=False)
    assert offer_of(main).isHidden()  # on, but no reminder asked for
    settings(qtbot, main, on=True, remind=True)
    offer = offer_of(main)
    assert offer.isVisible() and offer.message.text() == FIRST  # never answered yet

    old = dt.datetime.combine(TODAY - dt.timedelta(days=20), dt.time(20, 0))
    main.journal.save_measure(MeasureResult("phq9", old, (1,) * 9))
    main = relock(qtbot, controller)
    offer = offer_of(main)
    assert offer.isVisible() and offer.message.text() == AGAIN
    for text in (AGAIN, FIRST):  # no score, no label in the offer
        assert not any(ch.isdigit() for ch in text.replace("two weeks", ""))
        assert not any(b in text.lower() for b in ("mild", "moderate", "severe", "minimal"))
    # reachable by keyboard, right under the revisit offers and before the welcome; named
    keyboard.activate(qtbot, main, main.new_button)
    stops = keyboard.walk(qtbot, main.new_button)
    at = stops.index(offer.answer_button)
    assert stops[at + 1] is offer.later_button
    assert at < stops.index(main.welcome.begin_button)
    assert keyboard.name(offer.answer_button) == "Answer the questionnaires now"
    assert keyboard.name(offer.later_button).startswith("Not now")
    assert offer.accessibleName()

    offer.later_button.setFocus()
    qtbot.keyClick(offer.later_button, Qt.Key.Key_Space)  # "Not now", by keyboard
    assert offer.isHidden()
    snooze = (TODAY + measures.SNOOZE).isoformat()
    assert main.journal.meta(measures_offer.SNOOZE_KEY) == snooze
    settings_file = Path(preferences.settings_file())
    written = settings_file.read_text(encoding="utf-8") if settings_file.exists() else ""
    assert "measures" not in written and snooze not in written  # only in the vault

    assert offer_of(relock(qtbot, controller)).isHidden()  # the same day, after a lock
    controller.today = lambda: TODAY + measures.SNOOZE - dt.timedelta(days=1)
    assert offer_of(relock(qtbot, controller)).isHidden()  # still resting
    controller.today = lambda: TODAY + measures.SNOOZE
    main = relock(qtbot, controller)
    assert offer_of(main).isVisible()  # the snooze has passed

    settings(qtbot, main, on=False, remind=True)
    assert offer_of(main).isHidden()  # turned off: gone at once, and after unlock
    assert offer_of(relock(qtbot, controller)).isHidden()


def test_answer_now_opens_the_questionnaires_and_the_offer_rests(qtbot, make_app) -> None:
    controller = make_app()
    controller.today = lambda: TODAY
    main = first_run(qtbot, controller)
    settings(qtbot, main, on=True, remind=True)
    offer = offer_of(main)
    assert offer.isVisible()

    sheets: list[str] = []

    def fill(values: tuple[int, ...]):
        answer = answering(values)

        def seen(sheet: QuestionnaireDialog) -> int:
            sheets.append(sheet.measure.key)
            return answer(sheet)

        return seen

    dialogs.answer_next(fill((0,) * 9), fill((1,) * 7))
    qtbot.mouseClick(offer.answer_button, Qt.MouseButton.LeftButton)
    assert sheets == ["phq9", "gad7"]
    results = main.journal.measures()
    assert [(r.measure, r.taken_at.date()) for r in results] == [
        ("phq9", TODAY),
        ("gad7", TODAY),
    ]
    assert offer.isHidden()
    assert main.follow.measures is not None and main.follow.measures.isVisible()
    main = relock(qtbot, controller)
    assert offer_of(main).isHidden()  # answered today
    controller.today = lambda: TODAY + measures.OFFER_EVERY
    assert offer_of(relock(qtbot, controller)).isVisible()  # two weeks on


def test_a_cancelled_sheet_keeps_the_offer_and_the_care_note_ends_the_round(
    qtbot, make_app
) -> None:
    controller = make_app()
    controller.today = lambda: TODAY
    main = first_run(qtbot, controller)
    settings(qtbot, main, on=True, remind=True)
    offer = offer_of(main)
    dialogs.answer_next(QDialog.DialogCode.Rejected.value)
    qtbot.mouseClick(offer.answer_button, Qt.MouseButton.LeftButton)
    assert main.journal.measures() == []
    assert offer.isVisible()  # nothing answered: the offer stays, "Not now" is still there

    dialogs.answer_next(answering((0,) * 8 + (1,)), None)  # the PHQ-9, then the care note
    qtbot.mouseClick(offer.answer_button, Qt.MouseButton.LeftButton)
    assert dialogs.shown[-1] == measures_view.CARE_NOTE
    assert [r.measure for r in main.journal.measures()] == ["phq9"]  # no GAD-7 after it
    assert offer.isHidden()
    if controller.hard_page is not None:
        controller.hard_page.close()
    QApplication.processEvents()


def test_answers_given_in_over_time_put_the_offer_to_rest(qtbot, make_app) -> None:
    controller = make_app()
    controller.today = lambda: TODAY
    main = first_run(qtbot, controller)
    settings(qtbot, main, on=True, remind=True)
    assert offer_of(main).isVisible()
    main.follow.measures_action.trigger()
    view = main.follow.measures
    assert view is not None
    dialogs.answer_next(answering((0,) * 7))
    qtbot.mouseClick(view.start_buttons["gad7"], Qt.MouseButton.LeftButton)
    assert offer_of(main).isHidden()
    assert main.journal.measures()[-1].taken_at.date() == TODAY  # the same clock as the offer
