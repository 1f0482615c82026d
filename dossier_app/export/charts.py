"""Key-figure charts, painted as vectors straight onto the PDF page.

Qt Charts needs a QApplication (it is built on graphics widgets) and would
reach the page as a bitmap; the headless export has only a QGuiApplication,
and a bar chart of one measure over its dates is a few rectangles and labels.

A chart may span pages: it is painted part by part, each part only where it
lies wholly inside the page's slice, with its title again on every page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPaintDevice, QPainter, QPen

from ..domain.formatting import format_number
from .briefing import Chart
from .fonts import briefing_font

BAR_COLOUR = QColor("#2F6CA3")
BAR_SOFT = QColor("#A9C4DE")  # approximate or bounded values
GRID = QColor("#D5DCE4")
TEXT = QColor("#1A1A1A")
MUTED = QColor("#5F6B7A")

TITLE_PT = 9.0
LABEL_PT = 8.5
DETAIL_PT = 7.5
LEGEND = "Lighter bars: approximate or bounded values (about, at least, less than, …)."
# Layout positions are floats; this much overlap still counts as inside.
_EPS = 0.5


class ChartMetrics:
    """Row heights of a chart on a given paint device (the PDF writer)."""

    def __init__(self, device: QPaintDevice) -> None:
        self.title = QFontMetricsF(briefing_font(TITLE_PT, bold=True), device)
        self.label = QFontMetricsF(briefing_font(LABEL_PT), device)
        self.detail = QFontMetricsF(briefing_font(DETAIL_PT), device)
        self.gap = self.label.height() * 0.6

    @property
    def title_height(self) -> float:
        return self.title.height() * 1.6

    @property
    def row_height(self) -> float:
        return self.label.height() + self.detail.height() + self.gap

    @property
    def axis_height(self) -> float:
        return self.detail.height() * 1.6

    def legend_height(self, chart: Chart) -> float:
        return self.detail.height() * 1.4 if chart.has_inexact else 0.0

    def height(self, chart: Chart) -> float:
        return (
            self.title_height
            + len(chart.bars) * self.row_height
            + self.axis_height
            + self.legend_height(chart)
        )


@dataclass(frozen=True, slots=True)
class ChartBands:
    """Where the parts of a chart lie in the layout, from the frame's top."""

    title: tuple[float, float]
    rows: tuple[tuple[float, float], ...]
    axis: tuple[float, float]

    @property
    def breaks(self) -> tuple[float, ...]:
        """Where the chart may go on on the next page: between bars, two at least on each side."""
        tops = [top for top, _ in self.rows]
        return tuple(tops[2:-1]) if len(tops) >= 4 else ()


def chart_bands(top: float, chart: Chart, m: ChartMetrics) -> ChartBands:
    y = top + m.title_height
    rows = []
    for _ in chart.bars:
        rows.append((y, y + m.row_height))
        y += m.row_height
    # The axis labels and the legend end the chart, with the last bar.
    end = y + m.axis_height + m.legend_height(chart)
    return ChartBands((top, top + m.title_height), tuple(rows), (y, end))


def _ticks(lo: float, hi: float) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering ``lo..hi``."""
    raw = (hi - lo) / 4
    base = 10.0 ** math.floor(math.log10(raw))
    step = next(k * base for k in (1, 2, 2.5, 5, 10) if k * base >= raw * (1 - 1e-9))
    first = math.floor(lo / step + 1e-9) * step
    count = math.ceil((hi - first) / step - 1e-9)
    return [first + k * step for k in range(count + 1)]


def draw_chart(
    painter: QPainter, rect: QRectF, chart: Chart, m: ChartMetrics, lo_y: float, hi_y: float
) -> None:
    """Paint the parts of ``chart`` (framed by ``rect``) that lie wholly in ``[lo_y, hi_y]``."""

    def inside(band: tuple[float, float]) -> bool:
        return band[0] >= lo_y - _EPS and band[1] <= hi_y + _EPS

    bands = chart_bands(rect.top(), chart, m)
    painter.save()
    title_font = briefing_font(TITLE_PT, bold=True)
    label_font = briefing_font(LABEL_PT)
    detail_font = briefing_font(DETAIL_PT)
    if inside(bands.title):
        painter.setFont(title_font)
        painter.setPen(TEXT)
        title = m.title.elidedText(chart.title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QPointF(rect.left(), bands.title[0] + m.title.ascent()), title)

    # Columns: date labels, the plot, then the values, so no value label meets a grid line.
    label_w = rect.width() * 0.2
    value_w = rect.width() * 0.26
    plot_left = rect.left() + label_w
    plot_w = rect.width() - label_w - value_w - m.label.height()
    values = [b.value for b in chart.bars]
    lo, hi = min(0.0, *values), max(0.0, *values)
    ticks = _ticks(lo, hi if hi > lo else lo + 1)
    lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])

    def x_of(v: float) -> float:
        return plot_left + (v - lo) / (hi - lo) * plot_w

    grid = QPen(GRID)
    grid.setWidthF(m.label.height() * 0.04)
    bar_h = m.label.height() * 0.9
    for bar, band in zip(chart.bars, bands.rows, strict=True):
        if not inside(band):
            continue
        y = band[0]
        painter.setPen(grid)
        for t in ticks:
            painter.drawLine(QPointF(x_of(t), band[0]), QPointF(x_of(t), band[1]))
        painter.setFont(label_font)
        painter.setPen(TEXT)
        label = m.label.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_w * 0.95)
        painter.drawText(QPointF(rect.left(), y + m.label.ascent()), label)
        if bar.detail:
            painter.setFont(detail_font)
            painter.setPen(MUTED)
            detail = m.detail.elidedText(bar.detail, Qt.TextElideMode.ElideRight, label_w * 0.95)
            painter.drawText(QPointF(rect.left(), y + m.label.height() + m.detail.ascent()), detail)
        x0, x1 = sorted((x_of(0.0), x_of(bar.value)))
        bar_rect = QRectF(x0, y + (m.label.height() - bar_h) / 2, max(x1 - x0, 0.0), bar_h)
        painter.fillRect(bar_rect, BAR_COLOUR if bar.exact else BAR_SOFT)
        painter.setFont(label_font)
        painter.setPen(TEXT)
        text = m.label.elidedText(bar.text, Qt.TextElideMode.ElideLeft, value_w)
        painter.drawText(
            QPointF(rect.right() - m.label.horizontalAdvance(text), y + m.label.ascent()), text
        )

    if inside(bands.axis):
        painter.setFont(detail_font)
        painter.setPen(MUTED)
        base = bands.axis[0]
        last_right = -math.inf
        for t in ticks:
            text = format_number(t)
            tw = m.detail.horizontalAdvance(text)
            x = min(max(x_of(t) - tw / 2, plot_left - tw / 2), plot_left + plot_w - tw / 2)
            if x > last_right:  # tick labels never overprint each other
                painter.drawText(QPointF(x, base + m.detail.ascent() * 1.2), text)
                last_right = x + tw + m.detail.averageCharWidth()
        if chart.has_inexact:
            painter.drawText(
                QPointF(rect.left(), base + m.axis_height + m.detail.ascent()), LEGEND
            )
    painter.restore()
