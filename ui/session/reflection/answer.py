"""One answered question on the Reflection tab: the question as asked, the answer, and
whether to keep it private."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.theme_row import ThemeRow
from ui.common.widgets import WritingEdit

PRIVATE_TEXT = "Keep private — left out of anything printed or shared"
ANSWER_PLACEHOLDER = "Write as much or as little as you like."


class AnswerRow(QFrame):
    """A card holding the answer to one question in one session.

    ``question_text`` is the wording shown and stored with the answer, so an answer keeps
    its question even after the question is hidden or removed from the library.
    """

    every_answer_requested = Signal(str)  # question id

    def __init__(
        self,
        question_id: str,
        question_text: str,
        body: str,
        private: bool,
        text_size: int,
        answer_id: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.question_id = question_id
        self.question_text = question_text
        self.answer_id = answer_id
        self.retired = False  # set when the row is removed; a late save then does nothing

        self.question = QLabel(question_text, self)
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        font = self.question.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.question.setFont(font)

        self.editor = WritingEdit(
            f"Answer to: {question_text}",
            ANSWER_PLACEHOLDER,
            grow=True,
            text_size=text_size,
            parent=self,
        )
        self.editor.set_text_quietly(body)
        self.question.setBuddy(self.editor)

        self.private = QCheckBox(PRIVATE_TEXT, self)
        self.private.setChecked(private)
        self.private.setAccessibleName("Keep this answer private")
        self.private.setAccessibleDescription(
            f"Leaves the answer to “{question_text}” out of anything printed or shared"
        )
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAccessibleName(f"Remove the answer to: {question_text}")
        self.remove_button.setToolTip("Remove this answer and put the question back in the list")

        self.themes = ThemeRow("answer", "this answer", self)
        self.every_answer_button = QPushButton("Every answer to this question", self)
        self.every_answer_button.setObjectName("link")
        self.every_answer_button.setFlat(True)
        self.every_answer_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.every_answer_button.setAccessibleName("Every answer to this question")
        self.every_answer_button.setToolTip("Your answers to this question across your sessions")
        self.every_answer_button.clicked.connect(
            lambda: self.every_answer_requested.emit(self.question_id)
        )

        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.private, 1)
        below.addWidget(self.every_answer_button)
        below.addWidget(self.remove_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.question)
        layout.addWidget(self.editor)
        layout.addWidget(self.themes)
        layout.addLayout(below)

    @property
    def body(self) -> str:
        return self.editor.toPlainText()

    @property
    def is_private(self) -> bool:
        return self.private.isChecked()

    def focus_chain(self) -> list[QWidget]:
        return [
            self.editor,
            *self.themes.focus_chain(),
            self.private,
            self.every_answer_button,
            self.remove_button,
        ]

    def set_text_size(self, points: int) -> None:
        self.editor.set_text_size(points)

    def retire(self) -> None:
        """Forget the words (and their undo history) before the row goes away."""
        self.retired = True
        self.editor.wipe()
        self.themes.wipe()
