"""Run under strace by test_no_socket_syscalls.py: the self-test, then every way a document
reaches paper short of printing (PDF bytes, a page image, the packet window's preview and
the action plan's print preview), with the print service as close as it ever comes."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app import vault
from app.documents import Document
from app.vault.kdf import KdfParams
from ui.common import dialogs
from ui.paper import printing
from ui.shell import self_test


def main() -> int:
    if self_test.run(sys.stdout) != 0:
        return 1
    app = QApplication.instance() or QApplication(sys.argv)
    document = Document("<h1>Paper</h1><p>Words on a page.</p>", title="Paper")
    printing.pdf_bytes(document, printing.A4)
    printing.page_image(document, printing.A4)
    with tempfile.TemporaryDirectory() as folder:
        dialogs.answer_next(True, str(Path(folder) / "out.pdf"))
        assert printing.save_pdf(None, document, "out.pdf", printing.A4) is not None
        vault.create(Path(folder) / "j", "a passphrase", kdf=KdfParams(8, 1, 1))
        opened = vault.unlock(Path(folder) / "j", "a passphrase")
        opened.journal.add_session(dt.date(2024, 5, 1), title="A session")
        from ui.paper.therapy_packet import TherapyPacketWindow

        window = TherapyPacketWindow(opened.journal)
        window.show()
        app.processEvents()
        window.close()
        dialogs.answer_next(lambda dialog: 0)  # the preview, closed at once
        printing.preview_document(None, document, printing.A4)
        opened.lock()
    print("driver ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
