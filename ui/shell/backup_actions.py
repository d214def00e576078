"""Backups the client asks for, and what the window says when one is made or fails."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app import vault
from app.files import why_not_written
from ui.common import dialogs

if TYPE_CHECKING:
    from ui.shell.controller import JournalApp


def back_up_now(app: JournalApp) -> None:
    """An encrypted backup to a place the client picks, made without freezing the window."""
    main = app.main_window
    if main is None or app.vault is None:
        return
    name = f"Integration Journal backup {app.today().isoformat()}{vault.BACKUP_SUFFIX}"
    path = dialogs.ask_save_file(
        main, "Back up now", name, f"Journal backups (*{vault.BACKUP_SUFFIX})"
    )
    if path is None:
        return
    target = Path(path)
    if target.suffix != vault.BACKUP_SUFFIX:
        target = target.with_name(target.name + vault.BACKUP_SUFFIX)
    app._asked_backups.add(target)
    main.backup_note.setText("Backing up…")
    app.backups.start(app.vault.backup_job(target))


def made(app: JournalApp, path: Path) -> None:
    main = app.main_window
    if path in app._asked_backups:
        app._asked_backups.discard(path)
        if main is not None:
            main.backup_note.clear()
            dialogs.inform(
                main,
                "Backup made",
                f"Your backup is saved as {path.name}.\n\nIt is encrypted: it opens "
                "only with your passphrase or your recovery key from the day it was made. "
                "It is one file, so you can copy it to a USB stick.",
            )
        return
    from app.vault import backups

    backups.rotate_daily(app.folder)


def failed(app: JournalApp, error: Exception) -> None:
    main = app.main_window
    if main is None:
        return
    why = why_not_written(error) if isinstance(error, OSError) else str(error)
    main.backup_note.setText(f"Backup not made: {why}")
    main.backup_note.setToolTip("Your journal itself is fine. Journal → Back up now… tries again.")
