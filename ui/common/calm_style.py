"""The platform's own style, with two things every person needs to see on any screen:
tick boxes and round choices drawn with an outline of at least 3:1 against the page
(Fusion's own outline is a tint of the window colour, about 1.2:1 in dark mode), and a
clear two-pixel focus ring in the accent colour wherever the keyboard is."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QProxyStyle,
    QRadioButton,
    QStyle,
    QStyleOption,
    QWidget,
)


class CalmStyle(QProxyStyle):
    def __init__(self, base: str = "Fusion") -> None:
        super().__init__(base)
        self.outline = QColor("#857f74")
        self.accent = QColor("#4f7a6a")

    def set_colours(self, outline: str, accent: str) -> None:
        self.outline, self.accent = QColor(outline), QColor(accent)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            # Tick boxes and everything else but push buttons get the ring here.
            pushed = isinstance(widget, QAbstractButton) and not isinstance(
                widget, (QCheckBox, QRadioButton)
            )
            if not pushed:
                self._focus_ring(option, painter)
            return  # a push button's ring is drawn on its edge (below), not round its label
        super().drawPrimitive(element, option, painter, widget)
        if (
            element == QStyle.PrimitiveElement.PE_PanelButtonCommand
            and option.state & QStyle.StateFlag.State_HasFocus
        ):
            # Fusion's own highlighted outline on a focused button is about 1.5:1 against
            # a light page; the accent ring around its edge is the same one fields get.
            self._focus_ring(option, painter)
        if element in (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        ):
            self._outline(element, option, painter)

    def _outline(
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.outline, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = QRectF(option.rect).adjusted(0.75, 0.75, -0.75, -0.75)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 2, 2)
        painter.restore()

    def _focus_ring(self, option: QStyleOption, painter: QPainter) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.accent, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(option.rect).adjusted(1, 1, -1, -1), 3, 3)
        painter.restore()
