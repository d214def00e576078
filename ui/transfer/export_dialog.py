"""Journal → Export…: choose a format and a range, then a place; say it won't be encrypted.

The journal is read on the GUI thread (one bulk read, a fraction of a second); the files are
written off it, because rendering ten thousand entries to HTML takes seconds. Nothing about
the export (not even its place) is remembered anywhere.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.common import dialogs
from ui.common.background import BackgroundCall

if TYPE_CHECKING:
    from app.journal import Journal

FORMAT_LABELS = {
    "markdown": "Markdown — a folder with one file per session",
    "html": "HTML — one page to read in a browser",
    "json": "JSON — everything, for moving to another app",
}
_SUFFIX = {"html": ("html", "HTML files (*.html)"), "json": ("json", "JSON files (*.json)")}

UNENCRYPTED = (
    "The export is not encrypted. Anyone who can use this computer, or wherever you keep "
    "the export, can read everything in it.\n\nIt will be written to:\n{place}"
)


@dataclass(frozen=True)
class ExportChoice:
    kind: str = "markdown"
    start: dt.date | None = None
    end: dt.date | None = None


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.formats = QButtonGroup(self)
        format_box = QGroupBox("Format", self)
        format_layout = QVBoxLayout(format_box)
        self.format_buttons: dict[str, QRadioButton] = {}
        for kind, label in FORMAT_LABELS.items():
            button = QRadioButton(label, format_box)
            button.setAccessibleName(label.split(" — ")[0])
            self.formats.addButton(button)
            format_layout.addWidget(button)
            self.format_buttons[kind] = button
        self.format_buttons["markdown"].setChecked(True)

        range_box = QGroupBox("Sessions", self)
        self.everything = QRadioButton("Everything", range_box)
        self.everything.setAccessibleName("Export everything")
        self.everything.setChecked(True)
        self.some = QRadioButton("Sessions held from", range_box)
        self.some.setAccessibleName("Export the sessions in a date range")
        today = QDate.currentDate()
        self.start = QDateEdit(today.addYears(-1), range_box)
        self.end = QDateEdit(today, range_box)
        for edit, name in ((self.start, "First day"), (self.end, "Last day")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
            edit.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.some)
        row.addWidget(self.start)
        row.addWidget(QLabel("to", range_box))
        row.addWidget(self.end)
        row.addStretch(1)
        range_layout = QVBoxLayout(range_box)
        range_layout.addWidget(self.everything)
        range_layout.addLayout(row)
        self.some.toggled.connect(self.start.setEnabled)
        self.some.toggled.connect(self.end.setEnabled)

        note = QLabel(
            "Exported files are not encrypted. You'll choose the place next, and the app "
            "asks once more before writing.",
            self,
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose a place…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(format_box)
        layout.addWidget(range_box)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def choice(self) -> ExportChoice:
        kind = next(k for k, b in self.format_buttons.items() if b.isChecked())
        if self.everything.isChecked():
            return ExportChoice(kind)
        start: dt.date = self.start.date().toPython()  # type: ignore[assignment]
        end: dt.date = self.end.date().toPython()  # type: ignore[assignment]
        return ExportChoice(kind, min(start, end), max(start, end))


def ask_choice(parent: QWidget | None) -> ExportChoice | None:
    """Tests answer with an ``ExportChoice``, a callable that fills the dialog, or None."""
    dialog = ExportDialog(parent)
    try:
        result = dialogs.run_modal(dialog)
        if isinstance(result, ExportChoice):
            return result
        if result == QDialog.DialogCode.Accepted.value:
            return dialog.choice()
        return None
    finally:
        dialog.deleteLater()


def _free_folder(parent: Path, stem: str) -> Path:
    candidate, n = parent / stem, 2
    while candidate.exists():
        candidate, n = parent / f"{stem} ({n})", n + 1
    return candidate


def ask_place(parent: QWidget | None, kind: str) -> tuple[Path, bool] | None:
    """Where to write, and whether replacing an existing file was agreed (file dialog)."""
    stem = f"Integration Journal export {dt.date.today().isoformat()}"
    if kind == "markdown":
        folder = dialogs.ask_folder(parent, "Choose a folder for the export")
        return None if folder is None else (_free_folder(Path(folder), stem), False)
    suffix, filters = _SUFFIX[kind]
    name = dialogs.ask_save_file(parent, f"Export as {kind.upper()}", f"{stem}.{suffix}", filters)
    if name is None:
        return None
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix(f".{suffix}")
    # The save dialog has already asked before choosing an existing file.
    return path, path.is_file()


_running: set[ExportRun] = set()  # exports in flight, kept alive until they finish


class ExportRun:
    """One export in flight: writes off the GUI thread, then tells the client how it went."""

    def __init__(
        self,
        window: QWidget,
        journal: Callable[[], Journal | None],
        kind: str,
        snapshot: Any,
        target: Path,
        overwrite: bool,
    ) -> None:
        from app.transfer import exporting

        self.window = window
        self.journal = journal
        self.target = target
        self.done = False
        self.written = threading.Event()  # set once the writing thread has finished

        def write() -> int:
            try:
                return exporting.write(kind, snapshot, target, overwrite)
            finally:
                self.written.set()

        # Not a child of the window: locking may delete the window while the files are written.
        self.call = BackgroundCall(write)
        _running.add(self)
        self.call.succeeded.connect(self._succeeded)
        self.call.failed.connect(self._failed)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self.call.start()

    def _finish(self) -> None:
        QApplication.restoreOverrideCursor()
        self.done = True
        self.call.deleteLater()
        _running.discard(self)

    def _journal_open(self) -> bool:
        """False once the journal has locked (or closed): nothing about it is shown then."""
        return shiboken6.isValid(self.window) and self.journal() is not None

    def _parent(self) -> QWidget | None:
        return self.window if shiboken6.isValid(self.window) else QApplication.activeWindow()

    def _succeeded(self, count: object) -> None:
        self._finish()
        if not self._journal_open():
            return  # not a word about it on top of the unlock window
        sessions = "1 session" if count == 1 else f"{count} sessions"
        dialogs.inform(self._parent(), "Export finished", f"Exported {sessions} to {self.target}.")

    def _failed(self, error: object) -> None:
        self._finish()
        if not self._journal_open():
            # The journal locked meanwhile: say it failed, but not where or what.
            dialogs.warn(
                self._parent(),
                "Export not written",
                "The export couldn't be written, so nothing was saved.",
            )
            return
        text = str(error) if getattr(error, "args", None) else type(error).__name__
        from app.transfer.exporting import ExportProblem

        if not isinstance(error, ExportProblem):
            text = f"The export couldn't be written ({text}). Nothing was saved."
        dialogs.warn(self._parent(), "Export not written", text)


def finish_running_exports(timeout: float | None = None) -> bool:
    """Wait until every export being written has finished (or failed and cleaned up), so
    quitting never leaves a half-written, unencrypted file or folder behind. True when none
    is still running (False only if ``timeout`` seconds, for each, were not enough)."""
    return all(run.written.wait(timeout) for run in list(_running))


def run_export(
    window: QWidget, journal_of: Callable[[], Journal | None], save_now: Callable[[], bool]
) -> ExportRun | None:
    """The whole flow; returns the running export (tests wait on ``done``), or None. The
    caller keeps it alive until it finishes. ``journal_of`` is asked again when the files
    are written: a journal locked meanwhile hears nothing about where they went."""
    from app.transfer import exporting

    journal = journal_of()
    if journal is None or not save_now():
        return None
    choice = ask_choice(window)
    if choice is None:
        return None
    place = ask_place(window, choice.kind)
    if place is None:
        return None
    target, overwrite = place
    try:
        exporting.check_target(choice.kind, target, overwrite)
    except exporting.ExportProblem as problem:
        dialogs.warn(window, "Export not written", str(problem))
        return None
    if not dialogs.confirm(
        window,
        "Export without encryption",
        UNENCRYPTED.format(place=target),
        "Export unencrypted",
        "Don't export",
    ):
        return None
    snapshot = exporting.collect(journal, choice.start, choice.end)
    return ExportRun(window, journal_of, choice.kind, snapshot, target, overwrite)
