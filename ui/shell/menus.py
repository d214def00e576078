"""The main window's menus and shortcuts, and what Help ▸ About says. Each action is kept
on the window (``window.export_action``…) for the controller and tests to trigger."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ui.care.hard_page import SHORTCUT
from ui.common import dialogs
from ui.shell import paper_windows

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

ABOUT = (
    "Integration Journal — a private journal for the weeks after a session.\n\n"
    "Your journal never leaves this computer unless you print or export it."
)


def app_version() -> str:
    """The installed version; in a frozen app, the one build.spec wrote to resources/VERSION."""
    from importlib.metadata import PackageNotFoundError, version

    bundle = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle, str) and bundle:
        try:
            return (Path(bundle) / "resources" / "VERSION").read_text(encoding="utf-8").strip()
        except OSError:
            return "unknown"
    try:
        return version("integration-journal")
    except PackageNotFoundError:
        return "development"


def show_about(window: MainWindow) -> None:
    dialogs.inform(
        window,
        "About Integration Journal",
        f"{ABOUT}\n\nVersion {app_version()}. Licence: GPL-3.0-or-later.",
    )


def _action(
    window: MainWindow, text: str, shortcut: QKeySequence | str | None, slot: Callable[[], object]
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def _show_tab(window: MainWindow, index: int) -> Callable[[], None]:
    return lambda: window.tabs.setCurrentIndex(index)


def build_menus(window: MainWindow) -> QMenu:
    """The menu bar; returns the View menu, where the views across sessions go last."""
    journal_menu = window.menuBar().addMenu("&Journal")
    window.new_action = _action(window, "&New session", "Ctrl+N", lambda: window.new_session())
    window.delete_action = _action(
        window, "&Delete this session…", "Ctrl+Shift+D", window.delete_session
    )
    window.settings_action = _action(window, "&Settings…", "Ctrl+,", window.settings_requested.emit)
    window.find_action = _action(window, "&Find…", "Ctrl+F", window.search_panel.open_panel)
    window.lock_action = _action(window, "&Lock", "Ctrl+L", window.lock_requested.emit)
    window.quit_action = _action(window, "&Quit", "Ctrl+Q", window.close)
    for action in (window.new_action, window.delete_action):
        journal_menu.addAction(action)
    journal_menu.addAction(window.find_action)
    window.people_action = _action(window, "&People…", "Ctrl+Shift+O", window.people_requested.emit)
    journal_menu.addAction(window.people_action)
    journal_menu.addSeparator()
    # -- the journal leaving the laptop, only when asked: print, export, back up
    window.print_plan_action = _action(
        window, "&Print action plan…", "Ctrl+P", lambda: paper_windows.print_plan(window)
    )
    window.packet_action = _action(
        window,
        "Prepare for &therapy…",
        "Ctrl+Shift+T",
        lambda: paper_windows.prepare_for_therapy(window),
    )
    window.export_action = _action(window, "&Export…", "Ctrl+Shift+E", window.export)
    window.import_action = _action(window, "&Import…", "Ctrl+Shift+I", window.import_entries)
    window.backup_action = _action(
        window, "&Back up now…", "Ctrl+Shift+B", window.backup_requested.emit
    )
    window.restore_action = _action(
        window, "&Restore from backup…", "Ctrl+Alt+B", window.restore_requested.emit
    )
    for group in (
        (window.print_plan_action, window.packet_action),
        (window.export_action, window.import_action),
        (window.backup_action, window.restore_action),
    ):
        for action in group:
            journal_menu.addAction(action)
        journal_menu.addSeparator()
    journal_menu.addAction(window.settings_action)
    journal_menu.addAction(window.lock_action)
    journal_menu.addSeparator()
    journal_menu.addAction(window.quit_action)

    view_menu = window.menuBar().addMenu("&View")
    for index, name in enumerate(("&Narrative", "&Reflection", "&Action plan")):
        action = _action(window, name, f"Ctrl+{index + 1}", _show_tab(window, index))
        view_menu.addAction(action)
    window.preview_action = _action(
        window, "Show &preview", "Ctrl+Shift+P", window.narrative.preview_button.toggle
    )
    view_menu.addAction(window.preview_action)
    window.add_part_action = _action(
        window, "Add to the &story", "Ctrl+Shift+A", window.narrative.add_part
    )
    view_menu.addAction(window.add_part_action)
    window.follow.add_menu_entries(view_menu)
    help_menu = window.menuBar().addMenu("&Help")
    # The app-wide HardKey (ui/care/hard_page) takes this key first, in every window.
    window.hard_action = _action(window, "When it's &hard", SHORTCUT, window.hard_requested.emit)
    help_menu.addAction(window.hard_action)
    help_menu.addAction(
        _action(window, "&About Integration Journal", "F1", lambda: show_about(window))
    )
    return view_menu
