"""`make install` / `make uninstall`: the frozen app, launcher, menu entry and icons in a prefix."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "desktop_install.py"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a Linux desktop's layout")


def _fake_bundle(root: Path) -> Path:
    bundle = root / "dist" / "integration-journal"
    (bundle / "_internal").mkdir(parents=True)
    app = bundle / "integration-journal"
    app.write_text("#!/bin/sh\necho frozen app\n", encoding="utf-8")
    app.chmod(0o755)
    for size in (16, 512):
        icon = bundle / "_internal/resources/icons/hicolor" / f"{size}x{size}/apps"
        icon.mkdir(parents=True)
        (icon / "integration-journal.png").write_bytes(b"\x89PNG fake")
    return bundle


def _run(*args: str | Path) -> None:
    subprocess.run([sys.executable, SCRIPT, *map(str, args)], check=True, capture_output=True)


def _files(root: Path) -> set[str]:
    """Every file, less the desktop's own caches (update-desktop-database may make one)."""
    return {
        str(p.relative_to(root))
        for p in root.rglob("*")
        if (p.is_file() or p.is_symlink()) and not p.name.endswith(".cache")
    }


def test_install_then_uninstall_leaves_the_prefix_as_it_was(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path)
    prefix = tmp_path / "home" / ".local"
    mine = prefix / "share" / "applications" / "someone-else.desktop"
    mine.parent.mkdir(parents=True)
    mine.write_text("[Desktop Entry]\n", encoding="utf-8")
    before = _files(prefix)

    _run("install", "--prefix", prefix, bundle)
    launcher = prefix / "bin" / "integration-journal"
    assert launcher.is_symlink()
    assert subprocess.run([launcher], capture_output=True, text=True).stdout == "frozen app\n"
    desktop = (prefix / "share/applications/integration-journal.desktop").read_text()
    assert f"Exec={launcher}\n" in desktop
    assert "Icon=integration-journal\n" in desktop
    icons = prefix / "share/icons/hicolor"
    assert (icons / "16x16/apps/integration-journal.png").is_file()
    assert (icons / "512x512/apps/integration-journal.png").is_file()
    assert (icons / "scalable/apps/integration-journal.svg").is_file()
    metainfo = prefix / "share/metainfo/org.integrationjournal.IntegrationJournal.metainfo.xml"
    assert metainfo.is_file()
    if shutil.which("desktop-file-validate"):
        subprocess.run(
            ["desktop-file-validate", prefix / "share/applications/integration-journal.desktop"],
            check=True,
        )

    _run("install", "--prefix", prefix, bundle)  # again: an update replaces, nothing doubles
    assert len(_files(prefix / "lib")) == len(_files(bundle))

    _run("uninstall", "--prefix", prefix)
    assert _files(prefix) == before
    assert mine.exists()


def test_install_refuses_without_a_frozen_app(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, SCRIPT, "install", "--prefix", tmp_path / "p", tmp_path / "nothing"],
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    assert done.returncode != 0
    assert "make dist" in done.stderr
    assert not (tmp_path / "p").exists()
