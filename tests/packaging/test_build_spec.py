"""build.spec's trimming rules match each system's own file names for the same Qt parts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

SPEC = Path(__file__).resolve().parents[2] / "build.spec"


@pytest.fixture(scope="module")
def is_unused() -> Callable[[str], bool]:
    source = SPEC.read_text(encoding="utf-8")
    rules = source[source.index("EXCLUDED_PLUGINS = (") : source.index("a = Analysis(")]
    namespace: dict[str, object] = {}
    exec(rules, namespace)  # only the rules: constants and pure functions
    rule = namespace["_is_unused_qt_file"]
    assert callable(rule)
    return rule  # type: ignore[return-value]


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqeglfs.so",  # Linux
        "PySide6/plugins/platforms/qminimal.dll",  # Windows
        "PySide6/plugins/platforms/qdirect2d.dll",
        "PySide6\\plugins\\imageformats\\qjpeg.dll",
        "PySide6/Qt/plugins/imageformats/libqjpeg.dylib",  # macOS
        "PySide6/Qt/plugins/tls/libqopensslbackend.dylib",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt6Network.dll",
        "PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/translations/qtbase_de.qm",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    ],
)
def test_unused_parts_are_left_out_on_every_system(is_unused, dest: str) -> None:
    assert is_unused(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/imageformats/libqsvg.dylib",
        "PySide6/plugins/imageformats/qsvg.dll",
        "PySide6/plugins/iconengines/qsvgicon.dll",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt6Gui.dll",
        "PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    ],
)
def test_what_the_app_needs_stays_on_every_system(is_unused, dest: str) -> None:
    assert not is_unused(dest)
