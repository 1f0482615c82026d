"""The PDF export: compose the briefing, lay it out, cut it into pages, paint, finish.

The document is laid out once, cut into pages by ``pagination``, and each page
is painted by ``painting`` (``QTextDocument.print_`` would only add a bare page
number). Qt cannot write PDF bookmarks, so ``pdfmeta`` adds the outline and
the metadata Qt lacks after the pages are written. The export is a sequence
of small steps so that the GUI can show progress.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter, QTextBlock, QTextTable

from .. import __version__
from ..domain.model import Dossier
from ..fileio.atomic import atomic_path
from ..fileio.problems import SaveError
from .briefing import Briefing
from .builder import BriefingBuilder
from .charts import ChartMetrics, chart_bands
from .compose import compose_briefing
from .document import BuiltDocument, Unit
from .options import ExportOptions, MarkingDowngradeError, Provenance
from .pagination import Box, PageSlice, paginate
from .painting import PageGeometry, PagePainter
from .pdfmeta import finish_pdf

# Dots per inch of the PDF's coordinate space. 1200 places glyphs as the font
# intends (at 300 advances round visibly); but Qt's text layout ends at a height
# of 2^23 units (about 700 A4 pages at 1200 dpi), so a longer briefing is laid
# out again at 300 dpi (about 2,800 pages), and anything longer is refused.
RESOLUTIONS = (1200, 300)
LAYOUT_LIMIT = 8_388_000.0

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
        self.briefing: Briefing | None = None
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
            briefing = self.briefing = self._compose()
            self._open()
            built, builder = yield from self._build(briefing)
            slices = self._paginate(built, builder.chart_metrics)
            self.page_count = len(slices)
            yield Progress(_BUILD_SHARE + 0.05, "Laying out pages…")
            painter = self._painter = QPainter()
            assert self._writer is not None
            if not painter.begin(self._writer):
                raise ExportError(f"cannot write {self.out_path}: the PDF could not be started")
            pages = PagePainter(built, briefing, self.geometry, builder.chart_metrics, len(slices))
            pages_share = 0.95 - _BUILD_SHARE - 0.05
            for index, page in enumerate(slices):
                if index:
                    self._writer.newPage()
                pages.paint(painter, page, index)
                yield Progress(
                    _BUILD_SHARE + 0.05 + pages_share * (index + 1) / len(slices),
                    f"Page {index + 1} of {len(slices)}",
                )
            painter.end()
            self._painter = None
            self._finish(briefing, built, slices)
            yield Progress(1.0, "Done")
        finally:
            self._cleanup()

    def cancel(self) -> None:
        """Stop a stepped export and leave no file behind."""
        self._cleanup()

    # -- steps ---------------------------------------------------------------
    def _compose(self) -> Briefing:
        try:
            return compose_briefing(self.dossier, self.options, self.provenance)
        except MarkingDowngradeError as exc:
            raise ExportError(f"not exported: {exc}") from None

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
        assert self.briefing is not None
        writer.setTitle(self.briefing.title)
        writer.setAuthor(self.briefing.author)
        writer.setCreator(f"dossier-app {__version__}")

    def _build(
        self, briefing: Briefing
    ) -> Generator[Progress, None, tuple[BuiltDocument, BriefingBuilder]]:
        assert self._writer is not None
        entries = len(briefing.timeline) + len(briefing.references) + len(briefing.judgements)
        # Thousands of entries will not fit at the finest resolution: skip the try.
        resolutions = RESOLUTIONS if entries < 4000 else RESOLUTIONS[1:]
        for dpi in resolutions:
            self._set_resolution(dpi)
            builder = BriefingBuilder(briefing, self._writer, self.geometry.content.width())
            for written in builder.iter_build():
                yield Progress(
                    _BUILD_SHARE * min(written / max(entries, 1), 1.0), "Composing the briefing…"
                )
            height = builder.doc.documentLayout().documentSize().height()
            if height < LAYOUT_LIMIT:
                return builder.built, builder
        pages = round(LAYOUT_LIMIT / self.geometry.content.height())
        raise ExportError(
            f"cannot export {self.dossier.company.name}: the briefing would be longer "
            f"than about {pages} pages; narrow it to a date range or a tag"
        )

    def _set_resolution(self, dpi: int) -> None:
        assert self._writer is not None
        self._writer.setResolution(dpi)
        w = self._writer
        self.geometry = PageGeometry(w.width(), w.height(), w.logicalDpiY())

    def _paginate(self, built: BuiltDocument, metrics: ChartMetrics | None) -> list[PageSlice]:
        boxes = [_box(built, unit, metrics) for unit in built.units]
        end = max((b.bottom for b in boxes), default=0.0)
        return paginate(boxes, self.geometry.content.height(), end)

    def _finish(self, briefing: Briefing, built: BuiltDocument, slices: list[PageSlice]) -> None:
        """Release the PDF, add bookmarks and metadata, and move it into place."""
        assert self._temp is not None
        self._writer = None  # QPdfWriter closes the file when it goes
        try:
            # The target holds the old PDF or the new one, never a part (as a dossier save).
            with atomic_path(self.out_path) as final_temp:
                finish_pdf(
                    self._temp,
                    Path(final_temp),
                    briefing,
                    list(self.dossier.tags),
                    built,
                    slices,
                    self.geometry,
                )
        except SaveError as exc:
            raise ExportError(f"cannot write {self.out_path}: {exc.reason}") from None

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


def export_pdf(
    dossier: Dossier,
    out_path: str | os.PathLike[str],
    options: ExportOptions | None = None,
    provenance: Provenance | None = None,
) -> Path:
    """Export ``dossier`` as a PDF briefing at ``out_path``; raises ExportError."""
    return PdfExport(dossier, out_path, options, provenance).run()


# -- pagination input ---------------------------------------------------------
def _box(built: BuiltDocument, unit: Unit, metrics: ChartMetrics | None) -> Box:
    layout = built.doc.documentLayout()
    if unit.frame is not None:
        rect = layout.frameBoundingRect(unit.frame)
        if unit.chart is not None and metrics is not None:
            bands = chart_bands(rect.top(), unit.chart, metrics)
            return Box(
                rect.top(),
                rect.bottom(),
                unit.keep_with_next,
                bands.breaks,
                splittable=True,
                header=bands.title,
            )
        breaks: list[float] = []
        header = None
        if isinstance(unit.frame, QTextTable):
            table = unit.frame
            tops = [
                layout.blockBoundingRect(table.cellAt(row, 0).firstCursorPosition().block()).top()
                for row in range(table.rows())
            ]
            if unit.header_row and len(tops) > 1:
                header = (rect.top(), tops[1])
                breaks = tops[2:]
            else:
                breaks = tops[1:]
        return Box(
            rect.top(),
            rect.bottom(),
            unit.keep_with_next,
            tuple(breaks),
            splittable=unit.splittable,
            header=header,
        )
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
