"""WCAG 2.2 contrast, computed from the real palette and style sheet of both themes: text
at least 4.5:1 against what it sits on, the outlines of controls (fields, lists, tick
boxes) and the focus ring at least 3:1 (success criteria 1.4.3 and 1.4.11)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ui.common.calm_style import CalmStyle
from ui.common.theme import apply_theme, calm_style

TEXT, CONTROL = 4.5, 3.0
R = QPalette.ColorRole
CONTROLS = ("QLineEdit", "QPlainTextEdit", "QTextBrowser", "QComboBox", "QAbstractSpinBox")


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rules(sheet: str) -> Iterator[tuple[str, str]]:
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        yield " ".join(selector.split()), body


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    """Other tests run on Qt's plain look: the palette and style sheet come back after."""
    palette, sheet = qapp.palette(), qapp.styleSheet()
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


@pytest.fixture(params=["light", "dark"])
def themed(request, restored: QApplication) -> QApplication:
    apply_theme(restored, request.param)
    return restored


def test_text_is_at_least_4_5_to_1(themed: QApplication) -> None:
    p = themed.palette()
    grounds = (p.color(R.Window), p.color(R.Base))
    for role in (R.Text, R.WindowText, R.ButtonText, R.PlaceholderText, R.Link):
        for ground in grounds:
            assert contrast(p.color(role), ground) >= TEXT, (role, ground.name())
    assert contrast(p.color(R.HighlightedText), p.color(R.Highlight)) >= TEXT
    coloured = 0
    for selector, body in rules(themed.styleSheet()):
        for value in re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body):
            background = re.search(r"background:\s*(#[0-9a-fA-F]{6})", body)
            behind = [QColor(background.group(1))] if background else list(grounds)
            for ground in behind:
                assert contrast(QColor(value), ground) >= TEXT, (selector, value, ground.name())
            coloured += 1
    assert coloured >= 4  # hints, errors, the status line, a selected session


def test_control_outlines_and_the_focus_ring_are_at_least_3_to_1(themed: QApplication) -> None:
    p = themed.palette()
    grounds = (p.color(R.Window), p.color(R.Base))
    borders = 0
    for selector, body in rules(themed.styleSheet()):
        if not any(name in selector for name in CONTROLS):
            continue
        for value in re.findall(r"border:\s*[\d.]+px\s+solid\s+(#[0-9a-fA-F]{6})", body):
            for ground in grounds:
                assert contrast(QColor(value), ground) >= CONTROL, (selector, value)
            borders += 1
    assert borders >= 4  # fields and lists, resting and focused
    focused = {sel for sel, _ in rules(themed.styleSheet()) if ":focus" in sel}
    for name in CONTROLS:  # every kind of field and list shows where the keyboard is
        assert any(name + ":focus" in sel for sel in focused), name
    style = calm_style()
    assert isinstance(style, CalmStyle)  # tick boxes and round choices: the drawn outline
    for ground in grounds:
        assert contrast(style.outline, ground) >= CONTROL
        assert contrast(style.accent, ground) >= CONTROL  # the focus ring


def test_follow_the_system_follows_a_live_change(restored: QApplication) -> None:
    from PySide6.QtCore import Qt

    # What the platform sends when the system's setting changes (offscreen can't change it).
    changed = restored.styleHints().colorSchemeChanged
    apply_theme(restored, "system")
    changed.emit(Qt.ColorScheme.Dark)
    assert restored.palette().color(R.Window).lightness() < 80
    changed.emit(Qt.ColorScheme.Light)
    assert restored.palette().color(R.Window).lightness() > 200
    apply_theme(restored, "dark")  # a fixed choice ignores the system
    changed.emit(Qt.ColorScheme.Light)
    assert restored.palette().color(R.Window).lightness() < 80


def test_a_focused_button_wears_the_accent_ring(themed: QApplication, qtbot) -> None:
    """Buttons too: the pixels along a focused button's edge are the accent colour, not
    the faint tint Fusion draws (about 1.5:1 on the light page)."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    row = QHBoxLayout(holder)
    focused, resting = QPushButton("New session"), QPushButton("When it's hard")
    row.addWidget(focused)
    row.addWidget(resting)
    holder.show()
    focused.setFocus()
    qtbot.waitUntil(focused.hasFocus)
    style = calm_style()
    assert isinstance(style, CalmStyle)

    def accent_on_left_edge(button: QPushButton) -> int:
        image = button.grab().toImage()
        column = [QColor(image.pixel(x, image.height() // 2)) for x in range(1, 4)]
        return sum(contrast(c, style.accent) < 1.3 for c in column)

    assert accent_on_left_edge(focused) >= 1
    assert accent_on_left_edge(resting) == 0
