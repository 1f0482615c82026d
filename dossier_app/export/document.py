"""Writing plain text, tables and chart frames into a QTextDocument, recording page units.

No HTML is ever generated: text goes in through ``insertText``, which Qt
never interprets, so a title ``<script>`` prints as those characters. Every
paragraph, table and chart is recorded as a ``Unit`` that pagination keeps
together, cuts between rows, or glues to what follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtGui import (
    QBrush,
    QPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrame,
    QTextFrameFormat,
    QTextLength,
    QTextOption,
    QTextTableFormat,
)

from .briefing import Chart
from .fonts import briefing_font
from .styles import ACCENT, BODY_PT, HEADER_FILL, RULE, Styles

# Characters that would start a new block or draw as boxes: line and paragraph
# separators become spaces (a one-line field stays one line), other controls go.
_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffc]")


def clean(text: object) -> str:
    """One line of plain text, safe to insert: no block breaks, no control characters."""
    return _CONTROLS.sub("", _BREAKS.sub(" ", str(text)))


#: A run of text and its format; a line is a list of runs; a table cell a list of lines.
Run = tuple[str, QTextCharFormat]
Cell = list[list[Run]]


@dataclass(slots=True)
class Unit:
    """Blocks (or one table or chart frame) that pagination keeps on one page if they fit."""

    first_block: int
    last_block: int
    keep_with_next: bool = False
    frame: QTextFrame | None = None
    #: A table or chart that fills a page and goes on on the next.
    splittable: bool = False
    #: A table whose first row repeats on every page it goes on to.
    header_row: bool = False
    chart: Chart | None = None


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
    charts: list[tuple[QTextFrame, Chart]] = field(default_factory=list)


class DocumentWriter:
    """Appends paragraphs, tables and chart frames to one document."""

    def __init__(self, device: QPaintDevice, text_width: float) -> None:
        self.s = Styles(device)
        self.doc = QTextDocument()
        self.doc.setUndoRedoEnabled(False)  # a build is never undone; the stack only costs memory
        self.doc.documentLayout().setPaintDevice(device)
        self.doc.setDocumentMargin(0)
        self.doc.setDefaultFont(briefing_font(BODY_PT))
        option = QTextOption()
        # Long URLs and identifiers wrap instead of running off the page.
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.doc.setDefaultTextOption(option)
        self.doc.setTextWidth(text_width)
        self.cursor = QTextCursor(self.doc)
        self.built = BuiltDocument(self.doc)
        self._reuse_block = True  # the document's first (empty) block takes the first paragraph
        self._unit_first: int | None = None

    # -- paragraphs -----------------------------------------------------
    def paragraph(self, block_format: QTextBlockFormat, char_format: QTextCharFormat) -> None:
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

    def text(self, text: str, fmt: QTextCharFormat) -> None:
        if text:
            self.cursor.insertText(clean(text), fmt)

    def raw(self, text: str, fmt: QTextCharFormat) -> None:
        """Text the briefing itself supplies (a tab), inserted as it is."""
        self.cursor.insertText(text, fmt)

    def begin_unit(self) -> None:
        self._unit_first = None

    def end_unit(self, keep_with_next: bool = False) -> None:
        if self._unit_first is None:
            return
        self.built.units.append(Unit(self._unit_first, self.cursor.blockNumber(), keep_with_next))
        self._unit_first = None

    def line(
        self, runs: list[Run], block_format: QTextBlockFormat, keep_with_next: bool = False
    ) -> None:
        """One paragraph as a unit of its own."""
        self.begin_unit()
        self.paragraph(block_format, runs[0][1] if runs else self.s.f_body)
        for text, fmt in runs:
            self.text(text, fmt)
        self.end_unit(keep_with_next)

    def heading(self, title: str, level: int, bookmark: bool = True) -> None:
        s = self.s
        block_format, char_format = (s.b_h2, s.f_h2) if level == 0 else (s.b_h3, s.f_h3)
        self.begin_unit()
        self.paragraph(block_format, char_format)
        self.text(title, char_format)
        if bookmark:
            self.built.headings.append(Heading(title, level, self.cursor.blockNumber()))
        self.end_unit(keep_with_next=True)

    def glue_last(self) -> None:
        """Keep the last unit on the page of the one that follows."""
        if self.built.units:
            self.built.units[-1].keep_with_next = True

    # -- tables and frames ---------------------------------------------------
    def table(
        self,
        rows: list[list[Cell]],
        widths: list[float],
        header: bool,
        border: bool,
        splittable: bool = False,
        fill: QBrush | None = None,
    ) -> None:
        """A table of plain-text cells; each cell is lines of (text, format) runs."""
        s = self.s
        fmt = QTextTableFormat()
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, w) for w in widths]
        )
        fmt.setCellSpacing(0)
        fmt.setCellPadding(s.v(5 if fill is not None else 3))
        fmt.setMargin(0)
        fmt.setTopMargin(s.v(4))
        fmt.setBottomMargin(s.v(6))
        fmt.setBorderCollapse(True)
        fmt.setBorder(0)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_None)
        if fill is not None:
            fmt.setBackground(fill)
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
                        cc.setBlockFormat(s.b_cell)
                    else:
                        cc.insertBlock(s.b_cell, s.f_body)
                    for text, run_fmt in runs:
                        if text:
                            cc.insertText(clean(text), run_fmt)
        self.cursor = self.doc.rootFrame().lastCursorPosition()
        self._reuse_block = True
        first = table.cellAt(0, 0).firstCursorPosition().blockNumber()
        self.built.units.append(
            Unit(
                first,
                self.cursor.blockNumber() - 1,
                False,
                table,
                splittable=splittable,
                header_row=header,
            )
        )
        self._unit_first = None

    def chart(self, chart: Chart, height: float) -> None:
        fmt = QTextFrameFormat()
        fmt.setHeight(QTextLength(QTextLength.Type.FixedLength, height))
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setBorder(0)
        fmt.setPadding(0)
        fmt.setMargin(0)
        fmt.setTopMargin(self.s.v(6))
        fmt.setBottomMargin(self.s.v(6))
        if self._reuse_block:
            self.cursor.setBlockFormat(self.s.block())
        frame = self.cursor.insertFrame(fmt)
        self.cursor = self.doc.rootFrame().lastCursorPosition()
        self._reuse_block = True
        self.built.charts.append((frame, chart))
        first = frame.firstCursorPosition().blockNumber()
        self.built.units.append(Unit(first, first, False, frame, splittable=True, chart=chart))
        self._unit_first = None
