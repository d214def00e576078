"""Where the journal lives by default: the platform's per-user data folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from app import APP_NAME


def default_journal_folder() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "journal"


def config_folder() -> Path:
    """Non-content preferences only (window geometry, theme, text size, auto-lock)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
