"""A compact row of themes on one entry (a part of the story, an answer, an insight):
a chip per theme with a small × to take it off, and a field that suggests the client's own
earlier themes as they type. Every change is saved at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from app.errors import JournalError
from app.journal import Journal
from app.journal.model import Theme
from ui.common import dialogs

PLACEHOLDER = "Add a theme…"
MAX_NAME = 80  # characters: a theme is a word or a few


class ThemeChip(QFrame):
    remove_requested = Signal(object)  # Theme

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setObjectName("themeChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)  # no style sheet per chip: they add up
        self.label = QLabel(theme.name, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("×")
        self.remove_button.setAccessibleName(f"Remove the theme “{theme.name}”")
        self.remove_button.setToolTip(f"Take “{theme.name}” off this")
        self.remove_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 2, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.remove_button)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.theme))


class ThemeRow(QWidget):
    """Bound to one entry with ``bind``; ``wipe`` forgets the journal and every name."""

    changed = Signal()  # a theme was added or taken off

    def __init__(self, kind: str, describe: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._journal: Journal | None = None
        self._target: Callable[[], int] | None = None
        self._target_id = 0
        self.chips: list[ThemeChip] = []

        self.field = QLineEdit(self)
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.setMaximumWidth(220)
        self.field.setMaxLength(MAX_NAME)
        # Made on first use: a session shows dozens of rows, and most are never typed in.
        self.suggestions: QStringListModel | None = None
        self.completer: QCompleter | None = None

        self.chips_box = QHBoxLayout()
        self.chips_box.setContentsMargins(0, 0, 0, 0)
        self.chips_box.setSpacing(4)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(self.chips_box)
        layout.addWidget(self.field)
        layout.addStretch(1)
        self.describe(describe)

        self.field.returnPressed.connect(self.add_typed)
        self.field.textEdited.connect(self._typed)
        self.field.installEventFilter(self)

    def describe(self, what: str) -> None:
        """Name the entry for accessible names, e.g. "the story" or "insight 2"."""
        self.field.setAccessibleName(f"Add a theme to {what}")
        self.field.setToolTip(f"Type a theme for {what} and press Return")

    def bind(self, journal: Journal, target: Callable[[], int], target_id: int = 0) -> None:
        """``target`` gives the entry's id, saving the entry first if it has none yet."""
        self._journal, self._target, self._target_id = journal, target, target_id
        self._set_chips(journal.themes_of(self.kind, target_id) if target_id else [])

    def reload(self) -> None:
        """Read this entry's themes again (after a rename or removal elsewhere)."""
        if self._journal is not None and self._target_id:
            try:
                self._set_chips(self._journal.themes_of(self.kind, self._target_id))
            except JournalError:
                return

    @property
    def names(self) -> list[str]:
        return [chip.theme.name for chip in self.chips]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.FocusIn:
            self.refresh_suggestions()
        return False

    def _typed(self, text: str) -> None:
        if len(text) == 1:  # a new word begins: another entry may have added a theme
            completer = self._completer()
            self.refresh_suggestions()
            completer.setCompletionPrefix(text)
            completer.complete()

    def _completer(self) -> QCompleter:
        if self.completer is None:
            self.suggestions = QStringListModel(self)
            self.completer = QCompleter(self.suggestions, self)
            self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.field.setCompleter(self.completer)
        return self.completer

    def refresh_suggestions(self) -> None:
        """The client's own themes, read now (another entry may have added one)."""
        self._completer()
        if self._journal is None or self.suggestions is None:
            return
        try:
            names = [t.name for t in self._journal.themes()]
        except JournalError:
            return
        self.suggestions.setStringList([n for n in names if n not in self.names])

    # -- adding and taking off ------------------------------------------------------------------

    def add_typed(self) -> None:
        name = " ".join(self.field.text().split())
        if not name or self._journal is None or self._target is None:
            return
        try:
            self._target_id = self._target()
            theme = self._journal.add_theme_to(self.kind, self._target_id, name)
        except JournalError as error:
            dialogs.warn(self, "Theme not added", f"The theme couldn't be saved: {error}.")
            return
        self.field.clear()
        if theme.id not in {chip.theme.id for chip in self.chips}:
            self._set_chips([*(c.theme for c in self.chips), theme])
        self.changed.emit()

    def remove(self, theme: Theme) -> None:
        if self._journal is None or not self._target_id:
            return
        try:
            self._journal.remove_theme_from(self.kind, self._target_id, theme.id)
        except JournalError as error:
            dialogs.warn(self, "Theme not removed", f"The theme couldn't be removed: {error}.")
            return
        index = next((i for i, c in enumerate(self.chips) if c.theme.id == theme.id), 0)
        self._set_chips([c.theme for c in self.chips if c.theme.id != theme.id])
        # Focus stays in the row: on the next chip's ×, or the field.
        if self.chips:
            self.chips[min(index, len(self.chips) - 1)].remove_button.setFocus()
        else:
            self.field.setFocus()
        self.changed.emit()

    def _set_chips(self, themes: list[Theme]) -> None:
        for chip in self.chips:
            self.chips_box.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self.chips = []
        for theme in sorted(themes, key=lambda t: t.name.casefold()):
            chip = ThemeChip(theme, self)
            chip.remove_requested.connect(self.remove)
            self.chips_box.addWidget(chip)
            self.chips.append(chip)

    def focus_chain(self) -> list[QWidget]:
        return [*(chip.remove_button for chip in self.chips), self.field]

    def wipe(self) -> None:
        """Lock: no theme name stays on screen or in the suggestions."""
        self._set_chips([])
        self.field.clear()
        if self.suggestions is not None:
            self.suggestions.setStringList([])
        self._journal = self._target = None
        self._target_id = 0
