"""Over time, in pictures: feeling families chosen per week, and questionnaire totals.

Painted with QPainter onto any paint device — a widget on screen, or a PDF page through
``charts_pdf`` (so a picture can go on paper like the plan and the packet). Quiet colours,
never red; counts and totals only: no mood score, no bands, no streaks.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintEvent,
    QPdfWriter,
    QPen,
)
from PySide6.QtWidgets import QWidget

from app.follow.measures import MEASURES
from app.follow.over_time import FeelingWeek
from app.journal.feelings import FAMILIES, OWN_WORDS, family_label
from app.journal.measure_results import MeasureResult

# Soft blues, greens, violets, sand and greys: no family looks alarming or "good".
_COLOURS = (
    "#7a9cc6", "#8fb9a8", "#b5a8d5", "#d8c59a", "#9fb7c9", "#a7c4a0",
    "#c9b3c8", "#bfb59e", "#8ea3b0", "#a9c2d6", "#b9c7a5", "#a0a0b0",
)  # fmt: skip
FAMILY_COLOURS = {
    key: QColor(_COLOURS[i % len(_COLOURS)])
    for i, key in enumerate([f.key for f in FAMILIES] + [OWN_WORDS])
}
MEASURE_COLOURS = {"phq9": QColor("#5f7fa8"), "gad7": QColor("#7d9a6f")}
INK = QColor("#444a52")


@dataclass(frozen=True)
class Look:
    """How the pictures are drawn. On screen: soft colours. On paper (``ui.paper.pictures``):
    axes with their scales, black and greys, and hatching and line styles, so a greyscale
    print still tells every family and questionnaire apart without colour."""

    titled: bool = True
    axes: bool = False
    family: Callable[[QPainter, QRectF, str], None] | None = None  # None: a colour
    measure_pens: dict[str, tuple[QColor, Qt.PenStyle]] | None = None  # None: colours
    square: frozenset[str] = frozenset()  # questionnaires drawn with square dots
    dot: float = 3.0  # the dots' radius, in screen pixels


SCREEN = Look()


def _unit(painter: QPainter) -> float:
    """One screen pixel on this device (a PDF page has hundreds of pixels to the inch)."""
    return max(1.0, painter.device().logicalDpiY() / 96)


def _text(painter: QPainter, at: QPointF, text: str) -> None:
    painter.setPen(INK)
    painter.drawText(at, text)


def _family_swatch(painter: QPainter, box: QRectF, key: str, look: Look) -> None:
    if look.family is None:
        painter.fillRect(box, FAMILY_COLOURS[key])
    else:
        look.family(painter, box, key)


def _measure_pen(painter: QPainter, key: str, look: Look) -> QPen:
    colour, style = MEASURE_COLOURS[key], Qt.PenStyle.SolidLine
    if look.measure_pens is not None:
        colour, style = look.measure_pens[key]
    pen = QPen(colour, 2 * _unit(painter), style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _dot(painter: QPainter, at: QPointF, key: str, look: Look) -> None:
    radius = look.dot * _unit(painter)
    painter.setBrush(_measure_pen(painter, key, look).color())
    painter.setPen(Qt.PenStyle.NoPen)
    if key in look.square:
        painter.drawRect(QRectF(at.x() - radius, at.y() - radius, 2 * radius, 2 * radius))
    else:
        painter.drawEllipse(at, radius, radius)


def _skip_every(painter: QPainter, labels: Sequence[str], step: float) -> int:
    """Label every n-th tick so that no two labels touch."""
    widest = max((painter.fontMetrics().horizontalAdvance(t) for t in labels), default=0)
    return max(1, math.ceil((widest + painter.fontMetrics().height()) / max(step, 1.0)))


def paint_feeling_weeks(
    painter: QPainter, area: QRectF, weeks: Sequence[FeelingWeek], look: Look = SCREEN
) -> None:
    """A column per week, stacked by family (how often its words were chosen)."""
    painter.save()
    line = painter.fontMetrics().height()
    top = area.top()
    if look.titled:
        _text(painter, area.topLeft() + QPointF(0, line), "Feelings chosen, week by week")
        top += line * 1.6
    used = [k for k in FAMILY_COLOURS if any(w.families.get(k) for w in weeks)]
    legend_top = area.bottom() - line * ((len(used) + 2) // 3)
    left = area.left() + (line * 2.6 if look.axes else 0)
    plot = QRectF(left, top + (line * 0.6 if look.axes else 0), area.right() - left, 0)
    plot.setBottom(legend_top - line * (3.4 if look.axes else 1.8))
    tallest = max((sum(w.families.values()) for w in weeks), default=0) or 1
    if look.axes:
        tallest = _count_axis(painter, plot, tallest)
    step = plot.width() / max(1, len(weeks))
    # As many week labels as fit without touching, on screen at any window size as on paper.
    every = _skip_every(painter, [week_label(w.start) for w in weeks], step)
    for index, week in enumerate(weeks):
        x = plot.left() + index * step + step * 0.15
        y = plot.bottom()
        for key in used:
            count = week.families.get(key, 0)
            if count:
                height = plot.height() * count / tallest
                y -= height
                _family_swatch(painter, QRectF(x, y, step * 0.7, height), key, look)
        if index % every == 0:
            _text(painter, QPointF(x, plot.bottom() + line), week_label(week.start))
    if look.axes:
        _text(painter, QPointF(plot.left(), plot.bottom() + line * 2.2), "Week starting")
    for index, key in enumerate(used):
        x = area.left() + (index % 3) * area.width() / 3
        y = legend_top + (index // 3) * line
        swatch = QRectF(x, y + line * 0.2, line * 0.7, line * 0.7)
        _family_swatch(painter, swatch, key, look)
        _text(painter, QPointF(x + line, y + line * 0.85), family_label(key))
    if not used:
        _text(painter, plot.center(), "No feelings chosen in these weeks")
    painter.restore()


def _count_axis(painter: QPainter, plot: QRectF, tallest: int) -> int:
    """The scale of times chosen at the left, with light rules; returns its top."""
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if tallest / s <= 5)
    top = math.ceil(tallest / step) * step
    line = painter.fontMetrics().height()
    for value in range(0, top + 1, step):
        y = plot.bottom() - plot.height() * value / top
        painter.setPen(QPen(QColor("#bbbbbb"), 0.5 * _unit(painter)))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        label = str(value)
        width = painter.fontMetrics().horizontalAdvance(label)
        _text(painter, QPointF(plot.left() - width - line * 0.3, y + line * 0.3), label)
    _vertical_text(painter, QPointF(plot.left() - line * 1.9, plot.center().y()), "Times chosen")
    return top


def _vertical_text(painter: QPainter, centre: QPointF, text: str) -> None:
    painter.save()
    painter.translate(centre)
    painter.rotate(-90)
    width = painter.fontMetrics().horizontalAdvance(text)
    _text(painter, QPointF(-width / 2, 0), text)
    painter.restore()


def paint_measure_totals(
    painter: QPainter, area: QRectF, results: Sequence[MeasureResult], look: Look = SCREEN
) -> None:
    """Each questionnaire's totals as a line over time, on a scale of its own highest total."""
    painter.save()
    line = painter.fontMetrics().height()
    if look.titled:
        _text(painter, area.topLeft() + QPointF(0, line), "Questionnaire totals over time")
        plot = area.adjusted(0, line * 1.6, 0, -line * 2.4)
    else:
        plot = area.adjusted(line * 3, line * 0.6, -line * 3, -line * 4.6)
    if not results:
        _text(painter, plot.center(), "No answers yet")
        painter.restore()
        return
    first = min(r.taken_at for r in results)
    seconds = (max(r.taken_at for r in results) - first).total_seconds()

    inset = line if look.axes else 0.0  # dots clear of the scales at either side

    def x_of(moment: dt.datetime) -> float:
        share = (moment - first).total_seconds() / seconds if seconds else 0.5
        return plot.left() + inset + (plot.width() - 2 * inset) * share

    if look.axes:
        _measure_axes(painter, plot, sorted({r.taken_at for r in results}), x_of)
    else:
        painter.setPen(QPen(QColor("#c8ccd2"), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    for key, measure in MEASURES.items():
        points = [
            QPointF(x_of(r.taken_at), plot.bottom() - plot.height() * r.total / measure.highest)
            for r in results
            if r.measure == key
        ]
        painter.setPen(_measure_pen(painter, key, look))
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        for point in points:
            _dot(painter, point, key, look)
    if not look.axes:
        _text(painter, QPointF(plot.left(), plot.bottom() + line), f"{first:%d %b %Y}")
    legend_top = area.bottom() - line * 1.2 if look.axes else plot.bottom() + line * 1.4
    for index, (key, measure) in enumerate(MEASURES.items()):
        x = plot.left() + index * area.width() / 3
        y = legend_top
        if look.axes:  # a piece of the line itself, with its dot
            painter.setPen(_measure_pen(painter, key, look))
            painter.drawLine(QPointF(x, y + line * 0.55), QPointF(x + line * 3, y + line * 0.55))
            _dot(painter, QPointF(x + line * 1.5, y + line * 0.55), key, look)
            x += line * 2.3
        else:
            swatch = QRectF(x, y + line * 0.2, line * 0.7, line * 0.7)
            painter.fillRect(swatch, MEASURE_COLOURS[key])
        _text(
            painter, QPointF(x + line, y + line * 0.85), f"{measure.name} (0 to {measure.highest})"
        )
    painter.restore()


def _measure_axes(
    painter: QPainter,
    plot: QRectF,
    moments: Sequence[dt.datetime],
    x_of: Callable[[dt.datetime], float],
) -> None:
    """PHQ-9's scale on the left (0 to 27), GAD-7's on the right (0 to 21), both in thirds,
    so one set of rules serves both; the dates answered along the bottom."""
    line = painter.fontMetrics().height()
    unit = _unit(painter)
    phq, gad = MEASURES["phq9"], MEASURES["gad7"]
    for third in range(4):
        y = plot.bottom() - plot.height() * third / 3
        painter.setPen(QPen(QColor("#bbbbbb") if third else INK, (0.5 if third else 1) * unit))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        left = str(phq.highest * third // 3)
        width = painter.fontMetrics().horizontalAdvance(left)
        _text(painter, QPointF(plot.left() - width - line * 0.4, y + line * 0.3), left)
        _text(
            painter,
            QPointF(plot.right() + line * 0.4, y + line * 0.3),
            str(gad.highest * third // 3),
        )
    painter.setPen(QPen(INK, unit))
    painter.drawLine(plot.topLeft(), plot.bottomLeft())
    painter.drawLine(plot.topRight(), plot.bottomRight())
    centre = plot.center().y()
    _vertical_text(painter, QPointF(plot.left() - line * 2.2, centre), f"{phq.name} total")
    _vertical_text(painter, QPointF(plot.right() + line * 2.6, centre), f"{gad.name} total")
    labels = [f"{m.day} {m:%b %Y}" for m in moments]
    spread = plot.width() / max(1, len(moments) - 1)
    every = _skip_every(painter, labels, spread)
    last_right = -math.inf
    for index, (moment, label) in enumerate(zip(moments, labels, strict=True)):
        x = x_of(moment)
        painter.setPen(QPen(INK, unit))
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + line * 0.3))
        width = painter.fontMetrics().horizontalAdvance(label)
        start = min(max(x - width / 2, plot.left() - line), plot.right() + line - width)
        if index % every == 0 and start > last_right:
            _text(painter, QPointF(start, plot.bottom() + line * 1.2), label)
            last_right = start + width + line * 0.5
    _text(painter, QPointF(plot.left(), plot.bottom() + line * 2.5), "Date answered")


def charts_pdf(
    weeks: Sequence[FeelingWeek], results: Sequence[MeasureResult] | None, title: str
) -> bytes:
    """One PDF page with the pictures, made in memory (nothing is written to disk here)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
        )
    )
    writer.setResolution(300)
    painter = QPainter(writer)
    font = QFont()
    font.setPointSizeF(10)
    painter.setFont(font)
    page = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
    page.moveTo(0, 0)
    line = painter.fontMetrics().height()
    _text(painter, QPointF(0, line), title)
    half = (page.height() - line * 2) / 2
    paint_feeling_weeks(painter, QRectF(0, line * 2, page.width(), half * 0.9), weeks)
    if results is not None:
        paint_measure_totals(painter, QRectF(0, line * 2 + half, page.width(), half * 0.9), results)
    painter.end()
    buffer.close()
    return bytes(data.data())


class ChartView(QWidget):
    """The pictures on screen (the same painting as on paper)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Over time, in pictures")
        self.setMinimumHeight(260)
        self.weeks: list[FeelingWeek] = []
        self.results: list[MeasureResult] | None = None

    def show_data(self, weeks: list[FeelingWeek], results: list[MeasureResult] | None) -> None:
        self.weeks, self.results = weeks, results
        chosen = sum(sum(w.families.values()) for w in weeks)
        described = f"{chosen} feeling words chosen over {len(weeks)} weeks"
        if results is not None:
            described += f"; {len(results)} questionnaire answers"
        self.setAccessibleDescription(described)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(8, 4, -8, -4)
        if self.results is None:
            paint_feeling_weeks(painter, area, self.weeks)
        else:
            left = QRectF(area.left(), area.top(), area.width() * 0.55, area.height())
            right = QRectF(left.right() + 16, area.top(), area.width() * 0.45 - 16, area.height())
            paint_feeling_weeks(painter, left, self.weeks)
            paint_measure_totals(painter, right, self.results)
        painter.end()


def week_label(start: dt.date) -> str:
    return f"{start.day} {start:%b}"
