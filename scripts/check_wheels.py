"""Does every runtime dependency's lower bound install from wheels on every system we ship to?

    python scripts/check_wheels.py            (needs PyPI; not part of CI)

For each dependency in pyproject.toml, pinned to its lower bound (``name==bound``), pip
resolves it with its own dependencies for each target below, wheels only, without
installing anything (``pip install --dry-run --only-binary=:all: --platform …``). Prints a
✓/✗ table and exits 1 if any cell is ✗. The machine's own pip configuration (local indexes,
constraints) is ignored so that only PyPI answers.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHONS = ("3.11", "3.12", "3.13")
# pip widens a macOS tag to the older ones it covers, but takes manylinux tags literally: every
# manylinux level up to the oldest glibc promised is listed. Oldest systems promised: Windows
# 10 x64, macOS 13 (what Qt 6.11 supports), and the glibc of PySide6 6.11's own wheels:
# 2.34 on x86_64 (Ubuntu 22.04, Debian 12, RHEL 9), 2.39 on aarch64 (Ubuntu 24.04).


def _manylinux(arch: str, oldest_glibc_minor: int) -> tuple[str, ...]:
    levels = range(17, oldest_glibc_minor + 1)
    return (f"manylinux2014_{arch}", *(f"manylinux_2_{minor}_{arch}" for minor in levels))


TARGETS = {
    "Windows x64": ("win_amd64",),
    "macOS arm64": ("macosx_13_0_arm64", "macosx_13_0_universal2"),
    "macOS x86_64": ("macosx_13_0_x86_64", "macosx_13_0_universal2"),
    "Linux x86_64": _manylinux("x86_64", 34),
    "Linux aarch64": _manylinux("aarch64", 39),
}


def lower_bounds() -> list[tuple[str, str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = []
    for requirement in project["dependencies"]:
        spec = requirement.split(";", 1)[0].strip()
        if ";" in requirement and ">=" not in spec:
            continue  # a cap for some systems only (cryptography on Intel Macs)
        found = re.match(r"^([A-Za-z0-9_.\-]+)\s*.*?>=\s*([^,\s]+)", spec)
        if found is None:
            raise SystemExit(f"no lower bound in {requirement!r}")
        pins.append((found.group(1), found.group(2)))
    return pins


def resolves(name: str, version: str, platforms: tuple[str, ...], python: str) -> str:
    """'' when it resolves, else pip's last line of complaint."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--dry-run",
        "--ignore-installed",
        "--quiet",
        "--only-binary=:all:",
        "--python-version",
        python,
        "--implementation",
        "cp",
        "--index-url",
        "https://pypi.org/simple",
        "--target",
        tempfile.gettempdir(),  # never written: --dry-run
        *[arg for platform in platforms for arg in ("--platform", platform)],
        f"{name}=={version}",
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    if "PIP_CERT" in os.environ:
        env["PIP_CERT"] = os.environ["PIP_CERT"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode == 0:
        return ""
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    return lines[-1] if lines else f"pip exited {done.returncode}"


def main() -> int:
    pins = lower_bounds()
    cells = [(pin, target, python) for pin in pins for target in TARGETS for python in PYTHONS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda c: resolves(*c[0], TARGETS[c[1]], c[2]), cells))
    answer = dict(zip(cells, results, strict=True))

    short = [
        f"{target.split()[0][:3]} {target.split()[1]} {python}"
        for target in TARGETS
        for python in PYTHONS
    ]
    print("| dependency (lower bound) | " + " | ".join(short) + " |")
    print("|---|" + "---|" * len(short))
    failures = []
    for pin in pins:
        row = []
        for target in TARGETS:
            for python in PYTHONS:
                why = answer[(pin, target, python)]
                row.append("✗" if why else "✓")
                if why:
                    failures.append(f"{pin[0]}=={pin[1]} on {target}, Python {python}: {why}")
        print(f"| {pin[0]}>={pin[1]} | " + " | ".join(row) + " |")
    for failure in failures:
        print("✗", failure)
    print("all ✓" if not failures else f"{len(failures)} ✗")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
