"""No socket at the system-call level: the self-test, a PDF save, a page image, the packet
window and the print preview, run under ``strace``, open no AF_INET/AF_INET6 socket.

The suite's own guard (an audit hook) only sees Python's sockets; libcups, loaded when a
``QPrinter`` is made, connects to 127.0.0.1:631 and ::1:631 from C, where only the kernel
sees it. CI installs strace (.ci/run), so there this test always runs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
DRIVER = Path(__file__).with_name("socket_driver.py")
INET = re.compile(r"\b(socket|connect)\(.*\bAF_INET6?\b")


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed here")
def test_no_inet_socket_at_the_system_call_level(tmp_path: Path) -> None:
    log = tmp_path / "strace.log"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO),
        "HOME": str(tmp_path),  # settings and caches of the child stay in tmp
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("CUPS_SERVER", None)
    done = subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect",
            "-o",
            str(log),
            sys.executable,
            str(DRIVER),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if "ptrace" in done.stderr and "Operation not permitted" in done.stderr:
        pytest.skip("strace may not trace here (ptrace is not permitted)")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test ok" in done.stdout and "driver ok" in done.stdout
    opened = [line for line in log.read_text().splitlines() if INET.search(line)]
    assert not opened, "\n".join(opened[:6])
