"""What a PDF export holds: the user's choices, and where the dossier came from (no Qt)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Literal

from ..domain.dates import PartialDate
from ..domain.model import MARKINGS, Development, Dossier

PageSizeName = Literal["A4", "Letter"]
PAGE_SIZES: tuple[PageSizeName, ...] = ("A4", "Letter")

#: Sections in document order, with their headings (also the PDF bookmarks).
SECTIONS: dict[str, str] = {
    "overview": "Overview",
    "figures": "Key figures",
    "timeline": "Timeline",
    "sources": "Sources",
}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """The choices behind one export. Filters narrow the timeline only."""

    #: Handling marking printed on every page; None keeps the dossier's own.
    marking: str | None = None
    page_size: PageSizeName = "A4"
    sections: tuple[str, ...] = tuple(SECTIONS)
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    tag: str | None = None
    #: Only these developments (e.g. what the viewer's filters show); None means all.
    development_ids: frozenset[str] | None = None
    #: PDF author metadata; the app's name when not given.
    author: str | None = None

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

    def ordered_sections(self) -> list[str]:
        """The chosen sections in document order, whatever order they were given in."""
        return [s for s in SECTIONS if s in self.sections]

    @property
    def filters_timeline(self) -> bool:
        return bool(self.date_from or self.date_to or self.tag or self.development_ids is not None)

    def filter_description(self) -> str:
        """The filters in words, for the title block ("from 2020, tag cloud")."""
        parts: list[str] = []
        if self.date_from and self.date_to:
            parts.append(f"{self.date_from.display()} to {self.date_to.display()}")
        elif self.date_from:
            parts.append(f"from {self.date_from.display()}")
        elif self.date_to:
            parts.append(f"up to {self.date_to.display()}")
        if self.tag:
            parts.append(f"tag {self.tag}")
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
    return [
        d
        for d in dossier.chronological()
        if (wanted is None or d.id in wanted)
        and (options.tag is None or options.tag in d.tags)
        and _overlaps(d, start, stop)
    ]
