"""The briefing as a Word document (python-docx), from the same content model as the PDF.

Real heading styles (Word's navigation pane shows the outline), the marking
in its TLP colours in the header and footer of every page, "Page N of M" as
Word fields, East Asian text in a CJK font (the ``eastAsia`` font
attribute), tables whose header row repeats, references with working links.
Charts come in as pictures made by the caller (``chart_png``), so this module
needs no Qt.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import Any

from ..domain.dates import PartialDate
from .briefing import Briefing, Link, ReferenceEntry, TimelineEntry
from .marking import marking_colours
from .options import SECTIONS

TEXT_FONT = "Noto Sans"
CJK_FONT = "Microsoft YaHei"
ACCENT = "1F4E79"
MUTED = "5F6B7A"
#: Column widths (mm) of the tables; the text column is 170 mm wide.
LABEL_WIDTHS = (45.0, 125.0)
FIGURE_WIDTHS = (62.0, 36.0, 24.0, 22.0, 26.0)
# python-docx refuses characters XML 1.0 cannot hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: A picture for each chart, in the briefing's order (PNG bytes).
ChartPictures = Sequence[bytes]


def _t(text: str) -> str:
    return _NOT_XML.sub("", text)


def render_docx(b: Briefing, charts: ChartPictures = ()) -> bytes:
    """The document's bytes."""
    from docx import Document
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    _fonts(doc)
    core = doc.core_properties
    core.title, core.subject, core.author = _t(b.title), _t(b.subject), _t(b.author)
    core.keywords = _t(b.marking)
    core.language = b.language
    _margins(doc, b)
    _title_block(doc, b)
    writer = _Writer(doc, b, list(charts))
    for name in b.sections:
        writer.section(name)
    if b.references:
        writer.references()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _fonts(doc: Any) -> None:
    from docx.oxml.ns import qn

    for style in doc.styles:
        if style.type != 1:  # paragraph styles only
            continue
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.insert(0, fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), TEXT_FONT)
        fonts.set(qn("w:eastAsia"), CJK_FONT)


def _shade(run: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    run._r.get_or_add_rPr().append(shd)


def _marking_run(paragraph: Any, b: Briefing) -> None:
    from docx.shared import Pt, RGBColor

    foreground, background = marking_colours(b.marking)
    run = paragraph.add_run(f" {b.marking} ")
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = RGBColor.from_string(foreground.lstrip("#"))
    _shade(run, background.lstrip("#"))


def _field(paragraph: Any, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _margins(doc: Any, b: Briefing) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _marking_run(header, b)
    header.add_run("   " + _t(b.company)).italic = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _marking_run(footer, b)
    footer.add_run("   Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _title_block(doc: Any, b: Briefing) -> None:
    from docx.shared import RGBColor

    kicker = doc.add_paragraph().add_run("COMPANY BRIEFING")
    kicker.bold = True
    kicker.font.color.rgb = RGBColor.from_string(MUTED)
    doc.add_paragraph(_t(b.company), style="Title")
    if b.also_known_as:
        doc.add_paragraph(_t(" · ".join(b.also_known_as)), style="Subtitle")
    if b.recipients:
        p = doc.add_paragraph()
        p.add_run("Distribution: ").bold = True
        p.add_run(_t("; ".join(b.recipients)))
    rows = [("Marking", f"{b.marking} — {b.marking_meaning}")]
    if b.marking_lowered_from:
        rows.append(("", f"Marking lowered from {b.marking_lowered_from}"))
    rows.append(("Reviewed", b.reviewed.display() if b.reviewed else "not recorded"))
    if b.cut_off is not None:
        rows.append(("Information cut-off", f"{b.cut_off.display()} (latest dated item)"))
    rows.append(("Generated", PartialDate.from_date(b.generated).display()))
    if b.file_name:
        version = f" · content hash {b.short_hash}" if b.short_hash else ""
        rows.append(("File", b.file_name + version))
    rows.append(("Contents", b.contents))
    _table(doc, None, rows, LABEL_WIDTHS)


def _table(
    doc: Any,
    header: tuple[str, ...] | None,
    rows: Sequence[tuple[str, ...]],
    widths: tuple[float, ...] = (),
) -> Any:
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt

    columns = len(header) if header else len(rows[0])
    table = doc.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    if widths:
        # Fixed widths: Word reads each cell's, LibreOffice the table grid's.
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Mm(width)
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(_t(text)).bold = True
        # Word repeats a row marked as a table header at the top of every page.
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = _t(text)
    for index, width in enumerate(widths):
        for cell in table.columns[index].cells:
            cell.width = Mm(width)
    # A little air between the table and what follows it.
    gap = doc.add_paragraph().paragraph_format
    gap.space_after = Pt(0)
    gap.line_spacing = Pt(6)
    return table


def _hyperlink(paragraph: Any, link: Link) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if not link.safe:
        paragraph.add_run(_t(link.url) + " (not a web link; not clickable)")
        return
    url = link.url.strip()
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0B57D0")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(colour)
    props.append(underline)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = _t(link.url)
    text.set(qn("xml:space"), "preserve")
    run.append(text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


class _Writer:
    """The sections of the briefing, in order, into one document.

    python-docx looks for the section properties among all the body's children on
    every paragraph it adds (quadratic in a long timeline), so paragraphs are put
    straight before them here.
    """

    def __init__(self, doc: Any, b: Briefing, charts: list[bytes]) -> None:
        self.doc = doc
        self.b = b
        self.charts = charts
        from docx.oxml.ns import qn

        self.body = doc.element.body
        self.sect = self.body.find(qn("w:sectPr"))
        self._styles: dict[str, Any] = {}
        self._sections: dict[str, Callable[[], None]] = {
            "summary": self.summary,
            "overview": self.overview,
            "figures": self.figures,
            "timeline": self.timeline,
            "sources": self.sources,
        }

    def p(self, text: str = "", style: str | None = None) -> Any:
        """A new paragraph at the end of the body."""
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        element = OxmlElement("w:p")
        if self.sect is not None:
            self.sect.addprevious(element)
        else:
            self.body.append(element)
        paragraph = Paragraph(element, self.doc._body)
        if style is not None:
            if style not in self._styles:
                self._styles[style] = self.doc.styles[style]
            paragraph.style = self._styles[style]
        if text:
            paragraph.add_run(_t(text))
        return paragraph

    def heading(self, text: str, level: int) -> Any:
        return self.p(text, f"Heading {level}")

    def section(self, name: str) -> None:
        self._sections[name]()

    def cite(self, paragraph: Any, text: str) -> None:
        from docx.shared import RGBColor

        if text:
            paragraph.add_run("\u00a0" + text).font.color.rgb = RGBColor.from_string(ACCENT)

    def note(self, text: str) -> None:
        from docx.shared import RGBColor

        run = self.p().add_run(_t(text))
        run.italic = True
        run.font.color.rgb = RGBColor.from_string(MUTED)

    def summary(self) -> None:
        b = self.b
        if not b.has_summary:
            return
        if b.bottom_line:
            self.heading("Bottom line", 1)
            for para in b.bottom_line:
                self.p(para, "Intense Quote")
        if b.judgements:
            self.heading("Key judgements", 1)
            for j in b.judgements:
                p = self.p(style="List Number")
                p.add_run(_t(j.text)).bold = True
                self.cite(p, j.citation)
                p.add_run("\n" + _t(j.assessment))
                if j.grounds:
                    p.add_run("\nBased on: " + _t("; ".join(j.grounds))).italic = True
        if b.changes:
            self.heading("What changed since the last review", 1)
            for change in b.changes:
                self.p(change, "List Bullet")

    def overview(self) -> None:
        b, doc = self.b, self.doc
        self.heading(SECTIONS["overview"], 1)
        if b.profile:
            _table(doc, None, list(b.profile), LABEL_WIDTHS)
        for para in b.summary or ("No summary recorded.",):
            self.p(para)

    def figures(self) -> None:
        from docx.shared import Mm, Pt, RGBColor

        b, doc = self.b, self.doc
        self.heading(SECTIONS["figures"], 1)
        if b.figures_note:
            self.note(b.figures_note)
        if not b.figures:
            self.p("No key figures recorded.")
            return
        rows = [(f.label, f.value, f.period, f.as_of, f.citation or "none") for f in b.figures]
        table = _table(doc, ("Figure", "Value", "Period", "As of", "Sources"), rows, FIGURE_WIDTHS)
        for row, f in zip(table.rows[1:], b.figures, strict=True):
            if f.notes:  # under the label, smaller and muted
                run = row.cells[0].add_paragraph().add_run(_t(" ".join(f.notes)))
                run.italic = True
                run.font.size = Pt(8.5)
                run.font.color.rgb = RGBColor.from_string(MUTED)
        for chart, picture in zip(b.charts, self.charts, strict=False):
            self.p(chart.title, "Caption")
            doc.add_picture(io.BytesIO(picture), width=Mm(165))

    def timeline(self) -> None:
        b = self.b
        self.heading(SECTIONS["timeline"], 1)
        if b.timeline_note:
            self.note(b.timeline_note)
        if not b.timeline:
            self.p("No developments to show.")
            return
        several_years = len({e.year for e in b.timeline}) > 1
        year: int | None = None
        for e in b.timeline:
            if several_years and e.year != year:
                year = e.year
                self.heading(str(year), 2)
            self.development(e)

    def development(self, e: TimelineEntry) -> None:
        from docx.shared import RGBColor

        date = self.p().add_run(_t(e.date))
        date.bold = True
        date.font.color.rgb = RGBColor.from_string(ACCENT)
        title = self.p()
        title.add_run(_t(e.title)).bold = True
        self.cite(title, e.citation)
        for para in e.paragraphs:
            self.p(para)
        if e.meta:
            self.note(e.meta)

    def sources(self) -> None:
        b, doc = self.b, self.doc
        self.heading(SECTIONS["sources"], 1)
        key = b.grade_key
        if key is not None:
            self.p(f"Grading key: {key.system}. {key.intro}")
            rows = [
                (f"{r.code} – {r.meaning}", f"{c.code} – {c.meaning}")
                for r, c in zip(key.reliability, key.credibility, strict=True)
            ]
            _table(doc, ("Source reliability", "Information credibility"), rows)
            if key.second_hand_note:
                self.p(key.second_hand_note)
        if not b.references:
            self.p("No sources cited.")

    def references(self) -> None:
        if "sources" not in self.b.sections:
            return
        for ref in self.b.references:
            self.reference(ref)

    def reference(self, r: ReferenceEntry) -> None:
        from docx.shared import Mm

        p = self.p()
        # A hanging indent wide enough for [1000].
        p.paragraph_format.left_indent = Mm(14)
        p.paragraph_format.first_line_indent = Mm(-14)
        p.paragraph_format.tab_stops.add_tab_stop(Mm(14))
        p.add_run(f"[{r.number}]\t")
        p.add_run(_t(r.title)).bold = True
        lines = [r.byline, r.second_hand, r.grading, *r.notes]
        for caption, link in (("", r.url), ("Archived copy: ", r.archive_url)):
            if link is not None:
                p.add_run("\n" + caption)
                _hyperlink(p, link)
        for line in lines:
            if line:
                p.add_run("\n" + _t(line))
