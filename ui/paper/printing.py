"""One way to put any document on paper: printer, print preview, PDF file or an image.

``app.documents`` builds the HTML; ``ui.paper.pages`` lays it out and paints its pages; here
they go to the printer, the preview or a PDF, asking first where a file would not be
encrypted. Everything goes straight from memory to the printer or to the file the client
picked: no temp files. The names of ``ui.paper.pages`` are importable from here too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
)
from PySide6.QtWidgets import QDialog, QWidget

from ui.common import dialogs
from ui.paper.pages import (
    A4,
    LETTER,
    PAPER_NAMES,
    Laid,
    SafeDocument,
    default_paper,
    full_page,
    lay_out,
    page_image,
    paint_document,
    paint_page,
    pdf_bytes,
)

if TYPE_CHECKING:
    from app.documents import Document


def make_printer(paper: QPageSize.PageSizeId) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # we draw our own margins, from the paper's edge
    printer.setPageLayout(full_page(paper))
    return printer


def printer_pages(printer: QPrinter) -> range | None:
    """The pages the print dialog asked for, or None for all."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        return range(printer.fromPage() - 1, printer.toPage())
    return None


# -- what the menus call -----------------------------------------------------------------------

PDF_WARNING = (
    "The PDF will not be encrypted: anyone who can open the file can read what is in it. "
    "Save it somewhere only you can reach, and delete it when you no longer need it."
)


PRINT_TO_FILE = "Print to a file"


def printer_may_paint(parent: QWidget | None, printer: QPrinter) -> bool:
    """A printer told to print to a file (a PDF) says first that the file won't be
    encrypted; False when the person would rather not write it."""
    if not printer.outputFileName():
        return True
    return dialogs.confirm(parent, PRINT_TO_FILE, PDF_WARNING, "Print to the file", "Don't print")


def paint_for_printer(
    parent: QWidget | None, printer: QPrinter, document: Document, pages: range | None = None
) -> int | None:
    """Paint on a printer (the print dialog's, or the preview's when it prints); None when
    it would have written an unencrypted file and the person declined (nothing painted)."""
    if not printer_may_paint(parent, printer):
        return None
    return paint_document(printer, document, pages)


def print_dialog(printer: QPrinter, parent: QWidget | None) -> QPrintDialog:
    """The print dialog, without "Print to file": a PDF is saved with Save as PDF, which
    says it won't be encrypted before asking where."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print")
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    return dialog


def print_document(
    parent: QWidget | None, document: Document, paper: QPageSize.PageSizeId | None = None
) -> bool:
    """Ask for a printer (a seam for tests) and print; True when it was printed."""
    printer = make_printer(paper or default_paper())
    dialog = print_dialog(printer, parent)
    if dialogs.run_modal(dialog) != QDialog.DialogCode.Accepted.value:
        return False
    painted = paint_for_printer(parent, printer, document, printer_pages(printer))
    if painted is None:
        return False
    if painted == 0:
        dialogs.warn(
            parent,
            "Not printed",
            "The printer could not be started, so nothing was printed. You could try again, "
            "or save a PDF instead.",
        )
        return False
    return True


def preview_document(
    parent: QWidget | None, document: Document, paper: QPageSize.PageSizeId | None = None
) -> None:
    printer = make_printer(paper or default_paper())
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Print preview")
    # The preview's own Print button can print to a file: that asks first, too.
    dialog.paintRequested.connect(lambda target: paint_for_printer(dialog, target, document))
    dialogs.run_modal(dialog)
    dialog.deleteLater()


def save_pdf(
    parent: QWidget | None,
    document: Document,
    suggested_name: str,
    paper: QPageSize.PageSizeId | None = None,
) -> Path | None:
    """Say that the PDF is not encrypted, ask where, then write it in one go."""
    from app.files import write_atomically

    if not dialogs.confirm(
        parent, "Save as PDF", PDF_WARNING, "Choose where to save", "Don't save"
    ):
        return None
    chosen = dialogs.ask_save_file(
        parent, "Save as PDF", str(Path.home() / suggested_name), "PDF files (*.pdf)"
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    data = pdf_bytes(document, paper or default_paper())
    try:
        write_atomically(path, data)
    except OSError as error:
        dialogs.warn(
            parent,
            "Not saved",
            f"The PDF could not be saved there ({error.strerror or 'an error'}). "
            "Nothing was written; you can choose another place.",
        )
        return None
    return path


# -- the recovery sheet from the first run -------------------------------------------------------


def recovery_sheet_html(recovery_key: str) -> str:
    from app.documents import recovery_sheet  # Markdown loads on first use, not at start-up

    return recovery_sheet(recovery_key).html


def print_html(parent: QWidget | None, html: str, title: str = "Integration Journal") -> bool:
    """Print an HTML document through the same machinery as every other document."""
    from app.documents import Document

    return print_document(parent, Document(html, title=title))


def print_recovery_sheet(parent: QWidget | None, recovery_key: str) -> bool:
    from app.documents import recovery_sheet

    return print_document(parent, recovery_sheet(recovery_key))


__all__ = [
    "A4",
    "LETTER",
    "PAPER_NAMES",
    "Laid",
    "SafeDocument",
    "default_paper",
    "full_page",
    "lay_out",
    "make_printer",
    "page_image",
    "paint_document",
    "paint_for_printer",
    "paint_page",
    "pdf_bytes",
    "preview_document",
    "print_dialog",
    "print_document",
    "print_html",
    "print_recovery_sheet",
    "printer_may_paint",
    "recovery_sheet_html",
    "save_pdf",
]
