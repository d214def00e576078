"""Tab in the main window follows the regions a sighted person reads, whatever was built
when: the session list, then the search panel (when open), an offer to look back, one to
answer the questionnaires, the session's header, its intention, the tab bar, the open
tab, and the status line.

Qt appends each widget made later (a part of the story, a question's answer, a search
result) at the end of the window's focus chain, after the status line; re-stitching the
chain after every such change would be easy to forget. Instead Tab walks the chain one
region at a time: inside a region the chain's own order stands (the Reflection and Action
plan tabs keep theirs with ``setTabOrder``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


def can_take_tab(widget: QWidget, window: QWidget) -> bool:
    """What Qt itself would stop on: shown, enabled, taking Tab, in this window, and not
    standing in for another widget (a focus proxy's owner is reached through the proxy)."""
    return (
        widget.window() is window
        and widget.isVisibleTo(window)
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.focusProxy() is None
    )


def stops(window: QWidget, regions: Sequence[QWidget]) -> list[QWidget]:
    """Every widget Tab stops on, once round, region by region; anything in no region
    comes last, so no control is ever out of reach."""
    chain: list[QWidget] = []
    widget: QWidget | None = window.nextInFocusChain()
    while widget is not None and widget is not window and widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    chain = [w for w in chain if can_take_tab(w, window)]
    ordered: list[QWidget] = []
    for region in regions:
        if region.isVisibleTo(window):
            inside = [w for w in chain if w is region or region.isAncestorOf(w)]
            ordered += [w for w in inside if w not in ordered]
    return ordered + [w for w in chain if w not in ordered]


def regions(main: MainWindow) -> list[QWidget]:
    """The main window's regions: the session list at the left, then top to bottom."""
    follow, tabs = main.follow, main.tabs
    found = [main.new_button, main.session_view, main.search_panel, follow.banner]
    found += [follow.measures_offer, main.header]  # the questionnaires' offer, under it
    return [*found, follow.intention_card, main.welcome, tabs.tabBar(), tabs, main.statusBar()]


def step(main: MainWindow, forward: bool) -> bool:
    """Move focus to the next (or previous) stop; False leaves it to Qt."""
    order = stops(main, regions(main))
    here: QWidget | None = main.focusWidget()
    while here is not None and here is not main and here not in order:
        here = here.parentWidget()  # e.g. the line edit inside a combo box
    if not order or here is None or here not in order:
        return False
    target = order[(order.index(here) + (1 if forward else -1)) % len(order)]
    reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
    target.setFocus(reason)
    return True
