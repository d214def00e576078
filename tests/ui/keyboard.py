"""Walking a window with the keyboard alone, as a client who uses no mouse does: real Tab
and Shift+Tab presses sent to whatever has the focus, and what each stop is called."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget


def activate(qtbot, window: QWidget, start: QWidget) -> None:
    """Bring ``window`` to the front and put the keyboard on ``start``."""
    window.show()
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)


def walk(qtbot, start: QWidget, backwards: bool = False, limit: int = 300) -> list[QWidget]:
    """Press Tab (or Shift+Tab) until the keyboard is back on ``start``: each stop once, in
    order, from ``start``. A date box steps through its day, month and year before it lets
    go: one stop."""
    stops = [start]
    for _ in range(limit):
        here = QApplication.focusWidget()
        assert here is not None, f"the keyboard was lost after {name(stops[-1])!r}"
        if backwards:
            qtbot.keyClick(here, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            qtbot.keyClick(here, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None, f"the keyboard was lost after {name(here)!r}"
        if now is start:
            return stops
        if now is not stops[-1]:
            stops.append(now)
    raise AssertionError(f"Tab never came back round: {[name(w) for w in stops[-10:]]}")


def name(widget: QWidget) -> str:
    """What a screen reader says for it: the accessible name, else a button's text."""
    said = widget.accessibleName().strip()
    if not said and isinstance(widget, QAbstractButton):
        said = widget.text().replace("&", "").strip()
    return said


def reachable(window: QWidget) -> set[QWidget]:
    """What the window shows that a keyboard can work: shown, enabled, taking Tab, not
    standing in for another widget, and in this window (not one of its own windows)."""
    return {
        widget
        for widget in window.findChildren(QWidget)
        if widget.isVisible()
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
        and widget.window() is window
    }


def check_round(qtbot, window: QWidget, start: QWidget) -> list[str]:
    """Tab round the window from ``start`` and back again with Shift+Tab; checks that
    every control is reached, each stop is shown and named, and back is the same way.
    Gives the names of the stops in Tab order."""
    activate(qtbot, window, start)
    forward = walk(qtbot, start)
    missed = reachable(window) - set(forward)
    assert not missed, sorted(f"{type(w).__name__} {name(w)!r}" for w in missed)
    for widget in forward:
        assert widget.isVisible() and widget.window() is window, name(widget)
        assert name(widget), (
            f"an unnamed stop: {type(widget).__name__}, {[name(w) for w in forward]}"
        )
    backward = walk(qtbot, start, backwards=True)
    assert backward == [start, *forward[:0:-1]], [name(w) for w in backward]
    return [name(w) for w in forward]
