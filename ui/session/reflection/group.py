"""One group of the question library on the Reflection tab (a view: the tab decides).

The group's title and intro, the questions answered in this session, and a chooser for
the questions not answered yet.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.common.widgets import heading, hint_label
from ui.session.reflection.answer import AnswerRow

CHOOSE_PLACEHOLDER = "Choose a question…"


@dataclass(frozen=True)
class Choice:
    question_id: str
    text: str
    hidden: bool = False


class GroupSection(QWidget):
    answer_requested = Signal(str)  # question id
    hide_requested = Signal(str, bool)  # question id, hide (True) or show again (False)
    add_own_requested = Signal()

    def __init__(
        self,
        group_id: str,
        title: str,
        intro: str,
        *,
        with_chooser: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.group_id = group_id
        self.title = title
        self._rows: list[AnswerRow] = []
        self._keys: list[int] = []
        self._choices: list[Choice] = []

        self.heading = heading(title, self)
        self.heading.setWordWrap(True)
        self.intro = hint_label(intro, self)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setContentsMargins(0, 4, 0, 4)
        self.rows_layout.setSpacing(12)

        self.combo = QComboBox(self)
        self.combo.setPlaceholderText(CHOOSE_PLACEHOLDER)
        self.combo.setAccessibleName(f"Questions to choose from — {title}")
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(24)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.answer_button = QPushButton("Answer this", self)
        self.answer_button.setAccessibleName(f"Answer this — {title}")
        self.hide_button = QPushButton("Hide this question", self)
        self.hide_button.setAccessibleName(f"Hide this question — {title}")
        self.add_own_button = QPushButton("Add my own question…", self)
        self.add_own_button.setAccessibleName(f"Add my own question — {title}")
        self.all_chosen = hint_label("Every question here is already open above.", self)
        self.all_chosen.hide()

        choose_row = QHBoxLayout()
        choose_row.setContentsMargins(0, 0, 0, 0)
        choose_row.addWidget(self.combo, 1)
        choose_row.addWidget(self.all_chosen, 1)
        choose_row.addWidget(self.answer_button)
        choose_row.addWidget(self.hide_button)  # shown once a question is chosen
        more_row = QHBoxLayout()
        more_row.setContentsMargins(0, 0, 0, 0)
        more_row.addWidget(self.add_own_button)
        more_row.addStretch()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(self.rows_layout)
        layout.addLayout(choose_row)
        layout.addLayout(more_row)

        self.with_chooser = with_chooser
        if not with_chooser:
            for widget in (self.combo, self.answer_button, self.hide_button, self.add_own_button):
                widget.hide()
        self._connect_callbacks()
        self._update_buttons()

    def _connect_callbacks(self) -> None:
        self.combo.currentIndexChanged.connect(self._update_buttons)
        # Picking a question in the list opens its answer: one step, not two.
        self.combo.activated.connect(lambda _index: self._answer_chosen())
        self.answer_button.clicked.connect(self._answer_chosen)
        self.hide_button.clicked.connect(self._toggle_hidden)
        self.add_own_button.clicked.connect(self.add_own_requested)

    # -- the chooser --------------------------------------------------------------------------

    def set_choices(self, choices: list[Choice]) -> None:
        chosen = self._chosen()
        self._choices = list(choices)
        self.combo.blockSignals(True)
        self.combo.clear()
        for choice in self._choices:
            text = f"{choice.text} (hidden)" if choice.hidden else choice.text
            self.combo.addItem(text, choice.question_id)
            self.combo.setItemData(self.combo.count() - 1, choice.text, Qt.ItemDataRole.ToolTipRole)
        # What was chosen stays chosen while it is still there.
        self.combo.setCurrentIndex(self.combo.findData(chosen.question_id) if chosen else -1)
        self.combo.blockSignals(False)
        if self.with_chooser:
            has_choices = bool(self._choices)
            self.combo.setVisible(has_choices)
            self.answer_button.setVisible(has_choices)
            self.all_chosen.setVisible(not has_choices)
        self._update_buttons()

    def choose(self, question_id: str) -> bool:
        """Select a question in the chooser, as a click in the list would."""
        index = self.combo.findData(question_id)
        self.combo.setCurrentIndex(index)
        return index >= 0

    @property
    def choice_ids(self) -> list[str]:
        return [c.question_id for c in self._choices]

    def _chosen(self) -> Choice | None:
        index = self.combo.currentIndex()
        return self._choices[index] if 0 <= index < len(self._choices) else None

    def _update_buttons(self) -> None:
        choice = self._chosen()
        self.answer_button.setEnabled(choice is not None)
        self.hide_button.setVisible(self.with_chooser and choice is not None)
        label = "Show this question again" if choice and choice.hidden else "Hide this question"
        self.hide_button.setText(label)
        self.hide_button.setAccessibleName(f"{label} — {self.title}")
        self.combo.setToolTip(choice.text if choice else "")

    def _answer_chosen(self) -> None:
        choice = self._chosen()
        if choice is not None:
            self.answer_requested.emit(choice.question_id)

    def _toggle_hidden(self) -> None:
        choice = self._chosen()
        if choice is not None:
            self.hide_requested.emit(choice.question_id, not choice.hidden)

    # -- answered questions -------------------------------------------------------------------

    @property
    def rows(self) -> list[AnswerRow]:
        return list(self._rows)

    def add_row(self, row: AnswerRow, order: int) -> None:
        """Place ``row`` (a child of this section) among the answers, in the library's
        order of questions."""
        index = bisect.bisect_right(self._keys, order)
        self._keys.insert(index, order)
        self._rows.insert(index, row)
        self.rows_layout.insertWidget(index, row)

    def take_row(self, row: AnswerRow) -> None:
        index = self._rows.index(row)
        del self._rows[index]
        del self._keys[index]
        self.rows_layout.removeWidget(row)

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for row in self._rows:
            chain.extend(row.focus_chain())
        if self.with_chooser:
            chain.extend([self.combo, self.answer_button, self.hide_button, self.add_own_button])
        return chain
