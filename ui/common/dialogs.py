"""Every modal question the app asks goes through here.

Tests queue answers with ``answer_next(...)`` so no test ever blocks on a dialog
(KeePassXC's ``MessageBox::setNextAnswer`` does the same).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

_next_answers: deque[Any] = deque()
shown: list[str] = []  # what would have been shown, for tests to read
# Tests switch this on: a dialog with no queued answer fails at once instead of blocking.
refuse_unanswered = False


def answer_next(*answers: Any) -> None:
    _next_answers.extend(answers)


def reset() -> None:
    _next_answers.clear()
    shown.clear()


def _queued() -> tuple[bool, Any]:
    if _next_answers:
        return True, _next_answers.popleft()
    if refuse_unanswered:
        raise AssertionError(f"a dialog would block here; queue an answer: {shown[-1:]}")
    return False, None


def inform(parent: QWidget | None, title: str, text: str) -> None:
    shown.append(text)
    has, _ = _queued()
    if not has:
        QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    shown.append(text)
    has, _ = _queued()
    if not has:
        QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    """A yes/no question with buttons that say what they do."""
    shown.append(text)
    has, answer = _queued()
    if has:
        return bool(answer)
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes_button


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    shown.append(label)
    has, answer = _queued()
    if has:
        return None if answer is None else str(answer)
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


# Qt's own file dialog writes the places it visited into the QtProject settings, shared by
# every Qt app, when it is destroyed; these are the keys that can name a place.
_PLACE_KEYS = ("history", "lastVisited", "shortcuts")


def _file_dialog_settings() -> QSettings:
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.beginGroup("FileDialog")
    return settings


@contextmanager
def _places_forgotten() -> Iterator[None]:
    """Whatever a file dialog remembers of the places it saw is put back as it was."""
    before = _file_dialog_settings()
    saved = {key: before.value(key) for key in _PLACE_KEYS if before.contains(key)}
    del before
    try:
        yield
    finally:
        after = _file_dialog_settings()
        for key in _PLACE_KEYS:
            if key in saved:
                after.setValue(key, saved[key])
            else:
                after.remove(key)
        after.sync()


def _run_file_dialog(dialog: QFileDialog) -> str | None:
    """Run Qt's own dialog (a desktop's native one keeps a recent-files list), delete it at
    once (it saves its history when destroyed) and forget the place; the chosen path or None.
    """
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    with _places_forgotten():
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted.value
            files = dialog.selectedFiles() if accepted else []
        finally:
            shiboken6.delete(dialog)
    return files[0] if files and files[0] else None


def ask_folder(parent: QWidget | None, title: str) -> str | None:
    shown.append(title)
    has, answer = _queued()
    if has:
        return None if answer is None else str(answer)
    dialog = QFileDialog(parent, title)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _run_file_dialog(dialog)


def ask_save_file(parent: QWidget | None, title: str, name: str, filters: str) -> str | None:
    shown.append(title)
    has, answer = _queued()
    if has:
        return None if answer is None else str(answer)
    dialog = QFileDialog(parent, title, name, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    return _run_file_dialog(dialog)


def ask_open_file(parent: QWidget | None, title: str, filters: str) -> str | None:
    shown.append(title)
    has, answer = _queued()
    if has:
        return None if answer is None else str(answer)
    dialog = QFileDialog(parent, title, "", filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _run_file_dialog(dialog)


def run_modal(dialog: Any) -> Any:
    """Run a dialog, or take the queued answer instead (a callable gets the dialog)."""
    shown.append(dialog.windowTitle())
    has, answer = _queued()
    if not has:
        return dialog.exec()
    return answer(dialog) if callable(answer) else answer


folders_shown: list[str] = []  # every folder "Show the folder" opened, newest last (tests)


def show_folder(folder: str) -> None:
    """Open a folder in the system's file manager: a local file URL, nothing on a network.
    Under tests (``refuse_unanswered``) it is only noted, so nothing opens on the desktop."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    folders_shown.append(folder)
    if not refuse_unanswered:
        QDesktopServices.openUrl(QUrl.fromLocalFile(folder))
