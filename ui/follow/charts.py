"""Over time, in pictures: feeling families chosen per week, and questionnaire totals.

Painted with QPainter onto any paint device — a widget on screen, or a PDF page through
``charts_pdf`` (so a picture can go on paper like the plan and the packet). Quiet colours,
never red; counts and totals only: no mood score, no bands, no streaks.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF
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


def _text(painter: QPainter, at: QPointF, text: str) -> None:
    painter.setPen(INK)
    painter.drawText(at, text)


def paint_feeling_weeks(painter: QPainter, area: QRectF, weeks: Sequence[FeelingWeek]) -> None:
    """A column per week, stacked by family (how often its words were chosen)."""
    painter.save()
    line = painter.fontMetrics().height()
    _text(painter, area.topLeft() + QPointF(0, line), "Feelings chosen, week by week")
    used = [k for k in FAMILY_COLOURS if any(w.families.get(k) for w in weeks)]
    legend_top = area.bottom() - line * ((len(used) + 2) // 3)
    plot = QRectF(area.left(), area.top() + line * 1.6, area.width(), 0)
    plot.setBottom(legend_top - line * 1.8)
    tallest = max((sum(w.families.values()) for w in weeks), default=0) or 1
    step = plot.width() / max(1, len(weeks))
    for index, week in enumerate(weeks):
        x = plot.left() + index * step + step * 0.15
        y = plot.bottom()
        for key in used:
            count = week.families.get(key, 0)
            if count:
                height = plot.height() * count / tallest
                y -= height
                painter.fillRect(QRectF(x, y, step * 0.7, height), FAMILY_COLOURS[key])
        if len(weeks) <= 12 or index % 2 == 0:
            _text(painter, QPointF(x, plot.bottom() + line), week_label(week.start))
    for index, key in enumerate(used):
        x = area.left() + (index % 3) * area.width() / 3
        y = legend_top + (index // 3) * line
        painter.fillRect(QRectF(x, y + line * 0.2, line * 0.7, line * 0.7), FAMILY_COLOURS[key])
        _text(painter, QPointF(x + line, y + line * 0.85), family_label(key))
    if not used:
        _text(painter, plot.center(), "No feelings chosen in these weeks")
    painter.restore()


def paint_measure_totals(painter: QPainter, area: QRectF, results: Sequence[MeasureResult]) -> None:
    """Each questionnaire's totals as a line over time, on a scale of its own highest total."""
    painter.save()
    line = painter.fontMetrics().height()
    _text(painter, area.topLeft() + QPointF(0, line), "Questionnaire totals over time")
    plot = area.adjusted(0, line * 1.6, 0, -line * 2.4)
    if not results:
        _text(painter, plot.center(), "No answers yet")
        painter.restore()
        return
    first = min(r.taken_at for r in results)
    span = max((max(r.taken_at for r in results) - first).total_seconds(), 1.0)
    painter.setPen(QPen(QColor("#c8ccd2"), 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    for key, measure in MEASURES.items():
        points = [
            QPointF(
                plot.left() + plot.width() * (r.taken_at - first).total_seconds() / span,
                plot.bottom() - plot.height() * r.total / measure.highest,
            )
            for r in results
            if r.measure == key
        ]
        painter.setPen(QPen(MEASURE_COLOURS[key], 2))
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        painter.setBrush(MEASURE_COLOURS[key])
        for point in points:
            painter.drawEllipse(point, 3, 3)
    _text(painter, QPointF(plot.left(), plot.bottom() + line), f"{first:%d %b %Y}")
    for index, (key, measure) in enumerate(MEASURES.items()):
        x = plot.left() + index * area.width() / 3
        y = plot.bottom() + line * 1.4
        painter.fillRect(QRectF(x, y + line * 0.2, line * 0.7, line * 0.7), MEASURE_COLOURS[key])
        _text(
            painter, QPointF(x + line, y + line * 0.85), f"{measure.name} (0 to {measure.highest})"
        )
    painter.restore()


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
