"""The Themes window: each of the client's themes with how many places carry it, and for
the chosen one, where it appears across sessions in time order. Activating a place opens
it in the main window. Renaming or removing a theme changes it everywhere."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import JournalError
from app.journal import Journal
from app.journal.themes import ThemePlace, delete_theme, rename_theme, theme_counts, theme_places
from ui.common import dialogs
from ui.common.session_list import session_label
from ui.common.widgets import hint_label

DataRole = Qt.ItemDataRole.UserRole + 1
CountRole = Qt.ItemDataRole.UserRole + 2
PAGE = 50  # places read at a time; more as the list is scrolled
EMPTY = (
    "No themes yet. Add one under a part of the story, an answer or an insight, and it "
    "will be listed here with every place it appears."
)
SECTION = {"narrative": "Story", "insight": "Insight"}


def place_heading(place: ThemePlace) -> str:
    where = place.where if place.kind == "answer" else SECTION.get(place.kind, place.kind)
    return f"{session_label(place.session).split(chr(10))[0]} · {where}"


class ThemesWindow(QWidget):
    """Non-modal, owned by the main window; ``wipe`` clears it before a lock."""

    place_chosen = Signal(str, int, int)  # kind, entry id, session id
    themes_changed = Signal()  # renamed or removed everywhere

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Themes")  # never a theme's name: that is the client's writing
        self.setAccessibleName("Themes")
        self.resize(760, 480)
        self._journal: Journal | None = None
        self.total = 0  # places carrying the chosen theme, read or not yet

        self.themes = QListWidget(self)
        self.themes.setAccessibleName("Your themes")
        self.rename_button = QPushButton("Rename…", self)
        self.rename_button.setAccessibleName("Rename this theme everywhere")
        self.remove_button = QPushButton("Remove everywhere…", self)
        self.remove_button.setAccessibleName("Remove this theme everywhere")
        self.empty = hint_label(EMPTY, self)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.places = QListWidget(self)
        self.places.setAccessibleName("Where this theme appears")
        self.places.setWordWrap(True)
        self.hint = hint_label("Press Enter or double-click a place to open it.", self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.themes, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.remove_button)
        left_layout.addLayout(buttons)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.places, 1)
        right_layout.addWidget(self.hint)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([240, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.themes.currentItemChanged.connect(lambda *_: self._show_places())
        self.places.itemActivated.connect(self._open)
        self.places.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.rename_button.clicked.connect(self.rename)
        self.remove_button.clicked.connect(self.remove)
        self._update_buttons()

    def show_for(self, journal: Journal) -> None:
        self._journal = journal
        self.refresh()
        self.show()
        self.raise_()
        self.activateWindow()
        self.themes.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Themes added in the main window meanwhile show up when the client comes back.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.refresh()

    # -- content --------------------------------------------------------------------------------

    def current_theme_id(self) -> int | None:
        item = self.themes.currentItem()
        value = item.data(DataRole) if item is not None else None
        return value if isinstance(value, int) else None

    def refresh(self, select: int | None = None) -> None:
        if self._journal is None:
            return
        chosen = select if select is not None else self.current_theme_id()
        try:
            counts = theme_counts(self._journal)
        except JournalError:
            return
        self.themes.blockSignals(True)
        self.themes.clear()
        row = 0
        for index, count in enumerate(counts):
            places = "1 place" if count.places == 1 else f"{count.places} places"
            item = QListWidgetItem(f"{count.theme.name} — {places}", self.themes)
            item.setData(DataRole, count.theme.id)
            item.setData(CountRole, count.places)
            if count.theme.id == chosen:
                row = index
        if counts:
            self.themes.setCurrentRow(row)
        self.themes.blockSignals(False)
        self.empty.setVisible(not counts)
        self._show_places()

    def _show_places(self) -> None:
        self.places.clear()
        item = self.themes.currentItem()
        self.heading.setText(item.text().split(" — ")[0] if item is not None else "")
        total = item.data(CountRole) if item is not None else 0
        self.total = total if isinstance(total, int) else 0
        self.show_more()
        self._update_buttons()

    def show_more(self) -> None:
        """The next page of places: a theme carried in thousands of entries opens as fast
        as one carried in a few."""
        theme_id = self.current_theme_id()
        if theme_id is None or self._journal is None or self.places.count() >= self.total:
            return
        try:
            places = theme_places(self._journal, theme_id, PAGE, self.places.count())
        except JournalError:
            places = []
        if not places:
            self.total = self.places.count()
        for place in places:
            heading = place_heading(place)
            entry = QListWidgetItem(f"{heading}\n{place.excerpt}", self.places)
            entry.setData(DataRole, (place.kind, place.target_id, place.session.id))
            entry.setData(Qt.ItemDataRole.AccessibleTextRole, f"{heading}: {place.excerpt}")

    def _scrolled(self, value: int) -> None:
        bar = self.places.verticalScrollBar()
        if value >= bar.maximum() - bar.pageStep():
            self.show_more()

    def place_texts(self) -> list[str]:
        return [self.places.item(i).text() for i in range(self.places.count())]

    def theme_texts(self) -> list[str]:
        return [self.themes.item(i).text() for i in range(self.themes.count())]

    def _update_buttons(self) -> None:
        has = self.current_theme_id() is not None
        self.rename_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def _open(self, item: QListWidgetItem) -> None:
        data = item.data(DataRole)
        if isinstance(data, tuple):
            kind, target_id, session_id = data
            self.place_chosen.emit(kind, target_id, session_id)

    # -- renaming and removing -----------------------------------------------------------------

    def rename(self) -> None:
        theme_id, journal = self.current_theme_id(), self._journal
        if theme_id is None or journal is None:
            return
        old = self.heading.text()
        name = dialogs.ask_text(self, "Rename theme", "A new name for this theme:", old)
        if not name or not name.strip():
            return
        try:
            theme = rename_theme(journal, theme_id, name)
        except JournalError as error:
            dialogs.warn(self, "Not renamed", f"The theme couldn't be renamed: {error}.")
            return
        self.refresh(select=theme.id)
        self.themes_changed.emit()

    def remove(self) -> None:
        theme_id, journal = self.current_theme_id(), self._journal
        if theme_id is None or journal is None:
            return
        count = self.total
        places = "1 place" if count == 1 else f"{count} places"
        if not dialogs.confirm(
            self,
            "Remove this theme?",
            f"Take “{self.heading.text()}” off {places}? What you wrote stays as it is.",
            "Remove theme",
            "Keep it",
        ):
            return
        try:
            delete_theme(journal, theme_id)
        except JournalError as error:
            dialogs.warn(self, "Not removed", f"The theme couldn't be removed: {error}.")
            return
        self.refresh()
        self.themes_changed.emit()

    def wipe(self) -> None:
        """Lock: forget the journal and every name and excerpt, and close."""
        self._journal = None
        self.themes.clear()
        self.places.clear()
        self.heading.setText("")
        self.close()
