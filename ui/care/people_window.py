"""People: the client's support system — who they are, how they help, how to reach them,
and the actions shared with them. Everything here lives in the encrypted journal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import JournalError
from app.journal import Journal
from app.journal.model import Action, Person
from ui.common import dialogs
from ui.common.autosave import Autosaver
from ui.common.widgets import heading, hint_label

TITLE = "People"
HARD_BOX = "Show on “When it's hard”"
EMPTY = (
    "The people around you: someone you trust, your therapist or clinic, a group, a "
    "crisis line you looked up. Add them here to share actions with them and to find "
    "them quickly on a hard day."
)
_ID = Qt.ItemDataRole.UserRole


class PeopleWindow(QWidget):
    """``changed`` runs after any save, so other views (the hard page) can catch up."""

    def __init__(self, journal: Journal, changed: Callable[[], None]) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle(TITLE)
        self.journal: Journal | None = journal
        self._changed = changed
        self.person: Person | None = None
        self.autosaver = Autosaver(parent=self)

        self.list = QListWidget(self)
        self.list.setAccessibleName("People")
        self.add_button = QPushButton("Add someone…", self)
        self.add_button.setAccessibleName("Add someone")
        self.hint = hint_label(EMPTY, self)
        left = QVBoxLayout()
        left.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.list, 1)
        left.addWidget(self.hint)

        self.name = QLineEdit(self)
        self.name.setAccessibleName("Name")
        self.helps = QLineEdit(self)
        self.helps.setAccessibleName("How they help")
        self.helps.setPlaceholderText("listens, walks with me, my therapist…")
        self.reach = QLineEdit(self)
        self.reach.setAccessibleName("How to reach them")
        self.reach.setPlaceholderText("a number, an address, when they are around")
        self.hard_box = QCheckBox(HARD_BOX, self)
        self.hard_box.setAccessibleName(HARD_BOX)
        self.remove_button = QPushButton("Remove…", self)
        self.remove_button.setAccessibleName("Remove this person")
        self.shared = QLabel("", self)
        self.shared.setAccessibleName("Actions shared with them")
        self.shared.setWordWrap(True)
        self.shared.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("How they help", self.helps)
        form.addRow("How to reach them", self.reach)
        form.addRow("", self.hard_box)
        self.details = QWidget(self)
        right = QVBoxLayout(self.details)
        right.addWidget(heading("About them", self.details))
        right.addLayout(form)
        right.addWidget(QLabel("Actions shared with them", self.details))
        right.addWidget(self.shared)
        right.addStretch(1)
        right.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)

        outer = QHBoxLayout(self)
        outer.addLayout(left, 1)
        outer.addWidget(self.details, 2)
        self._connect_callbacks()
        self.resize(760, 480)
        self.reload()

    def _connect_callbacks(self) -> None:
        self.add_button.clicked.connect(self.add_person)
        self.remove_button.clicked.connect(self.remove_person)
        self.list.currentItemChanged.connect(self._picked)
        for edit in (self.name, self.helps, self.reach):
            edit.textEdited.connect(self._edited)
        self.hard_box.toggled.connect(self._edited)

    def reload(self, select: int = 0) -> None:
        if self.journal is None:
            return
        people = self.journal.people()
        self.list.blockSignals(True)
        self.list.clear()
        for person in people:
            item = QListWidgetItem(person.name or "(no name)")
            item.setData(_ID, person.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.hint.setVisible(not people)
        row = next((i for i, p in enumerate(people) if p.id == select), 0)
        if people:
            self.list.setCurrentRow(row)
            self._picked()
        else:
            self._show(None)

    def _picked(self) -> None:
        self.autosaver.flush()
        item = self.list.currentItem()
        person = None
        if item is not None and self.journal is not None:
            person = self.journal.person(int(item.data(_ID)))
        self._show(person)

    def _show(self, person: Person | None) -> None:
        self.person = person
        self.details.setEnabled(person is not None)
        for box, text in (
            (self.name, person.name if person else ""),
            (self.helps, person.note if person else ""),
            (self.reach, person.reach if person else ""),
        ):
            box.setText(text)
        self.hard_box.blockSignals(True)
        self.hard_box.setChecked(bool(person and person.when_hard))
        self.hard_box.blockSignals(False)
        actions = self.journal.actions_with_person(person.id) if person and self.journal else []
        self.shared.setText(self._shared_text(actions))

    def _edited(self) -> None:
        if self.person is None:
            return
        self.person.name = self.name.text()
        self.person.note = self.helps.text()
        self.person.reach = self.reach.text()
        self.person.when_hard = self.hard_box.isChecked()
        person = self.person
        item = self.list.currentItem()
        if item is not None:
            item.setText(person.name or "(no name)")
        self.autosaver.schedule(("person", person.id), lambda: self._save(person))

    def _save(self, person: Person) -> None:
        if self.journal is not None:
            self.journal.save_person(person)
            self._changed()

    def add_person(self) -> None:
        if self.journal is None:
            return
        name = dialogs.ask_text(self, "Add someone", "Their name, or what you call them:")
        if name is None or not name.strip():
            return
        self.autosaver.flush()
        try:
            person = self.journal.save_person(Person(name.strip()))
        except JournalError as error:
            dialogs.warn(self, "Not added", str(error))
            return
        self.reload(select=person.id)
        self._changed()

    def remove_person(self) -> None:
        person = self.person
        if person is None or self.journal is None:
            return
        shared = len(self.journal.actions_with_person(person.id))
        keep = ""
        if shared == 1:
            keep = " The action you shared with them stays, with its words as you wrote them."
        elif shared:
            keep = (
                f" The {shared} actions you shared with them stay, with their words as you "
                "wrote them."
            )
        if not dialogs.confirm(
            self,
            "Remove from People",
            f"Remove {person.name or 'this person'} from People?{keep}",
            "Remove",
            "Keep",
        ):
            return
        self.autosaver.discard(("person", person.id))
        self.journal.delete_person(person.id)
        self.reload()
        self._changed()

    def wipe(self) -> None:
        """On lock: save, forget the journal, empty every field."""
        self.autosaver.flush()
        self.journal = None
        self.list.clear()
        self._show(None)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.autosaver.flush()
        super().closeEvent(event)

    def _shared_text(self, actions: list[Action]) -> str:
        if not actions:
            return "None yet. In an action plan, “With whom” can name them."
        lines = []
        for action in actions:
            session = self.journal.session(action.session_id) if self.journal else None
            when = f" — session {session.number}, {session.held_on:%d %b %Y}" if session else ""
            lines.append(f"• {action.what or '(an action with no words yet)'}{when}")
        return "\n".join(lines)
