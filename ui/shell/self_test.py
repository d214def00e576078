"""``integration-journal --self-test``: check that this copy of the app works, without a display.

Meant for a frozen build (CI runs it on the built folder) as much as for a checkout. It makes a
throw-away journal in a temporary folder, writes an entry through the real vault, locks, unlocks
and reads it back; renders a document to PDF in memory; loads the question library; and checks
that nothing opened a socket. It prints exactly one line — ``self-test ok`` or
``self-test failed: <reason>`` — and never any journal text. The temporary folder is removed.

The throw-away journal uses cheap, fixed Argon2id parameters (8 MiB, one pass) on purpose: the
self-test checks the machinery (Argon2id binding, key wrapping, SQLCipher, the schema), not the
cost of guessing a passphrase; calibrating the real parameters would add about a second and
64 MiB. They are spelled out here rather than taken from the tests' KDF preset,
which app code never uses, and they never reach a journal anyone writes in.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

# The socket guard. Audit hooks can't be removed, so one hook is installed once per process
# and only records while a self-test is running.
_SOCKET_EVENTS = frozenset(
    {
        "socket.__new__",
        "socket.connect",
        "socket.bind",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.sendto",
    }
)
_guard: dict[str, object] = {"installed": False, "armed": False}
_socket_events: list[str] = []

_KDF = (8 * 1024, 1, 1)  # memory KiB, iterations, lanes: see the module docstring
_PASSPHRASE = "self-test: a quiet lake at dawn"  # noqa: S105 (a throw-away journal)
_STORY = "# A self-test\n\nSomething *changed*, and that is **fine**. Ünïcödé — 🌿."


class SelfTestFailure(Exception):
    """A check did not hold; the message is the reason (never journal text)."""


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _guard["armed"] and event in _SOCKET_EVENTS:
        _socket_events.append(event)
        raise SelfTestFailure(f"a socket was opened ({event})")


def _arm_socket_guard() -> None:
    if not _guard["installed"]:
        sys.addaudithook(_audit)
        _guard["installed"] = True
    _socket_events.clear()
    _guard["armed"] = True


def _check_vault(folder: Path) -> None:
    from app import vault
    from app.vault.kdf import KdfParams

    memory_kib, iterations, parallelism = _KDF
    vault.create(folder, _PASSPHRASE, kdf=KdfParams(memory_kib, iterations, parallelism))
    opened = vault.unlock(folder, _PASSPHRASE)
    try:
        session = opened.journal.add_session(dt.date(2024, 5, 1), title="Self-test")
        assert session.id is not None
        part = opened.journal.narrative(session.id)[0]
        assert part.id is not None
        opened.journal.save_narrative_part(part.id, _STORY)
    finally:
        opened.lock()
    # Unlock again the way the app does, with the KDF in a child process (this executable).
    from app.vault import kdf_child

    def derive_in_child(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
        key = kdf_child.derive_in_child(passphrase, salt, params)
        if key is None:
            raise SelfTestFailure("the key could not be derived in a child process")
        return key

    reopened = vault.unlock(folder, _PASSPHRASE, derive=derive_in_child)
    try:
        sessions = reopened.journal.sessions()
        if len(sessions) != 1 or sessions[0].id is None:
            raise SelfTestFailure("the session was not there after unlocking again")
        parts = reopened.journal.narrative(sessions[0].id)
        if [p.body for p in parts] != [_STORY]:
            raise SelfTestFailure("the entry read back differs from what was written")
    finally:
        reopened.lock()


def _qt_app() -> object:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return app if app is not None else QApplication([sys.argv[0] if sys.argv else "self-test"])


def _check_pdf() -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPdfWriter, QTextDocument

    from app.documents import render

    html = render.document_html(render.markdown_to_html(_STORY), title="Self-test")
    data = QByteArray()
    buffer = QBuffer(data)
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise SelfTestFailure("could not open an in-memory buffer for the PDF")
    writer = QPdfWriter(buffer)
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)
    del writer
    buffer.close()
    pdf = bytes(data.data())
    if not pdf.startswith(b"%PDF") or len(pdf) < 500:
        raise SelfTestFailure("rendering a document to PDF gave no PDF")


def _check_questions() -> None:
    from app.journal import prompts

    groups = prompts.load_library()
    if not groups or not any(g.questions for g in groups):
        raise SelfTestFailure("the question library is empty")


def _check_icon() -> None:
    from PySide6.QtGui import QIcon

    from ui.shell.main import app_icon_path

    path = app_icon_path()
    if not path.is_file():
        raise SelfTestFailure("the app icon is missing")
    if QIcon(str(path)).pixmap(64, 64).isNull():
        raise SelfTestFailure("the app icon could not be drawn")


def _check_ui_imports() -> None:
    # Every window and dialog module: a frozen build that left one out fails here, not later.
    from ui.access.passphrase_form import strength
    from ui.shell.menus import app_version

    if app_version() == "unknown":
        raise SelfTestFailure("the version is missing from the bundle")

    if strength("correct horse battery staple") < 1:  # zxcvbn and its word lists
        raise SelfTestFailure("the passphrase strength check does not work")


def _checks(folder: Path) -> list[tuple[str, Callable[[], object]]]:
    return [
        ("vault", lambda: _check_vault(folder / "journal")),
        ("qt", _qt_app),
        ("ui", _check_ui_imports),
        ("pdf", _check_pdf),
        ("questions", _check_questions),
        ("icon", _check_icon),
    ]


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "no reason given"


def run(out: TextIO | None = None) -> int:
    """Run every check; print one line; 0 when all held, 1 otherwise."""
    out = out if out is not None else sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _arm_socket_guard()
    reason: str | None = None
    try:
        with tempfile.TemporaryDirectory(prefix="integration-journal-self-test-") as tmp:
            for name, check in _checks(Path(tmp)):
                try:
                    check()
                except SelfTestFailure as failure:
                    reason = f"{name}: {failure}"
                except Exception as error:  # any failure at all is a reason, not a crash
                    reason = f"{name}: {type(error).__name__}: {error}"
                if reason is not None:
                    break
    except Exception as error:
        reason = reason or f"temporary folder: {type(error).__name__}: {error}"
    finally:
        _guard["armed"] = False
    if reason is None and _socket_events:
        reason = f"a socket was opened ({', '.join(sorted(set(_socket_events)))})"
    if reason is None:
        print("self-test ok", file=out, flush=True)
        return 0
    print(f"self-test failed: {_one_line(reason)}", file=out, flush=True)
    return 1
