"""Small shared widgets: the writing editor and form helpers."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QResizeEvent,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.common import focus_writing, spelling, spelling_menu

_WRITING_FAMILIES = ("Noto Serif", "Source Serif 4", "Georgia", "DejaVu Serif", "Liberation Serif")
READING_COLUMNS = 72  # characters per line that read comfortably


_chosen_family = ""  # Settings ▸ Writing font; "" is the app's choice


def set_writing_family(family: str) -> None:
    """The client's writing font (a non-content preference), for fields made from now on
    and for those whose text size is set again."""
    global _chosen_family
    _chosen_family = family


def writing_font(point_size: int) -> QFont:
    available = set(QFontDatabase.families())
    wanted = (_chosen_family, *_WRITING_FAMILIES) if _chosen_family else _WRITING_FAMILIES
    family = next((f for f in wanted if f in available), "")
    font = (
        QFont(family) if family else QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    )
    if not family:
        font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSize(point_size)
    return font


class WritingEdit(QPlainTextEdit):
    """A plain-text (Markdown) editor in a writing font, wrapped, with a reading-width
    column centred in whatever space it has. ``grow`` makes it as tall as its text."""

    edited = Signal()

    def __init__(
        self,
        accessible_name: str,
        placeholder: str = "",
        *,
        grow: bool = False,
        text_size: int = 12,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFont(writing_font(text_size))
        self._grow = grow
        self._loading = False
        self.spelling = spelling.SpellHighlighter(self.document(), spelling.speller())
        self.textChanged.connect(self._on_text_changed)
        self.full_screen_key = focus_writing.enable(self)
        if grow:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
            self._fit_height()

    def set_text_quietly(self, text: str) -> None:
        """Load saved text: no ``edited`` signal, and a fresh undo history."""
        self._loading = True
        try:
            self.spelling.load(lambda: self.setPlainText(text))
        finally:
            self._loading = False

    def wipe(self) -> None:
        """Clear the text and its undo history (used when the journal locks)."""
        for window in self.findChildren(focus_writing.FocusWriting):
            window.close()  # a full-screen view of this text goes with it
        self.set_text_quietly("")
        self.document().clearUndoRedoStacks()

    def set_text_size(self, points: int) -> None:
        self.setFont(writing_font(points))
        self._centre_column()

    def context_menu_at(self, cursor: QTextCursor) -> QMenu:
        """The right-click menu for a place in the text: spelling first, then editing."""
        menu = self.createStandardContextMenu(self.cursorRect(cursor).center())
        spelling_menu.add_spelling_actions(menu, self, cursor)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu_at(self.cursorForPosition(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _on_text_changed(self) -> None:
        if not self._loading and not self.spelling.painting:
            self.edited.emit()

    def _fit_height(self) -> None:
        lines = max(3, int(self.document().size().height()))
        metrics = QFontMetricsF(self.font())
        frame = (
            self.frameWidth() * 2 + self.contentsMargins().top() + self.contentsMargins().bottom()
        )
        self.setFixedHeight(int(lines * metrics.lineSpacing() + frame + 12))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._centre_column()

    def event(self, event: QEvent) -> bool:
        # The style sheet's border and padding arrive when the editor is polished, after
        # __init__: measured again then, so the first keystroke doesn't make it jump
        # under the pointer.
        handled = super().event(event)
        if getattr(self, "_grow", False) and event.type() in (
            QEvent.Type.Polish,
            QEvent.Type.StyleChange,
            QEvent.Type.FontChange,
            QEvent.Type.Show,
        ):
            self._fit_height()
        return handled

    def _centre_column(self) -> None:
        column = QFontMetricsF(self.font()).averageCharWidth() * READING_COLUMNS
        spare = max(0.0, self.width() - column)
        side = int(spare / 2) if not self._grow else 0
        self.setViewportMargins(side, 8, side, 8)


def busy_bar(name: str, parent: QWidget) -> QProgressBar:
    """A hidden, indeterminate bar for work that takes a moment on purpose (the KDF), named
    for screen readers."""
    bar = QProgressBar(parent)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setAccessibleName(name)
    bar.hide()
    return bar


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Gentle help text under a heading."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setObjectName("hint")
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("heading")
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def centred_column(*widgets: QWidget, width: int = 480) -> QWidget:
    """A calm page: a narrow column in the middle of the window, content near the top third."""
    column = QWidget()
    # A fixed width keeps wrapped text measuring the same on every page of a stack.
    column.setFixedWidth(width)
    inner = QVBoxLayout(column)
    inner.setContentsMargins(0, 0, 0, 0)
    inner.setSpacing(14)
    for widget in widgets:
        if isinstance(widget, QPushButton):
            inner.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            inner.addWidget(widget)
    page = QWidget()
    outer = QVBoxLayout(page)
    outer.setContentsMargins(32, 32, 32, 32)
    outer.addStretch(1)
    outer.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
    outer.addStretch(2)
    return page


def tab_chain(*widgets: QWidget) -> None:
    """Tab visits these one after another (widgets made later would otherwise come last)."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
