"""The briefing as a QTextDocument, built with QTextCursor so every dossier string stays plain text.

No HTML is ever generated: text goes in through ``insertText``, which Qt
never interprets, so a title ``<script>`` prints as those characters.
The builder also records the "units" that pagination must keep together,
the headings that become PDF bookmarks, and where the charts go.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextFrameFormat,
    QTextLength,
    QTextOption,
    QTextTableFormat,
)

from ..domain.dates import PartialDate, display_span
from ..domain.formatting import (
    MARKING_COLOURS,
    format_credibility,
    format_figure_value,
    format_reliability,
)
from ..domain.model import Development, Dossier, Figure, Source, is_safe_url
from .charts import BarChart, ChartMetrics, bar_charts
from .fonts import NO_LIGATURES, briefing_font, font_families
from .options import SECTIONS, ExportOptions, Provenance, select_developments
from .references import References, number_sources, paragraphs

TEXT = QColor("#1A1A1A")
MUTED = QColor("#5F6B7A")
ACCENT = QColor("#1F4E79")
LINK = QColor("#0B57D0")
HEADER_FILL = QColor("#E6ECF2")
RULE = QColor("#C9D1DA")

BODY_PT = 9.5
SMALL_PT = 8.0

#: What each marking asks of the reader (TLP 2.0), printed in the title block.
MARKING_MEANINGS: dict[str, str] = {
    "TLP:CLEAR": "Disclosure is not limited.",
    "TLP:GREEN": "Limited disclosure: share within your community, not publicly.",
    "TLP:AMBER": "Limited disclosure: share on a need-to-know basis within your "
    "organisation and its clients only.",
    "TLP:AMBER+STRICT": "Limited disclosure: share on a need-to-know basis within your "
    "organisation only.",
    "TLP:RED": "For the named recipients only: no further disclosure.",
}

# Characters that would start a new block or draw as boxes: line and paragraph
# separators become spaces (a one-line field stays one line), other controls go.
_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffc]")


def clean(text: object) -> str:
    """One line of plain text, safe to insert: no block breaks, no control characters."""
    return _CONTROLS.sub("", _BREAKS.sub(" ", str(text)))


#: A table cell: lines of (text, format) runs.
Cell = list[list[tuple[str, QTextCharFormat]]]


@dataclass(slots=True)
class Unit:
    """Blocks (or one table or chart frame) that pagination keeps on one page if they fit."""

    first_block: int
    last_block: int
    keep_with_next: bool = False
    frame: QTextFrame | None = None


@dataclass(frozen=True, slots=True)
class Heading:
    """A bookmark: a heading's title, its outline level (0 = section) and block number."""

    title: str
    level: int
    block: int


@dataclass(slots=True)
class BuiltDocument:
    doc: QTextDocument
    units: list[Unit] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    charts: list[tuple[QTextFrame, BarChart]] = field(default_factory=list)
    references: References = field(default_factory=References)
    chart_metrics: ChartMetrics | None = None
    developments: list[Development] = field(default_factory=list)


class _Styles:
    """Formats for one paint device.

    QTextDocumentLayout scales vertical block margins and table padding from
    1/96 inch to the device, but takes horizontal margins, indents and fixed
    frame sizes in device units: ``v()`` and ``h()`` turn points into each.
    """

    def __init__(self, device: QPaintDevice) -> None:
        self.dpi = device.logicalDpiY()
        self.families = font_families()

    def v(self, points: float) -> float:
        return points * 96.0 / 72.0

    def h(self, points: float) -> float:
        return points * self.dpi / 72.0

    def char(
        self,
        size: float = BODY_PT,
        bold: bool = False,
        colour: QColor = TEXT,
        italic: bool = False,
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontFamilies(self.families)
        fmt.setFontFeatures(NO_LIGATURES)
        fmt.setFontPointSize(size)
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setFontItalic(italic)
        fmt.setForeground(QBrush(colour))
        return fmt

    def block(
        self,
        top: float = 0.0,
        bottom: float = 0.0,
        left: float = 0.0,
        indent: float = 0.0,
        line_height: float = 118.0,
    ) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(self.v(top))
        fmt.setBottomMargin(self.v(bottom))
        fmt.setLeftMargin(self.h(left))
        fmt.setTextIndent(self.h(indent))
        fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        return fmt


class BriefingBuilder:
    """Builds the briefing document for one dossier, options and provenance."""

    def __init__(
        self,
        dossier: Dossier,
        options: ExportOptions,
        provenance: Provenance,
        device: QPaintDevice,
        text_width: float,
    ) -> None:
        self.dossier = dossier
        self.options = options
        self.provenance = provenance
        self.device = device
        self.text_width = text_width
        self.s = _Styles(device)
        self.doc = QTextDocument()
        self.doc.setUndoRedoEnabled(False)  # a build is never undone; the stack only costs memory
        self.doc.documentLayout().setPaintDevice(device)
        self.doc.setDocumentMargin(0)
        self.doc.setDefaultFont(briefing_font(BODY_PT))
        option = QTextOption()
        # Long URLs and identifiers wrap instead of running off the page.
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.doc.setDefaultTextOption(option)
        self.cursor = QTextCursor(self.doc)
        self.built = BuiltDocument(self.doc)
        self._reuse_block = True  # the document's first (empty) block takes the first paragraph
        self._unit_first: int | None = None
        self._make_formats()

    def _make_formats(self) -> None:
        s = self.s
        self.f_body = s.char()
        self.f_small = s.char(SMALL_PT, colour=MUTED)
        self.f_small_text = s.char(SMALL_PT)
        self.f_cite = s.char(BODY_PT, colour=ACCENT)
        self.f_dev_title = s.char(10.5, bold=True)
        self.f_date = s.char(SMALL_PT, bold=True, colour=ACCENT)
        self.f_h1 = s.char(20, bold=True)
        self.f_kicker = s.char(SMALL_PT, bold=True, colour=MUTED)
        self.f_aliases = s.char(11, colour=MUTED)
        self.f_h2 = s.char(14, bold=True, colour=ACCENT)
        self.f_h3 = s.char(11, bold=True, colour=MUTED)
        self.f_th = s.char(SMALL_PT, bold=True)
        self.f_label = s.char(BODY_PT, bold=True)
        self.f_link = s.char(BODY_PT, colour=LINK)
        self.f_link.setFontUnderline(True)

        self.b_body = s.block(bottom=4)
        self.b_h2 = s.block(top=16, bottom=6)
        self.b_h2.setProperty(
            QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
            QTextLength(QTextLength.Type.PercentageLength, 100),
        )
        self.b_h3 = s.block(top=10, bottom=2)
        self.b_date = s.block(top=9, bottom=1)
        self.b_title = s.block(bottom=2)
        self.b_para = s.block(bottom=3)
        self.b_meta = s.block(bottom=0)
        hang = 22.0
        self.b_ref = s.block(top=7, bottom=1, left=hang, indent=-hang)
        # Tab stops, unlike left margins, are scaled like vertical margins.
        self.b_ref.setTabPositions([QTextOption.Tab(s.v(hang), QTextOption.TabType.LeftTab)])
        self.b_ref_more = s.block(bottom=1, left=hang)
        self.b_cell = s.block(line_height=110)

    # -- low-level writing --------------------------------------------
    def _paragraph(self, block_format: QTextBlockFormat, char_format: QTextCharFormat) -> None:
        """Start a new paragraph (or take over the empty one left after a table or frame)."""
        c = self.cursor
        if self._reuse_block:
            c.setBlockFormat(block_format)
            c.setBlockCharFormat(char_format)
            self._reuse_block = False
        else:
            c.insertBlock(block_format, char_format)
        if self._unit_first is None:
            self._unit_first = c.blockNumber()

    def _text(self, text: str, fmt: QTextCharFormat) -> None:
        if text:
            self.cursor.insertText(clean(text), fmt)

    def _begin_unit(self) -> None:
        self._unit_first = None

    def _end_unit(self, keep_with_next: bool = False, frame: QTextFrame | None = None) -> None:
        if self._unit_first is None and frame is None:
            return
        first = self._unit_first if self._unit_first is not None else self.cursor.blockNumber()
        self.built.units.append(Unit(first, self.cursor.blockNumber(), keep_with_next, frame))
        self._unit_first = None

    def _line(
        self,
        parts: list[tuple[str, QTextCharFormat]],
        block_format: QTextBlockFormat,
        keep_with_next: bool = False,
    ) -> None:
        """One paragraph as a unit of its own."""
        self._begin_unit()
        self._paragraph(block_format, parts[0][1] if parts else self.f_body)
        for text, fmt in parts:
            self._text(text, fmt)
        self._end_unit(keep_with_next)

    def _heading(self, title: str, level: int) -> None:
        block_format, char_format = (self.b_h2, self.f_h2) if level == 0 else (self.b_h3, self.f_h3)
        self._begin_unit()
        self._paragraph(block_format, char_format)
        self._text(title, char_format)
        self.built.headings.append(Heading(title, level, self.cursor.blockNumber()))
        self._end_unit(keep_with_next=True)

    def _table(
        self,
        rows: list[list[Cell]],
        widths: list[float],
        header: bool,
        border: bool,
    ) -> None:
        """A table of plain-text cells; each cell is lines of (text, format) runs."""
        s = self.s
        fmt = QTextTableFormat()
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, w) for w in widths]
        )
        fmt.setCellSpacing(0)
        fmt.setCellPadding(s.v(3))
        fmt.setMargin(0)
        fmt.setTopMargin(s.v(4))
        fmt.setBottomMargin(s.v(6))
        fmt.setBorderCollapse(True)
        fmt.setBorder(0)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_None)
        if header:
            fmt.setHeaderRowCount(1)
        if self._reuse_block:
            # A table straight after another table or frame: give it a block to follow.
            self.cursor.setBlockFormat(s.block())
        table = self.cursor.insertTable(len(rows), len(widths), fmt)
        for r, row in enumerate(rows):
            for col, lines in enumerate(row):
                cell = table.cellAt(r, col)
                if border:
                    # Rules under the rows only, as in a printed table.
                    cell_format = cell.format().toTableCellFormat()
                    is_head = header and r == 0
                    if is_head:
                        cell_format.setBackground(QBrush(HEADER_FILL))
                    cell_format.setBottomBorder(s.v(0.9 if is_head else 0.5))
                    cell_format.setBottomBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
                    cell_format.setBottomBorderBrush(QBrush(ACCENT if is_head else RULE))
                    cell.setFormat(cell_format)
                cc = cell.firstCursorPosition()
                for n, runs in enumerate(lines):
                    # A cell's format is stored as its first block's char format:
                    # setting that would wipe the cell's background and rules.
                    if n == 0:
                        cc.setBlockFormat(self.b_cell)
                    else:
                        cc.insertBlock(self.b_cell, self.f_body)
                    for text, run_fmt in runs:
                        if text:
                            cc.insertText(clean(text), run_fmt)
        self.cursor = self.doc.rootFrame().lastCursorPosition()
        self._reuse_block = True
        first = table.cellAt(0, 0).firstCursorPosition().blockNumber()
        self.built.units.append(Unit(first, self.cursor.blockNumber() - 1, False, table))
        self._unit_first = None

    def _chart(self, chart: BarChart, metrics: ChartMetrics) -> None:
        fmt = QTextFrameFormat()
        fmt.setHeight(QTextLength(QTextLength.Type.FixedLength, metrics.height(chart)))
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setBorder(0)
        fmt.setPadding(0)
        fmt.setMargin(0)
        fmt.setTopMargin(self.s.v(6))
        fmt.setBottomMargin(self.s.h(12))
        if self._reuse_block:
            self.cursor.setBlockFormat(self.s.block())
        frame = self.cursor.insertFrame(fmt)
        self.cursor = self.doc.rootFrame().lastCursorPosition()
        self._reuse_block = True
        self.built.charts.append((frame, chart))
        first = frame.firstCursorPosition().blockNumber()
        self.built.units.append(Unit(first, first, False, frame))

    # -- the document ----------------------------------------------------
    def build(self) -> BuiltDocument:
        for _ in self.iter_build():
            pass
        return self.built

    def iter_build(self, chunk: int = 50) -> Iterator[int]:
        """Build in slices, yielding the number of entries written so far every ``chunk``.

        The GUI builds a long briefing between events this way; each slice is
        a few milliseconds.
        """
        d = self.dossier
        sections = self.options.ordered_sections()
        developments = select_developments(d, self.options)
        self.built.developments = developments
        figures = d.figures if "figures" in sections else []
        timeline = developments if "timeline" in sections else []
        self.refs = number_sources(
            d,
            [f.sources for f in figures] + [dev.sources for dev in timeline],
            include_uncited=not self.options.filters_timeline,
        )
        self.built.references = self.refs
        self.doc.setTextWidth(self.text_width)
        # One edit block around the whole build: the layout runs once at the end
        # instead of after every insertion (table cell formats cost most).
        batch = QTextCursor(self.doc)
        batch.beginEditBlock()
        try:
            self._title_block(developments)
            written = 0
            for name in sections:
                for _ in getattr(self, f"_section_{name}")(developments):
                    written += 1
                    if written % chunk == 0:
                        yield written
        finally:
            batch.endEditBlock()
        yield written

    def _title_block(self, developments: list[Development]) -> None:
        d, s = self.dossier, self.s
        marking = self.options.marking_for(d)
        background, foreground, _border = MARKING_COLOURS.get(marking, MARKING_COLOURS["TLP:CLEAR"])
        self._begin_unit()
        self._paragraph(s.block(bottom=2), self.f_kicker)
        self._text("COMPANY BRIEFING", self.f_kicker)
        self._paragraph(s.block(bottom=2, line_height=105), self.f_h1)
        self._text(d.company.name, self.f_h1)
        also = [x for x in (d.company.short_name, *d.company.aliases) if x and x != d.company.name]
        if also:
            self._paragraph(s.block(bottom=4), self.f_aliases)
            self._text(" · ".join(clean(x) for x in also), self.f_aliases)
        self._end_unit(keep_with_next=True)

        badge = s.char(BODY_PT, bold=True, colour=QColor(foreground))
        badge.setBackground(QBrush(QColor(background)))
        total = len(d.timeline)
        if self.options.filters_timeline:
            contents = (
                f"{len(developments)} of {total} developments ({self.options.filter_description()})"
            )
        else:
            contents = f"{total} development{'s' * (total != 1)}"
        contents += (
            f" · {len(d.figures)} key figure{'s' * (len(d.figures) != 1)}"
            f" · {len(d.sources)} source{'s' * (len(d.sources) != 1)}"
        )
        prov = self.provenance
        rows: list[list[Cell]] = [
            [
                [[("Marking", self.f_th)]],
                [
                    [
                        (f" {marking} ", badge),
                        ("  " + MARKING_MEANINGS.get(marking, ""), self.f_small),
                    ]
                ],
            ],
            [
                [[("Reviewed", self.f_th)]],
                [[(d.reviewed.display() if d.reviewed else "not recorded", self.f_body)]],
            ],
            [[[("Generated", self.f_th)]], [[(_long_date(prov.generated), self.f_body)]]],
        ]
        if prov.file_name:
            version = f"  ·  content hash {prov.short_hash}" if prov.short_hash else ""
            rows.append(
                [
                    [[("File", self.f_th)]],
                    [[(prov.file_name, self.f_body), (version, self.f_small)]],
                ]
            )
        rows.append([[[("Contents", self.f_th)]], [[(contents, self.f_body)]]])
        self._table(rows, [18, 82], header=False, border=False)

    def _section_overview(self, developments: list[Development]) -> Iterator[None]:
        c = self.dossier.company
        self._heading(SECTIONS["overview"], 0)
        facts: list[tuple[str, str]] = [("Name", c.name)]
        if c.short_name:
            facts.append(("Short name", c.short_name))
        if c.aliases:
            facts.append(("Also known as", ", ".join(c.aliases)))
        if c.headquarters:
            facts.append(("Headquarters", c.headquarters))
        if c.sector:
            facts.append(("Sector", c.sector))
        if c.identifiers:
            facts.append(("Identifiers", ", ".join(f"{k}: {v}" for k, v in c.identifiers.items())))
        if self.dossier.tags:
            facts.append(("Tags", ", ".join(self.dossier.tags)))
        self._table(
            [[[[(k, self.f_th)]], [[(v, self.f_body)]]] for k, v in facts],
            [18, 82],
            header=False,
            border=False,
        )
        text = paragraphs(c.summary)
        for para in text:
            self._line([(para, self.f_body)], self.b_para)
        if not text:
            self._line([("No summary recorded.", self.f_small)], self.b_para)
        yield

    def _section_figures(self, developments: list[Development]) -> Iterator[None]:
        figures = self.dossier.figures
        self._heading(SECTIONS["figures"], 0)
        if not figures:
            self._line([("No key figures recorded.", self.f_small)], self.b_para)
            return
        header = [[[(t, self.f_th)]] for t in ("Figure", "Value", "Period", "As of", "Sources")]
        rows = [header] + [self._figure_row(f) for f in figures]
        self._table(rows, [36, 26, 13, 12, 13], header=True, border=True)
        charts = bar_charts(figures)
        if charts:
            metrics = ChartMetrics(self.device)
            self.built.chart_metrics = metrics
            for chart in charts:
                self._chart(chart, metrics)
        yield

    def _figure_row(self, f: Figure) -> list[Cell]:
        label: Cell = [[(f.label, self.f_label)]]
        label += [[(p, self.f_small)] for p in paragraphs(f.note)]
        return [
            label,
            [[(format_figure_value(f), self.f_body)]],
            [[(f.period or "", self.f_body)]],
            [[(f.as_of.display() if f.as_of else "", self.f_body)]],
            [[(self.refs.citation(f.sources) or "none", self.f_cite)]],
        ]

    def _section_timeline(self, developments: list[Development]) -> Iterator[None]:
        self._heading(SECTIONS["timeline"], 0)
        if self.options.filters_timeline:
            self._line(
                [
                    (
                        f"Showing {len(developments)} of {len(self.dossier.timeline)} "
                        f"developments: {self.options.filter_description()}.",
                        self.f_small,
                    )
                ],
                self.b_para,
            )
        if not developments:
            self._line([("No developments to show.", self.f_small)], self.b_para)
            return
        years = {dev.date.year for dev in developments}
        year: int | None = None
        for dev in developments:
            if len(years) > 1 and dev.date.year != year:
                year = dev.date.year
                self._heading(str(year), 1)
            self._development(dev)
            yield

    def _development(self, dev: Development) -> None:
        self._begin_unit()
        self._paragraph(self.b_date, self.f_date)
        self._text(display_span(dev.date, dev.end), self.f_date)
        self._paragraph(self.b_title, self.f_dev_title)
        self._text(dev.title, self.f_dev_title)
        cite = self.refs.citation(dev.sources)
        if cite:
            # A no-break space: the numbers never start a line of their own.
            self._text("\u00a0" + cite, self.f_cite)
        for para in paragraphs(dev.summary):
            self._paragraph(self.b_para, self.f_body)
            self._text(para, self.f_body)
        meta = []
        if dev.tags:
            meta.append("Tags: " + ", ".join(dev.tags))
        if dev.credibility is not None:
            meta.append("Credibility: " + format_credibility(dev.credibility))
        if not cite:
            meta.append("No source cited")
        if meta:
            self._paragraph(self.b_meta, self.f_small)
            self._text("  ·  ".join(meta), self.f_small)
        self._end_unit()

    def _section_sources(self, developments: list[Development]) -> Iterator[None]:
        self._heading(SECTIONS["sources"], 0)
        if not self.refs.sources:
            self._line([("No sources cited.", self.f_small)], self.b_para)
            return
        cited = self._cited_ids()
        for number, source in enumerate(self.refs.sources, start=1):
            self._reference(number, source, source.id in cited)
            yield

    def _cited_ids(self) -> set[str]:
        sections = self.options.ordered_sections()
        ids: set[str] = set()
        if "figures" in sections:
            for f in self.dossier.figures:
                ids.update(f.sources)
        if "timeline" in sections:
            for dev in self.built.developments:
                ids.update(dev.sources)
        return ids

    def _reference(self, number: int, source: Source, cited: bool) -> None:
        self._begin_unit()
        self._paragraph(self.b_ref, self.f_label)
        self._text(f"[{number}]", self.f_cite)
        self.cursor.insertText("\t", self.f_label)
        self._text(source.title, self.f_label)
        byline = [x for x in (source.publisher, source.author) if x]
        if source.published:
            byline.append(source.published.display())
        if byline:
            self._paragraph(self.b_ref_more, self.f_body)
            self._text(" · ".join(byline), self.f_body)
        for caption, url in (("", source.url), ("Archived copy: ", source.archive_url)):
            if url:
                self._url_line(caption, url)
        grading = []
        if source.reliability:
            grading.append("Reliability: " + format_reliability(source.reliability))
        if source.accessed:
            grading.append("Accessed " + source.accessed.display())
        if not cited:
            grading.append("Not cited in this briefing")
        if grading:
            self._paragraph(self.b_ref_more, self.f_small)
            self._text("  ·  ".join(grading), self.f_small)
        for para in paragraphs(source.notes):
            self._paragraph(self.b_ref_more, self.f_small)
            self._text(para, self.f_small)
        self._end_unit()

    def _url_line(self, caption: str, url: str) -> None:
        self._paragraph(self.b_ref_more, self.f_body)
        if caption:
            self._text(caption, self.f_small)
        if is_safe_url(url):
            link = QTextCharFormat(self.f_link)
            link.setAnchor(True)
            link.setAnchorHref(url.strip())
            self._text(url, link)
        else:
            # Shown so the reader knows it is there, never made clickable.
            self._text(url, self.f_small_text)
            self._text("  (not a web link; not clickable)", self.f_small)


def _long_date(value: _dt.date) -> str:
    return PartialDate.from_date(value).display()
