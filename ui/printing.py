"""Printing through Qt: documents go from memory to the printer, never to a temp file."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ui import dialogs


def recovery_sheet_html(recovery_key: str) -> str:
    from app.render import escape  # Markdown loads on first use, not at start-up

    return (
        "<h1>Integration Journal — recovery key</h1>"
        "<p>This key opens your journal if you forget your passphrase. Keep this sheet "
        "somewhere safe and private: anyone who has it and your computer can read your "
        "journal.</p>"
        f"<p style='font-family: monospace; font-size: 20pt; margin: 24pt 0'>"
        f"{escape(recovery_key)}</p>"
        "<p>To use it: open Integration Journal, choose “Use recovery key instead”, type the "
        "key, then choose a new passphrase.</p>"
    )


def print_html(parent: QWidget | None, html: str) -> bool:
    """Ask for a printer (a seam for tests) and print; True when it was printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialogs.run_modal(dialog) != QDialog.DialogCode.Accepted.value:
        return False
    document = QTextDocument()
    document.setHtml(html)
    document.print_(printer)
    return True


def print_recovery_sheet(parent: QWidget | None, recovery_key: str) -> bool:
    return print_html(parent, recovery_sheet_html(recovery_key))
