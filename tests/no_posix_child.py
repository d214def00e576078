"""Child process for test_platform: the app as Windows would run it, on any system.

``fcntl``, ``resource``, ``termios``, ``pwd`` and ``grp`` can't be imported here (a
meta-path finder refuses them before anything else loads). Every module of ``app`` and
``ui`` is imported, then a journal goes through create, unlock, write, lock, back up and
restore. Prints one line per module and ``round trip ok`` at the end.

Usage: ``python tests/no_posix_child.py WORK_FOLDER``
"""

from __future__ import annotations

import importlib.abc
import sys

BLOCKED = frozenset({"fcntl", "resource", "termios", "pwd", "grp"})


class _NoPosix(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):  # type: ignore[no-untyped-def]
        if fullname.split(".", 1)[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {fullname!r} (blocked)", name=fullname)
        return None


sys.meta_path.insert(0, _NoPosix())
for _name in BLOCKED:
    sys.modules.pop(_name, None)  # a module imported by the interpreter's start-up goes too


_SOCKET_EVENTS = {"socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo"}


def _no_network(event: str, args: tuple[object, ...]) -> None:
    if event in _SOCKET_EVENTS:
        raise RuntimeError(f"network access: {event}")


def import_everything() -> list[str]:
    import pkgutil

    import app
    import ui

    # The entry point first, as the app starts (``import app.journal`` on its own hits an
    # import cycle through app.vault.database that the journal split is resolving).
    importlib.import_module("ui.shell.main")
    names = []
    for package in (app, ui):
        prefix = package.__name__ + "."
        for info in pkgutil.walk_packages(package.__path__, prefix):
            importlib.import_module(info.name)
            names.append(info.name)
    return names


def round_trip(work: str) -> None:
    import datetime as dt
    from pathlib import Path

    from app import vault
    from app.platform import LOCK_FILE_NAME, FolderLock
    from app.vault.kdf import KdfParams

    root = Path(work)
    folder = root / "journal"
    kdf = KdfParams.insecure_for_tests()
    recovery = vault.create(folder, "a calm river at dusk", kdf=kdf)
    opened = vault.unlock(folder, "a calm river at dusk")
    assert (folder / LOCK_FILE_NAME).exists(), "without flock the lock is a file"
    try:
        FolderLock(folder).acquire()
    except vault.JournalError:
        pass
    else:
        raise AssertionError("a second lock on an open journal was granted")
    session = opened.journal.add_session(dt.date(2024, 6, 1), title="By the lake")
    backup = opened.backup(root / "journal.ijbackup")
    opened.lock()
    assert not (folder / LOCK_FILE_NAME).exists(), "the lock file goes on release"
    restored = vault.restore(backup, root / "restored", recovery_key=recovery)
    try:
        titles = [s.title for s in restored.journal.sessions()]
        assert titles == ["By the lake"], titles
        assert restored.journal.session(session.id) is not None
    finally:
        restored.lock()
    again = vault.unlock(root / "restored", "a calm river at dusk")
    again.lock()


def main() -> int:
    sys.addaudithook(_no_network)
    for name in import_everything():
        print(name)
    for name in BLOCKED:
        assert name not in sys.modules, f"{name} was imported after all"
    round_trip(sys.argv[1])
    print("round trip ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
