"""A damaged page found by any read, anywhere: said once in plain words, with a way out.

SQLite notices a damaged page only when some query reaches it, so ``DatabaseDamaged`` can
come out of any slot the client triggers. Rather than guard every slot, the shell routes
it here through ``sys.excepthook`` (which Qt calls for an exception leaving a slot): the
client hears it once per unlock, with the offer to restore from a backup; every other
exception goes on to the hook that was there before.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from app.errors import DatabaseDamaged
from ui.access.unlock_window import UnlockWindow
from ui.common import dialogs

if TYPE_CHECKING:
    from ui.shell.controller import JournalApp

Reporter = Callable[[DatabaseDamaged], None]
_reporter: list[Reporter] = []


def report_to(reporter: Reporter) -> None:
    """Make ``reporter`` the one that hears of damage (the newest controller wins)."""
    _reporter[:] = [reporter]
    if getattr(sys.excepthook, "_damage_hook", False):
        return
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if isinstance(error, DatabaseDamaged) and _reporter:
            _reporter[0](error)
            return
        previous(kind, error, trace)

    hook._damage_hook = True  # type: ignore[attr-defined]
    sys.excepthook = hook


def message(error: DatabaseDamaged) -> str:
    return (
        f"{error}\n\nWhat still reads stays open, and nothing more is changed. To get "
        "everything back, restore the journal from a backup: your current journal is kept "
        "beside the restored one, renamed."
    )


def tell(app: JournalApp, error: DatabaseDamaged) -> None:
    """Say it once, with the way back: lock, then restore from a backup in the unlock window."""
    if app.main_window is None and app.vault is not None:
        app.vault.lock()  # the main window could not even be built
        app.vault = None
        if not isinstance(app.window, UnlockWindow):
            app.show_unlock()
    restore = dialogs.confirm(
        app.window,
        "Part of the journal is damaged",
        message(error),
        "Restore from a backup…",
        "Not now",
    )
    if not restore:
        return
    if app.main_window is not None and not app.lock():
        return
    if isinstance(app.window, UnlockWindow):
        app.window.offer_restore()
