"""Open a place in the journal in the main window: the session, the tab, the very entry —
and, coming from a search, the words found there highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QScrollArea, QWidget

from ui.common.highlight import highlight_words
from ui.find.search_panel import TAB_OF_KIND

if TYPE_CHECKING:
    from ui.session.area import SessionArea


def open_place(
    area: SessionArea, kind: str, ref_id: int, session_id: int | None, words: str = ""
) -> bool:
    """Show entry ``ref_id`` of ``kind`` in its session. False if it can't be shown."""
    if area.journal() is None or session_id is None:
        return False
    area.select(session_id)
    session = area.current()
    if session is None or session.id != session_id:
        return False  # e.g. the current session's words could not be saved first
    area.tabs.setCurrentIndex(TAB_OF_KIND.get(kind, 0))
    target = _entry_widget(area, kind, ref_id)
    if target is None:
        return True
    editor, scroll_area = target
    if isinstance(editor, QPlainTextEdit) and words.strip():
        highlight_words(editor, words)
    editor.setFocus(Qt.FocusReason.OtherFocusReason)
    if scroll_area is not None:
        # Once the layout has placed it: the first highlighted word (or the entry) in view.
        QTimer.singleShot(0, editor, lambda: _reveal(scroll_area, editor))
    return True


def _reveal(scroll_area: QScrollArea, editor: QWidget) -> None:
    content = scroll_area.widget()
    if isinstance(editor, QPlainTextEdit) and content is not None:
        # A growing editor takes its full height over a few layout passes: finish them.
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        editor.ensureCursorVisible()
        spot = editor.viewport().mapTo(content, editor.cursorRect().center())
        scroll_area.ensureWidgetVisible(editor, 20, 60)
        scroll_area.ensureVisible(spot.x(), spot.y(), 20, 80)
    else:
        scroll_area.ensureWidgetVisible(editor, 20, 60)


def _entry_widget(
    area: SessionArea, kind: str, ref_id: int
) -> tuple[QWidget, QScrollArea | None] | None:
    """The editor holding an entry, and the scroll area it sits in (None: it scrolls itself)."""
    if kind == "narrative":
        editor = area.narrative.editor_of_part(ref_id)
        return None if editor is None else (editor, None)
    if kind == "answer":
        for row in area.reflection.questions.rows.values():
            if row.answer_id == ref_id:
                return row.editor, area.reflection.scroll_area
        return None
    if kind == "revisit":
        for revisit in area.reflection.revisits.cards:
            if revisit.note.id == ref_id:
                return revisit.editor, area.reflection.scroll_area
        return None
    if kind in ("insight", "action"):
        plan = area.action_plan
        plan.finish_loading()
        for card in plan.cards:
            if kind == "insight" and card.insight.id == ref_id:
                return card.text, plan.scroll_area
            for action in card.editors:
                if kind == "action" and action.action.id == ref_id:
                    return action.what, plan.scroll_area
    return None
