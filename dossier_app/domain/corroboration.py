"""Corroboration flags: which claims rest on too little.

A claim is a development or a figure. Its *independent origins* are the
sources it cites after following each source's ``via`` (the source it reports
from) to the root, counted once: a Hill article relaying Reuters and the
Reuters report itself are one origin. The flags:

- ``single-origin``: its sources have one independent origin;
- ``weak-sourcing``: every source is graded D, E or F, or its credibility is 5 or 6;
- ``uncited``: it cites no sources;
- ``stale`` (figures only): its ``as_of`` date, or when it has none the newest
  ``published`` date of its sources, ended more than a threshold (2 years by
  default) before today.

Plain functions over ids and grades (the file checks use them on raw data),
and ``Corroboration`` over a ``Dossier`` for everything that shows a claim.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import clock
from .dates import PartialDate
from .model import CREDIBILITY, RELIABILITY, Development, Dossier, Figure

SINGLE_ORIGIN = "single-origin"
WEAK_SOURCING = "weak-sourcing"
UNCITED = "uncited"
STALE = "stale"

#: Source grades and information grades that count as weak.
WEAK_RELIABILITY = frozenset({"D", "E", "F"})
WEAK_CREDIBILITY = frozenset({5, 6})
DEFAULT_STALE_YEARS = 2

Claim = Development | Figure


@dataclass(frozen=True, slots=True)
class FlagInfo:
    """What a flag is called and means: for tooltips, legends and filters."""

    code: str
    #: A word or two for a column or a marker.
    name: str
    #: One sentence for a tooltip or a legend.
    description: str


#: Every flag, in the order they are shown.
FLAGS: dict[str, FlagInfo] = {
    info.code: info
    for info in (
        FlagInfo(
            SINGLE_ORIGIN,
            "Single origin",
            "All of its sources trace back to one independent origin.",
        ),
        FlagInfo(
            WEAK_SOURCING,
            "Weak sourcing",
            "Every source is graded D, E or F, or the information is graded 5 or 6.",
        ),
        FlagInfo(UNCITED, "Uncited", "It cites no sources."),
        FlagInfo(
            STALE,
            "Stale",
            "The figure, or the newest of its sources, is older than the staleness threshold.",
        ),
    )
}


def legend() -> list[tuple[str, str]]:
    """(term, meaning) lines explaining the flags and the A–F / 1–6 grades, for a legend."""
    lines = [(info.name, info.description) for info in FLAGS.values()]
    lines += [(f"Source {grade}", text) for grade, text in RELIABILITY.items()]
    lines += [(f"Information {grade}", text) for grade, text in CREDIBILITY.items()]
    return lines


# -- origins ------------------------------------------------------------------------

Via = Mapping[str, "str | None"]


def via_chain(source_id: str, via: Via) -> list[str]:
    """``source_id`` and the sources it reports from, up to the root (or where a cycle closes,
    or at an id that is not a source)."""
    chain = [source_id]
    seen = {source_id}
    current = source_id
    while True:
        parent = via.get(current)
        if parent is None or parent not in via or parent in seen:
            return chain
        chain.append(parent)
        seen.add(parent)
        current = parent


def origin(source_id: str, via: Via) -> str:
    """The root a source reports from (itself when it has no ``via``).

    In a cycle (an error in a file, possible mid-edit) every member has the
    same origin: the smallest id of the cycle, so the members count once.
    """
    chain = via_chain(source_id, via)
    last = chain[-1]
    parent = via.get(last)
    if parent is not None and parent in chain:
        return min(chain[chain.index(parent) :])
    return last


def independent_origins(source_ids: Iterable[str], via: Via) -> list[str]:
    """The distinct origins of the cited sources that exist, in citation order."""
    origins: dict[str, None] = {}
    for sid in source_ids:
        if sid in via:
            origins.setdefault(origin(sid, via), None)
    return list(origins)


def via_cycles(via: Via) -> list[list[str]]:
    """Each ``via`` cycle once, starting at its member that comes first in ``via``."""
    order = {sid: i for i, sid in enumerate(via)}
    done: set[str] = set()
    cycles: list[list[str]] = []
    for sid in via:
        if sid in done:
            continue
        chain = via_chain(sid, via)
        done.update(chain)
        parent = via.get(chain[-1])
        if parent is not None and parent in chain:
            cycle = chain[chain.index(parent) :]
            start = min(range(len(cycle)), key=lambda i: order[cycle[i]])
            rotated = cycle[start:] + cycle[:start]
            if rotated not in cycles:
                cycles.append(rotated)
    return cycles


# -- grades and age ---------------------------------------------------------------------

def is_weak(reliabilities: Sequence[str | None], credibility: int | None) -> bool:
    """Weak sourcing: credibility 5 or 6, or every source graded D, E or F (at least one)."""
    if credibility in WEAK_CREDIBILITY:
        return True
    return bool(reliabilities) and all(r in WEAK_RELIABILITY for r in reliabilities)


def stale_cutoff(today: _dt.date, years: int = DEFAULT_STALE_YEARS) -> _dt.date:
    """The day ``years`` before ``today`` (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def reference_date(
    as_of: PartialDate | None, published: Iterable[PartialDate | None]
) -> PartialDate | None:
    """The date a figure's age is judged by: ``as_of``, else its newest source's ``published``."""
    if as_of is not None:
        return as_of
    dates = [d for d in published if d is not None]
    return max(dates, key=lambda d: d.last_day()) if dates else None


def is_stale(
    as_of: PartialDate | None,
    published: Iterable[PartialDate | None],
    today: _dt.date,
    years: int = DEFAULT_STALE_YEARS,
) -> bool:
    """True when the figure's reference date ended before the cut-off; an undated one is not."""
    ref = reference_date(as_of, published)
    return ref is not None and ref.last_day() < stale_cutoff(today, years)


# -- a whole dossier ------------------------------------------------------------------

class Corroboration:
    """The flags of the claims of one dossier, as of one day.

    Built once per dossier state (cheap: one pass over the sources); build a
    new one after an edit. ``today`` defaults to ``clock.today()``.
    """

    def __init__(
        self,
        dossier: Dossier,
        today: _dt.date | None = None,
        stale_years: int = DEFAULT_STALE_YEARS,
    ) -> None:
        self.dossier = dossier
        self.today = clock.today() if today is None else today
        self.stale_years = stale_years
        self._via: dict[str, str | None] = {}
        self._reliability: dict[str, str | None] = {}
        self._published: dict[str, PartialDate | None] = {}
        for s in dossier.sources:
            if s.id not in self._via:
                self._via[s.id] = s.via
                self._reliability[s.id] = s.reliability
                self._published[s.id] = s.published

    def origins(self, claim: Claim) -> list[str]:
        """The independent origins of a claim's sources."""
        return independent_origins(claim.sources, self._via)

    def chain(self, source_id: str) -> list[str]:
        """A source and the sources it reports from, for showing "via" in a detail pane."""
        return via_chain(source_id, self._via)

    def flags(self, claim: Claim) -> tuple[str, ...]:
        """The flags of one claim, in ``FLAGS`` order; empty when it is well sourced."""
        known = [sid for sid in claim.sources if sid in self._via]
        if not claim.sources:
            found = {UNCITED}
        else:
            found = set()
            if len(independent_origins(known, self._via)) == 1:
                found.add(SINGLE_ORIGIN)
            credibility = claim.credibility if isinstance(claim, Development) else None
            if is_weak([self._reliability[sid] for sid in known], credibility):
                found.add(WEAK_SOURCING)
        if isinstance(claim, Figure) and is_stale(
            claim.as_of,
            (self._published[sid] for sid in known),
            self.today,
            self.stale_years,
        ):
            found.add(STALE)
        return tuple(code for code in FLAGS if code in found)

    def needs_corroboration(self, claim: Claim) -> bool:
        """Any flag at all: what a "Needs corroboration" filter keeps."""
        return bool(self.flags(claim))

    def flagged(self) -> list[tuple[Claim, tuple[str, ...]]]:
        """Every flagged claim with its flags: developments in file order, then figures."""
        result: list[tuple[Claim, tuple[str, ...]]] = []
        for claim in self.dossier.cited_items():
            flags = self.flags(claim)
            if flags:
                result.append((claim, flags))
        return result

    def counts(self) -> dict[str, int]:
        """How many claims carry each flag (every flag present, zeros included)."""
        counts = dict.fromkeys(FLAGS, 0)
        for _claim, flags in self.flagged():
            for code in flags:
                counts[code] += 1
        return counts


def describe_flags(flags: Iterable[str]) -> str:
    """Plain text for a tooltip: one "Name: description" line per flag."""
    return "\n".join(f"{FLAGS[c].name}: {FLAGS[c].description}" for c in flags if c in FLAGS)
