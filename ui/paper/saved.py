"""After a PDF is written: one short message that says where it went, and offers to
show the folder (the person may want to print it from there, or delete it later)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ui.common import dialogs


def tell_where_saved(parent: QWidget | None, path: Path) -> None:
    if dialogs.confirm(
        parent,
        "Saved",
        f"Saved as “{path.name}” in {path.parent}.",
        "Show the folder",
        "OK",
    ):
        dialogs.show_folder(str(path.parent))
