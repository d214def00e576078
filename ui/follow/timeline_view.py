"""The integration timeline window: sessions in time, newest first, each a row of days.

Day 0 is the session; +1, +7 and +30 are marked softly; a dot is a day the client wrote,
a small tick a day they ticked an action, a diamond a check-in (its first words beside it).
Nothing here judges: no colours that read as failure, an empty day is just a day.
Click a row, a day or a check-in (or Up/Down and Enter) to open that session.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QShortcut,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.follow.revisits import day_label
from app.follow.timeline import (
    CHECKED_IN,
    MILESTONES,
    TICKED,
    WROTE,
    SessionTimeline,
    build_timeline,
)
from app.journal import Journal
from ui.common.widgets import hint_label

PAGE = 50  # sessions loaded at a time
DAYS = 45  # days 0 … 44 drawn one by one; anything later shares the last cell
LABEL_W = 190
CELL_W = 16
ROW_H = 46
HEADER_H = 22
REFLECTION_TAB = 1


def _checkin_words(c: object) -> str:
    emotions = list(getattr(c, "emotions", ()))
    words = getattr(c, "emotion_words", "")
    return ", ".join([*emotions, words] if words else emotions)


class TimelineCanvas(QWidget):
    """Paints only the rows in view, so hundreds of sessions stay light."""

    session_chosen = Signal(int, int)  # session id, tab (-1: keep the current tab)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timelines: list[SessionTimeline] = []
        self.current = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Timeline of sessions")
        self.setMouseTracking(True)
        self.setMinimumWidth(LABEL_W + CELL_W * (DAYS + 2) + 16)

    def set_timelines(self, timelines: list[SessionTimeline]) -> None:
        self.timelines = timelines
        self.current = 0 if timelines else -1
        self._fit()
        self.update()

    def add_timelines(self, more: list[SessionTimeline]) -> None:
        """Earlier sessions below the ones shown; the row in focus stays."""
        self.timelines = self.timelines + more
        if self.current < 0 and self.timelines:
            self.current = 0
        self._fit()
        self.update()

    # Rows follow the font: two lines of text and a lane for check-ins, never clipped.
    @property
    def line(self) -> int:
        return QFontMetrics(self.font()).height()

    @property
    def row_h(self) -> int:
        return max(ROW_H, 2 * self.line + 12)

    @property
    def header_h(self) -> int:
        return max(HEADER_H, self.line + 4)

    def _fit(self) -> None:
        self.setFixedHeight(self.header_h + self.row_h * len(self.timelines) + 8)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    # -- geometry ----------------------------------------------------------------------------

    @staticmethod
    def x_of(offset: int) -> float:
        """The centre of a day's cell: a "before" cell, days 0…DAYS-1, then a "later" cell."""
        cell = -1 if offset < 0 else min(offset, DAYS)
        return LABEL_W + CELL_W * (cell + 1.5)

    def row_at(self, y: float) -> int:
        row = int((y - self.header_h) // self.row_h)
        return row if 0 <= row < len(self.timelines) and y >= self.header_h else -1

    def checkin_at(self, row: int, x: float) -> object | None:
        for checkin in self.timelines[row].checkins:
            if abs(self.x_of(checkin.offset) - x) <= CELL_W / 2:
                return checkin
        return None

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        soft = QColor(accent)
        soft.setAlpha(28)
        visible: QRect = event.rect()
        painter.setPen(muted)
        for offset in MILESTONES:
            label = "0" if offset == 0 else f"+{offset}"
            painter.drawText(
                QRectF(self.x_of(offset) - 20, 2, 40, self.header_h - 4),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
        painter.drawText(
            QRectF(self.x_of(DAYS) - 20, 2, 40, self.header_h - 4),
            Qt.AlignmentFlag.AlignCenter,
            "later",
        )
        first = max(0, (visible.top() - self.header_h) // self.row_h)
        last = min(len(self.timelines), (visible.bottom() - self.header_h) // self.row_h + 1)
        metrics = QFontMetrics(self.font())
        for row in range(first, last):
            top = self.header_h + row * self.row_h
            timeline = self.timelines[row]
            if row == self.current:
                painter.fillRect(QRectF(0, top, self.width(), self.row_h), soft)
            painter.setPen(text)
            session = timeline.session
            name = f"Session {session.number} · {day_label(session.held_on, session.held_on)}"
            line = self.line
            painter.drawText(
                QRectF(8, top + 4, LABEL_W - 12, line),
                Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(name, Qt.TextElideMode.ElideRight, LABEL_W - 12),
            )
            if session.title:
                painter.setPen(muted)
                painter.drawText(
                    QRectF(8, top + 4 + line, LABEL_W - 12, line),
                    Qt.AlignmentFlag.AlignLeft,
                    metrics.elidedText(session.title, Qt.TextElideMode.ElideRight, LABEL_W - 12),
                )
            self._paint_row(painter, timeline, top, muted, accent, metrics)
        painter.end()

    def _paint_row(
        self,
        painter: QPainter,
        timeline: SessionTimeline,
        top: int,
        muted: QColor,
        accent: QColor,
        metrics: QFontMetrics,
    ) -> None:
        line_y = top + 4 + self.line // 2 + 1
        painter.setPen(QPen(muted, 1))
        painter.drawLine(QPointF(self.x_of(0), line_y), QPointF(self.x_of(DAYS), line_y))
        for offset in MILESTONES:
            painter.drawLine(
                QPointF(self.x_of(offset), line_y - 6), QPointF(self.x_of(offset), line_y + 6)
            )
        painter.setPen(Qt.PenStyle.NoPen)
        for offset, kinds in timeline.marks.items():
            x = self.x_of(offset)
            if WROTE in kinds:
                painter.setBrush(accent)
                painter.drawEllipse(QPointF(x, line_y), 4, 4)
            if TICKED in kinds:
                painter.setPen(QPen(accent, 2))
                painter.drawPolyline(
                    QPolygonF(
                        [
                            QPointF(x - 4, line_y + 9),
                            QPointF(x - 1, line_y + 12),
                            QPointF(x + 4, line_y + 6),
                        ]
                    )
                )
                painter.setPen(Qt.PenStyle.NoPen)
            if CHECKED_IN in kinds:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(accent, 1.5))
                painter.drawEllipse(QPointF(x, line_y), 6, 6)
                painter.setPen(Qt.PenStyle.NoPen)
        # Check-ins along the row: a diamond and the first words, until the next one.
        checkins = timeline.checkins
        lane = top + 6 + self.line + self.line // 2
        for index, checkin in enumerate(checkins):
            x = self.x_of(checkin.offset)
            painter.setBrush(accent)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(x, lane - 4),
                        QPointF(x + 4, lane),
                        QPointF(x, lane + 4),
                        QPointF(x - 4, lane),
                    ]
                )
            )
            following = checkins[index + 1 :]
            room = self.x_of(following[0].offset) - x - 12 if following else self.width() - x - 12
            words = _checkin_words(checkin)
            if room > 24 and words:
                painter.setPen(muted)
                painter.drawText(
                    QRectF(x + 7, lane - self.line / 2, room, self.line),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    metrics.elidedText(words, Qt.TextElideMode.ElideRight, int(room)),
                )

    # -- interaction -------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        row = self.row_at(position.y())
        if row < 0:
            return
        self.current = row
        self.update()
        tab = REFLECTION_TAB if self.checkin_at(row, position.x()) is not None else -1
        self.session_chosen.emit(self.timelines[row].session.id, tab)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.timelines:
            step = 1 if key == Qt.Key.Key_Down else -1
            self.current = max(0, min(len(self.timelines) - 1, self.current + step))
            self.update()
            parent = self.parentWidget()
            scroll = parent.parentWidget() if parent is not None else None
            if isinstance(scroll, QScrollArea):
                middle = self.header_h + self.current * self.row_h + self.row_h // 2
                scroll.ensureVisible(0, middle, 0, self.row_h)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current >= 0:
            self.session_chosen.emit(self.timelines[self.current].session.id, -1)
        else:
            super().keyPressEvent(event)

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            tip = self._tip(event.pos().x(), event.pos().y())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]

    def _tip(self, x: float, y: float) -> str:
        row = self.row_at(y)
        if row < 0:
            return ""
        timeline = self.timelines[row]
        checkin = self.checkin_at(row, x)
        if checkin is not None:
            parts = [_checkin_words(checkin), checkin.body, ", ".join(checkin.senses)]  # type: ignore[attr-defined]
            return "\n".join(p for p in parts if p) or "A check-in"
        for offset, kinds in timeline.marks.items():
            if abs(self.x_of(offset) - x) <= CELL_W / 2:
                day = day_label(timeline.day(offset), timeline.day0)
                said = [
                    w
                    for k, w in (
                        (WROTE, "you wrote"),
                        (CHECKED_IN, "you checked in"),
                        (TICKED, "you ticked an action"),
                    )
                    if k in kinds
                ]
                return f"{day}: {', '.join(said)}" if said else day
        return ""

    def clear(self) -> None:
        self.timelines = []
        self.current = -1
        self.setFixedHeight(self.header_h)
        self.update()


class TimelineView(QWidget):
    """The Timeline window (owned by the main window; ``clear()`` on lock)."""

    session_chosen = Signal(int, int)

    def __init__(
        self, journal: Callable[[], Journal | None] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Timeline")  # never anything the client wrote
        self._journal = journal or (lambda: None)
        self.complete = True  # every session is shown
        self.canvas = TimelineCanvas(self)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the rows take focus, not it
        self.more_button = QPushButton("Show earlier sessions", self)
        self.more_button.setAccessibleName("Show earlier sessions")
        self.empty_hint = hint_label("Your sessions will appear here, each with the days after it.")
        legend = hint_label(
            "Each row starts on the day of a session (0). A dot: a day you wrote. A ring: a day "
            "you checked in. A small tick: a day you ticked an action. Click a row to open it."
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addWidget(legend)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)
        self.canvas.session_chosen.connect(self.session_chosen)
        self.more_button.clicked.connect(self.show_more)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)  # as Themes does
        # Earlier sessions load as the list is scrolled near its end, a page at a time.
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.resize(LABEL_W + CELL_W * (DAYS + 2) + 60, 600)

    def open_view(self) -> None:
        self.reload()
        self.show()
        self.raise_()
        self.activateWindow()
        self.canvas.setFocus()

    def reload(self) -> None:
        journal = self._journal()
        if journal is None:
            return
        first = build_timeline(journal, limit=PAGE)
        self.show_timelines(first)
        self._set_complete(len(first) < PAGE)

    def show_more(self) -> None:
        journal = self._journal()
        if journal is None or self.complete:
            return
        last = self.canvas.timelines[-1].session if self.canvas.timelines else None
        more = build_timeline(journal, limit=PAGE, after=last)
        self.canvas.add_timelines(more)
        self._set_complete(len(more) < PAGE)

    def _set_complete(self, complete: bool) -> None:
        self.complete = complete
        self.more_button.setVisible(not complete)

    def _scrolled(self, value: int) -> None:
        bar = self.scroll_area.verticalScrollBar()
        if not self.complete and value >= bar.maximum() - self.canvas.row_h * 5:
            self.show_more()

    def show_timelines(self, timelines: list[SessionTimeline]) -> None:
        self.canvas.set_timelines(timelines)
        self.empty_hint.setVisible(not timelines)

    def clear(self) -> None:
        """After a lock: close and forget every row."""
        self.hide()
        self.canvas.clear()
