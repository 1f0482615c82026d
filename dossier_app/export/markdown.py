"""The briefing as CommonMark, from the same content model as the PDF (no Qt).

Dossier text is escaped so that it never turns into Markdown markup or HTML:
``*``, ``_``, ``<``, ``[`` and the rest show as typed. References are
footnote-style (``[^1]``) with their definitions at the end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..domain.dates import PartialDate
from .briefing import Briefing, KeyJudgement, ReferenceEntry, TimelineEntry
from .options import SECTIONS

# Every character that can start or end CommonMark inline markup, HTML or a reference.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# What only means something at the start of a line: a list item, a heading, a quote, a rule.
_LINE_START = re.compile(r"^(\s*)([-+=#]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Plain text as CommonMark that shows exactly that text, on one line."""
    one_line = " ".join(text.split())
    escaped = _INLINE.sub(r"\\\1", one_line)
    return _LINE_START.sub(lambda m: m.group(1) + _escape_start(m.group(2)), escaped)


def _escape_start(token: str) -> str:
    if token.isdigit():
        return token + "\\"  # "1\." is no ordered list; the dot follows
    return "\\" + token


def footnotes(numbers: tuple[int, ...]) -> str:
    return "".join(f"[^{n}]" for n in numbers)


def render_markdown(b: Briefing) -> str:
    """The whole briefing as one CommonMark document; the marking is the first line."""
    out: list[str] = [f"**{escape(b.marking)}**", ""]
    out += [f"# {escape(b.company)}", ""]
    if b.also_known_as:
        out += [escape(" · ".join(b.also_known_as)), ""]
    if b.recipients:
        out += [f"**Distribution:** {escape('; '.join(b.recipients))}", ""]
    out += _title_table(b)
    for name in b.sections:
        out += _SECTIONS[name](b)
    if b.references:
        out += ["", *(_reference(r) for r in b.references)]
    return "\n".join(out).rstrip() + "\n"


def _title_table(b: Briefing) -> list[str]:
    rows = [("Marking", f"{b.marking} — {b.marking_meaning}")]
    if b.marking_lowered_from:
        rows.append(("Marking lowered from", b.marking_lowered_from))
    rows.append(("Reviewed", b.reviewed.display() if b.reviewed else "not recorded"))
    if b.cut_off is not None:
        rows.append(("Information cut-off", f"{b.cut_off.display()} (latest dated item)"))
    rows.append(("Generated", PartialDate.from_date(b.generated).display()))
    if b.file_name:
        file_text = b.file_name + (f" (content hash {b.short_hash})" if b.short_hash else "")
        rows.append(("File", file_text))
    rows.append(("Contents", b.contents))
    return [*_table(("", ""), [tuple(escape(c) for c in row) for row in rows]), ""]


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    """A table of cells that are already Markdown (escaped text, footnote markers)."""
    lines = ["| " + " | ".join(escape(h) or " " for h in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(c or " " for c in row) + " |" for row in rows]
    return lines


def _summary(b: Briefing) -> list[str]:
    if not b.has_summary:
        return []
    out: list[str] = []
    if b.bottom_line:
        out += ["## Bottom line", ""]
        for para in b.bottom_line:
            out += [f"> {escape(para)}", ">"]
        out[-1] = ""
    if b.judgements:
        out += ["## Key judgements", ""]
        out += [_judgement(j) for j in b.judgements]
        out.append("")
    if b.changes:
        out += ["## What changed since the last review", ""]
        out += [f"- {escape(c)}" for c in b.changes]
        out.append("")
    return out


def _judgement(j: KeyJudgement) -> str:
    line = f"{j.number}. **{escape(j.text)}**{footnotes(j.citations)} — {escape(j.assessment)}"
    if j.grounds:
        line += f". Based on: {escape('; '.join(j.grounds))}"
    return line


def _overview(b: Briefing) -> list[str]:
    out = [f"## {SECTIONS['overview']}", ""]
    if b.profile:
        out += [*_table(("", ""), [(escape(k), escape(v)) for k, v in b.profile]), ""]
    for para in b.summary or ("No summary recorded.",):
        out += [escape(para), ""]
    return out


def _figures(b: Briefing) -> list[str]:
    out = [f"## {SECTIONS['figures']}", ""]
    if b.figures_note:
        out += [f"*{escape(b.figures_note)}*", ""]
    if not b.figures:
        return [*out, "No key figures recorded.", ""]
    rows = []
    for f in b.figures:
        label = f.label + (" — " + " ".join(f.notes) if f.notes else "")
        cells = (label, f.value, f.period, f.as_of)
        rows.append((*(escape(c) for c in cells), footnotes(f.citations) or "none"))
    return [*out, *_table(("Figure", "Value", "Period", "As of", "Sources"), rows), ""]


def _timeline(b: Briefing) -> list[str]:
    out = [f"## {SECTIONS['timeline']}", ""]
    if b.timeline_note:
        out += [f"*{escape(b.timeline_note)}*", ""]
    if not b.timeline:
        return [*out, "No developments to show.", ""]
    several_years = len({e.year for e in b.timeline}) > 1
    year: int | None = None
    for e in b.timeline:
        if several_years and e.year != year:
            year = e.year
            out += [f"### {year}", ""]
        out += _development(e)
    return out


def _development(e: TimelineEntry) -> list[str]:
    out = [f"**{escape(e.date)}** — **{escape(e.title)}**{footnotes(e.citations)}", ""]
    for para in e.paragraphs:
        out += [escape(para), ""]
    if e.meta:
        out += [f"*{escape(e.meta)}*", ""]
    return out


def _sources(b: Briefing) -> list[str]:
    out = [f"## {SECTIONS['sources']}", ""]
    key = b.grade_key
    if key is not None:
        out += [f"**Grading key: {escape(key.system)}.** {escape(key.intro)}", ""]
        rows = [
            (escape(f"{r.code} – {r.meaning}"), escape(f"{c.code} – {c.meaning}"))
            for r, c in zip(key.reliability, key.credibility, strict=True)
        ]
        out += [*_table(("Source reliability", "Information credibility"), rows), ""]
        if key.second_hand_note:
            out += [escape(key.second_hand_note), ""]
    if not b.references:
        out += ["No sources cited.", ""]
    return out


def _reference(r: ReferenceEntry) -> str:
    parts = [f"**{escape(r.title)}**"]
    if r.byline:
        parts.append(escape(r.byline))
    for caption, link in (("", r.url), ("Archived copy: ", r.archive_url)):
        if link is None:
            continue
        if link.safe:
            url = link.url.strip().replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
            parts.append(f"{escape(caption)}<{url}>")
        else:
            parts.append(f"{escape(caption)}{escape(link.url)} (not a web link)")
    for extra in (r.second_hand, r.grading, *r.notes):
        if extra:
            parts.append(escape(extra))
    return f"[^{r.number}]: " + ". ".join(parts)


_SECTIONS = {
    "summary": _summary,
    "overview": _overview,
    "figures": _figures,
    "timeline": _timeline,
    "sources": _sources,
}
