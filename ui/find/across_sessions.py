"""Views across sessions, wired into the main window: the Themes window (View ▸ Themes…,
Ctrl+T) and "Every answer to this question". Both are non-modal windows owned by the main
window; ``wipe`` clears and closes them when the journal locks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ui.common.theme_row import ThemeRow
from ui.find.every_answer import EveryAnswerWindow
from ui.find.navigate import open_place
from ui.find.themes_window import ThemesWindow
from ui.session.area import SessionArea


class AcrossSessions:
    """``window`` owns the windows and the shortcut; ``flush`` saves what is being typed;
    ``is_listed`` says whether a session is still in the session list."""

    def __init__(
        self,
        window: QWidget,
        view_menu: QMenu,
        area: SessionArea,
        flush: Callable[[], bool],
        is_listed: Callable[[int], bool],
    ) -> None:
        self.window = window
        self.area = area
        self.flush = flush
        self.is_listed = is_listed
        self.themes_window: ThemesWindow | None = None
        self.every_answer_window: EveryAnswerWindow | None = None
        self.themes_action = QAction("&Themes…", window)
        self.themes_action.setShortcut(QKeySequence("Ctrl+T"))
        self.themes_action.triggered.connect(self.show_themes)
        window.addAction(self.themes_action)
        view_menu.addSeparator()
        view_menu.addAction(self.themes_action)
        area.reflection.every_answer_requested.connect(self.show_every_answer)

    def show_themes(self) -> None:
        journal = self.area.journal()
        if journal is None:
            return
        self.flush()  # the excerpts show what was last written
        if self.themes_window is None:
            self.themes_window = ThemesWindow(self.window)
            self.themes_window.place_chosen.connect(self._open)
            self.themes_window.themes_changed.connect(self._reload_theme_rows)
        self.themes_window.show_for(journal)

    def show_every_answer(self, question_id: str) -> None:
        journal = self.area.journal()
        if journal is None:
            return
        self.flush()
        row = self.area.reflection.questions.rows.get(question_id)
        text = row.question_text if row is not None else ""
        if self.every_answer_window is None:
            self.every_answer_window = EveryAnswerWindow(self.window)
            self.every_answer_window.place_chosen.connect(self._open)
        self.every_answer_window.show_for(journal, question_id, text)

    def _open(self, kind: str, target_id: int, session_id: int) -> None:
        if open_place(self.area, kind, target_id, session_id):
            self.window.raise_()
            self.window.activateWindow()
        elif self.area.journal() is not None and not self.is_listed(session_id):
            self.refresh_open_windows()  # deleted since the window was drawn

    def refresh_open_windows(self) -> None:
        """After a session is deleted: open windows show only what is still there."""
        journal = self.area.journal()
        if journal is None:
            return
        if self.themes_window is not None and self.themes_window.isVisible():
            self.themes_window.refresh()
        if self.every_answer_window is not None and self.every_answer_window.isVisible():
            self.every_answer_window.refresh(journal)

    def _reload_theme_rows(self) -> None:
        for row in self.window.findChildren(ThemeRow):
            row.reload()

    def wipe(self) -> None:
        for window in (self.themes_window, self.every_answer_window):
            if window is not None:
                window.wipe()
