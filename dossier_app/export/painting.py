"""Painting one page: its slice of the laid-out briefing, repeated header bands, the margins.

Only what lies inside a page's slice is painted: the layout is drawn with a
clip a hair inside the slice (QTextDocumentLayout draws every line that meets
the clip, and a clipped line would still be in the PDF's text), and charts
paint only their parts that lie wholly inside it. Nothing is drawn outside
the content area but the header and the footer.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from .briefing import Briefing
from .charts import ChartMetrics, draw_chart
from .document import BuiltDocument
from .fonts import briefing_font
from .marking import BANNER_PT, marking_colours
from .pagination import PageSlice

MUTED = QColor("#5F6B7A")
RULE = QColor("#C9D1DA")
MARGIN_PT = 8.0
# Device units between a slice's edge and the clip: lines that only touch the edge stay out.
_CLIP_INSET = 1.0


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """Page and margins in device units (``dpi`` dots per inch)."""

    width: float
    height: float
    dpi: float

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    @property
    def left(self) -> float:
        return self.mm(20)

    @property
    def top(self) -> float:
        return self.mm(22)

    @property
    def bottom(self) -> float:
        return self.mm(20)

    @property
    def content(self) -> QRectF:
        return QRectF(
            self.left, self.top, self.width - 2 * self.left, self.height - self.top - self.bottom
        )


class PagePainter:
    """Paints the pages of one built briefing."""

    def __init__(
        self,
        built: BuiltDocument,
        briefing: Briefing,
        geometry: PageGeometry,
        chart_metrics: ChartMetrics | None,
        page_count: int,
    ) -> None:
        self.built = built
        self.briefing = briefing
        self.g = geometry
        self.chart_metrics = chart_metrics
        self.page_count = page_count

    def paint(self, painter: QPainter, page: PageSlice, index: int) -> None:
        top = self.g.content.top()
        if page.repeat is not None:
            self._paint_band(painter, page.repeat[0], page.repeat[1], top)
            top += page.repeat_height
        self._paint_band(painter, page.top, page.bottom, top)
        self._paint_margins(painter, index)

    def _paint_band(self, painter: QPainter, lo: float, hi: float, dest_top: float) -> None:
        """Paint the layout band ``[lo, hi)`` with its top at ``dest_top`` on the page."""
        if hi - lo <= 2 * _CLIP_INSET:
            return
        width = self.g.content.width()
        painter.save()
        painter.translate(self.g.content.left(), dest_top - lo)
        clip = QRectF(0, lo + _CLIP_INSET, width, hi - lo - 2 * _CLIP_INSET)
        self.built.doc.drawContents(painter, clip)
        if self.chart_metrics is not None and self.built.charts:
            layout = self.built.doc.documentLayout()
            for frame, chart in self.built.charts:
                rect = layout.frameBoundingRect(frame)
                if rect.bottom() > lo and rect.top() < hi:
                    draw_chart(painter, rect, chart, self.chart_metrics, lo, hi)
        painter.restore()

    # -- header and footer ---------------------------------------------------------
    def _paint_margins(self, painter: QPainter, index: int) -> None:
        """Company and marking at the top; page number, marking and provenance below."""
        g = self.g
        font = briefing_font(MARGIN_PT)
        metrics = QFontMetricsF(font, painter.device())
        left, right = g.left, g.width - g.left
        header_base = g.mm(11.5)
        footer_base = g.height - g.mm(9)
        pen = QPen(RULE)
        pen.setWidthF(g.mm(0.2))
        painter.setPen(pen)
        painter.drawLine(QPointF(left, g.mm(15.5)), QPointF(right, g.mm(15.5)))
        painter.drawLine(
            QPointF(left, g.height - g.mm(15.5)), QPointF(right, g.height - g.mm(15.5))
        )

        banner = self._paint_banner(painter, header_base)
        painter.setFont(font)
        painter.setPen(MUTED)
        name = metrics.elidedText(
            self.briefing.company.replace("\n", " "),
            Qt.TextElideMode.ElideRight,
            banner.left() - left - g.mm(4),
        )
        painter.drawText(QPointF(left, header_base), name)

        banner = self._paint_banner(painter, footer_base)
        painter.setFont(font)
        painter.setPen(MUTED)
        painter.drawText(QPointF(left, footer_base), f"Page {index + 1} of {self.page_count}")
        note = metrics.elidedText(
            self._footer_note(), Qt.TextElideMode.ElideMiddle, right - banner.right() - g.mm(4)
        )
        if note:
            painter.drawText(QPointF(right - metrics.horizontalAdvance(note), footer_base), note)

    def _paint_banner(self, painter: QPainter, baseline: float) -> QRectF:
        """The marking, centred, at least 12 pt, in its TLP 2.0 colours; returns its box."""
        g = self.g
        marking = self.briefing.marking
        font = briefing_font(BANNER_PT, bold=True)
        metrics = QFontMetricsF(font, painter.device())
        foreground, background = marking_colours(marking)
        pad_x, pad_y = g.mm(2.2), g.mm(0.8)
        width = metrics.horizontalAdvance(marking) + 2 * pad_x
        rect = QRectF(
            (g.width - width) / 2,
            baseline - metrics.ascent() - pad_y,
            width,
            metrics.ascent() + metrics.descent() + 2 * pad_y,
        )
        painter.fillRect(rect, QColor(background))
        painter.setFont(font)
        painter.setPen(QColor(foreground))
        painter.drawText(QPointF(rect.left() + pad_x, baseline), marking)
        return rect

    def _footer_note(self) -> str:
        b = self.briefing
        note = f"Generated {_display(b)}"
        if b.file_name:
            note += f" from {b.file_name}"
        if b.short_hash:
            note += f" ({b.short_hash})"
        return note


def _display(b: Briefing) -> str:
    from ..domain.dates import PartialDate

    return PartialDate.from_date(b.generated).display()
