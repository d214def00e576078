"""The app's icons for every system, made from the one SVG (build.spec and `make install` run it).

    python scripts/make_icons.py OUT_FOLDER

Writes ``OUT_FOLDER/hicolor/<N>x<N>/apps/integration-journal.png`` for N in 16…512 (Qt's
own SVG renderer draws each size), ``integration-journal.ico`` (Windows: 16–256, written by
Pillow) and ``integration-journal.icns`` (macOS: written by Pillow, from the 512 PNG).
Pillow is in the ``build`` extra; without it only the PNGs are made.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "integration-journal.svg"
NAME = "integration-journal"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico holds


def render_pngs(out: Path) -> dict[int, Path]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"could not read {SVG}")
    written = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"could not write {target}")
        written[size] = target
    del app
    return written


def write_ico_and_icns(out: Path, pngs: dict[int, Path]) -> list[Path]:
    try:
        from PIL import Image
    except ImportError:
        print("make_icons: Pillow is missing; no .ico or .icns made", file=sys.stderr)
        return []
    largest = Image.open(pngs[max(SIZES)]).convert("RGBA")
    ico = out / f"{NAME}.ico"
    largest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
    icns = out / f"{NAME}.icns"
    largest.save(icns, format="ICNS")
    return [ico, icns]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    pngs = render_pngs(out)
    made = [*pngs.values(), *write_ico_and_icns(out, pngs)]
    print(f"make_icons: {len(made)} files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
