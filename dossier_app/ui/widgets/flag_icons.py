"""Icons of the corroboration flags, drawn in code so they stay crisp at any size.

Each flag has a shape and a colour of its own, so that two flags side by side
in a narrow column still read apart: *single origin* an amber disc with a 1,
*weak sourcing* a red triangle with a !, *uncited* a grey ring with a ?,
*stale* a blue clock; "needs corroboration" (any flag) is an amber pennant.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from ...domain.corroboration import SINGLE_ORIGIN, STALE, UNCITED, WEAK_SOURCING

#: Each flag's colour (readable on light and dark table rows).
FLAG_COLOURS = {
    SINGLE_ORIGIN: "#C77700",
    WEAK_SOURCING: "#C0392B",
    UNCITED: "#6B7785",
    STALE: "#2F6DB5",
}
#: The icon of "any flag" (the "Needs corroboration" filter).
ANY_FLAG = "needs-corroboration"
#: Pixel sizes drawn into a flag's QIcon.
ICON_SIZES = (12, 14, 16, 20, 24, 32)


def paint_flag(painter: QPainter, code: str, rect: QRectF) -> None:
    """Draw the flag ``code`` into ``rect`` (a square) with ``painter``."""
    colour = QColor(FLAG_COLOURS.get(code, "#6B7785"))
    side = min(rect.width(), rect.height())
    box = QRectF(0, 0, side, side)
    box.moveCenter(rect.center())
    inner = box.adjusted(side * 0.06, side * 0.06, -side * 0.06, -side * 0.06)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    white = QColor("#FFFFFF")
    if code == WEAK_SOURCING:
        path = QPainterPath()
        path.moveTo(inner.center().x(), inner.top())
        path.lineTo(inner.right(), inner.bottom())
        path.lineTo(inner.left(), inner.bottom())
        path.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPath(path)
        _glyph(painter, "!", inner.adjusted(0, side * 0.22, 0, 0), white, side * 0.58)
    elif code == UNCITED:
        pen = QPen(colour, max(1.0, side * 0.12))
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        ring = inner.adjusted(side * 0.06, side * 0.06, -side * 0.06, -side * 0.06)
        painter.drawEllipse(ring)
        _glyph(painter, "?", ring, colour, side * 0.62)
    elif code == ANY_FLAG:
        pole = QPen(QColor(FLAG_COLOURS[UNCITED]), max(1.0, side * 0.1))
        painter.setPen(pole)
        x = inner.left() + side * 0.2
        painter.drawLine(QPointF(x, inner.top()), QPointF(x, inner.bottom()))
        path = QPainterPath()
        path.moveTo(x, inner.top())
        path.lineTo(inner.right(), inner.top() + side * 0.28)
        path.lineTo(x, inner.top() + side * 0.56)
        path.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(FLAG_COLOURS[SINGLE_ORIGIN]))
        painter.drawPath(path)
    elif code == STALE:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(inner)
        hands = QPen(white, max(1.0, side * 0.11))
        hands.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(hands)
        c = inner.center()
        painter.drawLine(c, QPointF(c.x(), inner.top() + side * 0.2))
        painter.drawLine(c, QPointF(inner.right() - side * 0.24, c.y()))
    else:  # single origin (and anything unknown): a disc with a 1
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(inner)
        _glyph(painter, "1", inner, white, side * 0.66)
    painter.restore()


def _glyph(painter: QPainter, text: str, rect: QRectF, colour: QColor, pixels: float) -> None:
    font = QFont(painter.font())
    font.setPixelSize(max(6, round(pixels)))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


@cache
def flag_pixmap(code: str, size: int) -> QPixmap:
    """The flag drawn on a transparent ``size`` × ``size`` pixmap."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_flag(painter, code, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


def flag_icon(code: str) -> QIcon:
    """The flag as an icon (labels, combo entries, menus)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(flag_pixmap(code, size))
    return icon
