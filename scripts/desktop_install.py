"""Install the frozen Linux app for one user, like any other app (`make install`/`uninstall`).

    python3 scripts/desktop_install.py install   [--prefix ~/.local] [dist/integration-journal]
    python3 scripts/desktop_install.py uninstall [--prefix ~/.local]

Puts the one-folder app in PREFIX/lib/integration-journal/, a launcher symlink in
PREFIX/bin/, the .desktop file (with the launcher's full path, so it works even when
~/.local/bin is not on PATH) in PREFIX/share/applications/, the icons (PNG 16–512 drawn
at build time, and the SVG) in PREFIX/share/icons/hicolor/, and the AppStream metainfo in
PREFIX/share/metainfo/. Uninstall removes exactly those; your journal is never touched (it
lives in ~/.local/share/Integration Journal/, see the README).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "integration-journal"
APP_ID = "org.integrationjournal.IntegrationJournal"
DESKTOP = f"{NAME}.desktop"
METAINFO = f"{APP_ID}.metainfo.xml"


def _paths(prefix: Path) -> dict[str, Path]:
    share = prefix / "share"
    return {
        "app": prefix / "lib" / NAME,
        "launcher": prefix / "bin" / NAME,
        "desktop": share / "applications" / DESKTOP,
        "metainfo": share / "metainfo" / METAINFO,
        "icons": share / "icons" / "hicolor",
    }


def _icon_files(bundle: Path) -> list[tuple[Path, str]]:
    """(source, path under hicolor/) for every icon the bundle carries."""
    resources = bundle / "_internal" / "resources"
    if not resources.is_dir():
        resources = bundle / "resources"
    hicolor = resources / "icons" / "hicolor"
    found = [(p, str(p.relative_to(hicolor))) for p in sorted(hicolor.rglob(f"{NAME}.png"))]
    found.append((ROOT / "resources" / "icons" / f"{NAME}.svg", f"scalable/apps/{NAME}.svg"))
    return found


def _refresh_caches(share: Path) -> None:
    # Desktops notice new files without these; they only make it quicker where present.
    for command in (
        ["update-desktop-database", "-q", str(share / "applications")],
        ["gtk-update-icon-cache", "-q", "-t", "-f", str(share / "icons" / "hicolor")],
    ):
        if shutil.which(command[0]):
            subprocess.run(command, check=False, capture_output=True)


def install(prefix: Path, bundle: Path) -> None:
    executable = bundle / NAME
    if not executable.is_file():
        raise SystemExit(f"no frozen app in {bundle}: run `make dist` first")
    paths = _paths(prefix)
    icons = _icon_files(bundle)
    if not any(rel.endswith(".png") for _, rel in icons):
        raise SystemExit(f"{bundle} carries no PNG icons: rebuild it with `make dist`")
    staging = paths["app"].with_name(f".{NAME}.installing")
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(bundle, staging, symlinks=True)
    shutil.rmtree(paths["app"], ignore_errors=True)
    staging.rename(paths["app"])  # a half-copied app never sits where the launcher points

    launcher = paths["launcher"]
    launcher.parent.mkdir(parents=True, exist_ok=True)
    if launcher.is_symlink() or launcher.exists():
        launcher.unlink()
    launcher.symlink_to(paths["app"] / NAME)

    desktop = (ROOT / "resources" / DESKTOP).read_text(encoding="utf-8")
    lines = [
        f"Exec={launcher}" if line.startswith("Exec=") else line for line in desktop.splitlines()
    ]
    paths["desktop"].parent.mkdir(parents=True, exist_ok=True)
    paths["desktop"].write_text("\n".join(lines) + "\n", encoding="utf-8")

    paths["metainfo"].parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "resources" / METAINFO, paths["metainfo"])
    for source, relative in icons:
        target = paths["icons"] / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    _refresh_caches(prefix / "share")
    print(f"installed: {launcher} (and its menu entry and icons under {prefix / 'share'})")


def uninstall(prefix: Path) -> None:
    paths = _paths(prefix)
    shutil.rmtree(paths["app"], ignore_errors=True)
    for key in ("launcher", "desktop", "metainfo"):
        path = paths[key]
        if path.is_symlink() or path.exists():
            path.unlink()
    if paths["icons"].is_dir():
        for icon in paths["icons"].glob(f"*/apps/{NAME}.*"):
            icon.unlink()
    _refresh_caches(prefix / "share")
    print(f"uninstalled from {prefix} (your journal is where it was)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["install", "uninstall"])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / NAME)
    parser.add_argument("--prefix", type=Path, default=Path(os.path.expanduser("~")) / ".local")
    args = parser.parse_intermixed_args(argv)
    if args.action == "install":
        install(args.prefix, args.bundle)
    else:
        uninstall(args.prefix)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
