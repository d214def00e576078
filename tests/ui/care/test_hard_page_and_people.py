"""'When it's hard' from every window (main, unlock, a dialog), and People round trips."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.journal.model import Action, Person
from tests.ui.shell.test_app_flow import STRONG, add_session, first_run, make_app, unlock
from ui.access.unlock_window import UnlockWindow
from ui.care import hard_page
from ui.common import dialogs
from ui.shell.controller import JournalApp
from ui.shell.settings_dialog import SettingsDialog

__all__ = ["make_app"]  # the fixture, used by name
HARD_KEY = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def shown_page(controller: JournalApp) -> hard_page.HardPage:
    page = controller.hard_page
    assert page is not None and page.isVisible()
    return page


def test_the_hard_page_opens_from_the_main_window_a_dialog_and_while_locked(
    qtbot, make_app
) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)

    qtbot.keyClick(main.session_view, Qt.Key.Key_H, HARD_KEY)
    page = shown_page(controller)
    assert "feet" in " ".join(lbl.text() for lbl in page.findChildren(type(page.contact_list)))
    assert page.contact_list.text() == hard_page.NO_CONTACTS
    assert page.people_button.isVisible()
    page.close()
    main.hard_action.trigger()  # Help → When it's hard
    assert shown_page(controller) is page
    page.close()
    qtbot.mouseClick(main.hard_button, Qt.MouseButton.LeftButton)
    assert shown_page(controller) is page

    # a contact chosen in People appears on the page at once
    qtbot.mouseClick(page.people_button, Qt.MouseButton.LeftButton)
    people = controller.people_window
    assert people is not None and people.isVisible()
    dialogs.answer_next("Clinic on Elm Street")
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(people.reach, "0100 200 300, weekdays")
    people.hard_box.setChecked(True)
    assert people.autosaver.flush()
    qtbot.waitUntil(lambda: "0100 200 300, weekdays" in page.contact_list.text())
    assert "Clinic on Elm Street" in page.contact_list.text()
    page.close()

    # from inside a modal dialog: the page opens above it and can be used
    def from_dialog(dialog: QDialog) -> int:
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.show()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_H, HARD_KEY)
        above = shown_page(controller)
        assert QApplication.activeModalWidget() is above  # not blocked by the dialog
        assert not above.people_button.isVisible()  # People would open behind it
        qtbot.mouseClick(above.close_button, Qt.MouseButton.LeftButton)
        assert not above.isVisible()
        dialog.hide()
        return int(QDialog.DialogCode.Rejected.value)

    dialogs.answer_next(from_dialog)
    main.settings_requested.emit()
    assert dialogs.shown[-1] == SettingsDialog(controller.prefs, controller.folder).windowTitle()

    # locked: the calm page, without the contacts, saying where they are
    page.open()
    assert controller.lock()
    assert page.contact_list.text() == hard_page.LOCKED
    assert "Elm Street" not in page.contact_list.text()
    assert not page.people_button.isVisible()
    page.close()
    unlocked = controller.window
    assert isinstance(unlocked, UnlockWindow)
    qtbot.mouseClick(unlocked.hard_button, Qt.MouseButton.LeftButton)
    assert shown_page(controller).contact_list.text() == hard_page.LOCKED
    page.close()
    qtbot.keyClick(unlocked.field, Qt.Key.Key_H, HARD_KEY)
    assert shown_page(controller) is page
    assert unlocked.field.text() == ""  # the key typed nothing into the passphrase
    page.close()
    unlock(qtbot, controller, STRONG)
    page.open()
    assert "Elm Street" in page.contact_list.text()
    page.close()


def test_people_round_trip_link_to_actions_and_removing_keeps_the_actions(qtbot, make_app) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    assert controller.vault is not None
    journal = controller.vault.journal
    add_session(qtbot, main, dt.date(2024, 5, 2))
    session = main.session
    assert session is not None
    main.tabs.setCurrentWidget(main.action_plan)
    qtbot.waitUntil(lambda: main.action_plan.journal is not None)
    main.people_action.trigger()
    people = controller.people_window
    assert people is not None
    assert people.hint.isVisible()

    dialogs.answer_next("Sam")
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(people.helps, "walks with me")
    qtbot.keyClicks(people.reach, "texts in the evening")
    assert people.autosaver.flush()
    [sam] = journal.people()
    assert main.action_plan._choices.names.stringList() == ["Sam"]  # "With whom" offers Sam
    assert (sam.name, sam.note, sam.reach, sam.when_hard) == (
        "Sam",
        "walks with me",
        "texts in the evening",
        False,
    )

    insight = journal.add_insight(session.id, "Company helps")
    journal.add_action(
        Action(insight.id, session.id, "A walk on Sundays", with_whom="Sam", person_id=sam.id)
    )
    people.reload(select=sam.id)
    assert "A walk on Sundays — session 1, 02 May 2024" in people.shared.text()

    qtbot.keyClicks(people.name, "ira")
    assert people.autosaver.flush()
    assert journal.person(sam.id) == Person(
        "Samira", "walks with me", sam.id, "texts in the evening"
    )
    assert people.list.currentItem().text() == "Samira"

    dialogs.answer_next(True)
    qtbot.mouseClick(people.remove_button, Qt.MouseButton.LeftButton)
    assert "The action you shared with them stays" in dialogs.shown[-1]
    assert journal.people() == []
    [action] = journal.actions_for_session(session.id)
    assert (action.what, action.with_whom, action.person_id) == ("A walk on Sundays", "Sam", None)
    assert people.hint.isVisible()
    people.close()


def test_a_phq9_item_nine_answer_opens_the_hard_page(qtbot, make_app) -> None:
    from tests.ui.follow.test_measures_view import answering
    from ui.follow import measures_view

    controller = make_app()
    main = first_run(qtbot, controller)
    assert main.journal is not None
    main.journal.set_meta(measures_view.ENABLED_KEY, "1")
    main.follow.show_measures()
    view = main.follow.measures
    assert view is not None
    assert controller.hard_page is None
    dialogs.answer_next(answering((0,) * 8 + (1,)), None)  # the sheet, then the care note
    view.start_buttons["phq9"].click()
    assert dialogs.shown[-1] == measures_view.CARE_NOTE
    assert hard_page.TITLE in measures_view.CARE_NOTE and "therapist" in measures_view.CARE_NOTE
    shown_page(controller)
