"""Journal ▸ Print action plan… and Prepare for therapy…: the shell opens one paper window
at a time over the main window, and closes it when the journal locks. The windows are kept
on the main window (``plan_dialog``, ``packet_window``) so tests can reach them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shiboken6 import isValid

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


def print_plan(main: MainWindow) -> None:
    from ui.paper.print_plan_dialog import PrintPlanDialog

    if main.journal is None or not main.autosaver.flush():
        return
    close_print_windows(main)
    on_plan_tab = main.tabs.currentWidget() is main.action_plan
    main.plan_dialog = PrintPlanDialog(main.journal, main.session, on_plan_tab, main)
    main.plan_dialog.show()


def save_plan_pdf(main: MainWindow) -> None:
    """The Action plan tab's Save as PDF: this session's plan, with the first name and own
    words last used; the tab then says where it went."""
    import datetime as dt

    from app.documents import FIRST_NAME_META, OWN_WORDS_META, action_plan
    from ui.paper import printing

    journal, session = main.journal, main.session
    if journal is None or session is None or not main.autosaver.flush():
        return
    document = action_plan(
        journal,
        session_id=session.id,
        first_name=journal.meta(FIRST_NAME_META) or "",
        own_words=journal.meta(OWN_WORDS_META) or "",
        today=dt.date.today(),
    )
    path = printing.save_pdf(main, document, "action-plan.pdf")
    if path is not None:
        main.action_plan.saved.show_saved(path)


def prepare_for_therapy(main: MainWindow) -> None:
    from ui.paper.therapy_packet import TherapyPacketWindow

    if main.journal is None or not main.autosaver.flush():
        return
    close_print_windows(main)
    opened_from = main.session.id if main.session is not None else None
    main.packet_window = TherapyPacketWindow(main.journal, main, opened_from)
    main.packet_window.show()


def close_print_windows(main: MainWindow) -> None:
    """Close the plan dialog and the therapy packet window; their widgets go too."""
    for window in (main.plan_dialog, main.packet_window):
        if window is not None and isValid(window):
            window.close()
    main.plan_dialog = main.packet_window = None
