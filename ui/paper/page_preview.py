"""The pages as they will print, drawn on images: the print preview without a printer.

Qt's own preview (``QPrintPreviewWidget``/``Dialog``) needs a ``QPrinter``, and making one
loads the print system, which connects to the print service (CUPS on port 631, or any host
``CUPS_SERVER`` names) before anyone prints. These pages are painted by the same code as
the printer's and the PDF's (``ui.paper.pages``), on images, so what is shown is what will
print; a printer is made only when the client chooses "Print…".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.paper.pages import page_images

if TYPE_CHECKING:
    from app.documents import Document

PREVIEW_DPI = 72  # one pixel per point: an A4 page is 595 × 842


class PagePreview(QScrollArea):
    """Every page of a document, one under the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._pages: list[QLabel] = []
        self._make_column()

    def _make_column(self) -> None:
        column = QWidget(self)
        column.setObjectName("previewColumn")
        self._layout = QVBoxLayout(column)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._layout.setSpacing(12)
        self.setWidget(column)

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def show_document(self, document: Document, paper: QPageSize.PageSizeId) -> None:
        self.clear()
        for number, image in enumerate(page_images(document, paper, PREVIEW_DPI), start=1):
            label = QLabel(self.widget())
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(f"Page {number}")
            self._layout.addWidget(label)
            self._pages.append(label)

    def clear(self) -> None:
        """Drop the page images (they hold the words), not just hide them."""
        self._pages.clear()
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self._make_column()


class PreviewDialog(QDialog):
    """Print preview: the pages, then "Print…" (the one place a printer is made) or Close."""

    def __init__(
        self, document: Document, paper: QPageSize.PageSizeId, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print preview")
        self.document = document
        self.paper = paper
        self.pages = PagePreview(self)
        self.pages.setAccessibleName("Preview of the pages that will print")
        self.pages.show_document(document, paper)
        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton("Print…", self)
        self.print_button.setAccessibleName("Print these pages")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_pages)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)
        self.resize(680, 760)

    def print_pages(self) -> None:
        from ui.paper.printing import print_document

        if print_document(self, self.document, self.paper):
            self.accept()
