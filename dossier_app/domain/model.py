"""The dossier and its parts, as plain Python objects (no Qt, no YAML).

Field names follow ``dossier-format.md``. Optional keys absent from a file
stay ``None`` (or empty) so that a save writes back only what was there;
``effective_*`` properties give the defaults the format defines. Every object
keeps the keys it does not know in ``extra`` (in file order) so that a newer
file opened here loses nothing on save.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from .dates import PartialDate

FORMAT_V1 = "dossier/1"

MARKINGS: tuple[str, ...] = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")
DEFAULT_MARKING = "TLP:CLEAR"

#: Admiralty source reliability grades.
RELIABILITY: dict[str, str] = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}

#: Admiralty information credibility grades.
CREDIBILITY: dict[int, str] = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}

QUALIFIERS: tuple[str, ...] = ("exact", "about", "less-than", "more-than", "at-least", "at-most")

#: How sure the analyst is of a key judgement, least to most.
CONFIDENCE: tuple[str, ...] = ("low", "moderate", "high")

#: The standard estimative terms of likelihood, least to most likely, with the
#: probability range each stands for (as in ICD 203 and the UK PHIA yardstick).
LIKELIHOOD: dict[str, str] = {
    "almost no chance": "1–5 %",
    "very unlikely": "5–20 %",
    "unlikely": "20–45 %",
    "roughly even chance": "45–55 %",
    "likely": "55–80 %",
    "very likely": "80–95 %",
    "almost certain": "95–99 %",
}

#: Key order of every mapping, as in the format document. Writers use it.
DOSSIER_KEYS = (
    "format", "company", "marking", "reviewed", "tags", "bottom_line", "judgements",
    "sources", "timeline", "figures",
)
COMPANY_KEYS = ("name", "short_name", "aliases", "headquarters", "sector", "identifiers", "summary")
SOURCE_KEYS = (
    "id", "title", "publisher", "author", "url", "archive_url",
    "published", "accessed", "reliability", "notes", "via", "archived", "sha256",
)
DEVELOPMENT_KEYS = (
    "id", "date", "end", "approximate", "title", "summary", "tags", "sources", "credibility",
)
FIGURE_KEYS = (
    "id", "label", "value", "unit", "period", "as_of", "qualifier", "sources", "note",
)
JUDGEMENT_KEYS = ("id", "text", "confidence", "likelihood", "based_on")

#: The only link schemes the app ever opens.
SAFE_URL_SCHEMES = ("http", "https")


def is_safe_url(url: str | None) -> bool:
    """True for an absolute http or https URL; anything else is shown as inert text."""
    if not url:
        return False
    head, sep, rest = url.strip().partition(":")
    has_host = rest.startswith("//") and len(rest) > 2
    return bool(sep) and head.lower() in SAFE_URL_SCHEMES and has_host


@dataclass(slots=True)
class Company:
    name: str
    short_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    headquarters: str | None = None
    sector: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    summary: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


@dataclass(slots=True)
class Source:
    id: str
    title: str
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    archive_url: str | None = None
    published: PartialDate | None = None
    accessed: PartialDate | None = None  # always a full date
    reliability: str | None = None
    notes: str | None = None
    #: Id of the source this one reports from (a Hill article relaying Reuters).
    via: str | None = None
    #: The archived copy, relative to the dossier's folder (``<stem>.sources/<id>.<ext>``).
    archived: str | None = None
    #: SHA-256 (lower-case hex) of the archived copy.
    sha256: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Development:
    id: str
    date: PartialDate  # carries the ``approximate`` flag
    title: str
    end: PartialDate | None = None
    summary: str | None = None
    tags: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    credibility: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def approximate(self) -> bool:
        return self.date.approximate


@dataclass(slots=True)
class Figure:
    id: str
    label: str
    value: int | float
    unit: str
    period: str | None = None
    as_of: PartialDate | None = None
    qualifier: str | None = None  # None means "exact"
    sources: list[str] = field(default_factory=list)
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def effective_qualifier(self) -> str:
        return self.qualifier or "exact"


@dataclass(slots=True)
class Judgement:
    """A key judgement: what the analyst concludes, how sure, and what it rests on.

    ``based_on`` holds ids of developments and figures of the same dossier.
    """

    id: str
    text: str
    confidence: str  # one of CONFIDENCE
    likelihood: str | None = None  # one of LIKELIHOOD's terms
    based_on: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


Item = TypeVar("Item", Source, Development, Figure)
ListName = Literal["sources", "timeline", "figures"]


@dataclass(slots=True)
class Dossier:
    company: Company
    format: str = FORMAT_V1
    marking: str | None = None
    reviewed: PartialDate | None = None  # always a full date
    tags: list[str] = field(default_factory=list)
    #: What a reader must take away, in a few sentences of plain text.
    bottom_line: str | None = None
    judgements: list[Judgement] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    timeline: list[Development] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    #: Comment lines at the very top of the file (kept on save), without newlines.
    header_comments: list[str] = field(default_factory=list)

    # -- reading ------------------------------------------------------
    @property
    def effective_marking(self) -> str:
        return self.marking or DEFAULT_MARKING

    def source(self, source_id: str) -> Source | None:
        for s in self.sources:
            if s.id == source_id:
                return s
        return None

    def development(self, dev_id: str) -> Development | None:
        for d in self.timeline:
            if d.id == dev_id:
                return d
        return None

    def figure(self, figure_id: str) -> Figure | None:
        for f in self.figures:
            if f.id == figure_id:
                return f
        return None

    def judgement(self, judgement_id: str) -> Judgement | None:
        for j in self.judgements:
            if j.id == judgement_id:
                return j
        return None

    def grounds(self, judgement: Judgement) -> list[Development | Figure]:
        """The developments and figures a judgement rests on, in its order; unknown ids left out."""
        devs = {d.id: d for d in self.timeline}
        figs = {f.id: f for f in self.figures}
        found: list[Development | Figure] = []
        for ident in judgement.based_on:
            item = devs.get(ident) or figs.get(ident)
            if item is not None:
                found.append(item)
        return found

    def chronological(self) -> list[Development]:
        """Developments in the format's order: by date, file order between equals."""
        return sorted(self.timeline, key=lambda d: d.date.sort_key)

    def cited_items(self) -> list[Development | Figure]:
        """Every development and figure: the things that cite sources."""
        return [*self.timeline, *self.figures]

    def citing(self, source_id: str) -> tuple[list[Development], list[Figure]]:
        """The developments and figures that cite a source."""
        devs = [d for d in self.timeline if source_id in d.sources]
        figs = [f for f in self.figures if source_id in f.sources]
        return devs, figs

    def relaying(self, source_id: str) -> list[Source]:
        """The sources that say they report from ``source_id`` (``via``)."""
        return [s for s in self.sources if s.via == source_id]

    def citation_counts(self) -> dict[str, int]:
        """How many developments and figures cite each source id."""
        counts = {s.id: 0 for s in self.sources}
        for item in self.cited_items():
            for sid in set(item.sources):
                if sid in counts:
                    counts[sid] += 1
        return counts

    def all_tags(self) -> list[str]:
        """Every tag used in the dossier or its developments, sorted."""
        seen = set(self.tags)
        for d in self.timeline:
            seen.update(d.tags)
        return sorted(seen, key=str.casefold)

    def unsourced(self) -> list[Development | Figure]:
        return [x for x in self.cited_items() if not x.sources]

    def uncited_sources(self) -> list[Source]:
        counts = self.citation_counts()
        return [s for s in self.sources if counts.get(s.id, 0) == 0]

    # -- editing (used by the GUI's undo commands) --------------------
    def items(self, name: ListName) -> list[Any]:
        lst: list[Any] = getattr(self, name)
        return lst

    def chronological_insert_index(self, date: PartialDate) -> int:
        """Where a new development goes in file order: after the last one not later than it."""
        from .edits import chronological_index

        return chronological_index(self.timeline, date)

    def judgements_resting_on(self, item_id: str) -> list[Judgement]:
        """The judgements whose ``based_on`` names a development or figure id."""
        return [j for j in self.judgements if item_id in j.based_on]

    def rename_ground(self, old_id: str, new_id: str) -> None:
        """A development or figure changed its id: the judgements follow it."""
        for j in self.judgements:
            if old_id in j.based_on:
                j.based_on = [new_id if x == old_id else x for x in j.based_on]

    def remove_ground_references(self, item_id: str) -> None:
        """A development or figure is gone: no judgement may name it (the file would not load)."""
        for j in self.judgements_resting_on(item_id):
            j.based_on = [x for x in j.based_on if x != item_id]


def today() -> PartialDate:
    return PartialDate.from_date(_dt.date.today())


def new_dossier(name: str) -> Dossier:
    """A minimal valid dossier for a company."""
    return Dossier(company=Company(name=name), reviewed=today())
