"""The semantic difference of two versions of a dossier, keyed by ids.

Developments, sources and figures are matched by id: each is added, removed,
or changed field by field (before and after). The profile and the top-level
keys are compared key by key. Unknown keys take part like known ones. Where
an item sits in its list is not compared: the canonical order (developments by
date, file order between equals) follows from the fields, and a reordering
alone changes nothing a reader sees. Comments are not compared.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .dates import PartialDate
from .fields import (
    ABSENT,
    LIST_KINDS,
    Kind,
    company_fields,
    dossier_fields,
    fields_of,
    item_date,
    item_title,
    plain,
    same,
)
from .model import Dossier

Op = Literal["added", "removed", "changed"]

#: Order of the kinds in a diff and in its summary.
KIND_ORDER: tuple[Kind, ...] = ("dossier", "profile", "development", "figure", "source")
_PLURAL = {"development": "developments", "figure": "figures", "source": "sources"}


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: an item added or removed, or one field of an item (or of the
    profile, or a top-level key) changed. ``before``/``after`` are ``None`` where
    the key is absent; for an added or removed item they are its field view."""

    op: Op
    kind: Kind
    #: The item's id; None for the profile and the top-level keys.
    id: str | None
    #: The changed key; None for an added or removed item.
    field: Any
    before: Any
    after: Any
    #: The item's date and title (of the newer version where there is one), for reports.
    date: PartialDate | None = None
    title: str = ""

    def as_json(self) -> dict[str, Any]:
        """``op``, ``kind``, ``id``, ``field``, ``before``, ``after`` as JSON values."""
        return {
            "op": self.op,
            "kind": self.kind,
            "id": self.id,
            "field": None if self.field is None else str(self.field),
            "before": plain(self.before),
            "after": plain(self.after),
        }


@dataclass(slots=True)
class ItemChanges:
    """One item of a report: what it is (kind, id, date, title) and its changes."""

    kind: Kind
    id: str | None
    date: PartialDate | None
    title: str
    changes: list[Change] = field(default_factory=list)

    def heading(self) -> str:
        """``development biden-review  Jan 2021  Biden opens a review``, ``profile``."""
        if self.kind in ("profile", "dossier"):
            return self.kind
        parts = [f"{self.kind} {self.id}"]
        if self.date is not None:
            parts.append(self.date.display())
        if self.title:
            parts.append(display_value(self.title))
        return "  ".join(parts)

    def field_lines(self) -> list[str]:
        """``title: Old → New`` for each changed key (none for an added or removed item)."""
        return [
            f"{c.field}: {display_value(c.before)} → {display_value(c.after)}"
            for c in self.changes if c.field is not None
        ]


@dataclass(slots=True)
class DossierDiff:
    """Every change from one version to another, grouped by kind (``KIND_ORDER``)."""

    changes: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def of(self, op: Op) -> list[Change]:
        return [c for c in self.changes if c.op == op]

    def ids(self, kind: Kind, op: Op | None = None) -> set[str]:
        """Ids of the items of ``kind`` added, removed or changed (any of them when no ``op``)."""
        return {
            c.id for c in self.changes
            if c.kind == kind and c.id is not None and (op is None or c.op == op)
        }

    def changed_items(self) -> list[tuple[Kind, str | None]]:
        """(kind, id) of every item with a change, once each, in diff order."""
        seen: dict[tuple[Kind, str | None], None] = {}
        for c in self.changes:
            seen.setdefault((c.kind, c.id), None)
        return list(seen)

    def counts(self) -> dict[tuple[Kind, Op], int]:
        """How many items of each kind were added, removed or changed (an item once)."""
        items: dict[tuple[Kind, Op], set[Any]] = {}
        for c in self.changes:
            key = c.id if c.kind not in ("dossier", "profile") else c.field
            items.setdefault((c.kind, c.op), set()).add(key)
        return {k: len(v) for k, v in items.items()}

    def grouped(self) -> list[tuple[Op, list[ItemChanges]]]:
        """The changes as a report lists them: Added, Removed, Changed (those present),
        each a list of items with their changes (for a changed item, one per key)."""
        out: list[tuple[Op, list[ItemChanges]]] = []
        for op in ("added", "removed", "changed"):
            items: dict[tuple[Kind, str | None], ItemChanges] = {}
            for c in self.changes:
                if c.op != op:
                    continue
                entry = items.get((c.kind, c.id))
                if entry is None:
                    entry = items[(c.kind, c.id)] = ItemChanges(c.kind, c.id, c.date, c.title)
                entry.changes.append(c)
            if items:
                out.append((op, list(items.values())))
        return out

    def summary(self) -> str:
        """``3 developments added, 1 figure changed, marking changed``; empty when no change."""
        counts = self.counts()
        parts: list[str] = []
        for kind in ("development", "figure", "source"):
            for op in ("added", "changed", "removed"):
                n = counts.get((kind, op), 0)
                if n:
                    noun = kind if n == 1 else _PLURAL[kind]
                    parts.append(f"{n} {noun} {op}")
        if counts.get(("profile", "changed")):
            parts.append("profile changed")
        fields_changed: dict[str, None] = {}
        for c in self.changes:
            if c.kind == "dossier":
                fields_changed.setdefault(str(c.field), None)
        parts.extend(f"{name} changed" for name in fields_changed)
        return ", ".join(parts)


def display_value(value: Any) -> str:
    """A field value on one line, as plain text: text as it is (quoted where spaces or
    line breaks would not show), dates in their file form, lists and mappings in flow
    style, absent as ``(none)``."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, str):
        if not value or value != value.strip() or "\n" in value or "\r" in value:
            return json.dumps(value, ensure_ascii=False)
        return value
    if isinstance(value, list | tuple):
        return "[" + ", ".join(display_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(
            f"{display_value(k)}: {display_value(v)}" for k, v in value.items()
        ) + "}"
    return str(value)


def diff_dossiers(old: Dossier, new: Dossier, ignore: Iterable[str] = ()) -> DossierDiff:
    """What changed from ``old`` to ``new``; ``ignore`` names top-level keys not compared."""
    skip = frozenset(ignore)
    changes: list[Change] = []
    changes.extend(_diff_fields("dossier", None, dossier_fields(old), dossier_fields(new), skip))
    if old.company != new.company:
        changes.extend(
            _diff_fields("profile", None, company_fields(old.company), company_fields(new.company))
        )
    for kind, attr in LIST_KINDS:
        changes.extend(_diff_list(kind, getattr(old, attr), getattr(new, attr)))
    return DossierDiff(changes)


def _diff_fields(
    kind: Kind,
    ident: str | None,
    before: dict[Any, Any],
    after: dict[Any, Any],
    skip: frozenset[str] = frozenset(),
    date: PartialDate | None = None,
    title: str = "",
) -> list[Change]:
    out = []
    keys = dict.fromkeys([*before, *after])
    for key in keys:
        if key in skip:
            continue
        a, b = before.get(key, ABSENT), after.get(key, ABSENT)
        if a is ABSENT or b is ABSENT:
            if a is b:
                continue
        elif same(a, b):
            continue
        out.append(Change(
            "changed", kind, ident, key, None if a is ABSENT else a, None if b is ABSENT else b,
            date, title,
        ))
    return out


def _diff_list(kind: Kind, old: Sequence[Any], new: Sequence[Any]) -> list[Change]:
    old_by_id = {x.id: x for x in old}
    new_ids = set()
    added: list[Change] = []
    changed: list[Change] = []
    for item in new:
        ident = item.id
        new_ids.add(ident)
        before = old_by_id.get(ident)
        if before is None:
            added.append(Change("added", kind, ident, None, None, fields_of(kind, item),
                                item_date(kind, item), item_title(kind, item)))
        elif before != item:
            changed.extend(_diff_fields(
                kind, ident, fields_of(kind, before), fields_of(kind, item),
                date=item_date(kind, item), title=item_title(kind, item),
            ))
    removed = [
        Change("removed", kind, x.id, None, fields_of(kind, x), None,
               item_date(kind, x), item_title(kind, x))
        for x in old if x.id not in new_ids
    ]
    return added + removed + changed
