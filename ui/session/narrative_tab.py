"""The Narrative tab: the story of a session in Markdown, with dated additions and a
live preview rendered by ``app.documents.render``."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.journal.model import NarrativePart
from ui.common.autosave import Autosaver
from ui.common.preview import SafePreview
from ui.common.theme_row import ThemeRow
from ui.common.widgets import WritingEdit, hint_label
from ui.session.page import SessionPage

FIRST_PLACEHOLDER = (
    "Tell the story of the session in your own words — what you remember, in any order. "
    "Fragments are fine."
)
ADDITION_PLACEHOLDER = "Whatever has come back to you since."


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class _PartEditor(QWidget):
    """One part of the story: a heading for additions, and its editor."""

    def __init__(
        self, part: NarrativePart, first: bool, text_size: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.part = part
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if not first:
            label = QLabel(f"Added on {_long_date(part.written_on)}", self)
            label.setObjectName("hint")
            layout.addWidget(label)
        name = "The story" if first else f"Addition of {_long_date(part.written_on)}"
        self.editor = WritingEdit(
            name,
            FIRST_PLACEHOLDER if first else ADDITION_PLACEHOLDER,
            text_size=text_size,
            parent=self,
        )
        self.editor.set_text_quietly(part.body)
        layout.addWidget(self.editor)
        what = "the story" if first else f"the addition of {_long_date(part.written_on)}"
        self.themes = ThemeRow("narrative", what, self)
        layout.addWidget(self.themes)


class NarrativeTab(SessionPage):
    def __init__(self, autosaver: Autosaver, text_size: int, parent: QWidget | None = None) -> None:
        super().__init__(autosaver, text_size, parent)
        self._parts: list[_PartEditor] = []

        self.intro = hint_label(
            "Whatever you remember, in any order, as much or as little as you like. "
            "You can add to it on any day.",
            self,
        )
        self.add_button = QPushButton("Add to the story", self)
        self.add_button.setAccessibleName("Add to the story")
        self.add_button.setToolTip("Start a dated addition (Ctrl+Shift+A)")
        self.preview_button = QPushButton("Show preview", self)
        self.preview_button.setCheckable(True)
        self.preview_button.setAccessibleName("Show preview")
        self.preview_button.setToolTip("Show how the story reads, formatted (Ctrl+Shift+P)")

        bar = QHBoxLayout()
        bar.addWidget(self.intro, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.preview_button)

        self.parts_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.parts_splitter.setChildrenCollapsible(False)
        self.preview = SafePreview("Preview of the story", self)
        self.preview.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.parts_splitter)
        self.splitter.addWidget(self.preview)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self._preview_timer = QTimer(self, singleShot=True, interval=300)
        self._connect_callbacks()
        self.setEnabled(False)

    def _connect_callbacks(self) -> None:
        self.add_button.clicked.connect(self.add_part)
        self.preview_button.toggled.connect(self._toggle_preview)
        self._preview_timer.timeout.connect(self._render_preview)

    # -- SessionPage ------------------------------------------------------------------------

    def load(self, journal, session) -> None:  # type: ignore[no-untyped-def]
        super().load(journal, session)
        self._remove_parts()
        parts = journal.narrative(session.id)
        if not parts:  # a session always has its first part; make one if it was deleted
            parts = [journal.add_narrative_part(session.id, session.held_on)]
        for index, part in enumerate(parts):
            self._add_editor(part, first=index == 0)
        self.setEnabled(True)
        self._render_preview()

    def clear(self) -> None:
        self._preview_timer.stop()
        self._remove_parts()
        self.preview.wipe()
        self.setEnabled(False)
        super().clear()

    def set_text_size(self, points: int) -> None:
        super().set_text_size(points)
        for part in self._parts:
            part.editor.set_text_size(points)

    # -- behaviour ---------------------------------------------------------------------------

    @property
    def editors(self) -> list[WritingEdit]:
        return [p.editor for p in self._parts]

    def editor_of_part(self, part_id: int) -> WritingEdit | None:
        return next((p.editor for p in self._parts if p.part.id == part_id), None)

    def theme_rows(self) -> list[ThemeRow]:
        return [p.themes for p in self._parts]

    def add_part(self) -> None:
        if self.journal is None or self.session is None:
            return
        if not self.autosaver.flush():
            return
        part = self.journal.add_narrative_part(self.session.id, dt.date.today())
        editor = self._add_editor(part, first=False)
        editor.setFocus()

    def _add_editor(self, part: NarrativePart, first: bool) -> WritingEdit:
        widget = _PartEditor(part, first, self.text_size, self.parts_splitter)
        if self.journal is not None:
            part_id = part.id
            widget.themes.bind(self.journal, lambda: part_id, part_id)
        self.parts_splitter.addWidget(widget)
        self.parts_splitter.setStretchFactor(self.parts_splitter.count() - 1, 3 if first else 1)
        widget.editor.edited.connect(lambda w=widget: self._on_edited(w))
        self._parts.append(widget)
        return widget.editor

    def _on_edited(self, widget: _PartEditor) -> None:
        journal, part_id, editor = self.journal, widget.part.id, widget.editor
        if journal is None:
            return

        def save() -> None:
            journal.save_narrative_part(part_id, editor.toPlainText())

        self.autosaver.schedule(("narrative", part_id), save)
        if self.preview.isVisible():
            # Rendering grows with the story (about 1.5 ms per 1,000 words): wait for a
            # longer pause in a long story so re-rendering never lands mid-sentence.
            words = editor.document().characterCount() // 6
            self._preview_timer.start(300 + words // 20)

    def _remove_parts(self) -> None:
        for widget in self._parts:
            widget.editor.wipe()
            widget.themes.wipe()
            widget.setParent(None)
            widget.deleteLater()
        self._parts.clear()

    def _toggle_preview(self, shown: bool) -> None:
        self.preview.setVisible(shown)
        self.preview_button.setText("Hide preview" if shown else "Show preview")
        if shown:
            self._render_preview()

    def story_markdown(self) -> str:
        chunks = []
        for index, widget in enumerate(self._parts):
            text = widget.editor.toPlainText()
            if index:
                chunks.append(f"\n\n*Added on {_long_date(widget.part.written_on)}*\n\n")
            chunks.append(text)
        return "".join(chunks)

    def _render_preview(self) -> None:
        if not self.preview.isVisible():
            return
        from app.documents.render import (
            markdown_to_html,  # Markdown loads on first use, not at start
        )

        self.preview.setHtml(markdown_to_html(self.story_markdown()))
