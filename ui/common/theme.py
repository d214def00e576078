"""Light and dark looks: calm colours, generous spacing. "system" follows the platform."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# Lists that hold widgets as items (search results) add this padding to their height.
LIST_ITEM_PADDING_PX = 8

_LIGHT = {
    "window": "#f7f5f0",
    "base": "#fffdf9",
    "text": "#2b2a28",
    "muted": "#6b675f",
    "accent": "#4f7a6a",
    "line": "#e2ddd2",
}
_DARK = {
    "window": "#1f2124",
    "base": "#26292d",
    "text": "#e6e3dc",
    "muted": "#a19d94",
    "accent": "#8fbcab",
    "line": "#3a3d42",
}


def _is_dark(choice: str) -> bool:
    if choice == "dark":
        return True
    if choice == "light":
        return False
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, choice: str) -> None:
    colours = _DARK if _is_dark(choice) else _LIGHT
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(colours["window"]))
    palette.setColor(QPalette.ColorRole.Base, QColor(colours["base"]))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(colours["window"]))
    palette.setColor(QPalette.ColorRole.Text, QColor(colours["text"]))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colours["text"]))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(colours["text"]))
    palette.setColor(QPalette.ColorRole.Button, QColor(colours["base"]))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(colours["accent"]))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(colours["base"]))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(colours["muted"]))
    palette.setColor(QPalette.ColorRole.Link, QColor(colours["accent"]))
    # setColor() above sets every state; disabled controls must look disabled.
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor(colours["muted"]))
    app.setPalette(palette)
    app.setStyleSheet(
        f"""
        QLabel#hint {{ color: {colours["muted"]}; }}
        QLabel#heading {{ font-size: 15pt; margin-top: 6px; }}
        QLabel#error {{ color: #b3543f; }}
        QLabel#status {{ color: {colours["muted"]}; }}
        QPlainTextEdit, QTextBrowser, QLineEdit {{
            border: 1px solid {colours["line"]}; border-radius: 6px; padding: 4px;
        }}
        QComboBox QLineEdit, QAbstractSpinBox QLineEdit {{ border: none; padding: 0; }}
        QComboBox, QAbstractSpinBox {{
            border: 1px solid {colours["line"]}; border-radius: 6px; padding: 3px 6px;
        }}
        QListView {{ border: none; background: {colours["window"]}; }}
        QListView::item {{ padding: {LIST_ITEM_PADDING_PX}px 10px; border-radius: 6px; }}
        QListView::item:selected {{ background: {colours["accent"]}; color: {colours["base"]}; }}
        QTabWidget::pane {{ border: none; }}
        QTabBar::tab {{ padding: 8px 18px; }}
        QPushButton {{ padding: 6px 14px; }}
        QFrame#card {{ background: {colours["base"]}; border: 1px solid {colours["line"]};
                       border-radius: 8px; }}
        """
    )
