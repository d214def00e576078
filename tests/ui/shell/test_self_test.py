"""``integration-journal --self-test``: one line, the right exit code, no display needed."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.documents import render
from ui.shell import self_test

ROOT = Path(__file__).resolve().parents[3]


def test_self_test_passes_without_a_display(isolated_dirs: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"QT_QPA_PLATFORM", "DISPLAY"}}
    env.pop("WAYLAND_DISPLAY", None)
    env["TMPDIR"] = str(tmp_path / "tmp")
    (tmp_path / "tmp").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "ui.shell.main", "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "self-test ok\n"
    assert list((tmp_path / "tmp").iterdir()) == []  # the throw-away journal is gone


def test_a_failing_check_gives_one_line_and_exit_1(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str) -> str:
        raise ValueError("the renderer is broken")

    monkeypatch.setattr(render, "markdown_to_html", broken)
    out = io.StringIO()
    assert self_test.run(out) == 1
    assert out.getvalue() == "self-test failed: pdf: ValueError: the renderer is broken\n"


def test_a_socket_fails_the_self_test(tmp_path: Path) -> None:
    # In a child process: the test suite's own socket guard would stop the socket first.
    code = (
        "import socket, sys\n"
        "from ui.shell import self_test\n"
        "self_test._check_questions = lambda: socket.socket().close()\n"
        "sys.exit(self_test.run())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout == "self-test failed: questions: a socket was opened (socket.__new__)\n"


def test_the_self_test_line_can_go_to_a_file(tmp_path: Path) -> None:
    """A windowed Windows app has no console: the line goes to a file, the verdict to exit."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["TMPDIR"] = str(tmp_path)
    result_file = tmp_path / "self-test.txt"
    result = subprocess.run(
        [sys.executable, "-m", "ui.shell.main", "--self-test", "--self-test-output", result_file],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result_file.read_text(encoding="utf-8") == "self-test ok\n"
