"""Find: a quiet panel above the session tabs that searches everything as the client types.

What is typed is never stored: no settings, no history. Clearing (Escape, the close
button, or locking) empties the field, its undo history and the results, and sets the
filters (where to look, a theme, a range of session dates) back to "anywhere".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import (
    escape,  # app.documents.render's escape is this; importing it would load Markdown at start
)

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
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
from app.journal.model import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit
from app.journal.search import SearchFilters
from ui.common.theme import LIST_ITEM_PADDING_PX
from ui.common.widgets import tab_chain

DEBOUNCE_MS = 150
LIMIT = 50
HitRole = Qt.ItemDataRole.UserRole + 1

PLACES = {
    "session": "Session details",
    "narrative": "Story",
    "checkin": "Check-in",
    "insight": "Insight",
    "action": "Action",
    "person": "Person",
    "question": "Question",
    "week_note": "Week note",
    "revisit": "Coming back to it",
}

# Where to look: the label in the section filter, and the section (app.journal.search.SECTIONS).
SECTION_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("Everywhere", None),
    ("Story", "narrative"),
    ("Reflection answers", "answer"),
    ("Check-ins", "checkin"),
    ("Insights and actions", "plan"),
    ("Session details", "session"),
    ("People, own questions, week notes", "other"),
)
ANY_THEME = "Any theme"

# Which tab shows each kind of hit: 0 Narrative, 1 Reflection, 2 Action plan.
TAB_OF_KIND = {
    "narrative": 0,
    "session": 0,
    "answer": 1,
    "revisit": 1,
    "checkin": 1,
    "insight": 2,
    "action": 2,
}


def place_of(hit: SearchHit) -> str:
    """Where in the journal a hit is; an answer is named by its question."""
    if hit.kind == "answer":
        return hit.label or "Answer"
    return PLACES.get(hit.kind, hit.label or hit.kind.replace("_", " ").capitalize())


def snippet_html(snippet: str) -> str:
    """Escape the journal's words first, then turn the match markers into bold."""
    text = escape(" ".join(snippet.split()))
    return text.replace(HIGHLIGHT_START, "<b>").replace(HIGHLIGHT_END, "</b>")


def snippet_plain(snippet: str) -> str:
    return " ".join(snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "").split())


def as_you_type(text: str) -> str:
    """The last word, while still being typed, also matches longer words (a prefix)."""
    if not text or text[-1].isspace() or text.endswith(('"', "*")):
        return text
    if text.count('"') % 2:  # inside an unfinished "phrase": leave it as typed
        return text
    return text + "*"


class SearchPanel(QFrame):
    """Emits ``hit_chosen`` when a result is opened with Enter or a click."""

    hit_chosen = Signal(object)  # SearchHit

    def __init__(
        self,
        journal: Callable[[], Journal | None],
        session_name: Callable[[int], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._session_name = session_name
        self.setObjectName("searchPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Find")

        self.field = QLineEdit(self)
        self.field.setAccessibleName("Search the journal")
        self.field.setPlaceholderText("Find in the journal…")
        self.field.setClearButtonEnabled(False)  # its inner button would go unnamed
        self.close_button = QPushButton("Close", self)
        self.close_button.setAccessibleName("Close search")
        self.close_button.setToolTip("Close search (Esc)")
        self.count = QLabel("", self)
        self.count.setObjectName("hint")
        self.count.setAccessibleName("Search result count")
        self.results = QListWidget(self)
        self.results.setAccessibleName("Search results")
        self.results.setUniformItemSizes(False)
        self.results.setWordWrap(True)
        self.results.setMinimumHeight(150)  # a few results, even with the banner and cards
        self.results.setMaximumHeight(260)
        self.results.hide()
        self._build_filters()
        # Tab as the eye reads: the field, Close, the filters left to right, the results.
        tab_chain(self.field, self.close_button, *self.filter_widgets(), self.results)

        top = QHBoxLayout()
        top.addWidget(self.field, 1)
        top.addWidget(self.close_button)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.section)
        filters.addWidget(self.theme)
        filters.addSpacing(8)
        filters.addWidget(self.since_check)
        filters.addWidget(self.since)
        filters.addWidget(self.until_check)
        filters.addWidget(self.until)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.count)
        layout.addWidget(self.results)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda _text: self.timer.start())
        self.field.returnPressed.connect(self._open_current)
        self.results.itemActivated.connect(self._open_item)
        self.results.currentItemChanged.connect(self._mark_current)
        self.results.itemClicked.connect(self._open_item)
        self.close_button.clicked.connect(self.close_panel)
        for widget in (self.field, self.results, *self.filter_widgets()):
            widget.installEventFilter(self)
        self.results.viewport().installEventFilter(self)
        self.hide()

    def _build_filters(self) -> None:
        self.section = QComboBox(self)
        self.section.setAccessibleName("Search in")
        self.section.setToolTip("Where to look")
        for label, key in SECTION_CHOICES:
            self.section.addItem(label, key)
        self.theme = QComboBox(self)
        self.theme.setAccessibleName("Only with the theme")
        self.theme.setToolTip("Only places that carry this theme")
        self.theme.addItem(ANY_THEME, None)
        self.since_check = QCheckBox("From", self)
        self.since_check.setAccessibleName("Only sessions from a date")
        self.until_check = QCheckBox("to", self)
        self.until_check.setAccessibleName("Only sessions up to a date")
        self.since = QDateEdit(self)
        self.since.setAccessibleName("Sessions from")
        self.until = QDateEdit(self)
        self.until.setAccessibleName("Sessions up to")
        for check, edit in ((self.since_check, self.since), (self.until_check, self.until)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._filters_changed)
            edit.dateChanged.connect(self._filters_changed)
        self.section.currentIndexChanged.connect(self._filters_changed)
        self.theme.currentIndexChanged.connect(self._filters_changed)
        self._reset_filters()

    def filter_widgets(self) -> tuple[QWidget, ...]:
        dates = (self.since_check, self.since, self.until_check, self.until)
        return (self.section, self.theme, *dates)

    def filters(self) -> SearchFilters:
        since = self.since.date().toPython() if self.since_check.isChecked() else None
        until = self.until.date().toPython() if self.until_check.isChecked() else None
        assert since is None or isinstance(since, dt.date)
        assert until is None or isinstance(until, dt.date)
        theme = self.theme.currentData()
        return SearchFilters(
            section=self.section.currentData(),
            since=since,
            until=until,
            theme_id=theme if isinstance(theme, int) else None,
        )

    def _filters_changed(self) -> None:
        if self.field.text().strip():
            self.timer.start()

    def _reset_filters(self) -> None:
        """Back to "anywhere"; the theme list keeps no names."""
        widgets = self.filter_widgets()
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.section.setCurrentIndex(0)
            self.theme.clear()
            self.theme.addItem(ANY_THEME, None)
            today = QDate.currentDate()
            for check, edit in ((self.since_check, self.since), (self.until_check, self.until)):
                check.setChecked(False)
                edit.setEnabled(False)
                edit.setDate(today)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _load_themes(self) -> None:
        """The client's themes, read each time the panel opens (keeping the one chosen)."""
        journal = self._journal()
        if journal is None:
            return
        try:
            themes = journal.themes()
        except JournalError:
            return
        chosen = self.theme.currentData()
        self.theme.blockSignals(True)
        self.theme.clear()
        self.theme.addItem(ANY_THEME, None)
        for theme in themes:
            self.theme.addItem(theme.name, theme.id)
        self.theme.setCurrentIndex(max(self.theme.findData(chosen), 0))
        self.theme.blockSignals(False)

    def searched_text(self) -> str:
        """What the results were found for, as searched (the last word as a prefix)."""
        return as_you_type(self.field.text())

    # -- showing and clearing -------------------------------------------------------------------

    def open_panel(self) -> None:
        self._load_themes()
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_panel(self) -> None:
        self.wipe()
        self.hide()

    def wipe(self) -> None:
        """Forget what was typed and found; setText also drops the undo history."""
        self.timer.stop()
        self.field.blockSignals(True)
        self.field.setText("")
        self.field.blockSignals(False)
        self._clear_results()
        self.count.setText("")
        self._reset_filters()

    def _clear_results(self) -> None:
        self.results.clear()
        self.results.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.results.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_results()
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape:
                self.close_panel()
                return True
            if watched is self.field and event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                self.results.setCurrentRow(max(self.results.currentRow(), 0))
                return True
        return super().eventFilter(watched, event)

    # -- searching --------------------------------------------------------------------------------

    def run_search(self) -> None:
        self.timer.stop()
        text = self.field.text()
        journal = self._journal()
        self._clear_results()
        if journal is None or not text.strip():
            self.count.setText("")
            return
        hits = journal.search(as_you_type(text), LIMIT, self.filters())
        for hit in hits:
            self._add_hit(hit)
        if hits:
            self.results.setCurrentRow(0)
            self.results.show()
        many = "50 or more results" if len(hits) >= LIMIT else f"{len(hits)} results"
        self.count.setText(
            "Nothing found" if not hits else ("1 result" if len(hits) == 1 else many)
        )

    def _add_hit(self, hit: SearchHit) -> None:
        where = place_of(hit)
        session = self._session_name(hit.session_id) if hit.session_id is not None else ""
        heading = " · ".join(part for part in (session, where) if part)
        label = QLabel(self.results)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        label.setOpenExternalLinks(False)
        label.setWordWrap(True)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        label.setContentsMargins(4, 3, 4, 3)
        label.setText(
            f'<span style="opacity:0.75">{escape(heading)}</span><br>{snippet_html(hit.snippet)}'
        )
        item = QListWidgetItem(self.results)
        item.setData(HitRole, hit)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{heading}: {snippet_plain(hit.snippet)}")
        self.results.setItemWidget(item, label)
        self._fit(item, label)

    def _fit(self, item: QListWidgetItem, label: QWidget) -> None:
        width = max(self.results.viewport().width() - 8, 300)
        label.setFixedWidth(width)
        label.ensurePolished()  # the style sheet's font, or the height is for the wrong one
        # The style sheet pads every list item by 8 px above and below.
        item.setSizeHint(QSize(width, label.heightForWidth(width) + 2 * LIST_ITEM_PADDING_PX))

    def _fit_results(self) -> None:
        """Results wrap to the list's width, also when the window is resized."""
        for row in range(self.results.count()):
            item = self.results.item(row)
            label = self.results.itemWidget(item)
            if label is not None:
                self._fit(item, label)

    def _mark_current(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        """A result's words sit on the selection colour when it is the current one."""
        for item, role in (
            (previous, QPalette.ColorRole.Text),
            (current, QPalette.ColorRole.HighlightedText),
        ):
            label = self.results.itemWidget(item) if item is not None else None
            if label is not None:
                label.setForegroundRole(role)

    def snippet_texts(self) -> list[str]:
        """The HTML shown for each result, in order (for tests and accessibility checks)."""
        texts = []
        for row in range(self.results.count()):
            widget = self.results.itemWidget(self.results.item(row))
            texts.append(widget.text() if isinstance(widget, QLabel) else "")
        return texts

    # -- opening ----------------------------------------------------------------------------------

    def _open_current(self) -> None:
        if self.timer.isActive():  # Enter before the pause: search now, then open
            self.run_search()
        item = self.results.currentItem() or self.results.item(0)
        if item is not None:
            self._open_item(item)

    def _open_item(self, item: QListWidgetItem) -> None:
        hit = item.data(HitRole)
        if isinstance(hit, SearchHit):
            self.hit_chosen.emit(hit)
