"""The frame the Reflection tab's check-ins and "Coming back to it" share: a heading and an
intro, a column of cards, and one button under them that adds a card."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget


def card_section(
    owner: QWidget, top: Sequence[QWidget], add_label: str, add_tip: str
) -> tuple[QVBoxLayout, QPushButton]:
    """Lays ``owner`` out; returns the cards' column and the add button."""
    cards = QVBoxLayout()
    cards.setContentsMargins(0, 4, 0, 4)
    cards.setSpacing(12)
    add = QPushButton(add_label, owner)
    add.setAccessibleName(add_label)
    add.setToolTip(add_tip)
    buttons = QHBoxLayout()
    buttons.addWidget(add)
    buttons.addStretch()
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    for widget in top:
        layout.addWidget(widget)
    layout.addLayout(cards)
    layout.addLayout(buttons)
    return cards, add
