"""A key-figure chart as a PNG picture, for formats that embed images (Word)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from .briefing import Chart
from .charts import ChartMetrics, draw_chart

#: Picture resolution: sharp in print at the width Word shows it.
DPI = 200
WIDTH_MM = 165.0


def chart_png(chart: Chart) -> bytes:
    """The chart painted on a white picture ``WIDTH_MM`` wide; needs a QGuiApplication."""
    dots_per_metre = round(DPI / 0.0254)
    probe = QImage(1, 1, QImage.Format.Format_RGB32)
    probe.setDotsPerMeterX(dots_per_metre)
    probe.setDotsPerMeterY(dots_per_metre)
    metrics = ChartMetrics(probe)
    width = round(WIDTH_MM / 25.4 * DPI)
    margin = DPI * 0.05
    height = round(metrics.height(chart) + 2 * margin)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(margin, margin, width - 2 * margin, height - 2 * margin)
    draw_chart(painter, rect, chart, ChartMetrics(image), rect.top(), rect.bottom())
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as str here, whatever its stubs say.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())
