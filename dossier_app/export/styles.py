"""Colours, sizes and the text formats of the briefing on one paint device."""

from __future__ import annotations

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextFormat,
    QTextLength,
    QTextOption,
)

from .fonts import NO_LIGATURES, font_families

TEXT = QColor("#1A1A1A")
MUTED = QColor("#5F6B7A")
ACCENT = QColor("#1F4E79")
LINK = QColor("#0B57D0")
FLAG = QColor("#B35C00")
HEADER_FILL = QColor("#E6ECF2")
LEAD_FILL = QColor("#F1F5F9")
RULE = QColor("#C9D1DA")

BODY_PT = 9.5
SMALL_PT = 8.0
#: The widest reference number ("[1000]") fits in the hanging indent.
REFERENCE_HANG_PT = 34.0


class Styles:
    """Formats for one paint device.

    QTextDocumentLayout scales vertical block margins and table padding from
    1/96 inch to the device, but takes horizontal margins, indents and fixed
    frame sizes in device units: ``v()`` and ``h()`` turn points into each.
    """

    def __init__(self, device: QPaintDevice) -> None:
        self.dpi = device.logicalDpiY()
        self.families = font_families()
        self._make_formats()

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

    def badge(self, foreground: str, background: str) -> QTextCharFormat:
        fmt = self.char(BODY_PT, bold=True, colour=QColor(foreground))
        fmt.setBackground(QBrush(QColor(background)))
        return fmt

    def _make_formats(self) -> None:
        self.f_body = self.char()
        self.f_small = self.char(SMALL_PT, colour=MUTED)
        self.f_small_text = self.char(SMALL_PT)
        self.f_cite = self.char(BODY_PT, colour=ACCENT)
        self.f_dev_title = self.char(10.5, bold=True)
        self.f_date = self.char(SMALL_PT, bold=True, colour=ACCENT)
        self.f_h1 = self.char(20, bold=True)
        self.f_kicker = self.char(SMALL_PT, bold=True, colour=MUTED)
        self.f_aliases = self.char(11, colour=MUTED)
        self.f_h2 = self.char(14, bold=True, colour=ACCENT)
        self.f_h3 = self.char(11, bold=True, colour=MUTED)
        self.f_th = self.char(SMALL_PT, bold=True)
        self.f_label = self.char(BODY_PT, bold=True)
        self.f_lead = self.char(11)
        self.f_lead_label = self.char(SMALL_PT, bold=True, colour=ACCENT)
        self.f_judgement = self.char(10, bold=True)
        self.f_flag = self.char(BODY_PT, bold=True, colour=FLAG)
        self.f_flag_small = self.char(SMALL_PT, colour=FLAG)
        self.f_link = self.char(BODY_PT, colour=LINK)
        self.f_link.setFontUnderline(True)

        self.b_body = self.block(bottom=4)
        self.b_h2 = self.block(top=16, bottom=6)
        self.b_h2.setProperty(
            QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
            QTextLength(QTextLength.Type.PercentageLength, 100),
        )
        self.b_h3 = self.block(top=10, bottom=2)
        self.b_date = self.block(top=9, bottom=1)
        self.b_title = self.block(bottom=2)
        self.b_para = self.block(bottom=3)
        self.b_meta = self.block(bottom=0)
        self.b_lead = self.block(bottom=4, line_height=125)
        self.b_recipients = self.block(top=2, bottom=4)
        hang = REFERENCE_HANG_PT
        self.b_ref = self.block(top=7, bottom=1, left=hang, indent=-hang)
        # Tab stops, unlike left margins, are scaled like vertical margins.
        self.b_ref.setTabPositions([QTextOption.Tab(self.v(hang), QTextOption.TabType.LeftTab)])
        self.b_ref_more = self.block(bottom=1, left=hang)
        self.b_judgement = self.block(top=6, bottom=1, left=16, indent=-16)
        self.b_judgement.setTabPositions([QTextOption.Tab(self.v(16), QTextOption.TabType.LeftTab)])
        self.b_judgement_more = self.block(bottom=1, left=16)
        self.b_cell = self.block(line_height=110)
