"""Prepare for therapy (Ctrl+Shift+T): choose sessions and, per session, what to bring;
the preview shows exactly the pages that will print. Private items never go in, and the
window says how many were left out. Closed when the journal locks."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.documents import (
    Document,
    SessionChoice,
    left_out_sentence,
    session_heading,
    therapy_packet,
)
from app.documents.packet_more import TALK_TITLE, Extras
from app.errors import JournalError
from app.journal import Journal
from app.journal.model import Session
from ui.common.widgets import hint_label
from ui.follow.weekly_view import first_weekday
from ui.paper import printing
from ui.paper.page_preview import PagePreview
from ui.paper.print_plan_dialog import chosen_paper, paper_box

SECTIONS = (
    ("narrative", "The story (and intention)"),
    ("answers", "Reflection answers"),
    ("checkins", "Check-ins"),
    ("actions", "Action plan"),
)
_ID = Qt.ItemDataRole.UserRole
# The client's draft of what to talk about: kept in the journal's encrypted meta table.
TALK_KEY = "packet.talk_about"
SESSIONS_PAGE = 100


class TherapyPacketWindow(QWidget):
    def __init__(
        self, journal: Journal, parent: QWidget | None = None, session_id: int | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Prepare for therapy")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.journal: Journal | None = journal
        self.choices: dict[int, SessionChoice] = {}
        self.document: Document = therapy_packet(journal, [])
        self._current: int | None = None

        intro = hint_label(
            "Choose the sessions and the parts of them you would like to bring. Anything "
            "you marked “keep private” stays out.",
            self,
        )
        # Made before the sessions list, as it sits above it: Tab follows the screen.
        self.talk = QPlainTextEdit(self)
        self.talk.setAccessibleName(TALK_TITLE)
        self.talk.setPlaceholderText(
            "What I'd like to talk about (optional) — it comes first in the packet"
        )
        self.talk.setTabChangesFocus(True)
        self.talk.setMaximumHeight(110)
        self.talk.setPlainText(journal.meta(TALK_KEY) or "")
        self.sessions = QListWidget(self)
        self.sessions.setAccessibleName("Sessions to bring")
        # Newest first, a page at a time: more are read as the list is scrolled to its end.
        self._last_listed: Session | None = None
        self._all_listed = False
        self._listing = False
        self._list_more_sessions()
        self.sessions.verticalScrollBar().valueChanged.connect(self._sessions_scrolled)

        self.sections_box = QGroupBox("From the selected session", self)
        self.section_checks: dict[str, QCheckBox] = {}
        sections_layout = QVBoxLayout(self.sections_box)
        for name, label in SECTIONS:
            check = QCheckBox(label, self.sections_box)
            check.setAccessibleName(f"Include {label.lower()}")
            check.setChecked(True)
            self.section_checks[name] = check
            sections_layout.addWidget(check)
        self.answers = QListWidget(self.sections_box)
        self.answers.setAccessibleName("Reflection answers to bring")
        sections_layout.addWidget(QLabel("Which answers:", self.sections_box))
        sections_layout.addWidget(self.answers, 1)
        self.sections_box.setEnabled(False)

        self.themes = QCheckBox("Themes, and where they appear", self)
        self.themes.setAccessibleName("Include themes and where they appear")
        self.follow = QCheckBox("Follow-through, week by week", self)
        self.follow.setAccessibleName("Include follow-through week by week")
        self.follow.setToolTip("The days you ticked, your week notes and weekly reviews")
        self.feelings = QCheckBox("Feelings over time, as a picture", self)
        self.feelings.setAccessibleName("Include the feelings chosen over time, as a picture")
        self.feelings.setToolTip("Your check-ins' feelings, week by week (private ones not)")
        self.measures = QCheckBox("Add my questionnaire answers (PHQ-9, GAD-7)", self)
        self.measures.setAccessibleName("Add my questionnaire answers (PHQ-9, GAD-7)")
        self.measures.setToolTip("A page at the end, for your therapist")
        self.measures.setVisible(journal.meta("measures.enabled") == "1")
        self.cover = QCheckBox("Start with a cover page", self)
        self.cover.setAccessibleName("Start with a cover page")
        self.cover_title = QLineEdit(self)
        self.cover_title.setAccessibleName("Title on the cover and at the top of each page")
        self.cover_title.setPlaceholderText("A title (optional)")
        self.paper = paper_box(self)

        # Pages painted on images: no printer (and so no print service) until "Print…".
        self.preview = PagePreview(self)
        self.preview.setAccessibleName("Preview of the pages that will print")
        self.left_out = QLabel(self)
        self.left_out.setAccessibleName("Private items left out")
        self.left_out.setWordWrap(True)
        # Created in the order they sit on screen, so Tab follows the eye.
        self.close_button = QPushButton("Close", self)
        self.close_button.setAccessibleName("Close")
        self.pdf_button = QPushButton("Save as PDF…", self)
        self.pdf_button.setAccessibleName("Save these pages as a PDF file")
        self.print_button = QPushButton("Print…", self)
        self.print_button.setAccessibleName("Print these pages")
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(200)
        self._lay_out(intro)
        self._connect_callbacks()
        if session_id is not None:  # opened from a session: that one is chosen
            self.check_session(session_id)
        self.refresh()

    def _lay_out(self, intro: QLabel) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(intro)
        left_layout.addWidget(self.talk)
        left_layout.addWidget(self.sessions, 2)
        left_layout.addWidget(self.sections_box, 2)
        left_layout.addWidget(self.themes)
        left_layout.addWidget(self.follow)
        left_layout.addWidget(self.feelings)
        left_layout.addWidget(self.measures)
        left_layout.addWidget(self.cover)
        left_layout.addWidget(self.cover_title)
        paper_row = QHBoxLayout()
        paper_row.addWidget(QLabel("Paper", left))
        paper_row.addWidget(self.paper, 1)
        left_layout.addLayout(paper_row)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(self.left_out)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 620])
        for view in (self.sessions, self.answers):
            view.setWordWrap(True)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(1000, 720)

    def _connect_callbacks(self) -> None:
        self.sessions.itemChanged.connect(self._session_checked)
        self.sessions.currentItemChanged.connect(self._show_session)
        for check in self.section_checks.values():
            check.toggled.connect(self._sections_changed)
        self.answers.itemChanged.connect(self._sections_changed)
        self.cover.toggled.connect(self.schedule_refresh)
        self.themes.toggled.connect(self.schedule_refresh)
        self.follow.toggled.connect(self.schedule_refresh)
        self.feelings.toggled.connect(self.schedule_refresh)
        self.talk.textChanged.connect(self.schedule_refresh)
        self.measures.toggled.connect(self.schedule_refresh)
        self.cover_title.textChanged.connect(self.schedule_refresh)
        self.paper.currentIndexChanged.connect(self._paper_changed)
        self._refresh_timer.timeout.connect(self.refresh)
        self.print_button.clicked.connect(self.print_packet)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.close)

    # -- choosing ----------------------------------------------------------------------------

    def _choice(self, session_id: int) -> SessionChoice:
        return self.choices.get(session_id) or SessionChoice(session_id)

    def _session_checked(self, item: QListWidgetItem) -> None:
        session_id = int(item.data(_ID))
        if item.checkState() == Qt.CheckState.Checked:
            self.choices[session_id] = self._choice(session_id)
        else:
            self.choices.pop(session_id, None)
        if self.sessions.currentItem() is item:
            self._show_session(item)  # the section boxes follow the tick
        else:
            self.sessions.setCurrentItem(item)
        self.schedule_refresh()

    def _show_session(self, item: QListWidgetItem | None) -> None:
        self._current = None  # no feedback into the choice while the boxes are filled
        self.answers.clear()
        if item is None or self.journal is None:
            self.sections_box.setEnabled(False)
            return
        session_id = int(item.data(_ID))
        choice = self._choice(session_id)
        for name, check in self.section_checks.items():
            check.setChecked(bool(getattr(choice, name)))
        for answer in self.journal.answers(session_id):
            if not answer.body.strip():
                continue
            row = QListWidgetItem(answer.question_text, self.answers)
            row.setData(_ID, answer.id)
            if answer.private:
                row.setText(f"{answer.question_text} — kept private, left out")
                row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                continue
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            picked = choice.answer_ids is None or answer.id in choice.answer_ids
            row.setCheckState(Qt.CheckState.Checked if picked else Qt.CheckState.Unchecked)
        self.answers.setEnabled(choice.answers)
        self.sections_box.setEnabled(item.checkState() == Qt.CheckState.Checked)
        self._current = session_id

    def _sections_changed(self) -> None:
        session_id = self._current
        if session_id is None or session_id not in self.choices:
            return
        picked = frozenset(
            int(row.data(_ID))
            for row in (self.answers.item(i) for i in range(self.answers.count()))
            if row.checkState() == Qt.CheckState.Checked
        )
        checks = {name: check.isChecked() for name, check in self.section_checks.items()}
        self.answers.setEnabled(checks["answers"])
        self.choices[session_id] = SessionChoice(session_id, answer_ids=picked, **checks)
        self.schedule_refresh()

    def set_answer_picked(self, answer_id: int, picked: bool) -> None:
        """Tick or untick one answer of the selected session (as a click would)."""
        for i in range(self.answers.count()):
            row = self.answers.item(i)
            if int(row.data(_ID)) == answer_id:
                state = Qt.CheckState.Checked if picked else Qt.CheckState.Unchecked
                row.setCheckState(state)

    def _list_more_sessions(self) -> None:
        if self.journal is None or self._all_listed:
            return
        page = self.journal.sessions_after(self._last_listed, SESSIONS_PAGE)
        self._all_listed = len(page) < SESSIONS_PAGE
        for session in page:
            item = QListWidgetItem(session_heading(session), self.sessions)
            item.setData(_ID, session.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self._last_listed = session

    def _sessions_scrolled(self, value: int) -> None:
        # Adding rows moves the scroll bar at once: a page is read once, never re-entered.
        if not self._listing and value >= self.sessions.verticalScrollBar().maximum():
            self._listing = True
            try:
                self._list_more_sessions()
            finally:
                self._listing = False

    def check_session(self, session_id: int, checked: bool = True) -> None:
        start = 0
        while True:
            for i in range(start, self.sessions.count()):
                item = self.sessions.item(i)
                if int(item.data(_ID)) == session_id:
                    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                    item.setCheckState(state)
                    return
            if self._all_listed or self.journal is None:
                return
            start = self.sessions.count()
            self._list_more_sessions()  # further down the list: read on until it is there

    # -- the document and its preview ----------------------------------------------------------

    def schedule_refresh(self) -> None:
        self._refresh_timer.start()

    def refresh(self) -> None:
        """Build the packet as chosen now and show its pages."""
        self._refresh_timer.stop()
        if self.journal is None:
            return
        ordered = [
            self.choices[int(self.sessions.item(i).data(_ID))]
            for i in range(self.sessions.count())
            if int(self.sessions.item(i).data(_ID)) in self.choices
        ]
        self.document = therapy_packet(
            self.journal,
            ordered,
            cover=self.cover.isChecked(),
            cover_title=self.cover_title.text(),
            today=dt.date.today(),
            measures=not self.measures.isHidden() and self.measures.isChecked(),
            extras=Extras(
                self.talk.toPlainText(),
                self.themes.isChecked(),
                self.follow.isChecked(),
                first_weekday(),
                self.feelings.isChecked(),
            ),
        )
        self._keep_talk()
        self.left_out.setText(left_out_sentence(self.document.left_out))
        self.preview.show_document(self.document, chosen_paper(self.paper))

    def _keep_talk(self) -> None:
        """The draft goes into the journal (encrypted), nowhere else."""
        text = self.talk.toPlainText()
        if self.journal is None or text == (self.journal.meta(TALK_KEY) or ""):
            return
        try:
            self.journal.set_meta(TALK_KEY, text)
        except JournalError:
            self.schedule_refresh()  # tried again on the next refresh; the words stay here

    def _paper_changed(self) -> None:
        self.refresh()

    def print_packet(self) -> None:
        self.refresh()
        printing.print_document(self, self.document, chosen_paper(self.paper))

    def save_pdf(self) -> None:
        self.refresh()
        printing.save_pdf(self, self.document, "therapy-packet.pdf", chosen_paper(self.paper))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Forget the journal and everything shown (closed, or the journal is locking)."""
        self._refresh_timer.stop()
        self._keep_talk()
        self.journal = None
        self.talk.clear()
        self.choices.clear()
        self.answers.clear()
        self.sessions.clear()
        self.cover_title.clear()
        self.document = Document("", title="")
        self.preview.clear()
        super().closeEvent(event)
