"""Start-up shows the unlock window before any of the journal's code, SQLCipher or the
key-file crypto is loaded: nothing of the journal is read, and nothing waits on it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import json, sys
from ui.shell.main import harden_process
harden_process()
from PySide6.QtWidgets import QApplication
from ui.common import preferences
from ui.common.theme import apply_theme
from ui.shell.controller import JournalApp
app = QApplication([sys.argv[0]])
prefs = preferences.load()
apply_theme(app, prefs.theme)
controller = JournalApp(__import__("pathlib").Path(sys.argv[1]), prefs)
assert controller.start()
print(json.dumps({"window": type(controller.window).__name__, "modules": sorted(sys.modules)}))
"""


def test_the_unlock_window_shows_before_any_journal_code_loads(journal_dir, tmp_path) -> None:
    folder, _ = journal_dir
    root = Path(__file__).resolve().parents[3]
    home = tmp_path / "start-up home"
    home.mkdir()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
    )
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(folder)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    shown = json.loads(out.strip().splitlines()[-1])
    assert shown["window"] == "UnlockWindow"
    loaded = set(shown["modules"])
    for heavy in ("sqlcipher3", "app.journal", "app.vault.opening", "app.vault.keyfile"):
        assert heavy not in loaded, heavy
