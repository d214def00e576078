"""Pages of the printed action plan and therapy packet as images, from the demo journal.

QT_QPA_PLATFORM=offscreen python scripts/print_screenshots.py [--out docs/screenshots]

Each page is drawn by ``ui.paper.printing.paint_page``, the painter that prints and writes PDFs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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
            plan = documents.action_plan(j, first_name="Alex", today=day)
            choices = [documents.SessionChoice(s.id) for s in j.sessions()]
            packet = documents.therapy_packet(
                j, choices, cover=True, cover_title="For my session on 24 November", today=day
            )
            pages = {"print-plan": (plan, 0), "therapy-packet": (packet, 2)}
            for name, (document, index) in pages.items():
                image = printing.page_image(document, printing.A4, index, dpi=110)
                image.save(str(args.out / f"{name}.png"))
                print(args.out / f"{name}.png")
        finally:
            v.lock()
    return 0


if __name__ == "__main__":
    sys.exit(main())
