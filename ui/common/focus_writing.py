"""Writing full screen: one writing field alone on the screen, nothing else; Esc leaves.

The full-screen view shows the very document of the field it came from, so every key
typed there is typed in the field itself: the autosave, the spelling and the undo history
carry on as if the client had never left it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QVBoxLayout, QWidget

KEY = "F11"


class FocusWriting(QWidget):
    """A full-screen window around a second view of ``editor``'s document."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor, Qt.WindowType.Window)  # a window of its own, owned by the field
        self.editor = editor
        self.setWindowTitle("Writing")  # never the text: window titles can be seen by others
        self.setAccessibleName("Writing full screen")
        self.view = QPlainTextEdit(self)
        self.view.setDocument(editor.document())
        self.view.setFont(editor.font())
        self.view.setAccessibleName(f"{editor.accessibleName()}, full screen")
        self.view.setAccessibleDescription("Press Escape to leave full screen")
        self.view.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.view.setTextCursor(editor.textCursor())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.view.installEventFilter(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def open(self) -> None:
        self.showFullScreen()
        self.view.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        column = self.view.fontMetrics().averageCharWidth() * 72  # a reading width
        side = max(0, int((self.width() - column) / 2))
        self.view.setViewportMargins(side, 48, side, 48)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.leave()
            return True
        return False

    def leave(self) -> None:
        cursor = QTextCursor(self.view.textCursor())
        self.view.removeEventFilter(self)
        self.close()
        editor = self.editor
        # The shared layout was wrapped at this window's width: let the field wrap it again.
        QApplication.sendEvent(editor, QResizeEvent(editor.size(), editor.size()))
        editor.setTextCursor(cursor)
        editor.window().activateWindow()
        editor.setFocus()
        editor.ensureCursorVisible()


def enable(editor: QPlainTextEdit) -> QShortcut:
    """F11 in the field opens it full screen."""
    shortcut = QShortcut(QKeySequence(KEY), editor)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(lambda: open_full_screen(editor))
    return shortcut


def open_full_screen(editor: QPlainTextEdit) -> FocusWriting:
    window = FocusWriting(editor)
    window.open()
    return window
