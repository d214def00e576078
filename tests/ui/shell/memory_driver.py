"""A GUI process for test_memory_after_lock.py: open a journal, type canary words as a
client would, let autosave store them, lock, then wait while the parent reads this
process's memory. Prints "locked <pid>" when the parent may look."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app import vault
from app.journal.model import Action
from app.vault.kdf import KdfParams
from ui.common import dialogs, preferences, spelling
from ui.shell import forget
from ui.shell.controller import JournalApp

PASSPHRASE = "a quiet lake at dawn, memory test"


def wait_until(app: QApplication, condition: object) -> None:
    while not condition():  # type: ignore[operator]
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def main() -> int:
    folder = Path(sys.argv[1])
    # Not in argv (the stack keeps it): the words are made here, from their reversed letters.
    words = [w[::-1] for w in sys.argv[2:]]
    app = QApplication(sys.argv[:1])
    vault.create(folder, PASSPHRASE, kdf=KdfParams.insecure_for_tests())
    # With spelling on, every word is also sent to the dictionary child and cached.
    spell = os.environ.get("IJ_MEMORY_SPELLING") == "1"
    prefs = preferences.Preferences(auto_lock_minutes=0, spell_check=spell)
    controller = JournalApp(folder, prefs)
    assert controller.start()
    window = controller.window
    window.field.setText(PASSPHRASE)  # type: ignore[union-attr]
    window.try_unlock()  # type: ignore[union-attr]
    wait_until(app, lambda: controller.main_window is not None)
    main = controller.main_window
    assert main is not None
    dialogs.answer_next(dt.date(2026, 11, 3))
    main.new_button.click()
    wait_until(app, lambda: main.session is not None)
    QTest.keyClicks(main.header.title, f"{words[0]} at the lake")
    QTest.keyClicks(main.narrative.editors[0], f"The story of {words[1]} and more")
    QTest.keyClick(main.narrative.editors[0], Qt.Key.Key_Return)
    QTest.keyClicks(main.narrative.editors[0], f"Then {words[1]} again")
    assert main.save_now()
    if spell:  # every word typed has been to the child and back, and is in the cache
        checker = spelling.speller()
        wait_until(app, lambda: checker.active and checker.settled() and checker._cache)
    journal, session = main.journal, main.session
    assert journal is not None and session is not None and session.id is not None
    insight = journal.add_insight(session.id, f"An insight about {words[2]}")
    journal.add_action(Action(insight.id, session.id, what=f"Walk with {words[3]}"))
    del words, journal, session, insight
    main.reload_sessions()
    wait_until(app, lambda: main.session is not None)
    main.tabs.setCurrentWidget(main.action_plan)
    app.processEvents()
    controller.lock()
    wait_until(app, lambda: forget.released > 0)
    print(f"locked {__import__('os').getpid()}", flush=True)
    sys.stdin.readline()
    controller.folder_lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
