"""What a briefing says, whatever it is rendered to (no Qt).

``compose_briefing`` (in ``compose``) turns a dossier, the export options and
the provenance into a ``Briefing``: every line of text, every count, every
citation number. The PDF renders it; other formats render the same object,
so they can never disagree about what the briefing holds.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..domain.dates import PartialDate

#: What each marking asks of the reader (TLP 2.0), printed in the title block.
MARKING_MEANINGS: dict[str, str] = {
    "TLP:CLEAR": "Disclosure is not limited.",
    "TLP:GREEN": "Limited disclosure: share within your community, not publicly.",
    "TLP:AMBER": "Limited disclosure: share on a need-to-know basis within your "
    "organisation and its clients only.",
    "TLP:AMBER+STRICT": "Limited disclosure: share on a need-to-know basis within your "
    "organisation only.",
    "TLP:RED": "For the eyes and ears of individual recipients only: no further disclosure.",
}

#: Markings whose briefing can carry a distribution list printed under the title.
NAMED_RECIPIENT_MARKINGS = frozenset({"TLP:RED", "TLP:AMBER+STRICT"})

GRADING_SYSTEM = "Admiralty (NATO) system"
GRADING_INTRO = (
    "Each source is graded for reliability (A–F) and each development for the "
    "credibility of its information (1–6), independently of each other."
)
SECOND_HAND_NOTE = (
    "A source marked second-hand is known only through another source that reports it; "
    "its grade is that of the report."
)


#: The marker printed beside a flagged claim, explained by the flag key.
FLAG_MARKER = "⚑"
FLAG_KEY_TITLE = "Key to flags and grades"
FLAG_KEY_INTRO = (
    f"A {FLAG_MARKER} beside a development or key figure marks a claim that needs "
    "corroboration; its flags are named under it."
)


def flag_text(flags: tuple[str, ...]) -> str:
    """``⚑ Single origin, Weak sourcing`` (empty when there is no flag)."""
    return f"{FLAG_MARKER} " + ", ".join(flags) if flags else ""


def cite(numbers: tuple[int, ...]) -> str:
    """``[1][3]``, or an empty string when nothing is cited."""
    return "".join(f"[{n}]" for n in numbers)


@dataclass(frozen=True, slots=True)
class Counts:
    """What the briefing holds, against what the dossier holds."""

    developments: int
    developments_total: int
    figures: int
    figures_total: int
    sources: int
    sources_total: int
    judgements: int


@dataclass(frozen=True, slots=True)
class KeyJudgement:
    number: int
    id: str
    text: str
    confidence: str  # low, moderate, high
    likelihood: str | None
    likelihood_range: str | None  # "55–80 %"
    citations: tuple[int, ...]
    #: Titles and labels of the developments and figures it rests on.
    grounds: tuple[str, ...]

    @property
    def citation(self) -> str:
        return cite(self.citations)

    @property
    def assessment(self) -> str:
        """``Moderate confidence · likely (55–80 %)``."""
        text = f"{self.confidence.capitalize()} confidence"
        if self.likelihood:
            text += f" · {self.likelihood}"
            if self.likelihood_range:
                text += f" ({self.likelihood_range})"
        return text


@dataclass(frozen=True, slots=True)
class Grade:
    code: str
    meaning: str
    #: How many items of this briefing carry the grade.
    used: int


@dataclass(frozen=True, slots=True)
class GradeKey:
    system: str
    intro: str
    reliability: tuple[Grade, ...]
    credibility: tuple[Grade, ...]
    second_hand: int = 0
    second_hand_note: str = ""


@dataclass(frozen=True, slots=True)
class FigureEntry:
    id: str
    label: str
    notes: tuple[str, ...]
    value: str  # "about USD 12.5 billion"
    period: str
    as_of: str
    citations: tuple[int, ...]
    #: The raw number, unit and qualifier, for spreadsheets.
    number: float = 0.0
    unit: str = ""
    qualifier: str = "exact"
    #: The first day the as-of date may mean (ISO), for sorting; empty when undated.
    sort_date: str = ""
    sources: tuple[str, ...] = ()
    #: The names of its corroboration flags ("Single origin", "Stale"…).
    flags: tuple[str, ...] = ()

    @property
    def citation(self) -> str:
        return cite(self.citations)


@dataclass(frozen=True, slots=True)
class ChartBar:
    label: str  # the as-of date
    detail: str  # the period
    value: float
    text: str
    exact: bool


@dataclass(frozen=True, slots=True)
class Chart:
    """One measure over its as-of dates: bars of comparable values."""

    label: str
    unit: str
    bars: tuple[ChartBar, ...]

    @property
    def title(self) -> str:
        return f"{self.label} ({self.unit}) by as-of date"

    @property
    def has_inexact(self) -> bool:
        return any(not b.exact for b in self.bars)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    id: str
    year: int
    date: str  # "c. 2015 – Apr 2016"
    title: str
    citations: tuple[int, ...]
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]
    credibility: str  # "2 – Probably true", or empty
    #: The first day the date may mean (ISO), for sorting.
    sort_date: str = ""
    #: The date and end as the file writes them ("2021-09"), in their precision.
    date_iso: str = ""
    end_iso: str = ""
    approximate: bool = False
    end: str = ""
    sources: tuple[str, ...] = ()
    credibility_grade: int | None = None
    summary: str = ""
    #: The names of its corroboration flags ("Single origin"…).
    flags: tuple[str, ...] = ()

    @property
    def citation(self) -> str:
        return cite(self.citations)

    @property
    def meta(self) -> str:
        parts = []
        if self.tags:
            parts.append("Tags: " + ", ".join(self.tags))
        if self.credibility:
            parts.append("Credibility: " + self.credibility)
        if not self.citations:
            parts.append("No source cited")
        if self.flags:
            parts.append(flag_text(self.flags))
        return "  ·  ".join(parts)


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    #: Only http(s) links become clickable; anything else is shown as inert text.
    safe: bool


@dataclass(frozen=True, slots=True)
class ReferenceEntry:
    number: int
    id: str
    title: str
    byline: str
    url: Link | None
    archive_url: Link | None
    grading: str  # "Reliability: B – Usually reliable  ·  Accessed 1 Nov 2026"
    notes: tuple[str, ...]
    cited: bool
    #: "reports from [3]" for a source known only second-hand, else empty.
    second_hand: str = ""
    publisher: str = ""
    author: str = ""
    published: str = ""
    accessed: str = ""
    reliability: str = ""


@dataclass(frozen=True, slots=True)
class Briefing:
    """Everything a briefing says, in reading order."""

    company: str
    also_known_as: tuple[str, ...]
    marking: str
    marking_meaning: str
    marking_lowered_from: str | None
    recipients: tuple[str, ...]
    reviewed: PartialDate | None
    generated: _dt.date
    file_name: str | None
    short_hash: str | None
    #: The latest date of anything the briefing holds.
    cut_off: PartialDate | None
    counts: Counts
    filter_text: str
    sections: tuple[str, ...]
    language: str
    author: str
    bottom_line: tuple[str, ...] = ()
    judgements: tuple[KeyJudgement, ...] = ()
    #: "What changed since the last review", where the history provides it.
    changes: tuple[str, ...] = ()
    profile: tuple[tuple[str, str], ...] = ()
    summary: tuple[str, ...] = ()
    figures: tuple[FigureEntry, ...] = ()
    figures_note: str = ""
    charts: tuple[Chart, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    timeline_note: str = ""
    grade_key: GradeKey | None = None
    references: tuple[ReferenceEntry, ...] = field(default_factory=tuple)
    #: Every source the briefing cites, (id, title), whether or not it lists them.
    source_titles: tuple[tuple[str, str], ...] = ()
    #: (term, meaning) lines of the key to the flags (and to the grades when the
    #: sources section, with its grading key, is left out); empty without claims.
    flag_key: tuple[tuple[str, str], ...] = ()
    #: How many developments and key figures of the briefing carry a flag.
    flagged: int = 0

    @property
    def has_summary(self) -> bool:
        """True when there is a bottom line or a key judgement to open with."""
        return bool(self.bottom_line or self.judgements or self.changes)

    @property
    def title(self) -> str:
        return f"{self.company} — company briefing"

    @property
    def subject(self) -> str:
        subject = f"{self.company}: company briefing, {self.marking}"
        if self.marking_lowered_from:
            subject += f" (marking lowered from {self.marking_lowered_from})"
        return subject

    @property
    def contents(self) -> str:
        """The title block's honest counts: what this briefing holds."""
        c = self.counts
        parts = []
        if "summary" in self.sections and c.judgements:
            parts.append(_count(c.judgements, c.judgements, "key judgement"))
        if "timeline" in self.sections:
            text = _count(c.developments, c.developments_total, "development")
            if self.filter_text:
                text += f" ({self.filter_text})"
            parts.append(text)
        if "figures" in self.sections:
            parts.append(_count(c.figures, c.figures_total, "key figure"))
        if "sources" in self.sections:
            parts.append(_count(c.sources, c.sources_total, "source"))
        return " · ".join(parts) or "no sections"


def _count(shown: int, total: int, noun: str) -> str:
    plural = "s" * (total != 1)
    if shown == total:
        return f"{total} {noun}{plural}"
    return f"{shown} of {total} {noun}{plural}"
