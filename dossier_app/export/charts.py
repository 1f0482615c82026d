"""The key-figures chart, painted as vectors straight onto the PDF page.

Qt Charts needs a QApplication (it is built on graphics widgets) and would
reach the page as a bitmap; the headless export has only a QGuiApplication,
and a bar chart of a few figures is a few rectangles and labels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPaintDevice, QPainter, QPen

from ..domain.formatting import format_figure_value, format_number
from ..domain.model import Figure
from .fonts import briefing_font

BAR_COLOUR = QColor("#2F6CA3")
BAR_SOFT = QColor("#A9C4DE")  # approximate or bounded values
GRID = QColor("#D5DCE4")
TEXT = QColor("#1A1A1A")
MUTED = QColor("#5F6B7A")

TITLE_PT = 9.0
LABEL_PT = 8.5
DETAIL_PT = 7.5


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    detail: str
    value: float
    text: str
    exact: bool


@dataclass(frozen=True, slots=True)
class BarChart:
    unit: str
    bars: tuple[Bar, ...]

    @property
    def title(self) -> str:
        return f"Figures in {self.unit}, by as-of date"

    @property
    def has_inexact(self) -> bool:
        return any(not b.exact for b in self.bars)


def bar_charts(figures: Sequence[Figure]) -> list[BarChart]:
    """One chart per unit shared by two or more figures, bars in as-of order."""
    groups: dict[str, list[Figure]] = {}
    for figure in figures:
        groups.setdefault(figure.unit.strip(), []).append(figure)
    charts = []
    for unit, members in groups.items():
        if len(members) < 2:
            continue
        # Undated figures go last; Python's sort keeps file order between equals.
        members.sort(key=lambda f: (f.as_of is None, f.as_of.sort_key if f.as_of else (0, 0, 0)))
        bars = tuple(
            Bar(
                label=f.label,
                detail=", ".join(
                    x for x in (f.as_of.display() if f.as_of else "", f.period or "") if x
                ),
                value=float(f.value),
                text=format_figure_value(f),
                exact=f.effective_qualifier == "exact",
            )
            for f in members
        )
        charts.append(BarChart(unit, bars))
    return charts


class ChartMetrics:
    """Row heights of a chart on a given paint device (the PDF writer)."""

    def __init__(self, device: QPaintDevice) -> None:
        self.title = QFontMetricsF(briefing_font(TITLE_PT, bold=True), device)
        self.label = QFontMetricsF(briefing_font(LABEL_PT), device)
        self.detail = QFontMetricsF(briefing_font(DETAIL_PT), device)
        self.gap = self.label.height() * 0.6

    @property
    def row_height(self) -> float:
        return self.label.height() + self.detail.height() + self.gap

    def height(self, chart: BarChart) -> float:
        legend = self.detail.height() * 1.4 if chart.has_inexact else 0.0
        axis = self.detail.height() * 1.6
        bottom = self.title.height()  # room before what follows the chart
        return (
            self.title.height() * 1.6 + len(chart.bars) * self.row_height + axis + legend + bottom
        )


def _ticks(lo: float, hi: float) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering ``lo..hi``."""
    raw = (hi - lo) / 4
    base = 10.0 ** math.floor(math.log10(raw))
    step = next(k * base for k in (1, 2, 2.5, 5, 10) if k * base >= raw * (1 - 1e-9))
    first = math.floor(lo / step + 1e-9) * step
    count = math.ceil((hi - first) / step - 1e-9)
    return [first + k * step for k in range(count + 1)]


def draw_bar_chart(painter: QPainter, rect: QRectF, chart: BarChart, m: ChartMetrics) -> None:
    """Paint ``chart`` into ``rect`` (device units of the painter's device)."""
    painter.save()
    device = painter.device()
    assert device is not None
    title_font = briefing_font(TITLE_PT, bold=True)
    label_font = briefing_font(LABEL_PT)
    detail_font = briefing_font(DETAIL_PT)

    y = rect.top()
    painter.setFont(title_font)
    painter.setPen(TEXT)
    painter.drawText(QPointF(rect.left(), y + m.title.ascent()), chart.title)
    y += m.title.height() * 1.6

    label_w = rect.width() * 0.36
    value_room = rect.width() * 0.24
    plot_left = rect.left() + label_w
    plot_w = rect.width() - label_w - value_room
    values = [b.value for b in chart.bars]
    lo, hi = min(0.0, *values), max(0.0, *values)
    ticks = _ticks(lo, hi if hi > lo else lo + 1)
    lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])

    def x_of(v: float) -> float:
        return plot_left + (v - lo) / (hi - lo) * plot_w

    plot_top = y
    plot_bottom = y + len(chart.bars) * m.row_height
    pen = QPen(GRID)
    pen.setWidthF(m.label.height() * 0.04)
    painter.setPen(pen)
    for t in ticks:
        painter.drawLine(QPointF(x_of(t), plot_top), QPointF(x_of(t), plot_bottom))

    bar_h = m.label.height() * 0.9
    for bar in chart.bars:
        painter.setFont(label_font)
        painter.setPen(TEXT)
        label = m.label.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_w * 0.95)
        painter.drawText(QPointF(rect.left(), y + m.label.ascent()), label)
        if bar.detail:
            painter.setFont(detail_font)
            painter.setPen(MUTED)
            painter.drawText(
                QPointF(rect.left(), y + m.label.height() + m.detail.ascent()), bar.detail
            )
        x0, x1 = sorted((x_of(0.0), x_of(bar.value)))
        # A tiny value next to a huge one still gets a visible sliver.
        x1 = max(x1, x0 + m.label.height() * 0.25)
        bar_rect = QRectF(x0, y + (m.label.height() - bar_h) / 2, x1 - x0, bar_h)
        painter.fillRect(bar_rect, BAR_COLOUR if bar.exact else BAR_SOFT)
        painter.setFont(label_font)
        painter.setPen(TEXT)
        painter.drawText(QPointF(x1 + m.label.height() * 0.3, y + m.label.ascent()), bar.text)
        y += m.row_height

    painter.setFont(detail_font)
    painter.setPen(MUTED)
    for t in ticks:
        text = format_number(t)
        w = m.detail.horizontalAdvance(text)
        x = min(max(x_of(t) - w / 2, plot_left - w / 2), rect.right() - w)
        painter.drawText(QPointF(x, plot_bottom + m.detail.ascent() * 1.2), text)
    if chart.has_inexact:
        painter.drawText(
            QPointF(rect.left(), plot_bottom + m.detail.height() * 1.6 + m.detail.ascent()),
            "Lighter bars: approximate or bounded values (about, at least, less than, …).",
        )
    painter.restore()
