"""Hypothesis strategies: small random dossiers, and random edits that say what they touched."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Figure, Source

#: Shared by the property tests: a shared machine may draw slowly, never wrongly.
PROPERTIES = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None,
                      max_examples=60)

ids = st.text(alphabet="abcdefg", min_size=1, max_size=3)
words = st.text(alphabet="abcdefgh xyz", min_size=1, max_size=12).map(str.strip).filter(bool)
tags = st.lists(st.sampled_from(["cloud", "china", "chips", "m-and-a"]), max_size=3, unique=True)
extra_values = st.one_of(st.integers(-5, 5), words, st.lists(words, max_size=2))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(2015, 2024))
    month = draw(st.none() | st.integers(1, 12))
    day = draw(st.none() | st.integers(1, 28)) if month is not None else None
    return PartialDate(year, month, day, draw(st.booleans()))


def _extra(draw: st.DrawFn) -> dict[str, Any]:
    return draw(st.dictionaries(st.sampled_from(["x-owner", "x-note", "x-rank"]), extra_values,
                                max_size=2))


@st.composite
def developments(draw: st.DrawFn, ident: str) -> Development:
    return Development(
        id=ident,
        date=draw(partial_dates()),
        title=draw(words),
        summary=draw(st.none() | words),
        tags=draw(tags),
        credibility=draw(st.none() | st.integers(1, 6)),
        extra=_extra(draw),
    )


@st.composite
def sources(draw: st.DrawFn, ident: str) -> Source:
    return Source(id=ident, title=draw(words), publisher=draw(st.none() | words),
                  reliability=draw(st.none() | st.sampled_from("ABCDEF")), extra=_extra(draw))


@st.composite
def figures(draw: st.DrawFn, ident: str) -> Figure:
    return Figure(id=ident, label=draw(words), value=draw(st.integers(0, 10**9)),
                  unit=draw(st.sampled_from(["USD", "employees", "%"])),
                  # Only a development's date can be approximate in the file.
                  as_of=draw(st.none() | partial_dates().map(lambda d: d.with_approximate(False))),
                  extra=_extra(draw))


_BUILD = {"timeline": developments, "sources": sources, "figures": figures}
KIND = {"timeline": "development", "sources": "source", "figures": "figure"}


@st.composite
def dossiers(draw: st.DrawFn, chronological: bool = False) -> Dossier:
    lists = {}
    for attr, build in _BUILD.items():
        names = draw(st.lists(ids, max_size=6, unique=True))
        lists[attr] = [draw(build(f"{attr[0]}-{n}")) for n in names]
    if chronological:
        lists["timeline"].sort(key=lambda d: d.date.sort_key)
    return Dossier(
        company=Company(name=draw(words), sector=draw(st.none() | words)),
        marking=draw(st.none() | st.sampled_from(["TLP:CLEAR", "TLP:AMBER"])),
        tags=draw(tags),
        extra=_extra(draw),
        **lists,
    )


@dataclasses.dataclass
class Edited:
    dossier: Dossier
    #: (kind, id) of every item edited, added or removed; ("profile", None), ("dossier", None).
    touched: set[tuple[str, str | None]]
    added: list[tuple[str, str]]


def _change_item(draw: st.DrawFn, kind: str, item: Any) -> Any:
    """The item with one field surely different."""
    if kind == "development":
        choice = draw(st.sampled_from(["title", "date", "approximate", "tags", "extra",
                                       "credibility"]))
        if choice == "title":
            return dataclasses.replace(item, title=item.title + " edited")
        if choice == "date":
            d = item.date
            return dataclasses.replace(item, date=PartialDate(d.year + 1, d.month, d.day,
                                                              d.approximate))
        if choice == "approximate":
            return dataclasses.replace(item, date=item.date.with_approximate(
                not item.date.approximate))
        if choice == "tags":
            return dataclasses.replace(item, tags=[*item.tags, "new-tag"])
        if choice == "credibility":
            return dataclasses.replace(item, credibility=(item.credibility or 0) % 6 + 1)
    elif kind == "figure" and draw(st.booleans()):
        return dataclasses.replace(item, value=item.value + 1)
    elif draw(st.booleans()):
        field = "label" if kind == "figure" else "title"
        return dataclasses.replace(item, **{field: getattr(item, field) + " edited"})
    extra = dict(item.extra)
    extra["x-edit"] = draw(words) + "!"  # never a generated value: surely a change
    return dataclasses.replace(item, extra=extra)


@st.composite
def edits(draw: st.DrawFn, base: Dossier, tag: str = "e", allow_moves: bool = True) -> Edited:
    """A copy of ``base`` with a few random edits, additions, deletions (and moves)."""
    d = copy.deepcopy(base)
    touched: set[tuple[str, str | None]] = set()
    added: list[tuple[str, str]] = []
    for step in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["edit", "add", "delete", "profile", "top", "move"]))
        attr = draw(st.sampled_from(list(_BUILD)))
        items = getattr(d, attr)
        kind = KIND[attr]
        originals = [x for x in items if base_has(base, attr, x.id)]
        if op == "edit" and items:
            i = draw(st.integers(0, len(items) - 1))
            if (kind, items[i].id) in touched:
                continue  # a second edit could undo the first (approximate toggled back)
            items[i] = _change_item(draw, kind, items[i])
            touched.add((kind, items[i].id))
        elif op == "add":
            ident = f"{attr[0]}-{tag}{step}"
            new = draw(_BUILD[attr](ident))
            items.insert(draw(st.integers(0, len(items))), new)
            touched.add((kind, ident))
            added.append((kind, ident))
        elif op == "delete" and originals:
            victim = draw(st.sampled_from(originals))
            items.remove(victim)
            touched.add((kind, victim.id))
        elif op == "profile":
            d.company = dataclasses.replace(d.company, name=d.company.name + " " + tag)
            touched.add(("profile", None))
        elif op == "top" and ("dossier", None) not in touched:
            d.marking = "TLP:RED" if d.marking != "TLP:RED" else "TLP:GREEN"
            touched.add(("dossier", None))
        elif op == "move" and allow_moves and len(items) > 1:
            item = items.pop(draw(st.integers(0, len(items) - 1)))
            items.insert(draw(st.integers(0, len(items))), item)
    return Edited(d, touched, added)


def base_has(base: Dossier, attr: str, ident: str) -> bool:
    return any(x.id == ident for x in getattr(base, attr))
