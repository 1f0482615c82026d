"""Edits to a dossier's lists as pure functions: each returns a new list, the old one intact.

The GUI's undo commands keep the old list for undo and call these for the new
one; the coming import, diff and merge make the same edits the same way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import TypeVar

from .dates import PartialDate
from .model import Development, Figure, Source

Cites = TypeVar("Cites", Development, Figure)


def chronological_index(timeline: Sequence[Development], date: PartialDate) -> int:
    """Where a development of ``date`` goes in file order: after the last one not later."""
    key = date.sort_key
    index = 0
    for i, d in enumerate(timeline):
        if d.date.sort_key <= key:
            index = i + 1
    return index


def index_of(items: Iterable[object], item_id: str) -> int:
    """The position of the item with this id; LookupError when there is none."""
    for i, item in enumerate(items):
        if getattr(item, "id", None) == item_id:
            return i
    raise LookupError(f"no item {item_id!r}")


def replace_development(
    timeline: Sequence[Development], old_id: str, dev: Development
) -> list[Development]:
    """The timeline with ``old_id`` replaced by ``dev``; a new date moves it to its place."""
    index = index_of(timeline, old_id)
    result = list(timeline)
    if dev.date.sort_key == result[index].date.sort_key:
        result[index] = dev
        return result
    del result[index]
    result.insert(chronological_index(result, dev.date), dev)
    return result


def rename_source(items: Sequence[Cites], old_id: str, new_id: str) -> list[Cites]:
    """The items with every reference to source ``old_id`` made to ``new_id``."""
    return [
        dataclasses.replace(x, sources=[new_id if s == old_id else s for s in x.sources])
        if old_id in x.sources
        else x
        for x in items
    ]


def drop_source(items: Sequence[Cites], source_id: str) -> list[Cites]:
    """The items without any reference to source ``source_id``."""
    return [
        dataclasses.replace(x, sources=[s for s in x.sources if s != source_id])
        if source_id in x.sources
        else x
        for x in items
    ]


def rename_via(sources: Sequence[Source], old_id: str, new_id: str) -> list[Source]:
    """The sources with every ``via: old_id`` made ``via: new_id``."""
    return [dataclasses.replace(s, via=new_id) if s.via == old_id else s for s in sources]


def drop_via(sources: Sequence[Source], source_id: str) -> list[Source]:
    """The sources without ``via: source_id`` (a relayed report whose origin goes)."""
    return [dataclasses.replace(s, via=None) if s.via == source_id else s for s in sources]
