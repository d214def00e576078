"""Feelings to tick, in families, with an optional "a little / a lot" and words of one's own.

Families and words are alphabetical (``app.journal.feelings``): nothing is ranked, no
feeling is "good" or "bad" here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.journal import feelings
from app.journal.model import CheckIn
from ui.common.widgets import hint_label

CHIP_COLUMNS = 5
_JUST_THERE = "—"  # no amount chosen


class FeelingsPicker(QWidget):
    changed = Signal()

    def __init__(self, checkin: CheckIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Feelings")
        self.chips: list[QCheckBox] = []
        self.how_much: dict[str, QComboBox] = {}
        self._amounts = dict(checkin.amounts)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        row = 0
        for family in feelings.FAMILIES:
            row = self._family_row(grid, row, family.label, family.words, checkin.emotions)
        known = feelings.all_words()
        own = [w for w in checkin.emotions if w not in known]  # the client's own, kept as is
        self._own_grid = grid
        self._own_row = row
        self._own_label = self._family_label(feelings.family_label(feelings.OWN_WORDS))
        row = self._family_row(grid, row, "", tuple(own), checkin.emotions, self._own_label)

        self.own_word = QLineEdit(self)
        self.own_word.setPlaceholderText("A word of your own")
        self.own_word.setAccessibleName("A feeling word of your own")
        self.add_own = QPushButton("Add", self)
        self.add_own.setAccessibleName("Add this feeling word")
        own_line = QHBoxLayout()
        own_line.addWidget(self.own_word, 1)
        own_line.addWidget(self.add_own)

        self.amounts_hint = hint_label("How much, if you like to say:", self)
        self.amounts_box = QGridLayout()
        self.amounts_box.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(own_line)
        layout.addWidget(self.amounts_hint)
        layout.addLayout(self.amounts_box)
        self.add_own.clicked.connect(self._add_own_word)
        self.own_word.returnPressed.connect(self._add_own_word)
        self._rebuild_amounts()

    # -- building ---------------------------------------------------------------------------

    def _family_label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setObjectName("hint")
        return label

    def _family_row(
        self,
        grid: QGridLayout,
        row: int,
        title: str,
        words: tuple[str, ...],
        chosen: tuple[str, ...],
        label: QLabel | None = None,
    ) -> int:
        grid.addWidget(label or self._family_label(title), row, 0, 1, CHIP_COLUMNS)
        row += 1
        for index, word in enumerate(words):
            grid.addWidget(
                self._chip(word, word in chosen), row + index // CHIP_COLUMNS, index % CHIP_COLUMNS
            )
        return row + max(1, -(-len(words) // CHIP_COLUMNS))

    def _chip(self, word: str, checked: bool) -> QCheckBox:
        chip = QCheckBox(word, self)
        chip.setAccessibleName(word)
        chip.setAccessibleDescription("A feeling in this check-in")
        chip.setChecked(checked)
        chip.toggled.connect(self._toggled)
        self.chips.append(chip)
        return chip

    def _add_own_word(self) -> None:
        word = " ".join(self.own_word.text().split())
        self.own_word.clear()
        if not word:
            return
        existing = {c.text().casefold(): c for c in self.chips}
        if word.casefold() in existing:
            existing[word.casefold()].setChecked(True)
            return
        own = [c for c in self.chips if c.text() not in feelings.all_words()]
        self._own_grid.addWidget(
            self._chip(word, False),
            self._own_row + 1 + len(own) // CHIP_COLUMNS,
            len(own) % CHIP_COLUMNS,
        )
        self.chips[-1].setChecked(True)

    def _toggled(self) -> None:
        self._rebuild_amounts()
        self.changed.emit()

    def _rebuild_amounts(self) -> None:
        for combo in self.how_much.values():
            self.amounts_box.removeWidget(combo)
            combo.deleteLater()
        for label in self.findChildren(QLabel, "amount_word"):
            self.amounts_box.removeWidget(label)
            label.deleteLater()
        self.how_much = {}
        for index, word in enumerate(self.chosen()):
            label = QLabel(word, self)
            label.setObjectName("amount_word")
            label.setTextFormat(Qt.TextFormat.PlainText)
            combo = QComboBox(self)
            combo.addItems([_JUST_THERE, *feelings.AMOUNTS])
            combo.setAccessibleName(f"How much: {word}")
            amount = self._amounts.get(word, "")
            combo.setCurrentIndex(combo.findText(amount) if amount in feelings.AMOUNTS else 0)
            combo.currentTextChanged.connect(lambda text, w=word: self._amount_chosen(w, text))
            label.setBuddy(combo)
            self.amounts_box.addWidget(label, index // 2, (index % 2) * 2)
            self.amounts_box.addWidget(combo, index // 2, (index % 2) * 2 + 1)
            self.how_much[word] = combo
        self.amounts_hint.setVisible(bool(self.how_much))

    def _amount_chosen(self, word: str, text: str) -> None:
        if text in feelings.AMOUNTS:
            self._amounts[word] = text
        else:
            self._amounts.pop(word, None)
        self.changed.emit()

    # -- reading ----------------------------------------------------------------------------

    def chosen(self) -> tuple[str, ...]:
        return tuple(chip.text() for chip in self.chips if chip.isChecked())

    def amounts(self) -> dict[str, str]:
        chosen = set(self.chosen())
        return {w: a for w, a in self._amounts.items() if w in chosen}

    def focus_chain(self) -> list[QWidget]:
        return [*self.chips, self.own_word, self.add_own, *self.how_much.values()]
