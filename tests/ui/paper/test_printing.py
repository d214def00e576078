"""Printing the action plan from the main window: Ctrl+P, preview, print, Save as PDF —
and the recovery sheet through the same machinery."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QDialog

from app.documents import FIRST_NAME_META
from app.journal.model import Action, ActionStatus
from tests.app.documents.test_documents import pdf_pages
from tests.ui.shell.test_app_flow import STRONG, add_session, first_run, make_app
from ui.access.first_run import KEY_PAGE, FirstRunWindow
from ui.common import dialogs, preferences
from ui.paper import printing
from ui.paper.print_plan_dialog import PrintPlanDialog
from ui.shell.main_window import MainWindow

__all__ = ["make_app"]  # the fixture, found by pytest through this module's namespace

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.parametrize(
    ("name", "paper"),
    [("en_US", printing.LETTER), ("en_CA", printing.LETTER), ("de_DE", printing.A4),
     ("en_GB", printing.A4), ("fr_FR", printing.A4)],
)  # fmt: skip
def test_the_paper_follows_the_locale(name: str, paper) -> None:
    assert printing.default_paper(QLocale(name)) == paper


def files_under(*folders: Path) -> set[Path]:
    return {p for folder in folders for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temp folder, pointed somewhere a test can watch."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


def backups_done(qtbot, controller) -> None:
    """The daily backup made on unlock has finished, so the folder's files are settled."""
    qtbot.waitUntil(lambda: not controller.backups.running, timeout=15000)


def seed_plan(main: MainWindow) -> None:
    journal = main.journal
    assert journal is not None and main.session is not None
    session = main.session
    journal.save_narrative_part(journal.narrative(session.id)[0].id, "narrativecanary here")
    insight = journal.add_insight(session.id, "Rest is part of the work")
    journal.add_action(Action(insight.id, session.id, what="Stretch before bed", cue="At 22:00"))
    journal.add_action(Action(insight.id, session.id, what="donecanary", status=ActionStatus.DONE))


def open_plan_dialog(qtbot, main: MainWindow) -> PrintPlanDialog:
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(main.tabs.currentWidget(), Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: isinstance(main.plan_dialog, PrintPlanDialog))
    dialog = main.plan_dialog
    assert isinstance(dialog, PrintPlanDialog)
    return dialog


def test_ctrl_p_opens_the_plan_dialog_for_the_tab_in_view(qtbot, make_app) -> None:
    main = first_run(qtbot, make_app())
    add_session(qtbot, main, dt.date(2026, 11, 3))
    main.tabs.setCurrentWidget(main.narrative)
    dialog = open_plan_dialog(qtbot, main)
    assert dialog.all_button.isChecked()
    dialog.close()
    main.tabs.setCurrentWidget(main.action_plan)
    dialog = open_plan_dialog(qtbot, main)
    assert dialog.session_button.isChecked()
    assert "Session 1" in dialog.session_button.text()
    for widget in (dialog.first_name, dialog.paper, dialog.pdf_button, dialog.print_button):
        assert widget.accessibleName()


def test_save_as_pdf_says_it_is_unencrypted_and_writes_only_the_chosen_file(
    qtbot, make_app, tmp_path: Path, private_tmp: Path
) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 3))
    seed_plan(main)
    dialog = open_plan_dialog(qtbot, main)
    qtbot.keyClicks(dialog.first_name, "Robin")
    chosen = tmp_path / "out" / "my plan"
    chosen.parent.mkdir()
    backups_done(qtbot, controller)
    before = files_under(tmp_path)

    dialogs.answer_next(True, str(chosen))
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert any("will not be encrypted" in text for text in dialogs.shown)
    written = chosen.with_name("my plan.pdf")
    # one short line in the window says where it went, and can show the folder
    assert dialog.saved.text.text() == f"Saved as “{written.name}” in {written.parent}."
    qtbot.mouseClick(dialog.saved.show_button, Qt.MouseButton.LeftButton)
    assert dialogs.folders_shown[-1] == str(written.parent)
    assert files_under(tmp_path) - before == {written}
    assert list(private_tmp.iterdir()) == []
    assert oct(os.stat(written).st_mode & 0o777) == oct(0o600)
    text = " ".join(pdf_pages(written.read_bytes()))
    assert "For Robin" in text and "Stretch before bed" in text and "At 22:00" in text
    assert "narrativecanary" not in text and "donecanary" not in text
    # the name is kept in the encrypted journal, never in the settings
    assert main.journal is not None and main.journal.meta(FIRST_NAME_META) == "Robin"
    preferences.save(preferences.load())
    assert b"Robin" not in Path(preferences.settings_file()).read_bytes()


def test_saying_no_to_the_warning_writes_nothing(qtbot, make_app, tmp_path: Path) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 3))
    dialog = open_plan_dialog(qtbot, main)
    backups_done(qtbot, controller)
    before = files_under(tmp_path)
    dialogs.answer_next(False)  # no file is asked for: a second answer would be left over
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert files_under(tmp_path) == before


def test_a_pdf_that_cannot_be_written_says_so_and_leaves_nothing(
    qtbot, make_app, tmp_path: Path
) -> None:
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 3))
    dialog = open_plan_dialog(qtbot, main)
    backups_done(qtbot, controller)
    before = files_under(tmp_path)
    dialogs.answer_next(True, str(tmp_path / "no such folder" / "plan.pdf"), None)
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert "could not be saved" in dialogs.shown[-1]
    assert files_under(tmp_path) == before


def test_preview_and_print_go_through_the_same_pages(qtbot, make_app, tmp_path: Path) -> None:
    main = first_run(qtbot, make_app())
    add_session(qtbot, main, dt.date(2026, 11, 3))
    seed_plan(main)
    main.tabs.setCurrentWidget(main.action_plan)
    dialog = open_plan_dialog(qtbot, main)
    seen: list[int] = []

    def look(preview_dialog: QDialog) -> int:
        widget = preview_dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        seen.append(widget.pageCount())
        return 0

    dialogs.answer_next(look)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert seen == [1]

    printed = tmp_path / "printer.pdf"

    def to_file(print_dialog: QDialog) -> int:
        printer: QPrinter = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted.value

    dialogs.answer_next(to_file, True)  # the printer, then "Print to the file"
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialogs.shown[-1] == printing.PDF_WARNING
    (page,) = pdf_pages(printed.read_bytes())
    assert "Stretch before bed" in page and "Page 1 of 1" in page


def test_the_recovery_sheet_prints_through_the_same_machinery(
    qtbot, make_app, tmp_path: Path
) -> None:
    controller = make_app()
    assert controller.start()
    first = controller.window
    assert isinstance(first, FirstRunWindow)
    qtbot.keyClicks(first.form.first, STRONG)
    qtbot.keyClicks(first.form.second, STRONG)
    qtbot.mouseClick(first.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.pages.currentIndex() == KEY_PAGE, timeout=15000)
    printed = tmp_path / "sheet.pdf"

    def to_file(print_dialog: QDialog) -> int:
        print_dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        print_dialog.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted.value

    dialogs.answer_next(to_file, True)
    qtbot.mouseClick(first.print_button, Qt.MouseButton.LeftButton)
    (page,) = pdf_pages(printed.read_bytes())
    assert first.key_label.text() in page.replace(" ", "")
    assert "Page 1 of 1" in page
    # No printer? The same window saves the sheet as a PDF, says where, offers the folder.
    chosen = tmp_path / "recovery"
    dialogs.answer_next(True, str(chosen), True)
    qtbot.mouseClick(first.pdf_button, Qt.MouseButton.LeftButton)
    saved = chosen.with_name("recovery.pdf")
    (sheet,) = pdf_pages(saved.read_bytes())
    assert first.key_label.text() in sheet.replace(" ", "")
    assert any("will not be encrypted" in text for text in dialogs.shown)
    assert dialogs.shown[-1] == f"Saved as “recovery.pdf” in {tmp_path}."
    assert dialogs.folders_shown[-1] == str(tmp_path)
    qtbot.mouseClick(first.continue_button, Qt.MouseButton.LeftButton)


def test_the_print_dialog_offers_no_print_to_file(qtbot, make_app) -> None:
    main = first_run(qtbot, make_app())
    add_session(qtbot, main, dt.date(2026, 11, 3))
    dialog = open_plan_dialog(qtbot, main)
    offered: list[bool] = []

    def look(print_dialog: QPrintDialog) -> int:
        offered.append(print_dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile))
        return QDialog.DialogCode.Rejected.value

    dialogs.answer_next(look)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert offered == [False]


def test_a_printer_told_to_print_to_a_file_warns_and_declining_writes_nothing(
    qtbot, tmp_path: Path
) -> None:
    from app.documents import Document

    document = Document("<p>kestrelcanary</p>", title="Plan")
    printed = tmp_path / "printed.pdf"
    printer = printing.make_printer(printing.A4)
    printer.setOutputFileName(str(printed))  # as "Print to file" in a print dialog does

    dialogs.answer_next(False)  # "Don't print"
    assert printing.paint_for_printer(None, printer, document) is None
    assert dialogs.shown[-1] == printing.PDF_WARNING
    assert not printed.exists()

    dialogs.answer_next(True)  # "Print to the file"
    assert printing.paint_for_printer(None, printer, document) == 1
    assert "kestrelcanary" in " ".join(pdf_pages(printed.read_bytes()))

    # A printer that prints on paper is not asked about (no answer is queued).
    assert printing.printer_may_paint(None, printing.make_printer(printing.A4))


def test_the_previews_print_button_to_a_file_warns_first(qtbot, make_app, tmp_path: Path) -> None:
    main = first_run(qtbot, make_app())
    add_session(qtbot, main, dt.date(2026, 11, 3))
    seed_plan(main)
    dialog = open_plan_dialog(qtbot, main)
    printed = tmp_path / "from-preview.pdf"

    def print_to_file(preview_dialog: QDialog) -> int:
        preview_dialog.printer().setOutputFileName(str(printed))
        preview_dialog.findChild(QPrintPreviewWidget).print()  # what its Print button does
        return 0

    dialogs.answer_next(print_to_file, False)  # the preview, then "Don't print"
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialogs.shown[-1] == printing.PDF_WARNING
    assert not printed.exists()
