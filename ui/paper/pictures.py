"""The packet's pictures on paper: the Over time window's charts, drawn in the page.

``app.documents.pictures`` marks each picture's place with an anchor; here that place becomes
a text object of the page's width, and the layout calls ``PictureObject.drawObject`` with
the painter of the page — so the chart is painted by ``ui.follow.charts`` in vectors on a
PDF, and on the preview's images by the same code. Nothing is loaded: no image resource,
no ``loadResource`` (``SafeDocument`` still answers every request with nothing).

Print colours: black and greys only, each feeling family a grey with its own hatching and
each questionnaire its own line and dot, so nothing relies on colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPen,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from app.documents.pictures import ANCHOR_PREFIX, FEELINGS, Picture
from app.journal.feelings import FAMILIES, OWN_WORDS
from ui.follow.charts import Look, paint_feeling_weeks, paint_measure_totals

if TYPE_CHECKING:
    from collections.abc import Sequence

PICTURE_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 7
_PICTURE_INDEX = int(QTextFormat.Property.UserProperty) + 7
HEIGHT_SHARE = {FEELINGS: 0.62}  # of the text's width; the questionnaires take 0.5
INK = QColor("#222222")

# A grey and a hatching (either diagonal, -, |, +, x) for each family, in the families order
# (alphabetical, none ranked): neighbours differ, and a greyscale print tells all apart.
_FILLS = (
    ("#d9d9d9", ""), ("#ffffff", "/"), ("#6e6e6e", ""), ("#ffffff", "\\"), ("#a6a6a6", ""),
    ("#ffffff", "+"), ("#d9d9d9", "/"), ("#ffffff", "-"), ("#a6a6a6", "x"), ("#ffffff", "|"),
    ("#d9d9d9", "\\"), ("#ffffff", "x"), ("#ffffff", ""),
)  # fmt: skip
FAMILY_FILLS = dict(zip([f.key for f in FAMILIES] + [OWN_WORDS], _FILLS, strict=False))


def paint_family(painter: QPainter, box: QRectF, key: str) -> None:
    """A family's piece of a column (or its legend swatch): grey, hatching, thin outline."""
    grey, hatch = FAMILY_FILLS.get(key, ("#ffffff", "x"))
    unit = max(1.0, painter.device().logicalDpiY() / 96)
    painter.save()
    painter.fillRect(box, QColor(grey))
    painter.setClipRect(box, Qt.ClipOperation.IntersectClip)
    dark = QColor(grey).lightness() < 140
    painter.setPen(QPen(QColor("#ffffff") if dark else INK, 0.6 * unit))
    gap = 4 * unit
    size = box.width() + box.height()
    steps = int(size / gap) + 1
    for n in range(steps):
        d = n * gap
        if "\\" in hatch or "x" in hatch:
            painter.drawLine(
                QPointF(box.left() + d, box.bottom()),
                QPointF(box.left() + d - box.height(), box.top()),
            )
        if "/" in hatch or "x" in hatch:
            painter.drawLine(
                QPointF(box.left() + d - box.height(), box.bottom()),
                QPointF(box.left() + d, box.top()),
            )
        if ("-" in hatch or "+" in hatch) and d <= box.height():
            painter.drawLine(
                QPointF(box.left(), box.top() + d), QPointF(box.right(), box.top() + d)
            )
        if ("|" in hatch or "+" in hatch) and d <= box.width():
            painter.drawLine(
                QPointF(box.left() + d, box.top()), QPointF(box.left() + d, box.bottom())
            )
    painter.setClipping(False)
    painter.setPen(QPen(INK, 0.6 * unit))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(box)
    painter.restore()


PRINT = Look(
    titled=False,
    axes=True,
    family=paint_family,
    measure_pens={
        "phq9": (QColor("#111111"), Qt.PenStyle.SolidLine),
        "gad7": (QColor("#555555"), Qt.PenStyle.DashLine),
    },
    square=frozenset({"gad7"}),
    dot=4.5,
)


def _chart_font() -> QFont:
    font = QFont()
    font.setFamilies(["Source Sans 3", "Noto Sans", "DejaVu Sans", "Helvetica", "Arial"])
    font.setPointSizeF(8.5)
    return font


class PictureObject(QPyTextObject):
    """The layout's handler for the pictures' text objects: their size, and their painting."""

    def __init__(self, pictures: Sequence[Picture], width: float, parent: QObject) -> None:
        super().__init__(parent)
        self.pictures = list(pictures)
        self.width = width

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        picture = self.pictures[int(fmt.property(_PICTURE_INDEX))]
        return QSizeF(self.width, self.width * HEIGHT_SHARE.get(picture.kind, 0.5))

    def drawObject(
        self,
        painter: QPainter,
        rect: QRectF | QRect,
        doc: QTextDocument,
        pos: int,
        fmt: QTextFormat,
    ) -> None:
        picture = self.pictures[int(fmt.property(_PICTURE_INDEX))]
        rect = QRectF(rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(_chart_font())
        if picture.kind == FEELINGS:
            paint_feeling_weeks(painter, rect, picture.weeks, PRINT)
        else:
            paint_measure_totals(painter, rect, picture.results, PRINT)
        painter.restore()


def place_pictures(text: QTextDocument, pictures: Sequence[Picture], width: float) -> int:
    """Put each marked picture in its place, ``width`` device pixels wide; returns how many
    were placed. Call after ``setHtml`` and before the layout is used."""
    handler = PictureObject(pictures, width, text)
    text.documentLayout().registerHandler(PICTURE_OBJECT, handler)
    places: list[tuple[int, int]] = []
    block = text.begin()
    while block.isValid():
        if block.length() > 1:
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
            for name in cursor.charFormat().anchorNames():
                if name.startswith(ANCHOR_PREFIX):
                    index = int(name.removeprefix(ANCHOR_PREFIX))
                    if 0 <= index < len(pictures):
                        places.append((block.position(), index))
        block = block.next()
    cursor = QTextCursor(text)
    cursor.beginEditBlock()
    for position, index in reversed(places):  # from the end: earlier positions stay true
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText("\ufffc", _object_format(index))
    cursor.endEditBlock()
    return len(places)


def _object_format(index: int) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setObjectType(PICTURE_OBJECT)
    fmt.setProperty(_PICTURE_INDEX, index)
    return fmt
