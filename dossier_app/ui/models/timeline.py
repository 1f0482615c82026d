"""The timeline table: one row per development, chronological by default."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from ...domain.dates import PartialDate, display_span
from ...domain.formatting import format_credibility, reflow
from ...domain.model import Development, Dossier
from .base import CENTER, Column, DossierListModel, none_last
from .flags import FLAG_FILTER, ClaimFlags, FlagsRole

if TYPE_CHECKING:
    from ..document import DossierDocument


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """What the timeline shows: every field narrows it; empty fields filter nothing."""

    text: str = ""
    tag: str | None = None
    source: str | None = None
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    #: A corroboration flag code, or ``NEEDS_CORROBORATION`` for any flag.
    flag: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.text.strip()
            or self.tag
            or self.source
            or self.date_from
            or self.date_to
            or self.flag
        )


def _date_text(d: Development) -> str:
    return display_span(d.date, d.end)


def _tags_text(d: Development) -> str:
    return ", ".join(d.tags)


def _summary_tip(d: Development) -> str | None:
    return reflow(d.summary) if d.summary else None


COLUMNS: tuple[Column[Development], ...] = (
    Column(
        "Date",
        _date_text,
        key=lambda d: d.date.sort_key,
        tip=lambda d: "Approximate date (circa)" if d.approximate else None,
        italic=lambda d: d.approximate,
    ),
    Column("Title", lambda d: d.title, tip=_summary_tip),
    Column("Tags", _tags_text, tip=lambda d: _tags_text(d) or None),
    Column(
        "Sources",
        lambda d: str(len(d.sources)),
        key=lambda d: len(d.sources),
        align=CENTER,
        header_tip="Number of sources cited",
    ),
    Column(
        "Credibility",
        lambda d: "" if d.credibility is None else str(d.credibility),
        key=lambda d: none_last(d.credibility),
        align=CENTER,
        tip=lambda d: format_credibility(d.credibility) or None,
        header_tip="Admiralty information grade: 1 confirmed … 6 cannot be judged",
    ),
)

DATE_COLUMN = 0
#: The corroboration flags, after the columns above.
FLAGS_COLUMN = len(COLUMNS)


class TimelineModel(DossierListModel[Development]):
    """The dossier's developments; filtering runs over text prepared once per reset."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.claim_flags = ClaimFlags(self, FLAGS_COLUMN)
        self.columns = (*COLUMNS, self.claim_flags.column_def())
        self._filter = TimelineFilter()
        self._first: list[int] = []
        self._last: list[int] = []
        # Chronological (the format's order) until the user picks another column.
        self._sort_column = DATE_COLUMN

    def items_of(self, dossier: Dossier) -> list[Development]:
        return dossier.timeline

    def follow(self, document: DossierDocument, lists: Iterable[str]) -> None:
        super().follow(document, lists)
        self.claim_flags.follow(document, self._watched)

    def extra_data(self, item: Development, column: int, role: int) -> Any:
        return self.claim_flags.of(item) if role == FlagsRole else None

    # -- filtering --------------------------------------------------------------
    @property
    def filter(self) -> TimelineFilter:
        return self._filter

    def set_filter(self, flt: TimelineFilter) -> None:
        if flt == self._filter:
            return
        self._filter = flt
        self.refilter()

    def search_text(self, item: Development) -> str:
        return "\n".join((item.title, item.summary or "", " ".join(item.tags)))

    def _prepare(self) -> None:
        super()._prepare()
        self.claim_flags.forget()
        self._first, self._last = [], []  # day bounds, worked out for the first date filter

    def _day_bounds(self) -> tuple[list[int], list[int]]:
        if len(self._first) != len(self._items):
            self._first = [d.date.first_day().toordinal() for d in self._items]
            self._last = [(d.end or d.date).last_day().toordinal() for d in self._items]
        return self._first, self._last

    def _matching(self, order: list[int]) -> list[int]:
        flt = self._filter
        if flt.is_empty:
            return order
        # Each filter is a set of items; only the text's changes per keystroke, the
        # others are worked out once per reset and value. One pass then picks the
        # rows out of the display order.
        items = self._items
        bits = self._text_bits(flt.text)
        parts: list[int] = []
        if flt.tag:
            tag = flt.tag
            parts.append(self._cached_bits(("tag", tag), lambda: [tag in d.tags for d in items]))
        if flt.source:
            sid = flt.source
            parts.append(
                self._cached_bits(("source", sid), lambda: [sid in d.sources for d in items])
            )
        if flt.date_from is not None:
            start = flt.date_from.first_day().toordinal()
            _first, last = self._day_bounds()
            parts.append(self._cached_bits(("from", start), lambda: [x >= start for x in last]))
        if flt.date_to is not None:
            end = flt.date_to.last_day().toordinal()
            first, _last = self._day_bounds()
            parts.append(self._cached_bits(("to", end), lambda: [x <= end for x in first]))
        if flt.flag:
            flag = flt.flag
            parts.append(
                self._cached_bits((FLAG_FILTER, flag), lambda: self.claim_flags.bits(items, flag))
            )
        for part in parts:
            bits = part if bits is None else bits & part
        return self._pick(order, bits)
