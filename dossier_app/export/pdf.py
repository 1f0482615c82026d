"""Paint the briefing onto PDF pages with headers and footers, then add bookmarks and metadata.

The document is laid out once, cut into pages by ``pagination``, and each page
is painted by translating and clipping the layout (``QTextDocument.print_``
would only add a bare page number). Qt cannot write PDF bookmarks, so pypdf
adds the outline and the metadata Qt lacks after the pages are written.
The export is a sequence of small steps so that the GUI can show progress.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextTable,
)

from .. import __version__
from ..domain.dates import PartialDate
from ..domain.formatting import MARKING_COLOURS
from ..domain.model import Dossier
from .builder import BriefingBuilder, BuiltDocument, Unit
from .charts import draw_bar_chart
from .fonts import briefing_font
from .options import ExportOptions, Provenance, select_developments
from .pagination import Box, PageSlice, page_of, paginate

# Dots per inch of the PDF's coordinate space. 1200 places glyphs as the font
# intends (at 300 advances round visibly); but Qt's text layout ends at a height
# of 2^23 units (about 700 A4 pages at 1200 dpi), so a longer briefing is laid
# out again at 300 dpi (about 2,800 pages), and anything longer is refused.
RESOLUTIONS = (1200, 300)
LAYOUT_LIMIT = 8_388_000.0
MUTED = QColor("#5F6B7A")
RULE = QColor("#C9D1DA")
APP_NAME = "Dossier"

_PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}


#: The part of the progress bar that composing the document takes (painting takes most of the rest).
_BUILD_SHARE = 0.4


@dataclass(frozen=True, slots=True)
class Progress:
    """How far an export got: a fraction from 0 to 1 and what it is doing."""

    fraction: float
    text: str


class ExportError(Exception):
    """An export that did not happen; the message is one line for the user."""


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


class PdfExport:
    """One export of a dossier to a PDF file, run as steps (``steps()``) or at once (``run()``).

    The file appears only when the export is complete: pages go to a hidden
    temporary file beside it, which replaces the target at the end.
    """

    def __init__(
        self,
        dossier: Dossier,
        out_path: str | os.PathLike[str],
        options: ExportOptions | None = None,
        provenance: Provenance | None = None,
    ) -> None:
        self.dossier = dossier
        self.out_path = Path(out_path)
        self.options = options or ExportOptions()
        self.provenance = provenance or Provenance()
        self.marking = self.options.marking_for(dossier)
        self.page_count = 0
        self._temp: Path | None = None
        self._painter: QPainter | None = None
        self._writer: QPdfWriter | None = None

    # -- running -------------------------------------------------------------
    def run(self) -> Path:
        for _ in self.steps():
            pass
        return self.out_path

    def steps(self) -> Generator[Progress, None, None]:
        """Do the export in short steps, yielding how far it got after each.

        Building yields every few dozen entries, painting after every page, so a
        GUI can run one step per event-loop turn. Closing the generator early
        cancels the export and removes the partial file.
        """
        try:
            self._open()
            assert self._writer is not None
            built: BuiltDocument | None = None
            entries = len(select_developments(self.dossier, self.options)) + len(
                self.dossier.sources
            )
            # Thousands of entries will not fit at the finest resolution: skip the try.
            resolutions = RESOLUTIONS if entries < 4000 else RESOLUTIONS[1:]
            for dpi in resolutions:
                self._set_resolution(dpi)
                builder = BriefingBuilder(
                    self.dossier,
                    self.options,
                    self.provenance,
                    self._writer,
                    self.geometry.content.width(),
                )
                for written in builder.iter_build():
                    yield Progress(
                        _BUILD_SHARE * min(written / max(entries, 1), 1.0),
                        "Composing the briefing…",
                    )
                height = builder.doc.documentLayout().documentSize().height()
                if height < LAYOUT_LIMIT:
                    built = builder.built
                    break
            if built is None:
                pages = round(LAYOUT_LIMIT / self.geometry.content.height())
                raise ExportError(
                    f"cannot export {self.dossier.company.name}: the briefing would be longer "
                    f"than about {pages} pages; narrow it to a date range or a tag"
                )
            slices = self._paginate(built)
            self.page_count = len(slices)
            yield Progress(_BUILD_SHARE + 0.05, "Laying out pages…")
            painter = self._painter = QPainter()
            if not painter.begin(self._writer):
                raise ExportError(f"cannot write {self.out_path}: the PDF could not be started")
            pages_share = 0.95 - _BUILD_SHARE - 0.05
            for index, page in enumerate(slices):
                if index:
                    self._writer.newPage()
                self._paint_page(painter, built, page, index)
                yield Progress(
                    _BUILD_SHARE + 0.05 + pages_share * (index + 1) / len(slices),
                    f"Page {index + 1} of {len(slices)}",
                )
            painter.end()
            self._painter = None
            self._finish(built, slices)
            yield Progress(1.0, "Done")
        finally:
            self._cleanup()

    def cancel(self) -> None:
        """Stop a stepped export and leave no file behind."""
        self._cleanup()

    # -- steps ---------------------------------------------------------------
    def _open(self) -> None:
        out = self.out_path
        if out.is_dir():
            raise ExportError(f"cannot write {out}: it is a folder")
        if not out.parent.is_dir():
            raise ExportError(f"cannot write {out}: the folder {out.parent} does not exist")
        temp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
        try:
            # Opened here, not by Qt, so a bad path fails with the system's reason.
            with open(temp, "xb"):
                pass
        except OSError as exc:
            raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
        self._temp = temp
        writer = self._writer = QPdfWriter(str(temp))
        writer.setPageSize(QPageSize(_PAGE_SIZES[self.options.page_size]))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        writer.setTitle(self.title)
        writer.setAuthor(self.options.author or APP_NAME)
        writer.setCreator(f"dossier-app {__version__}")

    def _set_resolution(self, dpi: int) -> None:
        assert self._writer is not None
        self._writer.setResolution(dpi)
        w = self._writer
        self.geometry = PageGeometry(w.width(), w.height(), w.logicalDpiY())

    def _paginate(self, built: BuiltDocument) -> list[PageSlice]:
        boxes = [_box(built, unit) for unit in built.units]
        end = max((b.bottom for b in boxes), default=0.0)
        return paginate(boxes, self.geometry.content.height(), end)

    def _paint_page(
        self, painter: QPainter, built: BuiltDocument, page: PageSlice, index: int
    ) -> None:
        g = self.geometry
        content = g.content
        painter.save()
        painter.translate(content.left(), content.top() - page.top)
        clip = QRectF(0, page.top, content.width(), page.bottom - page.top)
        built.doc.drawContents(painter, clip)
        if built.chart_metrics is not None:
            layout = built.doc.documentLayout()
            painter.setClipRect(clip)
            for frame, chart in built.charts:
                rect = layout.frameBoundingRect(frame)
                if rect.intersects(clip):
                    draw_bar_chart(painter, rect, chart, built.chart_metrics)
        painter.restore()
        self._paint_margins(painter, index)

    def _paint_margins(self, painter: QPainter, index: int) -> None:
        """Header and footer: company and marking at the top, page number and marking below."""
        g = self.geometry
        font = briefing_font(8)
        metrics = QFontMetricsF(font, painter.device())
        painter.setFont(font)
        left, right = g.left, g.width - g.left
        header_base = g.mm(12)
        footer_base = g.height - g.mm(10)
        pen = QPen(RULE)
        pen.setWidthF(g.mm(0.2))
        painter.setPen(pen)
        painter.drawLine(QPointF(left, g.mm(15)), QPointF(right, g.mm(15)))
        painter.drawLine(QPointF(left, g.height - g.mm(15)), QPointF(right, g.height - g.mm(15)))

        badge_left = self._paint_marking(painter, right, header_base)
        painter.setFont(font)
        painter.setPen(MUTED)
        name = metrics.elidedText(
            self.dossier.company.name.replace("\n", " "),
            Qt.TextElideMode.ElideRight,
            badge_left - left - g.mm(4),
        )
        painter.drawText(QPointF(left, header_base), name)

        badge_left = self._paint_marking(painter, right, footer_base)
        painter.setFont(font)
        painter.setPen(MUTED)
        page_text = f"Page {index + 1} of {self.page_count}"
        painter.drawText(QPointF(left, footer_base), page_text)
        middle = self._footer_note()
        if middle:
            room = badge_left - left - metrics.horizontalAdvance(page_text) - g.mm(10)
            middle = metrics.elidedText(middle, Qt.TextElideMode.ElideMiddle, room)
            width = metrics.horizontalAdvance(middle)
            painter.drawText(QPointF((g.width - width) / 2, footer_base), middle)

    def _paint_marking(self, painter: QPainter, right: float, baseline: float) -> float:
        """The marking as a badge in its TLP colours, right-aligned; returns its left edge."""
        g = self.geometry
        font = briefing_font(8.5, bold=True)
        metrics = QFontMetricsF(font, painter.device())
        background, foreground, border = MARKING_COLOURS.get(
            self.marking, MARKING_COLOURS["TLP:CLEAR"]
        )
        pad_x, pad_y = g.mm(1.6), g.mm(0.7)
        width = metrics.horizontalAdvance(self.marking) + 2 * pad_x
        rect = QRectF(
            right - width,
            baseline - metrics.ascent() - pad_y,
            width,
            metrics.ascent() + metrics.descent() + 2 * pad_y,
        )
        pen = QPen(QColor(border))
        pen.setWidthF(g.mm(0.25))
        painter.setPen(pen)
        painter.setBrush(QColor(background))
        painter.drawRect(rect)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setFont(font)
        painter.setPen(QColor(foreground))
        painter.drawText(QPointF(rect.left() + pad_x, baseline), self.marking)
        return rect.left()

    def _footer_note(self) -> str:
        prov = self.provenance
        generated = PartialDate.from_date(prov.generated).display()
        note = f"Generated {generated}"
        if prov.file_name:
            note += f" from {prov.file_name}"
        if prov.short_hash:
            note += f" ({prov.short_hash})"
        return note

    def _finish(self, built: BuiltDocument, slices: list[PageSlice]) -> None:
        """Release the PDF, add bookmarks and metadata with pypdf, and move it into place."""
        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import Fit

        assert self._temp is not None
        self._writer = None  # QPdfWriter closes the file when it goes
        g = self.geometry
        to_points = 72.0 / g.dpi
        page_height_pt = g.height * to_points
        layout = built.doc.documentLayout()

        reader = PdfReader(self._temp)
        writer = PdfWriter(clone_from=reader)
        writer.add_metadata(
            {
                "/Title": self.title,
                "/Author": self.options.author or APP_NAME,
                "/Subject": self.subject,
                "/Keywords": ", ".join(self.dossier.tags),
                "/Creator": f"dossier-app {__version__}",
            }
        )
        parent = None
        years = sum(1 for h in built.headings if h.level == 1)
        for heading in built.headings:
            y = layout.blockBoundingRect(built.doc.findBlockByNumber(heading.block)).top()
            index = page_of(slices, y)
            top = page_height_pt - (g.top + y - slices[index].top) * to_points + 6
            fit = Fit.xyz(left=0, top=top)
            if heading.level == 0:
                parent = writer.add_outline_item(
                    title=heading.title, page_number=index, fit=fit, is_open=years <= 12
                )
            else:
                writer.add_outline_item(
                    title=heading.title, page_number=index, parent=parent, fit=fit
                )
        writer.page_mode = "/UseOutlines"
        final_temp = self._temp.with_name(self._temp.name + "2")
        try:
            with open(final_temp, "xb") as fh:
                writer.write(fh)
            os.replace(final_temp, self.out_path)
        except OSError as exc:
            final_temp.unlink(missing_ok=True)
            raise ExportError(f"cannot write {self.out_path}: {exc.strerror or exc}") from None

    def _cleanup(self) -> None:
        if self._painter is not None and self._painter.isActive():
            self._painter.end()
        self._painter = None
        self._writer = None
        if self._temp is not None:
            self._temp.unlink(missing_ok=True)
            self._temp = None

    # -- metadata ------------------------------------------------------------
    @property
    def title(self) -> str:
        return f"{self.dossier.company.name} — company briefing"

    @property
    def subject(self) -> str:
        prov = self.provenance
        subject = f"Company briefing, {self.marking}"
        if prov.file_name:
            subject += f"; from {prov.file_name}"
        if prov.short_hash:
            subject += f", content hash {prov.short_hash}"
        return subject


def export_pdf(
    dossier: Dossier,
    out_path: str | os.PathLike[str],
    options: ExportOptions | None = None,
    provenance: Provenance | None = None,
) -> Path:
    """Export ``dossier`` as a PDF briefing at ``out_path``; raises ExportError."""
    return PdfExport(dossier, out_path, options, provenance).run()


# -- pagination input ---------------------------------------------------------
def _box(built: BuiltDocument, unit: Unit) -> Box:
    layout = built.doc.documentLayout()
    if unit.frame is not None:
        rect = layout.frameBoundingRect(unit.frame)
        breaks: list[float] = []
        if isinstance(unit.frame, QTextTable):
            table = unit.frame
            for row in range(1, table.rows()):
                block = table.cellAt(row, 0).firstCursorPosition().block()
                breaks.append(layout.blockBoundingRect(block).top())
        return Box(rect.top(), rect.bottom(), unit.keep_with_next, tuple(breaks))
    doc = built.doc
    first = doc.findBlockByNumber(unit.first_block)
    last = doc.findBlockByNumber(unit.last_block)
    top = layout.blockBoundingRect(first).top()
    bottom = layout.blockBoundingRect(last).bottom()
    return Box(top, bottom, unit.keep_with_next, tuple(_line_breaks(first, last)))


def _line_breaks(first: QTextBlock, last: QTextBlock) -> Iterator[float]:
    """Where a too-tall unit may be cut: between paragraphs (never right after its
    first one, a date or a heading line), and between lines leaving two on each side."""
    block = first
    index = 0
    while block.isValid():
        text_layout = block.layout()
        origin = text_layout.position().y()
        if index >= 2:
            yield origin
        count = text_layout.lineCount()
        for n in range(1, count):
            if count >= 4 and 2 <= n <= count - 2:
                yield origin + text_layout.lineAt(n).y()
        if block == last:
            break
        block = block.next()
        index += 1
