"""Found words, highlighted in the editor a search result opened.

The highlight is a set of extra selections: drawn over the text, never part of the
document, so it can't reach the undo history or the saved text. It goes away when the
client types or presses Escape in that editor.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from app.journal.search import match_spans

_ACTIVE = "_found_words_highlight"


class _Highlight(QObject):
    """Lives on the editor while words are highlighted there."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.setObjectName(_ACTIVE)
        self.editor = editor
        editor.textChanged.connect(self.clear)
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.clear()
            return True
        return False

    def clear(self) -> None:
        editor = self.editor
        editor.removeEventFilter(self)
        editor.textChanged.disconnect(self.clear)
        editor.setExtraSelections([])
        self.setParent(None)
        self.deleteLater()


def clear_words(editor: QPlainTextEdit) -> None:
    active = editor.findChild(_Highlight, _ACTIVE)
    if isinstance(active, _Highlight):
        active.clear()


def highlight_words(editor: QPlainTextEdit, search_text: str) -> int:
    """Highlight what ``search_text`` matches in ``editor``; put the cursor on the first
    match and scroll it into view. Returns how many places were highlighted."""
    clear_words(editor)
    spans = match_spans(editor.toPlainText(), search_text)
    if not spans:
        return 0
    look = QTextCharFormat()
    palette = editor.palette()
    look.setBackground(palette.color(QPalette.ColorRole.Highlight))
    look.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
    selections = []
    for start, length in spans:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(editor.document())
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = look
        selections.append(selection)
    editor.setExtraSelections(selections)
    first = QTextCursor(editor.document())
    first.setPosition(spans[0][0])
    editor.setTextCursor(first)
    editor.ensureCursorVisible()
    _Highlight(editor)
    return len(spans)
