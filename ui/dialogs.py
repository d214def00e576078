"""Every modal question the app asks goes through here.

Tests queue answers with ``answer_next(...)`` so no test ever blocks on a dialog
(KeePassXC's ``MessageBox::setNextAnswer`` does the same).
"""

from __future__ import annotations

from collections import deque
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

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


def ask_folder(parent: QWidget | None, title: str) -> str | None:
    shown.append(title)
    has, answer = _queued()
    if has:
        return None if answer is None else str(answer)
    return QFileDialog.getExistingDirectory(parent, title) or None


def ask_save_file(parent: QWidget | None, title: str, name: str, filters: str) -> str | None:
    shown.append(title)
    has, answer = _queued()
    if has:
        return None if answer is None else str(answer)
    path, _ = QFileDialog.getSaveFileName(parent, title, name, filters)
    return path or None


def ask_open_file(parent: QWidget | None, title: str, filters: str) -> str | None:
    shown.append(title)
    has, answer = _queued()
    if has:
        return None if answer is None else str(answer)
    path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return path or None


def run_modal(dialog: Any) -> Any:
    """Run a dialog, or take the queued answer instead (a callable gets the dialog)."""
    shown.append(dialog.windowTitle())
    has, answer = _queued()
    if not has:
        return dialog.exec()
    return answer(dialog) if callable(answer) else answer
