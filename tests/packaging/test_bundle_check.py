"""scripts/check_bundle_libs.py: a Linux bundle that lacks a library a Qt plugin needs fails."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("ldd") is None,
    reason="ELF bundles and ldd are Linux's",
)


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "check_bundle_libs", REPO / "scripts" / "check_bundle_libs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _xcb_plugin() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def test_a_plugin_whose_libraries_are_not_in_the_bundle_fails(tmp_path: Path) -> None:
    platforms = tmp_path / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    shutil.copy(_xcb_plugin(), platforms)  # alone: Qt's own libraries are not beside it
    check = _script()
    found = check.problems(tmp_path)
    assert any("libQt6XcbQpa.so.6" in problem for problem in found), found
    assert not any("libc.so.6" in problem for problem in found)  # the system's, allowed
    assert check.main([str(tmp_path)]) == 1


def test_a_bundle_needing_only_the_base_system_passes(tmp_path: Path) -> None:
    true = shutil.which("true")
    assert true is not None
    (tmp_path / "_internal").mkdir()
    shutil.copy(true, tmp_path / "_internal" / "tool")
    plugin = tmp_path / "_internal" / "platforms" / "libqxcb.so"
    plugin.parent.mkdir()
    shutil.copy(true, plugin)  # stands in for the plugin: links libc only
    check = _script()
    assert check.problems(tmp_path) == []
    assert check.main([str(tmp_path)]) == 0
