"""Writing full screen: the same text, typed into the field itself; Esc leaves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from ui.common import focus_writing, widgets
from ui.common.widgets import WritingEdit


def test_typing_full_screen_types_into_the_field(qtbot: QtBot) -> None:
    editor = WritingEdit("Story")
    qtbot.addWidget(editor)
    editor.set_text_quietly("The river.")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    edits: list[None] = []
    editor.edited.connect(lambda: edits.append(None))
    window = focus_writing.open_full_screen(editor)
    qtbot.waitExposed(window)
    assert window.isFullScreen()
    assert window.windowTitle() == "Writing"  # never the text
    assert window.view.accessibleName() == "Story, full screen"
    qtbot.keyClicks(window.view, " Still here.")
    assert editor.toPlainText() == "The river. Still here."
    assert edits, "the autosave hears it"
    with qtbot.waitSignal(window.destroyed):
        qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert editor.textCursor().position() == len("The river. Still here.")
    editor.undo()  # one undo history, shared
    assert editor.toPlainText() != "The river. Still here."


def test_f11_in_a_field_opens_it_full_screen(qtbot: QtBot) -> None:
    editor = WritingEdit("Thoughts")
    qtbot.addWidget(editor)
    editor.show()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.full_screen_key.activated.emit()
    [window] = editor.findChildren(focus_writing.FocusWriting)
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.destroyed):
        editor.wipe()  # the journal locks: the full-screen view closes too


def test_the_writing_font_can_be_chosen(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFontDatabase

    family = QFontDatabase.families()[0]
    widgets.set_writing_family(family)
    try:
        editor = WritingEdit("Story")
        qtbot.addWidget(editor)
        assert editor.font().family() == family
    finally:
        widgets.set_writing_family("")
