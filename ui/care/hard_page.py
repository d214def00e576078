"""The "When it's hard" page: a calm page one shortcut away from every window.

It holds nothing private of its own; the client's chosen contacts live in the vault, so
while the journal is locked the page says they appear once it is unlocked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.journal.model import Person
from ui.common.widgets import heading

TITLE = "When it's hard"
SHORTCUT = QKeySequence("Ctrl+Shift+H")
SHORTCUT_TEXT = SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)

INTRO = (
    "A quiet page for a hard moment. Nothing here needs doing. Take what helps and leave the rest."
)
GROUNDING = (
    "Coming back to now",
    [
        "Let your feet rest on the floor, and notice what is holding you up.",
        "Look around and name a few things you can see: a colour, a shape, the light.",
        "Listen for what you can hear, close by and further away.",
        "Touch something near you — the chair, your sleeve, something cool or warm.",
        "Let your breath slow a little, with a longer breath out. There is no right way.",
    ],
)
ALLOWED = (
    "Hard is allowed",
    [
        "Not every session brings relief or clarity. A session that stirred up something "
        "painful is still part of your process, and letting yourself feel it counts.",
        "Nothing has to be understood today. What came up can settle and make sense in its "
        "own time; integration isn't something to force.",
    ],
)
SAFE = (
    "If you don't feel safe, please reach out now — to someone you trust, to your clinic, "
    "or to the emergency services where you are."
)
LOCKED = (
    "The contacts you chose are kept inside your encrypted journal, so they appear here "
    "once it is unlocked."
)
NO_CONTACTS = (
    "You can keep here how to reach your therapist or clinic, someone you trust, and a "
    "crisis line you looked up yourself. Add them in People and choose “Show on ‘When "
    "it's hard’”."
)


def hard_button(parent: QWidget) -> QPushButton:
    """The one-click way in, on the unlock window and the main window's status bar."""
    button = QPushButton(TITLE, parent)
    button.setFlat(True)
    button.setAccessibleName(TITLE)
    button.setToolTip(f"A calm page for a hard moment ({SHORTCUT_TEXT})")
    return button


Contacts = Callable[[], list[Person] | None]  # None while the journal is locked


class HardPage(QWidget):
    """A top-level window with no parent, so it can be shown from any window."""

    def __init__(self, contacts: Contacts, open_people: Callable[[], None]) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self._contacts = contacts
        self._open_people = open_people

        column = QWidget(self)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(8)  # room to breathe: the page is read on a hard day
        layout.addWidget(heading(TITLE, column))
        layout.addWidget(self._text(INTRO, column))
        for title, lines in (GROUNDING, ALLOWED):
            layout.addSpacing(10)
            layout.addWidget(self._subheading(title, column))
            for line in lines:
                layout.addWidget(self._text(line, column))
        layout.addSpacing(10)
        layout.addWidget(self._subheading("People you chose", column))
        self.contact_list = self._text("", column)
        self.contact_list.setAccessibleName("Your contacts")
        self.contact_list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.contact_list)
        self.people_button = QPushButton("Add or change contacts…", column)
        self.people_button.setAccessibleName("Add or change contacts")
        self.people_button.clicked.connect(self._open_people)
        layout.addWidget(self.people_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(10)
        layout.addWidget(self._text(SAFE, column))
        layout.addStretch(1)
        self.close_button = QPushButton("Close", column)
        self.close_button.setAccessibleName("Close")
        self.close_button.clicked.connect(self.close)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(column)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.resize(540, 700)

    @staticmethod
    def _text(text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    @staticmethod
    def _subheading(text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setObjectName("subheading")
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def refresh(self) -> None:
        """Show the contacts as they are now (or say why they are not here)."""
        people = self._contacts()
        self.people_button.setVisible(people is not None)
        if people is None:
            self.contact_list.setText(LOCKED)
        elif not people:
            self.contact_list.setText(NO_CONTACTS)
        else:
            self.contact_list.setText("\n\n".join(_contact_text(p) for p in people))

    def open(self) -> None:
        """Show the page above whatever is open. Above a modal dialog a plain window would
        be blocked, so there the page is modal itself until it is closed."""
        self.refresh()
        modal = QApplication.activeModalWidget()
        wanted = (
            Qt.WindowModality.ApplicationModal
            if modal is not None and modal is not self
            else Qt.WindowModality.NonModal
        )
        if self.windowModality() != wanted:
            self.hide()  # modality only changes while hidden
            self.setWindowModality(wanted)
        # Above a dialog, People would open behind the page and be blocked: not offered.
        if wanted == Qt.WindowModality.ApplicationModal:
            self.people_button.hide()
        self.show()
        self.raise_()
        self.activateWindow()


def _contact_text(person: Person) -> str:
    return "\n".join(part for part in (person.name, person.note, person.reach) if part.strip())


class HardKey(QObject):
    """An app-wide key: installed on the application, it sees the key in every window,
    dialogs included (a QShortcut would be blocked by a modal dialog)."""

    def __init__(self, on_press: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_press = on_press

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(event, QKeyEvent) or QKeySequence(event.keyCombination()) != SHORTCUT:
            return False
        # Claiming the override stops any shortcut from taking the key; the press opens.
        if kind == QEvent.Type.KeyPress:
            self._on_press()
        event.accept()
        return True
