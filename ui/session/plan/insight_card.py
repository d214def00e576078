"""One insight as a card: its words, the actions that grew from it, and its buttons.

The card adds, moves and deletes its own actions; moving or deleting the insight itself
is the tab's business, asked for through signals.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.errors import JournalError
from app.journal import Journal
from app.journal.model import Action, Insight
from ui.common import dialogs
from ui.common.autosave import Autosaver
from ui.common.theme_row import ThemeRow
from ui.common.widgets import WritingEdit
from ui.session.plan.action_choices import Choices
from ui.session.plan.action_editor import ActionEditor


class InsightCard(QFrame):
    move_requested = Signal(object, int)  # (card, -1 up / +1 down)
    delete_requested = Signal(object)
    layout_changed = Signal()  # actions added, moved or removed: the tab order needs redoing
    reveal = Signal(QWidget)  # please scroll this into view

    def __init__(
        self,
        insight: Insight,
        actions: list[Action],
        journal: Journal,
        autosaver: Autosaver,
        choices: Choices,
        text_size: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.insight = insight
        self._journal = journal
        self._autosaver = autosaver
        self._choices = choices
        self._text_size = text_size
        self._number = 0
        self._insight_count = 0
        self._dirty = False
        self._gone = False
        self._snapshot: str | None = None
        self.editors: list[ActionEditor] = []

        self.caption = QLabel()
        self.caption.setObjectName("hint")
        self.text = WritingEdit(
            "Insight",
            "Something you want to carry with you from this session, in your own words",
            grow=True,
            text_size=text_size,
        )
        self.text.set_text_quietly(insight.body)
        self.themes = ThemeRow("insight", "this insight")
        self.themes.bind(journal, lambda: self.insight.id, insight.id)
        self.add_button = QPushButton("Add a step")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.delete_button = QPushButton("Delete this")
        for button in self.buttons():
            button.setAutoDefault(False)

        self._actions_box = QVBoxLayout()
        self._actions_box.setContentsMargins(0, 0, 0, 0)
        self._actions_box.setSpacing(14)
        footer = QHBoxLayout()
        footer.addWidget(self.add_button)
        footer.addStretch(1)
        for button in (self.up_button, self.down_button, self.delete_button):
            footer.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.caption)
        layout.addWidget(self.text)
        layout.addWidget(self.themes)
        layout.addLayout(self._actions_box)
        layout.addLayout(footer)
        for action in actions:
            self._add_editor(action)
        self._connect_callbacks()

    @property
    def key(self) -> tuple[str, int]:
        return ("insight", self.insight.id)

    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.add_button, self.up_button, self.down_button, self.delete_button)

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = [self.text, *self.themes.focus_chain()]
        for editor in self.editors:
            chain += editor.focus_chain()
        return chain + list(self.buttons())

    def _connect_callbacks(self) -> None:
        self.text.edited.connect(self._changed)
        self.themes.changed.connect(self.layout_changed)
        self.add_button.clicked.connect(self.add_action)
        self.up_button.clicked.connect(lambda: self.move_requested.emit(self, -1))
        self.down_button.clicked.connect(lambda: self.move_requested.emit(self, 1))
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self))

    def set_number(self, number: int, count: int) -> None:
        """Insight ``number`` of ``count``: captions, accessible names, which moves make sense."""
        self._number = number
        self._insight_count = count
        self.caption.setText("Something to carry with you" + (f" · {number}" if count > 1 else ""))
        self.text.setAccessibleName(f"Insight {number}")
        self.themes.describe(f"insight {number}")
        self.add_button.setAccessibleName(f"Add an action to insight {number}")
        self.up_button.setAccessibleName(f"Move insight {number} up")
        self.down_button.setAccessibleName(f"Move insight {number} down")
        self.delete_button.setAccessibleName(f"Delete insight {number}")
        self.up_button.setEnabled(number > 1)
        self.down_button.setEnabled(number < count)
        for index, editor in enumerate(self.editors, start=1):
            editor.set_number(index, len(self.editors), number)

    def set_text_size(self, points: int) -> None:
        self._text_size = points
        self.text.set_text_size(points)
        for editor in self.editors:
            editor.set_text_size(points)

    # -- the insight's words ------------------------------------------------------------

    def _changed(self) -> None:
        if self._gone:
            return
        self._dirty = True
        self._autosaver.schedule(self.key, self.save)

    def save(self) -> None:
        body = self._snapshot if self._gone else self.text.toPlainText()
        if body is None:
            return
        self._journal.save_insight(self.insight.id, body)
        self.insight.body = body
        self._dirty = False
        self._snapshot = None

    def dispose(self, keep_unsaved: bool) -> None:
        """Wipe the words (and undo history) of the insight and of every action."""
        if keep_unsaved and self._dirty:
            self._snapshot = self.text.toPlainText()
        else:
            self._autosaver.discard(self.key)
        self._gone = True
        self.text.wipe()
        self.themes.wipe()
        for editor in self.editors:
            editor.dispose(keep_unsaved)

    # -- its actions --------------------------------------------------------------------

    def _add_editor(self, action: Action) -> ActionEditor:
        editor = ActionEditor(
            action, self._journal, self._autosaver, self._choices, self._text_size
        )
        editor.move_requested.connect(self._move_action)
        editor.delete_requested.connect(self._delete_action)
        editor.date_added.connect(self.layout_changed)
        self._actions_box.addWidget(editor)
        editor.show()  # now, not on the next turn of the event loop: focus can go to it
        self.editors.append(editor)
        return editor

    def add_action(self) -> None:
        try:
            action = self._journal.add_action(Action(self.insight.id, self.insight.session_id))
        except JournalError as error:
            dialogs.warn(self, "Couldn't add the action", str(error))
            return
        editor = self._add_editor(action)
        self._renumber()
        editor.what.setFocus()
        self.reveal.emit(editor)

    def _renumber(self) -> None:
        self.set_number(self._number, self._insight_count)
        self.layout_changed.emit()

    def _move_action(self, editor: ActionEditor, step: int) -> None:
        index = self.editors.index(editor)
        target = index + step
        if not 0 <= target < len(self.editors):
            return
        try:
            self._journal.move_action(editor.action.id, target)
        except JournalError as error:
            dialogs.warn(self, "Couldn't move the action", str(error))
            return
        self.editors.insert(target, self.editors.pop(index))
        self._actions_box.removeWidget(editor)
        self._actions_box.insertWidget(target, editor)
        for position, each in enumerate(self.editors):
            each.action.position = position  # as the journal numbers them after a move
        self._renumber()
        pressed = editor.up_button if step < 0 else editor.down_button
        other = editor.down_button if step < 0 else editor.up_button
        focus = pressed if pressed.isEnabled() else other
        focus.setFocus()
        self.reveal.emit(focus)

    def _delete_action(self, editor: ActionEditor) -> None:
        what = editor.what.text().strip()
        named = f"“{what}”" if what else "this action"
        if not dialogs.confirm(
            self,
            "Delete this action?",
            f"Delete {named}? This can't be undone.",
            "Delete action",
            "Keep it",
        ):
            return
        try:
            self._journal.delete_action(editor.action.id)
        except JournalError as error:
            dialogs.warn(self, "Couldn't delete the action", str(error))
            return
        index = self.editors.index(editor)
        self.editors.remove(editor)
        editor.dispose(keep_unsaved=False)
        self._actions_box.removeWidget(editor)
        editor.hide()
        editor.deleteLater()
        self._renumber()
        if self.editors:
            self.editors[min(index, len(self.editors) - 1)].what.setFocus()
        else:
            self.add_button.setFocus()
