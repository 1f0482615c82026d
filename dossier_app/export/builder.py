"""The briefing content model as a QTextDocument, section by section.

What the briefing says is decided in ``compose``; this module only lays it
out: the title block, the bottom line and key judgements up front, then the
profile, key figures with their charts, the timeline and the references.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

from PySide6.QtGui import QBrush, QPaintDevice, QTextCharFormat

from ..domain.dates import PartialDate
from .briefing import (
    FLAG_KEY_INTRO,
    FLAG_KEY_TITLE,
    FLAG_MARKER,
    Briefing,
    Grade,
    GradeKey,
    KeyJudgement,
    Link,
    ReferenceEntry,
    TimelineEntry,
    flag_text,
)
from .charts import ChartMetrics
from .document import BuiltDocument, Cell, DocumentWriter, Run
from .marking import marking_colours
from .options import SECTIONS
from .styles import LEAD_FILL

#: Headings of the parts of the opening section.
BOTTOM_LINE = "Bottom line"
KEY_JUDGEMENTS = "Key judgements"
CHANGES = "What changed since the last review"
GRADING_KEY = "Grading key"


class BriefingBuilder:
    """Lays out one ``Briefing`` on a paint device (the PDF writer)."""

    def __init__(self, briefing: Briefing, device: QPaintDevice, text_width: float) -> None:
        self.b = briefing
        self.device = device
        self.w = DocumentWriter(device, text_width)
        self.s = self.w.s
        self.doc = self.w.doc
        self.built: BuiltDocument = self.w.built
        self.chart_metrics: ChartMetrics | None = None

    def build(self) -> BuiltDocument:
        for _ in self.iter_build():
            pass
        return self.built

    def iter_build(self, chunk: int = 50) -> Iterator[int]:
        """Build in slices, yielding the number of entries written so far every ``chunk``.

        The GUI builds a long briefing between events this way; each slice is
        a few milliseconds.
        """
        from PySide6.QtGui import QTextCursor

        # One edit block around the whole build: the layout runs once at the end
        # instead of after every insertion (table cell formats cost most).
        batch = QTextCursor(self.doc)
        batch.beginEditBlock()
        written = 0
        try:
            self._title_block()
            for name in self.b.sections:
                for _ in getattr(self, f"_section_{name}")():
                    written += 1
                    if written % chunk == 0:
                        yield written
        finally:
            batch.endEditBlock()
        yield written

    # -- title block ---------------------------------------------------------------
    def _title_block(self) -> None:
        b, s, w = self.b, self.s, self.w
        w.begin_unit()
        w.paragraph(s.block(bottom=2), s.f_kicker)
        w.text("COMPANY BRIEFING", s.f_kicker)
        w.paragraph(s.block(bottom=2, line_height=105), s.f_h1)
        w.text(b.company, s.f_h1)
        if b.also_known_as:
            w.paragraph(s.block(bottom=4), s.f_aliases)
            w.text(" · ".join(b.also_known_as), s.f_aliases)
        if b.recipients:
            w.paragraph(s.b_recipients, s.f_label)
            w.text("Distribution: ", s.f_label)
            w.text("; ".join(b.recipients), s.f_body)
        w.end_unit(keep_with_next=True)

        foreground, background = marking_colours(b.marking)
        badge = s.badge(foreground, background)
        marking_lines: Cell = [[(f" {b.marking} ", badge), ("  " + b.marking_meaning, s.f_small)]]
        if b.marking_lowered_from:
            marking_lines.append([(f"Marking lowered from {b.marking_lowered_from}", s.f_label)])
        rows: list[list[Cell]] = [
            [[[("Marking", s.f_th)]], marking_lines],
            [
                [[("Reviewed", s.f_th)]],
                [[(b.reviewed.display() if b.reviewed else "not recorded", s.f_body)]],
            ],
        ]
        if b.cut_off is not None:
            rows.append(
                [
                    [[("Information cut-off", s.f_th)]],
                    [[(b.cut_off.display(), s.f_body), ("  latest dated item", s.f_small)]],
                ]
            )
        rows.append([[[("Generated", s.f_th)]], [[(_long_date(b.generated), s.f_body)]]])
        if b.file_name:
            version = f"  ·  content hash {b.short_hash}" if b.short_hash else ""
            rows.append(
                [[[("File", s.f_th)]], [[(b.file_name, s.f_body), (version, s.f_small)]]]
            )
        rows.append([[[("Contents", s.f_th)]], [[(b.contents, s.f_body)]]])
        w.table(rows, [20, 80], header=False, border=False)

    # -- bottom line and key judgements ------------------------------------------------
    def _section_summary(self) -> Iterator[None]:
        b, s, w = self.b, self.s, self.w
        if not b.has_summary:
            return
        if b.bottom_line:
            w.heading(BOTTOM_LINE, 0)
            lines: Cell = [[(p, s.f_lead)] for p in b.bottom_line]
            w.table([[lines]], [100], header=False, border=False, fill=QBrush(LEAD_FILL))
        if b.judgements:
            w.heading(KEY_JUDGEMENTS, 0)
            for judgement in b.judgements:
                self._judgement(judgement)
                yield
        if b.changes:
            w.heading(CHANGES, 0)
            for change in b.changes:
                w.line([("– " + change, s.f_body)], s.b_para)
        yield

    def _judgement(self, j: KeyJudgement) -> None:
        s, w = self.s, self.w
        w.begin_unit()
        w.paragraph(s.b_judgement, s.f_judgement)
        w.text(f"{j.number}.", s.f_judgement)
        w.raw("\t", s.f_judgement)
        w.text(j.text, s.f_judgement)
        if j.citation:
            w.text("\u00a0" + j.citation, s.f_cite)
        w.paragraph(s.b_judgement_more, s.f_small)
        w.text(j.assessment, s.f_small_text)
        if j.grounds:
            w.paragraph(s.b_judgement_more, s.f_small)
            w.text("Based on: " + "; ".join(j.grounds), s.f_small)
        w.end_unit()

    # -- profile -------------------------------------------------------------------
    def _section_overview(self) -> Iterator[None]:
        b, s, w = self.b, self.s, self.w
        w.heading(SECTIONS["overview"], 0)
        if b.profile:
            w.table(
                [[[[(k, s.f_th)]], [[(v, s.f_body)]]] for k, v in b.profile],
                [20, 80],
                header=False,
                border=False,
            )
        for para in b.summary:
            w.line([(para, s.f_body)], s.b_para)
        if not b.summary:
            w.line([("No summary recorded.", s.f_small)], s.b_para)
        yield

    # -- key figures ---------------------------------------------------------------
    def _section_figures(self) -> Iterator[None]:
        b, s, w = self.b, self.s, self.w
        w.heading(SECTIONS["figures"], 0)
        if b.figures_note:
            w.line([(b.figures_note, s.f_small)], s.b_para, keep_with_next=True)
        if not b.figures:
            empty = "No key figures recorded."
            if b.figures_note:
                empty = "No key figures in this range."
            w.line([(empty, s.f_small)], s.b_para)
            return
        header = [[[(t, s.f_th)]] for t in ("Figure", "Value", "Period", "As of", "Sources")]
        rows = [header]
        for f in b.figures:
            label: Cell = [[(f.label, s.f_label)]]
            if f.flags:
                label[0].append(("\u00a0" + FLAG_MARKER, s.f_flag))
            label += [[(p, s.f_small)] for p in f.notes]
            if f.flags:
                label.append([(flag_text(f.flags), s.f_flag_small)])
            rows.append(
                [
                    label,
                    [[(f.value, s.f_body)]],
                    [[(f.period, s.f_body)]],
                    [[(f.as_of, s.f_body)]],
                    [[(f.citation or "none", s.f_cite)]],
                ]
            )
        w.table(rows, [36, 26, 13, 12, 13], header=True, border=True, splittable=True)
        if b.charts:
            w.glue_last()  # the first chart begins on the page where the table ends
            metrics = self.chart_metrics = ChartMetrics(self.device)
            for chart in b.charts:
                w.chart(chart, metrics.height(chart))
        if "timeline" not in b.sections:
            self._flag_key()
        yield

    # -- timeline ------------------------------------------------------------------
    def _section_timeline(self) -> Iterator[None]:
        b, s, w = self.b, self.s, self.w
        w.heading(SECTIONS["timeline"], 0)
        if b.timeline_note:
            w.line([(b.timeline_note, s.f_small)], s.b_para)
        if not b.timeline:
            w.line([("No developments to show.", s.f_small)], s.b_para)
            return
        several_years = len({e.year for e in b.timeline}) > 1
        year: int | None = None
        for entry in b.timeline:
            if several_years and entry.year != year:
                year = entry.year
                w.heading(str(year), 1)
            self._development(entry)
            yield
        self._flag_key()

    def _flag_key(self) -> None:
        """What the markers and flags mean (and the grades, when no grading key follows)."""
        b, s, w = self.b, self.s, self.w
        if not b.flag_key:
            return
        w.heading(FLAG_KEY_TITLE, 1)
        intro = FLAG_KEY_INTRO
        if not b.flagged:
            intro += " No claim in this briefing is flagged."
        w.line([(intro, s.f_small)], s.b_meta, keep_with_next=True)
        w.table(
            [[[[(term, s.f_label)]], [[(text, s.f_small_text)]]] for term, text in b.flag_key],
            [24, 76],
            header=False,
            border=False,
        )

    def _development(self, e: TimelineEntry) -> None:
        s, w = self.s, self.w
        w.begin_unit()
        w.paragraph(s.b_date, s.f_date)
        w.text(e.date, s.f_date)
        w.paragraph(s.b_title, s.f_dev_title)
        w.text(e.title, s.f_dev_title)
        if e.citation:
            # A no-break space: the numbers never start a line of their own.
            w.text("\u00a0" + e.citation, s.f_cite)
        if e.flags:
            w.text("\u00a0" + FLAG_MARKER, s.f_flag)
        for para in e.paragraphs:
            w.paragraph(s.b_para, s.f_body)
            w.text(para, s.f_body)
        meta = e.meta
        if meta:
            w.paragraph(s.b_meta, s.f_small)
            w.text(meta, s.f_small)
        w.end_unit()

    # -- sources -------------------------------------------------------------------
    def _section_sources(self) -> Iterator[None]:
        b, s, w = self.b, self.s, self.w
        w.heading(SECTIONS["sources"], 0)
        if b.grade_key is not None:
            self._grade_key(b.grade_key)
        if not b.references:
            w.line([("No sources cited.", s.f_small)], s.b_para)
            return
        for ref in b.references:
            self._reference(ref)
            yield

    def _grade_key(self, key: GradeKey) -> None:
        s, w = self.s, self.w
        w.line([(f"{GRADING_KEY}: {key.system}", s.f_label)], s.b_para, keep_with_next=True)
        w.line([(key.intro, s.f_small)], s.b_meta, keep_with_next=True)

        def grades(title: str, items: tuple[Grade, ...]) -> Cell:
            lines: Cell = [[(title, s.f_th)]]
            for g in items:
                runs: list[Run] = [(f"{g.code}  ", s.f_label), (g.meaning, s.f_small_text)]
                if g.used:
                    runs.append((f"  ({g.used} here)", s.f_small))
                lines.append(runs)
            return lines

        w.table(
            [
                [
                    grades("Source reliability", key.reliability),
                    grades("Information credibility", key.credibility),
                ]
            ],
            [50, 50],
            header=False,
            border=False,
        )
        if key.second_hand_note:
            w.line([(key.second_hand_note, s.f_small)], s.b_para)

    def _reference(self, ref: ReferenceEntry) -> None:
        s, w = self.s, self.w
        w.begin_unit()
        w.paragraph(s.b_ref, s.f_label)
        w.text(f"[{ref.number}]", s.f_cite)
        w.raw("\t", s.f_label)
        w.text(ref.title, s.f_label)
        if ref.byline:
            w.paragraph(s.b_ref_more, s.f_body)
            w.text(ref.byline, s.f_body)
        for caption, link in (("", ref.url), ("Archived copy: ", ref.archive_url)):
            if link is not None:
                self._url_line(caption, link)
        if ref.second_hand:
            w.paragraph(s.b_ref_more, s.f_small)
            w.text(ref.second_hand, s.f_small_text)
        if ref.grading:
            w.paragraph(s.b_ref_more, s.f_small)
            w.text(ref.grading, s.f_small)
        for para in ref.notes:
            w.paragraph(s.b_ref_more, s.f_small)
            w.text(para, s.f_small)
        w.end_unit()

    def _url_line(self, caption: str, link: Link) -> None:
        s, w = self.s, self.w
        w.paragraph(s.b_ref_more, s.f_body)
        if caption:
            w.text(caption, s.f_small)
        if link.safe:
            fmt = QTextCharFormat(s.f_link)
            fmt.setAnchor(True)
            fmt.setAnchorHref(link.url.strip())
            w.text(link.url, fmt)
        else:
            # Shown so the reader knows it is there, never made clickable.
            w.text(link.url, s.f_small_text)
            w.text("  (not a web link; not clickable)", s.f_small)


def _long_date(value: _dt.date) -> str:
    return PartialDate.from_date(value).display()
