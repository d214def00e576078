"""The file dialogs leave no trace of the places chosen: Qt's own dialog writes its history
and last folder into ``QtProject.conf`` when it is destroyed; ours puts them back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from ui.common import dialogs


@pytest.fixture
def qt_settings_here(isolated_dirs: Path, qapp) -> Iterator[Path]:
    """Qt settles its settings folder once per process, so point it at this test's tmp."""
    config = isolated_dirs / ".config"
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(config))
    assert Path(QSettings(QSettings.Scope.UserScope, "QtProject").fileName()).is_relative_to(config)
    dialogs.refuse_unanswered = False  # a real dialog, driven below
    yield config
    dialogs.refuse_unanswered = True


def choose_in_the_dialog(path: Path, seen: list[QFileDialog], folder: Path) -> None:
    """Once the modal file dialog is up, go into ``folder``, select ``path`` and accept."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(10, attempt)
            return
        seen.append(dialog)
        dialog.setDirectory(str(folder))
        dialog.selectFile(str(path))
        dialog.accept()

    QTimer.singleShot(0, attempt)


def texts_under(*folders: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace")
        for folder in folders
        for p in folder.rglob("*")
        if p.is_file()
    )


ASKS: dict[str, tuple[Callable[[Path], str | None], str]] = {
    "save": (lambda home: dialogs.ask_save_file(None, "Save", "x.json", "JSON (*.json)"), "f"),
    "folder": (lambda home: dialogs.ask_folder(None, "Folder"), "d"),
    "open": (lambda home: dialogs.ask_open_file(None, "Open", "JSON (*.json)"), "f"),
}


@pytest.mark.parametrize("which", ASKS)
def test_a_chosen_place_is_remembered_nowhere(
    qtbot, qt_settings_here: Path, isolated_dirs: Path, tmp_path: Path, which: str
) -> None:
    ask, kind = ASKS[which]
    place = tmp_path / "secretplacecanary"
    place.mkdir()
    chosen = place / ("journal.json" if kind == "f" else "exports")
    if kind == "d":
        chosen.mkdir()
    if which == "open":
        chosen.write_text("{}", encoding="utf-8")
    seen: list[QFileDialog] = []
    choose_in_the_dialog(chosen, seen, place)
    assert ask(isolated_dirs) == str(chosen)
    assert seen, "the real file dialog was not shown"
    assert "secretplacecanary" not in texts_under(isolated_dirs, qt_settings_here)
    assert dialogs.shown  # the seam still records what was asked


def test_other_apps_places_and_keys_are_left_as_they_were(
    qtbot, qt_settings_here: Path, tmp_path: Path
) -> None:
    before = QSettings(QSettings.Scope.UserScope, "QtProject")
    before.setValue("FileDialog/history", ["file:///srv/theirs", "file:///srv/other"])
    before.setValue("Elsewhere/keep", "yes")
    before.sync()
    del before
    place = tmp_path / "secretplacecanary"
    place.mkdir()
    choose_in_the_dialog(place, [], place)
    assert dialogs.ask_folder(None, "Folder") == str(place)

    after = QSettings(QSettings.Scope.UserScope, "QtProject")
    assert after.value("FileDialog/history") == ["file:///srv/theirs", "file:///srv/other"]
    assert not after.contains("FileDialog/lastVisited")
    assert after.value("Elsewhere/keep") == "yes"
    assert "secretplacecanary" not in Path(after.fileName()).read_text(encoding="utf-8")


def test_a_cancelled_dialog_answers_none_and_a_queued_answer_still_wins(
    qtbot, qt_settings_here: Path
) -> None:
    qt_own: list[bool] = []

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(10, cancel)
            return
        qt_own.append(dialog.testOption(QFileDialog.Option.DontUseNativeDialog))
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert dialogs.ask_open_file(None, "Open", "JSON (*.json)") is None
    assert qt_own == [True]  # not a desktop's native dialog, which keeps recent files
    dialogs.answer_next("/queued/place")
    assert dialogs.ask_save_file(None, "Save", "x.json", "JSON (*.json)") == "/queued/place"
