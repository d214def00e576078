"""The unlock window can stop a derivation that takes too long; nothing opens, nothing changes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.vault import kdf_child
from app.vault.folder_lock import FolderLock
from tests.conftest import PASSPHRASE
from ui.access.unlock_window import UnlockWindow


def test_stop_opening_kills_the_derivation(
    qtbot, journal_dir: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kdf_child, "CHILD_FROM_KIB", 0)
    monkeypatch.setattr(
        kdf_child,
        "child_command",
        lambda: [sys.executable, "-c", "import time; time.sleep(600)"],
    )
    folder = journal_dir[0]
    lock = FolderLock(folder)
    window = UnlockWindow(folder, lock)
    qtbot.addWidget(window)
    opened: list[object] = []
    window.unlocked.connect(lambda v, _: opened.append(v))
    window.show()
    qtbot.keyClicks(window.field, PASSPHRASE)
    qtbot.keyClick(window.field, Qt.Key.Key_Return)
    assert window.working and window.cancel_button.isVisible()
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.working, timeout=15000)
    assert "stopped" in window.message.text()
    assert not opened and not window.cancel_button.isVisible()
    lock.release()
