"""Pages of the printed action plan and therapy packet as images, from the demo journal.

QT_QPA_PLATFORM=offscreen python scripts/print_screenshots.py [--out docs/screenshots]

Each page is drawn by ``ui.paper.printing.paint_page``, the painter that prints and writes PDFs;
with poppler's ``pdftoppm`` installed, the picture is made from the saved PDF itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from app import documents, vault
from app.vault.kdf import KdfParams
from scripts.screenshots import PASSPHRASE, fill
from ui.paper import printing


def from_pdf(document: documents.Document, index: int, target: Path, tmp: Path) -> bool:
    """The page as the PDF the app saves draws it (poppler's pdftoppm), when installed."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return False
    pdf = tmp / "page.pdf"
    pdf.write_bytes(printing.pdf_bytes(document, printing.A4))
    page = str(index + 1)
    stem = tmp / "page"
    subprocess.run(
        [tool, "-png", "-r", "110", "-f", page, "-l", page, "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    shutil.move(str(stem.with_suffix(".png")), target)
    return True


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert app is not None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        vault.create(folder, PASSPHRASE, kdf=KdfParams.insecure_for_tests())
        fill(folder)
        v = vault.unlock(folder, PASSPHRASE)
        try:
            j = v.journal
            day = dt.date(2026, 11, 21)
            plan = documents.action_plan(
                j,
                first_name="Alex",
                own_words="Go gently. Small is enough.",
                today=day,
            )
            choices = [documents.SessionChoice(s.id) for s in j.sessions()]
            packet = documents.therapy_packet(
                j, choices, cover=True, cover_title="For my session on 24 November", today=day
            )
            sheet = documents.recovery_sheet("7KQ2-M9XD-4HTB-WR3P-ZC8N-F6JA-2VLE-Y5SG", day)
            pages = {
                "print-plan": (plan, 0),
                "therapy-packet": (packet, 2),
                "recovery-sheet": (sheet, 0),
            }
            for name, (document, index) in pages.items():
                target = args.out / f"{name}.png"
                if not from_pdf(document, index, target, Path(tmp)):
                    image = printing.page_image(document, printing.A4, index, dpi=110)
                    image.save(str(target))
                print(target)
        finally:
            v.lock()
    return 0


if __name__ == "__main__":
    sys.exit(main())
