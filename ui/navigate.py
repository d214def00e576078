"""Open a place in the journal in the main window: the session, the tab, the very entry —
and, coming from a search, the words found there highlighted."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ui.highlight import highlight_words
from ui.search_panel import TAB_OF_KIND

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def open_place(
    main: MainWindow, kind: str, ref_id: int, session_id: int | None, words: str = ""
) -> bool:
    """Show entry ``ref_id`` of ``kind`` in its session. False if it can't be shown."""
    if main.journal is None or session_id is None:
        return False
    main.select_session(session_id)
    if main.session is None or main.session.id != session_id:
        return False  # e.g. the current session's words could not be saved first
    main.tabs.setCurrentIndex(TAB_OF_KIND.get(kind, 0))
    target = _entry_widget(main, kind, ref_id)
    if target is None:
        return True
    editor, scroll_to = target
    if isinstance(editor, QPlainTextEdit) and words.strip():
        highlight_words(editor, words)
    editor.setFocus(Qt.FocusReason.OtherFocusReason)
    if scroll_to is not None:
        scroll_to(editor)
    return True


Reveal = Callable[[QWidget], None] | None


def _entry_widget(main: MainWindow, kind: str, ref_id: int) -> tuple[QWidget, Reveal] | None:
    """The editor holding an entry, and how to bring it into view (None: it shows itself)."""
    if kind == "narrative":
        editor = main.narrative.editor_of_part(ref_id)
        return None if editor is None else (editor, None)
    if kind == "answer":
        for row in main.reflection.questions.rows.values():
            if row.answer_id == ref_id:
                return row.editor, main.reflection.reveal
        return None
    if kind in ("insight", "action"):
        plan = main.action_plan
        plan.finish_loading()
        for card in plan.cards:
            if kind == "insight" and card.insight.id == ref_id:
                return card.text, plan.reveal
            for action in card.editors:
                if kind == "action" and action.action.id == ref_id:
                    return action.what, plan.reveal
    return None
