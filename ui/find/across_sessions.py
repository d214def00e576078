"""Views across sessions, wired into the main window: the Themes window (View ▸ Themes…,
Ctrl+T) and "Every answer to this question". Both are non-modal windows owned by the main
window; ``wipe`` clears and closes them when the journal locks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ui.common.theme_row import ThemeRow
from ui.find.every_answer import EveryAnswerWindow
from ui.find.navigate import open_place
from ui.find.themes_window import ThemesWindow

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


class AcrossSessions:
    def __init__(self, main: MainWindow, view_menu: QMenu) -> None:
        self.main = main
        self.themes_window: ThemesWindow | None = None
        self.every_answer_window: EveryAnswerWindow | None = None
        self.themes_action = QAction("&Themes…", main)
        self.themes_action.setShortcut(QKeySequence("Ctrl+T"))
        self.themes_action.triggered.connect(self.show_themes)
        main.addAction(self.themes_action)
        view_menu.addSeparator()
        view_menu.addAction(self.themes_action)
        main.reflection.every_answer_requested.connect(self.show_every_answer)

    def show_themes(self) -> None:
        if self.main.journal is None:
            return
        self.main.autosaver.flush()  # the excerpts show what was last written
        if self.themes_window is None:
            self.themes_window = ThemesWindow(self.main)
            self.themes_window.place_chosen.connect(self._open)
            self.themes_window.themes_changed.connect(self._reload_theme_rows)
        self.themes_window.show_for(self.main.journal)

    def show_every_answer(self, question_id: str) -> None:
        journal = self.main.journal
        if journal is None:
            return
        self.main.autosaver.flush()
        row = self.main.reflection.questions.rows.get(question_id)
        text = row.question_text if row is not None else ""
        if self.every_answer_window is None:
            self.every_answer_window = EveryAnswerWindow(self.main)
            self.every_answer_window.place_chosen.connect(self._open)
        self.every_answer_window.show_for(journal, question_id, text)

    def _open(self, kind: str, target_id: int, session_id: int) -> None:
        if open_place(self.main, kind, target_id, session_id):
            self.main.raise_()
            self.main.activateWindow()
        elif self.main.journal is not None and self.main.sessions.row_of(session_id) < 0:
            self.refresh_open_windows()  # deleted since the window was drawn

    def refresh_open_windows(self) -> None:
        """After a session is deleted: open windows show only what is still there."""
        journal = self.main.journal
        if journal is None:
            return
        if self.themes_window is not None and self.themes_window.isVisible():
            self.themes_window.refresh()
        if self.every_answer_window is not None and self.every_answer_window.isVisible():
            self.every_answer_window.refresh(journal)

    def _reload_theme_rows(self) -> None:
        for row in self.main.findChildren(ThemeRow):
            row.reload()

    def wipe(self) -> None:
        for window in (self.themes_window, self.every_answer_window):
            if window is not None:
                window.wipe()
