"""A growing editor keeps its height while the first lines are typed: the buttons below
don't move under the pointer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from ui.common.theme import apply_theme
from ui.common.widgets import WritingEdit


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    palette, sheet = qapp.palette(), qapp.styleSheet()
    apply_theme(qapp, "light")  # the style sheet's border and padding are what moved it
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def test_the_first_lines_do_not_move_the_editor(qtbot, themed) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    editor = WritingEdit("Answer", "Write here", grow=True, text_size=12)
    QVBoxLayout(host).addWidget(editor)
    host.resize(600, 400)
    host.show()
    qtbot.waitExposed(host)
    before = editor.height()
    qtbot.keyClicks(editor, "A first line")
    editor.setFocus()
    assert editor.height() == before
    for _ in range(5):
        qtbot.keyClick(editor, "\r")
        qtbot.keyClicks(editor, "another line")
    qtbot.waitUntil(lambda: editor.height() > before)  # long answers still grow
