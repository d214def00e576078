"""Light and dark looks: calm colours, generous spacing. "system" follows the platform."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ui.common.calm_style import CalmStyle

# Lists that hold widgets as items (search results) add this padding to their height.
LIST_ITEM_PADDING_PX = 8

_LIGHT = {
    "window": "#f7f5f0",
    "base": "#fffdf9",
    "text": "#2b2a28",
    "muted": "#6b675f",
    "accent": "#4a7464",
    "line": "#e2ddd2",  # cards and dividers: decoration, not a control
    "control": "#857f74",  # outlines of fields, lists and tick boxes: 3:1 or more
    "error": "#a04a37",
}
_DARK = {
    "window": "#1f2124",
    "base": "#26292d",
    "text": "#e6e3dc",
    "muted": "#a19d94",
    "accent": "#8fbcab",
    "line": "#3a3d42",
    "control": "#767b83",
    "error": "#e8907c",
}


def _is_dark(choice: str, scheme: Qt.ColorScheme | None = None) -> bool:
    if choice == "dark":
        return True
    if choice == "light":
        return False
    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    return scheme == Qt.ColorScheme.Dark


_state: dict[str, str] = {"choice": "light"}
_styles: list[CalmStyle] = []


def calm_style() -> CalmStyle | None:
    """The style drawing outlines and the focus ring, once a theme has been applied."""
    return _styles[-1] if _styles else None


def colours_for(choice: str, scheme: Qt.ColorScheme | None = None) -> dict[str, str]:
    return dict(_DARK if _is_dark(choice, scheme) else _LIGHT)


def _follow_system(app: QApplication) -> None:
    """Once: when the system switches light/dark, "Follow the system" follows at once."""
    if app.property("follows_colour_scheme"):
        return
    app.setProperty("follows_colour_scheme", True)
    hints = QGuiApplication.styleHints()

    def changed(scheme: Qt.ColorScheme) -> None:
        if _state["choice"] == "system":
            apply_theme(app, "system", scheme)

    hints.colorSchemeChanged.connect(changed)


def apply_theme(app: QApplication, choice: str, scheme: Qt.ColorScheme | None = None) -> None:
    """``scheme``: the system's light/dark as just announced (else asked for)."""
    _state["choice"] = choice
    _follow_system(app)
    colours = colours_for(choice, scheme)
    style = calm_style()
    if style is None:
        # The platform's style, wrapped, not replaced (once: app.style() is the style
        # sheet's wrapper after that).
        style = CalmStyle(app.style().name())
        _styles.append(style)
        app.setStyle(style)
    style.set_colours(colours["control"], colours["accent"])
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
        QLabel#error {{ color: {colours["error"]}; }}
        QLabel#status {{ color: {colours["muted"]}; }}
        QPlainTextEdit, QTextBrowser, QLineEdit {{
            border: 1px solid {colours["control"]}; border-radius: 6px; padding: 4px;
        }}
        QComboBox, QAbstractSpinBox {{
            border: 1px solid {colours["control"]}; border-radius: 6px; padding: 3px 6px;
        }}
        QPlainTextEdit:focus, QTextBrowser:focus, QLineEdit:focus {{
            border: 2px solid {colours["accent"]}; padding: 3px;
        }}
        QComboBox:focus, QAbstractSpinBox:focus {{
            border: 2px solid {colours["accent"]}; padding: 2px 5px;
        }}
        QComboBox QLineEdit, QAbstractSpinBox QLineEdit,
        QComboBox QLineEdit:focus, QAbstractSpinBox QLineEdit:focus {{ border: none; padding: 0; }}
        QListView {{ border: none; background: {colours["window"]}; }}
        QListView::item {{ padding: {LIST_ITEM_PADDING_PX}px 10px; border-radius: 6px; }}
        QListView::item:selected {{ background: {colours["accent"]}; color: {colours["base"]}; }}
        QTabWidget::pane {{ border: none; }}
        QTabBar::tab {{ padding: 8px 18px; border: none;
                        border-bottom: 3px solid transparent; }}
        QTabBar::tab:selected {{ border-bottom: 3px solid {colours["accent"]}; }}
        QTabBar::tab:focus {{ background: {colours["line"]}; border-radius: 4px; }}
        QPushButton {{ padding: 6px 14px; }}
        QFrame#card {{ background: {colours["base"]}; border: 1px solid {colours["line"]};
                       border-radius: 8px; }}
        """
    )
