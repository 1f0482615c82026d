"""Painting the timeline strip: the year axis, each development, and the dense view."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QLinearGradient,
    QPainter,
    QPalette,
    QPen,
)

from ..widgets.colours import is_dark, mix
from .strip_layout import (
    AXIS_HEIGHT,
    BAR_HEIGHT,
    DENSE,
    LABEL_MAX,
    LANE_HEIGHT,
    MARKER,
    TOP,
    Placed,
    year_step,
)

if TYPE_CHECKING:
    from .strip import TimelineStrip

ACCENT = QColor("#2F5F9E")
ACCENT_LIGHT = QColor("#9FB7D9")
SELECTED = QColor("#E07B00")


class StripInk(NamedTuple):
    """The strip's colours that sit on its background, mixed from the palette."""

    label: QColor  # development titles
    selected_label: QColor
    axis: QColor  # year and month names, year ticks
    axis_line: QColor
    grid: QColor  # year lines across the lanes
    tick: QColor  # month ticks


def strip_ink(palette: QPalette) -> StripInk:
    """Colours for text and lines on the strip, readable on a light or a dark base."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    return StripInk(
        label=mix(base, text, 0.88),
        selected_label=SELECTED.lighter(125) if is_dark(palette) else SELECTED.darker(130),
        axis=mix(base, text, 0.65),
        axis_line=mix(base, text, 0.4),
        grid=mix(base, text, 0.1),
        tick=mix(base, text, 0.2),
    )


class StripPainter:
    """Draws a strip's axis and developments with its fonts and the palette's ink."""

    def __init__(self, strip: TimelineStrip) -> None:
        self.strip = strip
        self._font = QFont(strip.font())
        self._ink = strip_ink(strip.palette())
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._axis_font = QFont(self._font)
        self._axis_font.setPointSizeF(self._font.pointSizeF() * 0.9)
        self.metrics = QFontMetrics(self._font)
        self._bold_metrics = QFontMetrics(self._bold)

    def paint_strip(self, painter: QPainter, exposed: QRectF) -> None:
        pal = self.strip.palette()
        self._ink = strip_ink(pal)
        painter.fillRect(exposed, pal.color(QPalette.ColorRole.Base))
        if self.strip._incoming is not None:
            # Not laid out yet: right after this paint, at the size the strip has now.
            self.strip._layout_timer.start()
            return
        self._paint_axis(painter, exposed)
        if not self.strip._placed:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.setFont(self._font)
            shown = self.strip.mapToScene(self.strip.viewport().rect()).boundingRect()
            painter.drawText(
                shown.adjusted(0, 0, 0, -AXIS_HEIGHT),
                Qt.AlignmentFlag.AlignCenter,
                self.strip._empty_text,
            )
            return
        visible = self.strip._visible_range(exposed.left(), exposed.right())
        if len(visible) > DENSE:
            self._paint_dense(painter, visible)
            return
        selected = None
        for i in visible:
            p = self.strip._placed[i]
            if p.dev.id == self.strip._selected:
                selected = p  # drawn last, on top
                continue
            self._paint_one(painter, p, False)
        if selected is not None:
            self._paint_one(painter, selected, True)

    def _paint_dense(self, painter: QPainter, visible: range) -> None:
        """Too many to draw one by one: a tick per occupied pixel column and lane."""
        ticks: set[tuple[int, int]] = set()
        bars: list[QRectF] = []
        placed = self.strip._placed
        for i in visible:
            p = placed[i]
            if p.is_span and p.x1 - p.x0 > 3:
                y = TOP + p.lane * LANE_HEIGHT + LANE_HEIGHT / 2
                bars.append(QRectF(p.x0, y - 2, p.x1 - p.x0, 4))
            else:
                ticks.add((p.lane, int(p.marker_left + MARKER / 2)))
        painter.setPen(Qt.PenStyle.NoPen)
        faded = QColor(ACCENT)
        faded.setAlpha(110)
        painter.setBrush(faded)
        if bars:
            painter.drawRects(bars)
        painter.setBrush(ACCENT)
        painter.drawRects(
            [
                QRectF(x - 1, TOP + lane * LANE_HEIGHT + LANE_HEIGHT / 2 - 4, 2, 8)
                for lane, x in ticks
            ]
        )
        selected = self.strip._selected
        chosen = self.strip._find(selected) if selected is not None else None
        if chosen is not None:
            self._paint_one(painter, chosen, True)

    def _paint_axis(self, painter: QPainter, exposed: QRectF) -> None:
        height = self.strip.viewport().height()
        axis_y = height - AXIS_HEIGHT + 4
        ppd = self.strip._px_per_day
        if ppd <= 0:
            return
        first_year = _dt.date.fromordinal(self.strip._day0).year
        last_year = _dt.date.fromordinal(self.strip._day1 - 1).year + 1  # the closing tick
        year_px = ppd * 365.25
        step = year_step(ppd)
        painter.setFont(self._axis_font)
        ink = self._ink
        grid_pen = QPen(ink.grid, 1)
        text_pen = QPen(ink.axis)
        # Month ticks when a month is wide enough to tell apart.
        month_px = ppd * 30.4
        for year in range(first_year, last_year + 1):
            x = self.strip._x(_dt.date(year, 1, 1).toordinal())
            if x > exposed.right() + 1 or x + year_px < exposed.left() - 1:
                continue
            if month_px >= 8:
                painter.setPen(QPen(ink.tick, 1))
                for month in range(2, 13):
                    mx = self.strip._x(_dt.date(year, month, 1).toordinal())
                    painter.drawLine(QPointF(mx, axis_y), QPointF(mx, axis_y + 4))
                    if month_px >= 44:
                        painter.setPen(text_pen)
                        painter.drawText(
                            QRectF(mx + 3, axis_y + 2, month_px - 4, AXIS_HEIGHT - 8),
                            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                            _dt.date(year, month, 1).strftime("%b"),
                        )
                        painter.setPen(QPen(ink.tick, 1))
            if (year - first_year) % step:
                continue
            painter.setPen(grid_pen)
            painter.drawLine(QPointF(x, TOP - 4), QPointF(x, axis_y))
            painter.setPen(QPen(ink.axis, 1))
            painter.drawLine(QPointF(x, axis_y), QPointF(x, axis_y + 7))
            painter.setPen(text_pen)
            painter.drawText(
                QRectF(x + 4, axis_y + 2, 60, AXIS_HEIGHT - 8),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(year),
            )
        painter.setPen(QPen(ink.axis_line, 1))
        painter.drawLine(QPointF(exposed.left(), axis_y), QPointF(exposed.right(), axis_y))

    def _paint_one(self, painter: QPainter, p: Placed, selected: bool) -> None:
        y = self.strip._lane_y(p.lane) + LANE_HEIGHT / 2
        colour = SELECTED if selected else ACCENT
        approximate = p.dev.approximate
        dashed = QPen(colour, 1.6, Qt.PenStyle.DashLine)
        dashed.setDashPattern([3, 2])
        if p.is_span:
            rect = QRectF(p.x0, y - BAR_HEIGHT / 2, max(p.x1 - p.x0, 4), BAR_HEIGHT)
            if approximate:
                # A circa span: paler, fading out at both ends, with a dashed edge.
                grad = QLinearGradient(rect.topLeft(), rect.topRight())
                fill = QColor(colour)
                fill.setAlpha(150)
                edge = QColor(colour)
                edge.setAlpha(0)
                fade = min(0.3, max(28 / max(rect.width(), 1), 0.12))
                grad.setColorAt(0.0, edge)
                grad.setColorAt(fade, fill)
                grad.setColorAt(1 - fade, fill)
                grad.setColorAt(1.0, edge)
                painter.setBrush(QBrush(grad))
                thin = QPen(colour.lighter(130), 1, Qt.PenStyle.DashLine)
                painter.setPen(thin)
            else:
                painter.setBrush(colour)
                painter.setPen(QPen(colour.darker(120), 1))
            painter.drawRoundedRect(rect, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
        else:
            mid = (p.x0 + p.x1) / 2
            if p.x1 - p.x0 > MARKER + 2:
                # The month or year the date may mean: a thin bracket.
                pen = QPen(ACCENT_LIGHT if not selected else SELECTED.lighter(140), 1.5)
                painter.setPen(pen)
                painter.drawLine(QPointF(p.x0, y), QPointF(p.x1, y))
                painter.drawLine(QPointF(p.x0, y - 4), QPointF(p.x0, y + 4))
                painter.drawLine(QPointF(p.x1, y - 4), QPointF(p.x1, y + 4))
            dot = QRectF(mid - MARKER / 2, y - MARKER / 2, MARKER, MARKER)
            if approximate:
                painter.setBrush(self.strip.palette().color(QPalette.ColorRole.Base))
                painter.setPen(dashed)
            else:
                painter.setBrush(colour)
                painter.setPen(QPen(colour.darker(120), 1))
            painter.drawEllipse(dot)
        if selected:
            ring = QPen(SELECTED, 2)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(ring)
            left = p.marker_left - 3
            painter.drawRoundedRect(
                QRectF(left, y - MARKER / 2 - 3, p.marker_right - left + 3, MARKER + 6), 6, 6
            )
        width = p.label_room
        if selected:
            # The selected title is always readable, over whatever it covers.
            width = min(self._bold_metrics.horizontalAdvance(p.dev.title), LABEL_MAX + 80)
            backdrop = QColor(self.strip.palette().color(QPalette.ColorRole.Base))
            backdrop.setAlpha(235)
            painter.setPen(QPen(SELECTED.lighter(160), 1))
            painter.setBrush(backdrop)
            painter.drawRoundedRect(
                QRectF(p.label_x - 3, y - LANE_HEIGHT / 2 + 2, width + 8, LANE_HEIGHT - 4), 3, 3
            )
        if width <= 0:
            return
        painter.setFont(self._bold if selected else self._font)
        painter.setPen(self._ink.selected_label if selected else self._ink.label)
        metrics = self._bold_metrics if selected else self.metrics
        title = p.dev.title
        # elidedText at exactly the measured width may still elide (fractional advances).
        if metrics.horizontalAdvance(title) > width:
            title = metrics.elidedText(title, Qt.TextElideMode.ElideRight, round(width))
        painter.drawText(
            QRectF(p.label_x, y - LANE_HEIGHT / 2, width + 8, LANE_HEIGHT),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title,
        )
