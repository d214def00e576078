"""Print the action plan (Ctrl+P): which actions, an optional first name, the paper; then
preview, print or save as PDF. The first name is kept in the journal (encrypted), never in
the settings."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.documents import (
    FIRST_NAME_META,
    OWN_WORDS_META,
    Document,
    action_plan,
    session_heading,
)
from app.journal import Journal
from app.journal.model import Session
from ui.common.saved_notice import SavedNotice
from ui.paper import printing


def paper_box(parent: QWidget) -> QComboBox:
    """A choice of A4 or Letter, starting with what the system's locale uses."""
    box = QComboBox(parent)
    box.setAccessibleName("Paper size")
    for paper, name in printing.PAPER_NAMES.items():
        box.addItem(name, paper)
    box.setCurrentIndex(box.findData(printing.default_paper()))
    return box


def chosen_paper(box: QComboBox) -> QPageSize.PageSizeId:
    return QPageSize.PageSizeId(box.currentData())


class PrintPlanDialog(QDialog):
    def __init__(
        self,
        journal: Journal,
        session: Session | None,
        this_session_first: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print action plan")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.journal = journal
        self.session = session

        intro = QLabel(
            "Your planned steps, each with a box to tick for each of the next seven days, "
            "and room for notes. Nothing else from your journal is printed.",
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.all_button = QRadioButton("All my active actions", self)
        self.all_button.setAccessibleName("Print all active actions")
        self.session_button = QRadioButton(
            "This session's actions" + (f" ({session_heading(session)})" if session else ""),
            self,
        )
        self.session_button.setAccessibleName("Print this session's actions")
        self.session_button.setEnabled(session is not None)
        if session is not None and this_session_first:
            self.session_button.setChecked(True)
        else:
            self.all_button.setChecked(True)

        self.first_name = QLineEdit(journal.meta(FIRST_NAME_META) or "", self)
        self.first_name.setAccessibleName("First name on the plan (optional)")
        self.first_name.setPlaceholderText("Optional")
        self.own_words = QLineEdit(journal.meta(OWN_WORDS_META) or "", self)
        self.own_words.setAccessibleName("A line of your own at the top (optional)")
        self.own_words.setPlaceholderText("Optional — printed at the top as you write it")
        self.paper = paper_box(self)

        # Created in the order they sit on screen, so Tab follows the eye.
        self.preview_button = QPushButton("Preview…", self)
        self.preview_button.setAccessibleName("Preview the plan")
        self.close_button = QPushButton("Close", self)
        self.close_button.setAccessibleName("Close")
        self.pdf_button = QPushButton("Save as PDF…", self)
        self.pdf_button.setAccessibleName("Save the plan as a PDF file")
        self.print_button = QPushButton("Print…", self)
        self.print_button.setAccessibleName("Print the plan")
        for button in (self.preview_button, self.pdf_button, self.close_button):
            button.setAutoDefault(False)
        self.print_button.setDefault(True)

        form = QFormLayout()
        form.addRow("First name", self.first_name)
        form.addRow("Your own words", self.own_words)
        form.addRow("Paper", self.paper)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.all_button)
        layout.addWidget(self.session_button)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.saved = SavedNotice(self)
        layout.addWidget(self.saved)
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_plan)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.close)

    def document(self) -> Document:
        """The plan as chosen now; remembers the first name (in the encrypted journal)."""
        name = self.first_name.text().strip()
        if name != (self.journal.meta(FIRST_NAME_META) or ""):
            self.journal.set_meta(FIRST_NAME_META, name)
        words = self.own_words.text().strip()
        if words != (self.journal.meta(OWN_WORDS_META) or ""):
            self.journal.set_meta(OWN_WORDS_META, words)
        session_id = self.session.id if self.session and self.session_button.isChecked() else None
        return action_plan(
            self.journal,
            session_id=session_id,
            first_name=name,
            own_words=words,
            today=dt.date.today(),
        )

    def preview(self) -> None:
        printing.preview_document(self, self.document(), chosen_paper(self.paper))

    def print_plan(self) -> None:
        printing.print_document(self, self.document(), chosen_paper(self.paper))

    def save_pdf(self) -> None:
        path = printing.save_pdf(self, self.document(), "action-plan.pdf", chosen_paper(self.paper))
        if path is not None:
            self.saved.show_saved(path)
