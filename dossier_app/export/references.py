"""Numbering of the sources a briefing cites, and the text around them (no Qt)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..domain.model import Dossier, Source


@dataclass(slots=True)
class References:
    """Sources numbered in the order the document first cites them.

    The reference list prints ``sources`` in this order, so ``[n]`` in the
    text is always the n-th entry of the list.
    """

    sources: list[Source] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)

    def add(self, source: Source) -> None:
        if source.id not in self.numbers:
            self.sources.append(source)
            self.numbers[source.id] = len(self.sources)

    def numbers_for(self, source_ids: Iterable[str]) -> list[int]:
        """The numbers of the cited sources, ascending, each once; unknown ids are left out."""
        return sorted({self.numbers[s] for s in source_ids if s in self.numbers})

    def citation(self, source_ids: Iterable[str]) -> str:
        """``[1][3]``, or an empty string when nothing is cited."""
        return "".join(f"[{n}]" for n in self.numbers_for(source_ids))


def number_sources(
    dossier: Dossier,
    citing: Sequence[Sequence[str]],
    include_uncited: bool,
) -> References:
    """Number the sources cited by ``citing`` (source-id lists in document order).

    With ``include_uncited`` the dossier's other sources follow in file order,
    so a full briefing lists every source; a filtered one only what it cites.
    """
    refs = References()
    by_id = {s.id: s for s in dossier.sources}
    for ids in citing:
        for sid in ids:
            source = by_id.get(sid)
            if source is not None:
                refs.add(source)
    if include_uncited:
        for source in dossier.sources:
            refs.add(source)
    return refs


_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]\s|\d{1,3}[.)]\s)")


def paragraphs(text: str | None) -> list[str]:
    """Split plain text into paragraphs, joining the lines of hand-wrapped YAML blocks.

    Blank lines separate paragraphs; a line starting a list item ("- ", "1. ")
    starts a new one; other line breaks are the author's wrapping, so a PDF
    page of another width reflows them.
    """
    if not text:
        return []
    result: list[str] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if (not line or _LIST_ITEM.match(raw)) and current:
            result.append(" ".join(current))
            current = []
        if line:
            current.append(line)
    if current:
        result.append(" ".join(current))
    return result
