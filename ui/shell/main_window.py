"""The main window: sessions on the left, the selected session's three tabs in the centre,
and a status line that tells the truth about saving."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListView,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.errors import JournalError
from app.journal import Journal
from app.journal.model import SearchHit, Session
from ui.care.hard_page import hard_button
from ui.common import dialogs, preferences
from ui.common.autosave import Autosaver
from ui.common.session_list import SessionListModel, session_label
from ui.find.across_sessions import AcrossSessions
from ui.find.navigate import open_place
from ui.find.search_panel import SearchPanel
from ui.follow.follow_through import FollowThrough
from ui.session.area import SessionArea
from ui.session.dialogs import ask_session_date
from ui.session.header import SessionHeader
from ui.session.narrative_tab import NarrativeTab
from ui.session.page import SessionPage
from ui.session.plan.tab import ActionPlanTab
from ui.session.reflection.tab import ReflectionTab
from ui.session.welcome import Welcome
from ui.shell import focus_order, paper_windows
from ui.shell.menus import build_menus
from ui.transfer import export_dialog, finish_running, import_dialog


class MainWindow(QMainWindow):
    """Holds the journal only while unlocked; ``wipe()`` clears every widget and forgets it."""

    # Made by ui/shell/menus.py; kept here for the controller and tests to trigger.
    new_action: QAction
    delete_action: QAction
    settings_action: QAction
    find_action: QAction
    lock_action: QAction
    quit_action: QAction
    print_plan_action: QAction
    packet_action: QAction
    export_action: QAction
    import_action: QAction
    backup_action: QAction
    restore_action: QAction
    preview_action: QAction
    add_part_action: QAction
    people_action: QAction
    hard_action: QAction

    lock_requested = Signal()
    settings_requested = Signal()
    backup_requested = Signal()
    restore_requested = Signal()
    closed = Signal()
    hard_requested = Signal()
    people_requested = Signal()

    def __init__(
        self, journal: Journal, prefs: preferences.Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)  # never anything the client wrote
        self.journal: Journal | None = journal
        self.session: Session | None = None
        self.autosaver = Autosaver(parent=self)

        self.sessions = SessionListModel()
        self.session_view = QListView(self)
        self.session_view.setModel(self.sessions)
        self.session_view.setAccessibleName("Sessions")
        self.session_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.session_view.setUniformItemSizes(True)  # sizing 500 rows asks Python once
        self.new_button = QPushButton("New session", self)
        self.new_button.setAccessibleName("New session")
        self.new_button.setToolTip("Add a session (Ctrl+N)")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.session_view, 1)
        self.welcome = Welcome(self)  # before the first session, instead of empty fields

        self.header = SessionHeader(self)
        self.narrative = NarrativeTab(self.autosaver, prefs.text_size, self)
        self.reflection = ReflectionTab(self.autosaver, prefs.text_size, self)
        self.action_plan = ActionPlanTab(self.autosaver, prefs.text_size, self)
        self.tabs = QTabWidget(self)
        for named in (self.tabs, self.tabs.tabBar()):  # the bar is where Tab stops
            named.setAccessibleName("Session tabs")
        self.tabs.addTab(self.narrative, "Narrative")
        self.tabs.addTab(self.reflection, "Reflection")
        self.tabs.addTab(self.action_plan, "Action plan")
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        self.search_panel = SearchPanel(lambda: self.journal, self._session_name, centre)
        # What features that open a place in a session may drive, instead of this window.
        self.area = SessionArea(
            journal=lambda: self.journal,
            current=lambda: self.session,
            select=self.select_session,
            tabs=self.tabs,
            narrative=self.narrative,
            reflection=self.reflection,
            action_plan=self.action_plan,
        )
        # timeline, week, review, revisits, intention
        self.follow = FollowThrough(
            self, prefs, self.area, self.autosaver, self.header, self.reload_action_plan
        )
        centre_layout.addWidget(self.search_panel)
        centre_layout.addWidget(self.follow.banner)
        centre_layout.addWidget(self.follow.measures_offer)
        centre_layout.addWidget(self.header)
        centre_layout.addWidget(self.follow.intention_card)
        centre_layout.addWidget(self.tabs, 1)
        centre_layout.addWidget(self.welcome, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(centre)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 900])
        self.setCentralWidget(splitter)

        self.status = QLabel(self.autosaver.status, self)
        self.status.setObjectName("status")
        self.status.setAccessibleName("Save status")
        self.statusBar().addWidget(self.status, 1)
        self.backup_note = QLabel("", self)  # only when a backup needs the client's attention
        self.backup_note.setObjectName("status")
        self.backup_note.setAccessibleName("Backup status")
        self.statusBar().addPermanentWidget(self.backup_note)
        self.hard_button = hard_button(self)
        self.hard_button.clicked.connect(self.hard_requested.emit)
        self.statusBar().addPermanentWidget(self.hard_button)

        view_menu = build_menus(self)
        # -- issue 5: themes and every answer to a question (ui/find/across_sessions.py) --
        self.across = AcrossSessions(
            self,
            view_menu,
            self.area,
            self.autosaver.flush,
            lambda session_id: self.sessions.row_of(session_id) >= 0,
        )
        self._connect_signals()
        self.reload_sessions()
        self.follow.refresh_revisits()

    @property
    def pages(self) -> tuple[SessionPage, ...]:
        return (self.narrative, self.reflection, self.action_plan)

    def focusNextPrevChild(self, next: bool) -> bool:  # by regions: focus_order.py
        return focus_order.step(self, next) or super().focusNextPrevChild(next)

    def _connect_signals(self) -> None:
        self.new_button.clicked.connect(lambda: self.new_session())
        begin = self.welcome.begin_button
        begin.clicked.connect(lambda: self.new_session(self.welcome.chosen_date()))
        self.action_plan.print_requested.connect(self.print_plan_action.trigger)
        self.action_plan.save_pdf_requested.connect(lambda: paper_windows.save_plan_pdf(self))
        self.session_view.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.autosaver.status_changed.connect(self.status.setText)
        self.header.edited.connect(self._header_edited)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.search_panel.hit_chosen.connect(self._open_search_hit)
        QApplication.instance().focusChanged.connect(self._focus_changed)  # type: ignore[union-attr]

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self.journal is not None and self.autosaver.has_pending and old is not None:
            self.autosaver.flush()

    # -- sessions ------------------------------------------------------------------------------

    def reload_sessions(self) -> None:
        assert self.journal is not None
        self.sessions.load(self.journal.sessions_after)
        if self.sessions.rowCount():
            self.select_row(0)
        else:
            self._show(None)

    def select_row(self, row: int) -> None:
        index = self.sessions.index(row, 0)
        self.session_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def select_session(self, session_id: int) -> bool:
        """Select a session in the list; False (and nothing changes) if it isn't there,
        e.g. deleted while another window still showed it."""
        row = self.sessions.row_of(session_id)
        if row < 0:
            return False
        self.select_row(row)
        return True

    def _session_name(self, session_id: int) -> str:
        session = self.sessions.session_at(self.sessions.row_of(session_id))
        return session_label(session).split("\n")[0] if session is not None else ""

    def _open_search_hit(self, hit: SearchHit) -> None:
        """Open the place, with the words found there highlighted (ui/navigate.py)."""
        open_place(
            self.area, hit.kind, hit.ref_id, hit.session_id, self.search_panel.searched_text()
        )

    def _on_row_changed(self, current: object, previous: object) -> None:
        row = self.session_view.currentIndex().row()
        session = self.sessions.session_at(row)
        if self.session is not None and session is not None and session.id == self.session.id:
            return
        if not self.autosaver.flush():
            # Not saved: stay on this session so the words on screen are not lost.
            self.session_view.selectionModel().blockSignals(True)
            if self.session is not None:
                self.select_session(self.session.id)
            self.session_view.selectionModel().blockSignals(False)
            return
        self._show(session)

    def _show(self, session: Session | None) -> None:
        for page in self.pages:
            page.clear()
        self.session = session
        self.follow.show_session(session)
        self.welcome.stand_in(session is None or self.journal is None, self.header, self.tabs)
        if session is None or self.journal is None:
            self.header.wipe()
            return
        self.header.show_session(session)
        # Only the tab in view is built now; the others when first looked at.
        self._load_page(self.tabs.currentWidget())

    def reload_action_plan(self) -> bool:
        """After actions changed elsewhere (weekly review, This week): the Action plan tab
        reads them afresh, so its own copies can't overwrite them. Saves first; False (and
        nothing reloaded) if that failed."""
        if self.journal is None or not self.autosaver.flush():
            return False
        if self.action_plan.session is not None:
            self.action_plan.clear()
            self._load_page(self.tabs.currentWidget())
        return True

    def _load_page(self, page: object) -> None:
        if (
            isinstance(page, SessionPage)
            and self.journal is not None
            and self.session is not None
            and page.session is None
        ):
            page.load(self.journal, self.session)

    def _tab_changed(self) -> None:
        self.autosaver.flush()
        self._load_page(self.tabs.currentWidget())

    def new_session(self, day: dt.date | None = None) -> None:
        if self.journal is None or not self.autosaver.flush():
            return
        day = day or ask_session_date(self)
        if day is None:
            return
        session = self.journal.add_session(day)
        row = self.sessions.insert(session)
        self.select_row(row)
        self.tabs.setCurrentWidget(self.narrative)
        if self.narrative.editors:
            self.narrative.editors[0].setFocus()

    def delete_session(self) -> None:
        if self.journal is None or self.session is None:
            return
        session, journal = self.session, self.journal
        if not self.autosaver.flush():
            # Words still waiting (a week's note, another tab) must not be dropped with it.
            dialogs.warn(
                self,
                "Delete this session",
                "Your latest words aren't saved yet, so nothing was deleted. "
                "Please try again in a moment.",
            )
            return
        if not dialogs.confirm(
            self,
            "Delete this session",
            f"Delete session {session.number} and everything written in it — the story, "
            "answers, check-ins, insights and actions? This can't be undone.",
            "Delete session",
            "Keep it",
        ):
            return
        try:
            journal.delete_session(session.id)
        except JournalError as error:
            dialogs.warn(self, "Delete this session", f"The session wasn't deleted: {error}.")
            return
        self.autosaver.forget_all()
        self.session = None
        self.reload_sessions()
        # Windows still showing it read the journal afresh.
        self.follow.refresh_after_delete()
        self.across.refresh_open_windows()

    def _header_edited(self) -> None:
        journal, session = self.journal, self.session
        if journal is None or session is None:
            return

        def save() -> None:
            updated = self.header.apply_to(session)
            journal.update_session(updated)
            # Moving the row must not look like the client picked another session.
            selection = self.session_view.selectionModel()
            selection.blockSignals(True)
            try:
                self.sessions.refresh(updated)
                self.select_session(updated.id)
            finally:
                selection.blockSignals(False)

        self.autosaver.schedule(("session", session.id), save)

    # -- settings, lock, close -------------------------------------------------------------------

    def apply_text_size(self, points: int) -> None:
        for page in self.pages:
            page.set_text_size(points)

    def save_now(self) -> bool:
        return self.autosaver.flush()

    _export_run: export_dialog.ExportRun | None = None  # kept alive until it finishes

    def import_entries(self) -> None:
        import_dialog.run_import(self, lambda: self.journal, self.save_now, self.reload_sessions)

    def export(self) -> None:
        run = export_dialog.run_export(self, lambda: self.journal, self.save_now)
        if run is not None:
            self._export_run = run

    plan_dialog: QWidget | None = None  # printing (issue 4): ui/shell/paper_windows.py
    packet_window: QWidget | None = None

    def wipe(self) -> None:
        """Forget the journal and clear every editor, field and undo history."""
        self.autosaver.forget_all()
        self.search_panel.close_panel()
        self.follow.wipe()
        paper_windows.close_print_windows(self)
        self.across.wipe()  # the Themes and "every answer" windows
        for page in self.pages:
            page.clear()
        self.header.wipe()
        self.backup_note.clear()
        self.sessions.reset([])
        self.session = None
        self.journal = None

    def closeEvent(self, event: QCloseEvent) -> None:
        if (
            self.journal is not None
            and not self.autosaver.flush()
            and not dialogs.confirm(
                self,
                "Not saved",
                f"Your latest words could not be saved: {self.autosaver.status}\n\n"
                "If you close now, they will be lost.",
                "Close anyway",
                "Keep the window open",
            )
        ):
            event.ignore()
            return
        finish_running()  # no half-written export left behind, no import cut short
        preferences.save_geometry("main", self.saveGeometry())
        super().closeEvent(event)
        self.closed.emit()
