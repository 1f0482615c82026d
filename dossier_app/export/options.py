"""What a PDF export holds: the user's choices, and where the dossier came from (no Qt)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Literal

from ..domain.dates import PartialDate
from ..domain.model import MARKINGS, Development, Dossier, Figure

PageSizeName = Literal["A4", "Letter"]
PAGE_SIZES: tuple[PageSizeName, ...] = ("A4", "Letter")

#: Sections in document order, with their headings (also the PDF bookmarks).
SECTIONS: dict[str, str] = {
    "summary": "Key judgements",
    "overview": "Overview",
    "figures": "Key figures",
    "timeline": "Timeline",
    "sources": "Sources",
}


class MarkingDowngradeError(ValueError):
    """An export would print a less restrictive marking than the dossier's, unconfirmed."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """The choices behind one export.

    The date range narrows the timeline and the key figures (by ``as_of``;
    undated figures stay); tags and the viewer's subset narrow the timeline.
    """

    #: Handling marking printed on every page; None keeps the dossier's own.
    marking: str | None = None
    page_size: PageSizeName = "A4"
    sections: tuple[str, ...] = tuple(SECTIONS)
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    tag: str | None = None
    #: Only developments with any of these tags (together with ``tag``).
    tags: tuple[str, ...] = ()
    #: Only these developments (e.g. what the viewer's filters show); None means all.
    development_ids: frozenset[str] | None = None
    #: PDF author metadata; the app's name when not given.
    author: str | None = None
    #: The reader has confirmed printing a less restrictive marking than the dossier's.
    downgrade_marking: bool = False
    #: The distribution list printed under the title (for TLP:RED and AMBER+STRICT).
    recipients: tuple[str, ...] = ()
    #: The document's language (BCP 47); None takes the dossier's, else ``en``.
    language: str | None = None
    #: Key figures older than this many years are flagged stale (the app's setting).
    stale_years: int = 2

    def __post_init__(self) -> None:
        if self.marking is not None and self.marking not in MARKINGS:
            raise ValueError(f"unknown marking {self.marking!r}; use one of {', '.join(MARKINGS)}")
        if self.page_size not in PAGE_SIZES:
            raise ValueError(f"unknown page size {self.page_size!r}; use A4 or Letter")
        unknown = [s for s in self.sections if s not in SECTIONS]
        if unknown:
            raise ValueError(
                f"unknown section {unknown[0]!r}; use one or more of {', '.join(SECTIONS)}"
            )
        if not self.sections:
            raise ValueError("choose at least one section")

    def marking_for(self, dossier: Dossier) -> str:
        return self.marking or dossier.effective_marking

    def lowered_from(self, dossier: Dossier) -> str | None:
        """The dossier's marking when this export prints a less restrictive one, else None."""
        own = dossier.effective_marking
        chosen = self.marking_for(dossier)
        if own in MARKINGS and MARKINGS.index(chosen) < MARKINGS.index(own):
            return own
        return None

    def check_marking(self, dossier: Dossier) -> None:
        """Raise ``MarkingDowngradeError`` for a lowered marking that was not confirmed."""
        own = self.lowered_from(dossier)
        if own is not None and not self.downgrade_marking:
            raise MarkingDowngradeError(
                f"the marking {self.marking_for(dossier)} is less restrictive than the "
                f"dossier's {own}; lowering it needs confirmation (--downgrade-marking)"
            )

    def language_for(self, dossier: Dossier) -> str:
        own = dossier.extra.get("language")
        return self.language or (own.strip() if isinstance(own, str) and own.strip() else "en")

    @property
    def all_tags(self) -> tuple[str, ...]:
        """Every tag asked for: a development with any of them is shown."""
        tags = (*self.tags, self.tag) if self.tag else self.tags
        return tuple(dict.fromkeys(tags))

    @property
    def has_date_range(self) -> bool:
        return bool(self.date_from or self.date_to)

    def ordered_sections(self) -> list[str]:
        """The chosen sections in document order, whatever order they were given in."""
        return [s for s in SECTIONS if s in self.sections]

    @property
    def filters_timeline(self) -> bool:
        return bool(self.has_date_range or self.all_tags or self.development_ids is not None)

    def range_description(self) -> str:
        """The date range in words ("Jun 2020 to Mar 2021"), or an empty string."""
        if self.date_from and self.date_to:
            return f"{self.date_from.display()} to {self.date_to.display()}"
        if self.date_from:
            return f"from {self.date_from.display()}"
        if self.date_to:
            return f"up to {self.date_to.display()}"
        return ""

    def filter_description(self) -> str:
        """The filters in words, for the title block ("from 2020, tag cloud")."""
        parts: list[str] = []
        if self.has_date_range:
            parts.append(self.range_description())
        tags = self.all_tags
        if tags:
            noun = "tag" if len(tags) == 1 else "any of the tags"
            parts.append(f"{noun} {', '.join(tags)}")
        if self.development_ids is not None:
            parts.append("as filtered in the viewer")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the exported dossier came from, printed in the title block."""

    file_name: str | None = None
    #: Hex digest of the file's bytes; the first 12 digits are printed.
    content_hash: str | None = None
    generated: _dt.date = field(default_factory=_dt.date.today)

    @property
    def short_hash(self) -> str | None:
        return self.content_hash[:12] if self.content_hash else None


def _overlaps(dev: Development, start: _dt.date | None, stop: _dt.date | None) -> bool:
    first = dev.date.first_day()
    last = (dev.end or dev.date).last_day()
    if start is not None and last < start:
        return False
    return not (stop is not None and first > stop)


def select_developments(dossier: Dossier, options: ExportOptions) -> list[Development]:
    """The developments to print, in the format's chronological order.

    A development is in a date range when any day it may mean lies inside the
    range: ``2021`` is in "from 2021-06", and a span counts when it overlaps.
    """
    start = options.date_from.first_day() if options.date_from else None
    stop = options.date_to.last_day() if options.date_to else None
    wanted = options.development_ids
    tags = frozenset(options.all_tags)
    return [
        d
        for d in dossier.chronological()
        if (wanted is None or d.id in wanted)
        and (not tags or not tags.isdisjoint(d.tags))
        and _overlaps(d, start, stop)
    ]


def select_figures(dossier: Dossier, options: ExportOptions) -> list[Figure]:
    """The key figures to print, in file order: those whose ``as_of`` meets the date range.

    A figure with no ``as_of`` cannot be placed in a range and is kept.
    """
    if not options.has_date_range:
        return list(dossier.figures)
    start = options.date_from.first_day() if options.date_from else None
    stop = options.date_to.last_day() if options.date_to else None
    kept = []
    for f in dossier.figures:
        if f.as_of is not None:
            if start is not None and f.as_of.last_day() < start:
                continue
            if stop is not None and f.as_of.first_day() > stop:
                continue
        kept.append(f)
    return kept
