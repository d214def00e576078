"""Journal → Import…: choose the kind of journal and its file, see what will come in, confirm.

Reading checks the whole file before anything is written; the import itself is one
transaction, so a problem leaves the journal exactly as it was.

Both run on a worker thread under a progress dialog with Cancel (``import_run``): writing
10,000 entries takes several seconds (benchmarks/bench_export.py, ``import_10k_ms``), and
a foreign file may be slow or hostile to read. The write uses the worker's own connection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.common import dialogs
from ui.transfer.import_run import ImportRun

if TYPE_CHECKING:
    from app.journal import Journal
    from app.transfer.importing import Preview

KIND_LABELS = {
    "jrnl": "jrnl — its JSON export (jrnl --format json)",
    "dayone": "Day One — its JSON export (the .zip, or the .json inside)",
    "markdown": "A folder of Markdown files",
    "integration-journal": "Integration Journal — its own JSON export (Journal → Export…)",
}
_FILTERS = {
    "jrnl": "JSON files (*.json);;All files (*)",
    "dayone": "Day One export (*.zip *.json);;All files (*)",
    "integration-journal": "JSON files (*.json);;All files (*)",
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
    """Tests answer with a kind ("jrnl", "dayone", "markdown", "integration-journal"), a
    callable, or None."""
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
    note = f"\n\n{preview.note}" if preview.note else ""
    return (
        f"{entries} {when} will each become a new session:\n\n{titles}{tags}{note}\n\n"
        "Nothing already in your journal will be changed."
    )


def run_import(
    window: QWidget,
    journal_of: Callable[[], Journal | None],
    save_now: Callable[[], bool],
    imported: Callable[[], None],
) -> ImportRun | None:
    """The whole flow; returns the running import (tests wait on ``done``), or None. The
    file is read and the entries written on a worker (``import_run``); ``imported`` is
    called on the GUI thread once they are in, before the client is told."""
    if journal_of() is None or not save_now():
        return None
    kind = ask_kind(window)
    if kind is None:
        return None
    if kind == "markdown":
        chosen = dialogs.ask_folder(window, "Choose the folder of Markdown files")
    else:
        chosen = dialogs.ask_open_file(
            window, f"Choose the {KIND_LABELS[kind].split(' — ')[0]} export", _FILTERS[kind]
        )
    if chosen is None:
        return None

    def confirm(preview: Preview) -> bool:
        count = "1 entry" if preview.count == 1 else f"{preview.count:,} entries"
        return dialogs.confirm(
            window, "Import", describe(preview), f"Import {count}", "Don't import"
        )

    return ImportRun(window, journal_of, kind, Path(chosen), confirm, imported)
