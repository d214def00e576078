"""An editable combo box that fills its list only when it first opens.

With the app's style sheet, a QComboBox that has items builds and styles its pop-up list
straight away; that cost, twice per action, was most of the time a session with many
actions took to show. Here typing completes from the shared list at once, and the
combo's own list is filled the first time it opens or is stepped through with the keys.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QSizePolicy, QWidget

from app.journal.model import Person

HOW_OFTEN = ("once", "daily", "a few times a week", "weekly")
_STEP_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


class Choices:
    """The lists every action's combo boxes offer, made once per loaded session."""

    def __init__(self, people: list[Person]) -> None:
        self.people = people
        self.how_often = QStringListModel(list(HOW_OFTEN))
        self.names = QStringListModel([p.name for p in people])

    def set_people(self, people: list[Person]) -> None:
        """People were added, renamed or removed (the People window): offer them now."""
        self.people = people
        self.names.setStringList([p.name for p in people])

    def person_id(self, name: str) -> int | None:
        """The support person with this name (ignoring case and spaces), if any."""
        wanted = name.strip().casefold()
        if not wanted:
            return None
        return next((p.id for p in self.people if p.name.strip().casefold() == wanted), None)


class QuietWheelBox(QComboBox):
    """A combo box that lets the wheel scroll the page unless it has the focus, so
    scrolling past an action never changes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class ChoiceBox(QuietWheelBox):
    def __init__(
        self,
        choices: QStringListModel,
        text: str,
        placeholder: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._choices = choices
        self._edit = edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        completer = QCompleter(choices, edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # A pop-up never fills in words the person didn't type (inline completion would).
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        edit.setCompleter(completer)
        self.setLineEdit(edit)  # editable, without building the list view yet
        edit.setText(text)  # after: taking the line edit empties it
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def edit(self) -> QLineEdit:
        return self._edit

    def ensure_items(self) -> None:
        """Fill the list, keeping what is typed (filling selects the first item)."""
        if self.count() or not self._choices.rowCount():
            return
        edit = self._edit
        text, cursor = edit.text(), edit.cursorPosition()
        with QSignalBlocker(self), QSignalBlocker(edit):
            self.addItems(self._choices.stringList())
            self.setCurrentIndex(self.findText(text, Qt.MatchFlag.MatchFixedString))
            edit.setText(text)
            edit.setCursorPosition(cursor)

    def showPopup(self) -> None:
        self.ensure_items()
        super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _STEP_KEYS:
            self.ensure_items()
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            self.ensure_items()
        super().wheelEvent(event)

    def wipe(self) -> None:
        with QSignalBlocker(self):
            self.clear()
        self._edit.setText("")  # setText also clears the undo history
