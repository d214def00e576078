"""The spelling part of a writing field's right-click menu: suggestions, "Add to my words"."""

from __future__ import annotations

from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from ui.common.spelling import speller, words_in


def word_at(cursor: QTextCursor) -> tuple[int, str] | None:
    """The checked word under a cursor (start in the document, word), if any."""
    block = cursor.block()
    offset = cursor.positionInBlock()
    for start, word in words_in(block.text()):
        if start <= offset <= start + len(word):
            return block.position() + start, word
    return None


def add_spelling_actions(menu: QMenu, editor: QPlainTextEdit, cursor: QTextCursor) -> None:
    """Put suggestions and "Add to my words" at the top of an editor's context menu."""
    checker = speller()
    found = word_at(cursor)
    if not checker.active or found is None or editor.isReadOnly():
        return
    start, word = found
    if checker.status(word) is not False:
        return
    existing = menu.actions()

    def put(action: QAction) -> None:
        if existing:
            menu.insertAction(existing[0], action)
        else:
            menu.addAction(action)

    options = checker.suggestions(word)
    for option in options or ["(no suggestions)"]:
        action = QAction(option, menu)
        action.setEnabled(bool(options))
        action.triggered.connect(lambda _=False, o=option: _replace(editor, start, len(word), o))
        put(action)
    add = QAction("Add to my words", menu)
    add.setToolTip("Kept inside your journal, never in a file of its own")
    add.setEnabled(checker.can_add())
    add.triggered.connect(lambda _=False: checker.add_word(word))
    put(add)
    if existing:
        menu.insertSeparator(existing[0])


def _replace(editor: QPlainTextEdit, start: int, length: int, replacement: str) -> None:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(start)
    cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(replacement)  # one undo step, and the editor's autosave sees it
