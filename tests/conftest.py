"""Shared test set-up: offscreen Qt, every folder in tmp, and no sockets at all."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

# Set once, before anything can import Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest

from app import vault
from app.vault.kdf import KdfParams

PASSPHRASE = "a calm river at dusk"

# -- no network, ever ----------------------------------------------------------------------
# An audit hook sees every socket the interpreter creates, connects or binds, and every
# name lookup, however deep in a library it happens. It can't be removed, so it is armed
# per test; a blocked attempt is also recorded so a swallowed exception still fails.
_SOCKET_EVENTS = {
    "socket.__new__",
    "socket.connect",
    "socket.bind",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.sendto",
}
_guard = {"armed": False, "attempts": []}


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _guard["armed"] and event in _SOCKET_EVENTS:
        _guard["attempts"].append(event)  # type: ignore[attr-defined]
        raise RuntimeError(f"network access in a test: {event}")


sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def no_sockets() -> Iterator[list[str]]:
    attempts: list[str] = []
    _guard["attempts"] = attempts
    _guard["armed"] = True
    try:
        yield attempts
    finally:
        _guard["armed"] = False
    if attempts:
        pytest.fail(f"the test touched the network: {attempts}")


# -- every folder in tmp ---------------------------------------------------------------------


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and the XDG folders point into the test's tmp dir (platformdirs and Qt read them)."""
    home = tmp_path / "home"
    for name, sub in {
        "HOME": "",
        "XDG_DATA_HOME": ".local/share",
        "XDG_CONFIG_HOME": ".config",
        "XDG_CACHE_HOME": ".cache",
        "XDG_STATE_HOME": ".local/state",
    }.items():
        path = home / sub
        path.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(path))
    return home


# -- journals --------------------------------------------------------------------------------


@pytest.fixture
def cheap_kdf() -> KdfParams:
    return KdfParams.insecure_for_tests()


@pytest.fixture
def journal_dir(tmp_path: Path, cheap_kdf: KdfParams) -> tuple[Path, str]:
    """A new journal (cheap KDF) and its recovery key."""
    folder = tmp_path / "journal"
    recovery_key = vault.create(folder, PASSPHRASE, kdf=cheap_kdf)
    return folder, recovery_key


@pytest.fixture
def opened(journal_dir: tuple[Path, str]) -> Iterator[vault.Vault]:
    v = vault.unlock(journal_dir[0], PASSPHRASE)
    yield v
    v.lock()


@pytest.fixture(autouse=True)
def fresh_dialog_answers() -> Iterator[None]:
    """Queued dialog answers never leak from one test into the next."""
    from ui.common import dialogs

    dialogs.reset()
    dialogs.refuse_unanswered = True
    yield
    dialogs.refuse_unanswered = False
    leftover = list(dialogs._next_answers)
    dialogs.reset()
    assert not leftover, f"queued dialog answers were never used: {leftover}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On Windows, tests of POSIX-only promises are skipped, with the reason (posix_only.py)."""
    if sys.platform != "win32":
        return
    from tests.posix_only import posix_only_reason

    for item in items:
        reason = posix_only_reason(item)
        if reason is not None:
            item.add_marker(pytest.mark.skip(reason=reason))


def press(button: object) -> None:
    """Press a button by the button, as the keyboard or a screen reader does.

    A test's mouse click is delivered by position in the window; while a new answer row is
    laid out and the scroll area brings it into view (posted events, run later on a loaded
    machine), that position can belong to another widget by the time the release arrives,
    and the click is lost (issue 13: KeyError 'story.whole' / 'body.now' under load).
    """
    from PySide6.QtWidgets import QAbstractButton

    assert isinstance(button, QAbstractButton)
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    button.click()


# -- spelling: a tiny dictionary, so no test waits for a real one to load -------------------

TINY_WORDS = ("a", "at", "calm", "dusk", "river", "the", "walked", "by", "slowly", "I")


@pytest.fixture(scope="session")
def tiny_dictionaries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dictionaries")
    (folder / "xx_TEST.aff").write_text("SET UTF-8\nTRY esiarntolcdugmphbyfvkw\n", "utf-8")
    (folder / "xx_TEST.dic").write_text(f"{len(TINY_WORDS)}\n" + "\n".join(TINY_WORDS) + "\n")
    return folder


@pytest.fixture(scope="session")
def _tiny_speller(tiny_dictionaries: Path) -> Iterator[object]:
    from ui.common import spelling

    checker = spelling.Speller(tiny_dictionaries)
    yield checker
    checker.child.stop()  # the dictionary's child process ends with the session


@pytest.fixture(autouse=True)
def tiny_speller(_tiny_speller: object) -> Iterator[object]:
    """Every writing field checks against the tiny dictionary, fresh for each test."""
    from ui.common import spelling

    assert isinstance(_tiny_speller, spelling.Speller)
    _tiny_speller.forget()
    _tiny_speller.unavailable = False
    _tiny_speller.configure(True, "xx_TEST")
    spelling.use_speller(_tiny_speller)
    yield _tiny_speller
    spelling.use_speller(None)
