"""Take the README's screenshots offscreen, from a throw-away demo journal.

QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app import vault
from app.journal.model import Action, ActionStatus, Answer, CheckIn, Person
from app.vault.kdf import KdfParams
from ui.access.first_run import KEY_PAGE, FirstRunWindow
from ui.common import preferences
from ui.common.theme import apply_theme
from ui.shell import paper_windows
from ui.shell.controller import JournalApp
from ui.shell.main_window import MainWindow

PASSPHRASE = "demo lantern orchard velvet"

STORY = """# Lying down, eyes covered

The music started slowly. At first I noticed how heavy my arms felt, then the room
seemed to tilt and I was somewhere **wide and blue**, like the sea seen from very high up.

- A kitchen from when I was small, the smell of oranges
- A voice — maybe mine — saying *you can put it down now*
- Near the end, tiredness, and some sadness I couldn't place

I don't know what most of it meant yet. That's all right.
"""


def fill(folder: Path) -> None:
    v = vault.unlock(folder, PASSPHRASE)
    j = v.journal
    # Made-up contacts for the pictures: the app never supplies a number itself.
    j.save_person(
        Person(
            "Dr. Rivera (my therapist)",
            "Sessions on Tuesdays",
            reach="555-0100 (example)",
            when_hard=True,
        )
    )
    j.save_person(
        Person("Sam", "Walks with me on Sundays", reach="555-0142 (example)", when_hard=True)
    )
    earlier = j.add_session(dt.date(2026, 10, 24), title="First session")
    j.save_narrative_part(j.narrative(earlier.id)[0].id, "A quiet first time. Mostly colours.")
    s = j.add_session(
        dt.date(2026, 11, 14),
        title="The blue room",
        intention="To listen to what my body is carrying.",
    )
    j.save_narrative_part(j.narrative(s.id)[0].id, STORY)
    j.add_narrative_part(
        s.id, dt.date(2026, 11, 18), "Four days later: the orange smell came back while cooking."
    )
    j.save_answer(
        Answer(
            s.id,
            "moments.surprise",
            "What surprised you?",
            "How calm the voice was. It didn't feel like an order.",
        )
    )
    j.save_answer(
        Answer(
            s.id,
            "body.where",
            "Where in your body did you feel the most?",
            "Arms and chest. Heavy, then warm.",
            private=True,
        )
    )
    j.save_checkin(
        CheckIn(
            dt.datetime(2026, 11, 15, 9, 30),
            s.id,
            ("tender", "tired"),
            colour="pale blue",
            sound="rain on the window",
            texture="soft wool",
            felt_sense="a slow tide",
        )
    )
    rest = j.add_insight(s.id, "I hold tiredness in my arms and keep going anyway.")
    j.add_theme_to("insight", rest.id, "rest")
    j.add_theme_to("narrative", j.narrative(s.id)[0].id, "the body")
    j.add_theme_to("narrative", j.narrative(earlier.id)[0].id, "colour")
    j.add_theme_to("narrative", j.narrative(s.id)[1].id, "memory")
    rest_action = j.add_action(
        Action(
            rest.id,
            s.id,
            what="A ten-minute rest after work, arms supported",
            cue="If I notice my shoulders up by my ears, then I will lie down",
            how_often="Weekdays",
            with_whom="",
            first_step="Put a cushion on the sofa",
        )
    )
    friend = j.add_insight(s.id, "I want company on hard days instead of hiding.")
    j.add_action(
        Action(
            friend.id,
            s.id,
            what="Tell Sam when a day feels heavy",
            cue="When I catch myself cancelling plans",
            how_often="As needed",
            with_whom="Sam",
            first_step="Send Sam one message this week",
            status=ActionStatus.DOING,
        )
    )
    today = dt.date.today()
    for days_ago in (1, 3):
        j.set_tick(rest_action.id, today - dt.timedelta(days=days_ago), True)
    v.lock()


def shot(widget: QWidget, out: Path, name: str) -> None:
    # Cards are laid out by posted events (a scroll area's contents, growing editors): give
    # them a moment, or the picture shows empty space where they will be.
    widget.show()
    QTest.qWait(300)
    widget.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = tmp  # keep the real settings out of it
        apply_theme(app, "light")
        prefs = preferences.Preferences(auto_lock_minutes=0)
        cheap = KdfParams.insecure_for_tests()

        first = JournalApp(Path(tmp) / "new", prefs, kdf=cheap)
        first.start()
        assert first.window is not None
        window = first.window
        assert isinstance(window, FirstRunWindow)
        window.resize(640, 480)
        shot(window, args.out, "first-run")
        window.form.first.setText("lantern orchard")
        window.form.second.setText("lantern orchard")
        shot(window, args.out, "first-run-passphrase")
        window.form.first.setText(PASSPHRASE)
        window.form.second.setText(PASSPHRASE)
        window.create_journal()
        while window.pages.currentIndex() != KEY_PAGE:
            QTest.qWait(20)  # a bare processEvents() spin starves the worker thread
        shot(window, args.out, "recovery-key")
        window.continue_button.click()
        first.lock()
        first.window.close()
        first.folder_lock.release()

        folder = Path(tmp) / "demo"
        vault.create(folder, PASSPHRASE, kdf=cheap)
        fill(folder)
        controller = JournalApp(folder, prefs, kdf=cheap)
        controller.start()
        assert controller.window is not None
        controller.window.resize(620, 420)
        shot(controller.window, args.out, "unlock")
        opened = vault.unlock(folder, PASSPHRASE, folder_lock=controller.folder_lock)
        controller._opened(opened)  # the same path an unlock takes, minus the typing
        main = controller.main_window
        assert isinstance(main, MainWindow)
        main.resize(1280, 820)
        main.narrative.preview_button.setChecked(True)
        for index, name in enumerate(("narrative", "reflection", "action-plan")):
            main.tabs.setCurrentIndex(index)
            shot(main, args.out, name)
        main.tabs.setCurrentIndex(0)
        main.search_panel.open_panel()
        main.search_panel.field.setText("orange")
        main.search_panel.run_search()
        shot(main, args.out, "search")
        main.search_panel.close_panel()

        main.follow.show_timeline()
        assert main.follow.timeline is not None
        main.follow.timeline.resize(900, 420)
        shot(main.follow.timeline, args.out, "timeline")
        main.follow.show_week()
        assert main.follow.weekly is not None
        main.follow.weekly.resize(900, 520)
        shot(main.follow.weekly, args.out, "this-week")
        main.across.show_themes()
        themes = main.across.themes_window
        assert themes is not None
        themes.resize(760, 440)
        themes.themes.setCurrentRow(0)
        shot(themes, args.out, "themes")
        controller.show_hard_page()
        assert controller.hard_page is not None
        controller.hard_page.resize(560, 720)
        shot(controller.hard_page, args.out, "when-its-hard")
        controller.hard_page.close()
        controller.show_people()
        assert controller.people_window is not None
        controller.people_window.resize(760, 460)
        shot(controller.people_window, args.out, "people")
        controller.people_window.close()
        paper_windows.prepare_for_therapy(main)
        assert main.packet_window is not None
        main.packet_window.resize(1100, 760)
        main.packet_window.sessions.item(0).setCheckState(Qt.CheckState.Checked)
        QTest.qWait(400)  # the preview is rebuilt after a short pause
        shot(main.packet_window, args.out, "prepare-for-therapy")
        controller.lock()
        controller.window.close()
        controller.folder_lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
