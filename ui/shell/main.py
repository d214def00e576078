"""``integration-journal``: start the app (``--data-dir DIR`` for a journal elsewhere).

``--self-test`` checks this copy of the app without a display (see ``ui.shell.self_test``);
its exit code says the same, and ``--self-test-output FILE`` puts its line in a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import APP_NAME, platform, spell_child
from app.paths import default_journal_folder
from app.vault import kdf_child


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="integration-journal", description=APP_NAME)
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="open or create the journal in this folder (portable use, demos)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that the app works (no display needed), print one line and exit",
    )
    parser.add_argument(
        "--self-test-output",
        type=Path,
        default=None,
        metavar="FILE",
        help="write the self-test's line to FILE (a windowed Windows app has no console)",
    )
    return parser.parse_args(argv)


def app_icon_path() -> Path:
    """The window icon: next to the packages, or inside a frozen app."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if isinstance(bundle, str) and bundle else Path(__file__).parents[2]
    return root / "resources" / "icons" / "integration-journal.svg"


def harden_process() -> None:
    """New files owner-only; no core dump could ever hold journal text or keys."""
    platform.harden_process()


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == [kdf_child.CHILD_FLAG]:  # the frozen app, run as its own KDF child
        return kdf_child.serve()
    if arguments[:1] == [spell_child.CHILD_FLAG]:  # ... and as its spelling child
        return spell_child.serve()
    args = parse_args(arguments)
    harden_process()
    if args.self_test:
        from ui.shell import self_test

        if args.self_test_output is None:
            return self_test.run()
        with open(args.self_test_output, "w", encoding="utf-8", newline="\n") as out:
            return self_test.run(out)
    folder = (args.data_dir or default_journal_folder()).expanduser().absolute()

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ui.common import preferences
    from ui.common.theme import apply_theme
    from ui.shell.controller import JournalApp

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    # Wayland desktops take the window's icon and name from the installed .desktop file.
    app.setDesktopFileName("integration-journal")
    app.setWindowIcon(QIcon(str(app_icon_path())))
    prefs = preferences.load()
    apply_theme(app, prefs.theme)
    controller = JournalApp(folder, prefs)
    if not controller.start():
        return 1
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
