"""Journal → Import…: choose the kind of journal and its file, see what will come in, confirm.

Reading checks the whole file before anything is written; the import itself is one
transaction, so a problem leaves the journal exactly as it was.

Both run on the GUI thread, under a busy cursor. Reading 10,000 entries takes about 0.1 s,
but writing them takes several seconds (benchmarks/bench_export.py, ``import_10k_ms``); the
write stays here because the journal's one connection must not be used from two threads
while autosave or the idle lock can reach it. Imports of a few hundred entries take well
under a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.common import dialogs

if TYPE_CHECKING:
    from app.journal import Journal
    from app.transfer.importing import Preview

KIND_LABELS = {
    "jrnl": "jrnl — its JSON export (jrnl --format json)",
    "dayone": "Day One — its JSON export (the .zip, or the .json inside)",
    "markdown": "A folder of Markdown files",
}
_FILTERS = {
    "jrnl": "JSON files (*.json);;All files (*)",
    "dayone": "Day One export (*.zip *.json);;All files (*)",
}


class ImportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import")
        self.group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Bring entries from another journal. Each entry becomes a new session; nothing "
            "already here is changed. You'll see what will be imported before anything is.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        for kind, label in KIND_LABELS.items():
            button = QRadioButton(label, self)
            button.setAccessibleName(label.split(" — ")[0])
            self.group.addButton(button)
            self.kind_buttons[kind] = button
            layout.addWidget(button)
        self.kind_buttons["jrnl"].setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def kind(self) -> str:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())


def ask_kind(parent: QWidget | None) -> str | None:
    """Tests answer with a kind ("jrnl", "dayone", "markdown"), a callable, or None."""
    dialog = ImportDialog(parent)
    try:
        result = dialogs.run_modal(dialog)
        if isinstance(result, str) and result in KIND_LABELS:
            return result
        if result == QDialog.DialogCode.Accepted.value:
            return dialog.kind()
        return None
    finally:
        dialog.deleteLater()


def _day(day: dt.date | None) -> str:
    return "?" if day is None else f"{day.day} {day.strftime('%B %Y')}"


def describe(preview: Preview) -> str:
    """The preview in plain words."""
    entries = "1 entry" if preview.count == 1 else f"{preview.count:,} entries"
    if preview.first_day == preview.last_day:
        when = f"on {_day(preview.first_day)}"
    else:
        when = f"from {_day(preview.first_day)} to {_day(preview.last_day)}"
    titles = "\n".join(f"• {title}" for title in preview.titles)
    more = preview.count - len(preview.titles)
    if more > 0:
        titles += f"\n… and {more:,} more"
    tags = (
        ""
        if not preview.tag_count
        else f"\n\n{preview.tag_count:,} tag{'s' if preview.tag_count != 1 else ''} will "
        "become themes."
    )
    return (
        f"{entries} {when} will each become a new session:\n\n{titles}{tags}\n\n"
        "Nothing already in your journal will be changed."
    )


def run_import(
    window: QWidget,
    journal: Journal | None,
    save_now: Callable[[], bool],
    imported: Callable[[], None],
) -> int:
    """The whole flow; returns the number of sessions added (0 if none). ``imported`` is
    called once they are in, before the client is told (the session list reloads)."""
    from app.errors import SaveFailed
    from app.transfer import importing

    if journal is None or not save_now():
        return 0
    kind = ask_kind(window)
    if kind is None:
        return 0
    if kind == "markdown":
        chosen = dialogs.ask_folder(window, "Choose the folder of Markdown files")
    else:
        chosen = dialogs.ask_open_file(
            window, f"Choose the {KIND_LABELS[kind].split(' — ')[0]} export", _FILTERS[kind]
        )
    if chosen is None:
        return 0
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        preview, entries = importing.read(kind, Path(chosen))
    except importing.ImportProblem as problem:
        QApplication.restoreOverrideCursor()
        dialogs.warn(window, "Nothing imported", f"{problem}\n\nNothing was imported.")
        return 0
    QApplication.restoreOverrideCursor()
    count = "1 entry" if preview.count == 1 else f"{preview.count:,} entries"
    if not dialogs.confirm(window, "Import", describe(preview), f"Import {count}", "Don't import"):
        return 0
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        ids = importing.import_entries(journal, entries)
    except (SaveFailed, importing.ImportProblem, ValueError) as problem:
        QApplication.restoreOverrideCursor()
        dialogs.warn(
            window,
            "Nothing imported",
            f"The import couldn't be saved ({problem}). Nothing was changed.",
        )
        return 0
    QApplication.restoreOverrideCursor()
    imported()
    sessions = "1 new session" if len(ids) == 1 else f"{len(ids):,} new sessions"
    dialogs.inform(window, "Import finished", f"Imported {sessions}.")
    return len(ids)
