"""The optional questionnaires (PHQ-9, GAD-7): answer one, and see the answers over time.

Off until the client turns them on in Settings (kept in the journal's encrypted settings:
even the fact that someone uses them is nobody else's business). The window shows totals
only — never a band or a label; the bands are for the therapist's packet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.follow import measures, measures_offer, over_time
from app.journal import Journal
from app.journal.measure_results import MeasureResult
from ui.care.hard_page import SHORTCUT_TEXT as HARD_SHORTCUT
from ui.care.hard_page import TITLE as HARD_TITLE
from ui.common import dialogs
from ui.common.widgets import heading, hint_label
from ui.follow.charts import ChartView

# In the journal's meta table (their home is app/follow/measures_offer.py).
ENABLED_KEY = measures_offer.ENABLED_KEY
OFFER_KEY = measures_offer.OFFER_KEY

CARE_NOTE = (
    "Thank you for answering this honestly.\n\n"
    "Thoughts like these matter, and you don't have to carry them alone. Please tell your "
    "therapist about them — at your next session, or sooner by getting in touch. You can "
    "also reach out now to someone you trust.\n\n"
    f"The “{HARD_TITLE}” page ({HARD_SHORTCUT}, or the button at the bottom of the window) "
    "has a few calm steps and the contacts you chose to keep there.\n\n"
    "If you might act on these thoughts, or feel in danger right now, call your local "
    "emergency number."
)
# The shell puts its "When it's hard" page here (one page for every window), so the note
# can open it; without it the note still says where the page is.
when_its_hard: Callable[[QWidget], None] | None = None


def turned_on(journal: Journal) -> bool:
    return journal.meta(ENABLED_KEY) == "1"


def show_care_note(parent: QWidget) -> None:
    dialogs.inform(parent, "Thank you", CARE_NOTE)
    if when_its_hard is not None:
        when_its_hard(parent)


class QuestionnaireDialog(QDialog):
    """One sheet: every item with the four published answers; Save once all are answered."""

    def __init__(self, measure: measures.Measure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measure = measure
        self.setWindowTitle(measure.name)
        self.setAccessibleName(f"{measure.name} questionnaire")
        self.groups: list[QButtonGroup] = []
        grid = QGridLayout()
        for column, option in enumerate(measures.OPTIONS, start=1):
            label = QLabel(option, self)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, 0, column)
        for row, item in enumerate(measure.items, start=1):
            text = QLabel(f"{row}. {item}", self)
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(text, row, 0)
            group = QButtonGroup(self)
            for value, option in enumerate(measures.OPTIONS):
                button = QRadioButton(self)
                button.setAccessibleName(f"{item}: {option}")
                group.addButton(button, value)
                grid.addWidget(button, row, value + 1, Qt.AlignmentFlag.AlignCenter)
            group.idToggled.connect(self._update)
            self.groups.append(group)
        grid.setColumnStretch(0, 1)
        sheet = QWidget(self)
        sheet.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(sheet)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(f"Save these {measure.name} answers")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(measure.stem, self))
        layout.addWidget(scroll, 1)
        layout.addWidget(hint_label(measures.NOT_A_DIAGNOSIS, self))
        layout.addWidget(self.buttons)
        self.resize(760, 560)
        self._update()

    def answer(self, values: tuple[int, ...]) -> None:
        """Tick the answers (tests, and a keyboard-free path)."""
        for group, value in zip(self.groups, values, strict=True):
            button = group.button(value)
            if button is not None:
                button.setChecked(True)

    def answers(self) -> tuple[int, ...] | None:
        chosen = tuple(group.checkedId() for group in self.groups)
        return None if any(v < 0 for v in chosen) else chosen

    def _update(self) -> None:
        self.save_button.setEnabled(self.answers() is not None)


class MeasuresView(QWidget):
    """The Over time window: the pictures; with the questionnaires on, answer one now, and
    the answers so far."""

    saved = Signal()

    def __init__(
        self,
        journal: Callable[[], Journal | None],
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._journal = journal
        self.now = now
        self.setWindowTitle("Over time")
        self.setAccessibleName("Over time")
        self.chart = ChartView(self)
        self.off_note = hint_label(
            "These questionnaires are turned off. Settings ▸ “Offer the PHQ-9 and GAD-7 "
            "questionnaires” turns them on.",
            self,
        )
        self.about = hint_label(
            "Two short questionnaires many therapists use between sessions. Answer them "
            "whenever you like; the totals are kept here, over time. " + measures.NOT_A_DIAGNOSIS,
            self,
        )
        self.offer_note = hint_label("", self)
        self.start_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for measure in measures.MEASURES.values():
            button = QPushButton(f"Answer the {measure.name}…", self)
            button.setAccessibleName(f"Answer the {measure.name} now")
            button.clicked.connect(lambda _=False, m=measure: self.take(m))
            row.addWidget(button)
            self.start_buttons[measure.key] = button
        row.addStretch(1)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Date", "Questionnaire", "Total"])
        self.table.setAccessibleName("Answers over time")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Over time", self))
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.off_note)
        layout.addWidget(self.about)
        layout.addWidget(self.offer_note)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.resize(620, 480)

    def open_view(self) -> None:
        self.reload()
        self.show()
        self.raise_()
        self.activateWindow()

    def reload(self) -> None:
        journal = self._journal()
        if journal is None:
            return
        on = turned_on(journal)
        self.off_note.setVisible(not on)
        for button in self.start_buttons.values():
            button.setEnabled(on)
        results = journal.measures()
        weeks = over_time.feeling_weeks(journal, today=self.now().date())
        self.chart.show_data(weeks, results if on else None)
        self.table.setVisible(on)
        self.table.setRowCount(len(results))
        for index, result in enumerate(reversed(results)):  # newest first
            measure = measures.MEASURES[result.measure]
            cells = (
                f"{result.taken_at:%d %B %Y}",
                measure.name,
                f"{result.total} of {measure.highest}",
            )
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        last = results[-1].taken_at if results else None
        offer = on and journal.meta(OFFER_KEY) == "1" and measures.offer_due(last, self.now())
        again = "It has been two weeks or more — would you like to answer them again?"
        first = "Whenever you'd like, you can answer them for the first time here."
        self.offer_note.setText((again if last else first) if offer else "")
        self.offer_note.setVisible(offer)

    def answer_all(self) -> None:
        """From the main window's offer: this window, then each questionnaire in turn. A
        cancelled sheet ends the round, and so does the care note: nothing more is asked
        of someone who has just told us that."""
        self.open_view()
        for measure in measures.MEASURES.values():
            if not self.take(measure):
                return

    def take(self, measure: measures.Measure) -> bool:
        """True when the answers were kept and brought no care note."""
        journal = self._journal()
        if journal is None or not turned_on(journal):
            return False
        sheet = QuestionnaireDialog(measure, self)
        try:
            accepted = dialogs.run_modal(sheet) == QDialog.DialogCode.Accepted.value
            answers = sheet.answers()
        finally:
            sheet.deleteLater()
        if not accepted or answers is None:
            return False
        journal.save_measure(MeasureResult(measure.key, self.now(), answers))
        self.reload()
        self.saved.emit()
        if measures.needs_care_note(measure.key, answers):
            show_care_note(self)
            return False
        return True

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.chart.show_data([], None)
        self.hide()
