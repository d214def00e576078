"""A document on a page: laid out in a ``SafeDocument`` (which never loads a resource) on a
page smaller than the paper, and every page painted with the document's title at the top and
"Page N of M" (plus an optional footer) at the bottom — on a printer, a PDF made in memory
or an image. ``ui.paper.printing`` puts it on paper or in a file the client picked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

if TYPE_CHECKING:
    # Only a type here: loading the print system makes libcups connect to the print
    # service, so nothing but the client's choice to print creates a QPrinter.
    from PySide6.QtPrintSupport import QPrinter

    from app.documents import Document

# Page geometry in millimetres: text inside the margins, header and footer within them.
MARGIN_SIDE_MM = 20.0
MARGIN_TOP_MM = 24.0
MARGIN_BOTTOM_MM = 24.0
HEADER_FROM_TOP_MM = 11.0
FOOTER_FROM_BOTTOM_MM = 11.0
_CSS_DPI = 96.0  # QTextDocument's lengths are CSS pixels, scaled to the paint device

A4 = QPageSize.PageSizeId.A4
LETTER = QPageSize.PageSizeId.Letter
PAPER_NAMES = {A4: "A4", LETTER: "Letter"}

# Countries that use Letter paper although their measurement system is metric.
_LETTER_COUNTRIES = {
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.Philippines,
    QLocale.Country.Venezuela,
}


def default_paper(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    """Letter where the system's locale uses it (the US and a few neighbours), else A4."""
    locale = locale or QLocale.system()
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return LETTER
    return LETTER if locale.territory() in _LETTER_COUNTRIES else A4


class SafeDocument(QTextDocument):
    """A text document that loads nothing: every image, style sheet or other resource it
    asks for is answered with nothing. What it asked for is noted, for tests."""

    requested: ClassVar[list[str]] = []  # every request by any SafeDocument, newest last (tests)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        SafeDocument.requested.append(name.toString() if isinstance(name, QUrl) else name)
        return None


@dataclass
class Laid:
    """A document laid out for one paint device."""

    text: SafeDocument
    width: float  # the whole paper, in device pixels
    height: float
    dpi: float

    @property
    def page_count(self) -> int:
        return max(1, self.text.pageCount())

    def mm(self, millimetres: float) -> float:
        return millimetres * self.dpi / 25.4


def lay_out(document: Document, device: QPaintDevice) -> Laid:
    """Lay the document out for ``device`` (whose size is the whole paper)."""
    text = SafeDocument()
    text.documentLayout().setPaintDevice(device)
    text.setDocumentMargin(0)
    text.setUndoRedoEnabled(False)
    font = QFont()
    font.setFamilies(["Iowan Old Style", "Palatino Linotype", "Georgia", "DejaVu Serif"])
    font.setPointSizeF(11)
    text.setDefaultFont(font)
    text.setHtml(document.html)
    # The root frame's margins repeat on every page; they are CSS pixels, which the layout
    # scales to the device, like QTextDocument::print does.
    frame = text.rootFrame().frameFormat()
    per_mm = _CSS_DPI / 25.4
    frame.setLeftMargin(MARGIN_SIDE_MM * per_mm)
    frame.setRightMargin(MARGIN_SIDE_MM * per_mm)
    frame.setTopMargin(MARGIN_TOP_MM * per_mm)
    frame.setBottomMargin(MARGIN_BOTTOM_MM * per_mm)
    text.rootFrame().setFrameFormat(frame)
    dpi = float(device.logicalDpiY())
    laid = Laid(text, float(device.width()), float(device.height()), dpi)
    if document.pictures:  # charts drawn in the page, in vectors: nothing to load
        from ui.paper.pictures import place_pictures

        place_pictures(text, document.pictures, laid.width - 2 * laid.mm(MARGIN_SIDE_MM) - 2)
    if "-qt-user-state" in document.html:
        keep_groups_together(laid)  # sets the page size too
    else:
        text.setPageSize(QSizeF(laid.width, laid.height))
    return laid


def keep_groups_together(laid: Laid) -> int:
    """Start a group of blocks (``KEEP_START`` … ``KEEP_END``) on a new page when it
    would be split and fits on one page; returns how many page breaks were added.

    The groups are measured on one long page (no page gaps to confuse the sums), the new
    page positions worked out in one pass, and all breaks go in as one edit after the real
    page size: the document is laid out twice in all, not once per break.
    """
    from app.documents import KEEP_END, KEEP_START

    text = laid.text
    text.setTextWidth(laid.width)  # one endless page: no pagination
    layout = text.documentLayout()
    top_margin, bottom_margin = laid.mm(MARGIN_TOP_MM), laid.mm(MARGIN_BOTTOM_MM)
    usable = laid.height - top_margin - bottom_margin
    groups: list[tuple[QTextBlock, float, float]] = []
    start: QTextBlock | None = None
    top = 0.0
    block = text.begin()
    while block.isValid():
        state = block.userState()
        if state == KEEP_START and start is None:
            start, top = block, layout.blockBoundingRect(block).top()
        elif state == KEEP_END and start is not None:
            groups.append((start, top, layout.blockBoundingRect(block).bottom()))
            start = None
        block = block.next()
    shift = 0.0
    breaks: list[QTextBlock] = []
    slack = laid.mm(1.5)  # rounding between the two layouts
    for first, group_top, group_bottom in groups:
        page = int((group_top + shift) // laid.height)
        page_end = (page + 1) * laid.height - bottom_margin - slack
        if group_bottom + shift > page_end and group_bottom - group_top <= usable - slack:
            breaks.append(first)
            # After a break the block keeps its own top margin (CSS pixels, scaled).
            own_margin = first.blockFormat().topMargin() * laid.dpi / _CSS_DPI
            new_top = (page + 1) * laid.height + top_margin + own_margin
            shift += new_top - (group_top + shift)
    # The real page size goes in before the breaks: the edits then cost nothing now, and
    # the one paginated layout happens when the pages are counted or drawn.
    text.setPageSize(QSizeF(laid.width, laid.height))
    if breaks:
        cursor = QTextCursor(text)
        cursor.beginEditBlock()
        policy = QTextBlockFormat()
        policy.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        for first in breaks:
            cursor.setPosition(first.position())
            cursor.mergeBlockFormat(policy)
        cursor.endEditBlock()
    return len(breaks)


def _decor_font() -> QFont:
    font = QFont()
    font.setFamilies(["Source Sans 3", "Noto Sans", "DejaVu Sans", "Helvetica", "Arial"])
    font.setPointSizeF(8.5)
    return font


def paint_page(painter: QPainter, laid: Laid, document: Document, index: int) -> None:
    """Draw page ``index`` (0-based) of the laid-out document with its header and footer."""
    painter.save()
    painter.fillRect(QRectF(0, 0, laid.width, laid.height), QColor("white"))
    painter.translate(0, -index * laid.height)
    view = QRectF(0, index * laid.height, laid.width, laid.height)
    painter.setClipRect(view)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = view
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, QColor("#222222"))
    context.palette = palette
    laid.text.documentLayout().draw(painter, context)
    painter.restore()

    painter.save()
    font = _decor_font()
    painter.setFont(font)
    painter.setPen(QColor("#777777"))
    metrics = QFontMetricsF(font, painter.device())
    side = laid.mm(MARGIN_SIDE_MM)
    inner = laid.width - 2 * side
    header_y = laid.mm(HEADER_FROM_TOP_MM)
    title = metrics.elidedText(document.title, Qt.TextElideMode.ElideRight, inner)
    painter.drawText(QRectF(side, header_y, inner, metrics.height()), title)
    footer_y = laid.height - laid.mm(FOOTER_FROM_BOTTOM_MM) - metrics.height()
    numbers = f"Page {index + 1} of {laid.page_count}"
    footer_box = QRectF(side, footer_y, inner, metrics.height())
    painter.drawText(footer_box, int(Qt.AlignmentFlag.AlignRight), numbers)
    if document.footer:
        room = inner - metrics.horizontalAdvance(numbers) - laid.mm(8)
        footer = metrics.elidedText(document.footer, Qt.TextElideMode.ElideRight, room)
        painter.drawText(footer_box, int(Qt.AlignmentFlag.AlignLeft), footer)
    painter.restore()


def paint_document(
    device: QPrinter | QPdfWriter,
    document: Document,
    pages: range | None = None,
) -> int:
    """Paint every page (or ``pages``) on a printer or PDF writer; returns the page count."""
    laid = lay_out(document, device)
    wanted = pages if pages is not None else range(laid.page_count)
    wanted = range(max(wanted.start, 0), min(wanted.stop, laid.page_count))
    painter = QPainter()
    if not painter.begin(device):
        return 0
    try:
        for n, index in enumerate(wanted):
            if n:
                device.newPage()
            paint_page(painter, laid, document, index)
    finally:
        painter.end()
    return laid.page_count


def full_page(paper: QPageSize.PageSizeId) -> QPageLayout:
    return QPageLayout(QPageSize(paper), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


def pdf_bytes(document: Document, paper: QPageSize.PageSizeId, resolution: int = 600) -> bytes:
    """The document as a PDF, made in memory."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(resolution)
    writer.setPageLayout(full_page(paper))
    writer.setTitle(document.title)
    writer.setCreator("Integration Journal")
    paint_document(writer, document)
    del writer  # finishes the file
    data = bytes(buffer.data().data())
    buffer.close()
    return data


def _blank_page(paper: QPageSize.PageSizeId, dpi: int) -> QImage:
    size = QPageSize(paper).sizePoints()
    width = round(size.width() * dpi / 72)
    height = round(size.height() * dpi / 72)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(per_metre)
    image.setDotsPerMeterY(per_metre)
    image.fill(QColor("white"))
    return image


def page_images(
    document: Document, paper: QPageSize.PageSizeId, dpi: int = 110, limit: int | None = None
) -> list[QImage]:
    """Every page (or the first ``limit``) as an image, laid out once: the print preview.

    Drawn by the same painter as the printer's and the PDF's pages, on images, so a
    preview never touches the print system.
    """
    first = _blank_page(paper, dpi)
    laid = lay_out(document, first)
    count = laid.page_count if limit is None else min(limit, laid.page_count)
    images = [first] + [_blank_page(paper, dpi) for _ in range(1, count)]
    for index, image in enumerate(images):
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        paint_page(painter, laid, document, index)
        painter.end()
    return images


def page_image(
    document: Document, paper: QPageSize.PageSizeId, index: int = 0, dpi: int = 110
) -> QImage:
    """One page as an image, drawn by the same painter (screenshots, previews in tests)."""
    images = page_images(document, paper, dpi, limit=index + 1)
    return images[min(index, len(images) - 1)]
