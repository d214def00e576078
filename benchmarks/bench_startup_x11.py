"""Process start → the unlock window mapped on a real X display (Xvfb, the xcb platform).

    python benchmarks/bench_startup_x11.py [--runs 11] [--out benchmarks/out/startup_x11.json]

Each run starts the app as a person does (``integration-journal --data-dir DIR``, bytecode
compiled as an install has it) on a journal made for the purpose, and times from just
before the process is spawned to the X server's ``MapNotify`` for its first top-level
window, as ``xev -root -event substructure`` reports it; the app is then ended. The offscreen
platform's "visible" (``bench_gui.py``) skips connecting to a display server and mapping,
which is part of what a person waits for. Needs ``Xvfb`` and ``xev`` (Debian/Ubuntu:
``xvfb x11-utils``); without them it says so and measures nothing. The median is printed
with the load average beside it. A report, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _make_journal(folder: Path) -> None:
    from app import vault
    from app.vault.kdf import KdfParams

    vault.create(folder, "correct horse battery staple 42", kdf=KdfParams.insecure_for_tests())


def _app_command(folder: Path) -> list[str]:
    script = Path(sys.executable).with_name("integration-journal")
    if script.exists():
        return [str(script), "--data-dir", str(folder)]
    return [sys.executable, "-m", "ui.shell.main", "--data-dir", str(folder)]


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        display = ":" + numbers.readline().strip()
    return server, display


def _watch_maps(display: str) -> tuple[subprocess.Popen[str], queue.Queue[float]]:
    """``xev`` on the root window; each top-level map's arrival time goes in the queue."""
    env = dict(os.environ, DISPLAY=display)
    xev = subprocess.Popen(
        ["stdbuf", "-oL", "xev", "-root", "-event", "substructure"]
        if shutil.which("stdbuf")
        else ["xev", "-root", "-event", "substructure"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    maps: queue.Queue[float] = queue.Queue()
    stdout = xev.stdout
    assert stdout is not None

    def read() -> None:
        for line in stdout:
            if line.startswith("MapNotify"):
                maps.put(time.perf_counter())

    threading.Thread(target=read, daemon=True).start()
    return xev, maps


def measure(runs: int) -> dict[str, Any]:
    server, display = _start_xvfb()
    xev, maps = _watch_maps(display)
    time.sleep(0.5)  # xev selects its events before the first app starts (setup, not timed)
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    samples: list[float] = []
    loads: list[float] = []
    try:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "journal"
            _make_journal(folder)
            for index in range(runs + 1):  # the first fills the bytecode and page caches
                while not maps.empty():
                    maps.get_nowait()
                loads.append(os.getloadavg()[0])
                spawned = time.perf_counter()
                app = subprocess.Popen(
                    _app_command(folder),
                    env=env,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                try:
                    mapped = maps.get(timeout=60)
                finally:
                    app.terminate()
                    app.wait(30)
                if index:
                    samples.append((mapped - spawned) * 1000)
    finally:
        xev.terminate()
        server.terminate()
        xev.wait(10)
        server.wait(10)
    return {
        "start_to_unlock_window_mapped_ms": round(statistics.median(samples), 1),
        "runs_ms": [round(s, 1) for s in samples],
        "load_average": round(statistics.median(loads), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/out/startup_x11.json")
    args = parser.parse_args(argv)
    missing = [tool for tool in ("Xvfb", "xev") if shutil.which(tool) is None]
    if missing:
        print(f"skipped: {', '.join(missing)} not found (install xvfb and x11-utils)")
        return 0
    result = measure(args.runs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"Process start → unlock window mapped (Xvfb, xcb): median "
        f"{result['start_to_unlock_window_mapped_ms']:.0f} ms of {args.runs} runs, "
        f"load average {result['load_average']:.1f} (runs: {result['runs_ms']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
