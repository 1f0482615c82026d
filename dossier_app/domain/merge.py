"""Three-way merge of dossiers, keyed by ids: what ``dossier-app merge`` (git's driver) does.

For every development, source and figure, and for the profile and the
top-level keys, the two sides' changes against the base are combined:

- an item added on either side is kept; added on both sides alike, once;
- edits to different items, or to different keys of one item, all apply;
- an item deleted on one side that the other did not touch is deleted;
- the same key changed differently on both sides, an edit against a deletion,
  an item added on both sides with different contents, or a deleted source
  that the merged dossier still cites is a *conflict*: the result holds ours'
  side there (theirs' where ours has none) and ``MergeResult.conflicts`` says
  where, with both sides, for the writer to put conflict markers around.

Order: where only one side reordered a list, its order is kept; additions go
where their side put them (after the item before them there), and two sides'
additions at one place are interleaved in canonical order (developments by
date, then id; sources and figures by id). The result does not depend on
which side is "ours" when there is no conflict.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from .fields import (
    ABSENT,
    LIST_KINDS,
    Fields,
    ItemKind,
    Kind,
    company_fields,
    dossier_fields,
    fields_of,
    from_fields,
    same,
)
from .model import Company, Dossier

Reason = Literal["both-changed", "changed-deleted", "deleted-changed", "both-added",
                 "deleted-cited"]

_REASONS: dict[str, str] = {
    "both-changed": "changed differently on both sides",
    "changed-deleted": "changed on our side, deleted on theirs",
    "deleted-changed": "deleted on our side, changed on theirs",
    "both-added": "added on both sides with different contents",
    "deleted-cited": "deleted on one side, still cited on the other",
}


@dataclass(frozen=True, slots=True)
class Conflict:
    """One place the merge could not decide.

    ``ours``/``theirs`` are the two versions to choose from: for an item, the
    merged item with that side's values where they conflict (None where that
    side deleted it); for a top-level key, that side's value (``None``: absent);
    for the profile, the merged company with that side's values.
    """

    kind: Kind
    #: The item's id; the key's name for a top-level key; None for the profile.
    id: str | None
    reason: Reason
    #: The keys changed differently (empty for a deletion against an edit).
    fields: tuple[Any, ...]
    ours: Any
    theirs: Any

    def describe(self) -> str:
        """``development 'x': title changed differently on both sides``."""
        if self.kind == "dossier" and self.id is None:
            return f"the comment lines at the top {_REASONS[self.reason]}"
        what = {"profile": "profile", "dossier": "key"}.get(self.kind, self.kind)
        name = f" {self.id!r}" if self.id is not None else ""
        keys = f": {', '.join(map(str, self.fields))}" if self.fields and self.kind != "dossier" \
            else ""
        return f"{what}{name}{keys} {_REASONS[self.reason]}"


@dataclass(slots=True)
class MergeResult:
    dossier: Dossier
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_dossiers(base: Dossier | None, ours: Dossier, theirs: Dossier) -> MergeResult:
    """Merge ``ours`` and ``theirs``, two descendants of ``base`` (None: no common base)."""
    conflicts: list[Conflict] = []

    # Top-level keys, each on its own.
    b_top = dossier_fields(base) if base is not None else {}
    o_top, t_top = dossier_fields(ours), dossier_fields(theirs)
    top, clashes, _, _ = _merge_fields(b_top, o_top, t_top)
    for key in clashes:
        conflicts.append(Conflict("dossier", str(key), "both-changed", (key,),
                                  o_top.get(key), t_top.get(key)))

    # The profile as one item.
    b_company = base.company if base is not None else None
    company, profile_conflict = _merge_company(b_company, ours.company, theirs.company)
    if profile_conflict is not None:
        conflicts.append(profile_conflict)

    lists: dict[str, list[Any]] = {}
    pending_sources: _ListMerge | None = None
    kinds: tuple[tuple[ItemKind, str], ...] = (
        ("development", "timeline"), ("figure", "figures"), ("source", "sources"),
    )
    for kind, attr in kinds:
        merger = _ListMerge(
            kind,
            getattr(base, attr) if base is not None else [],
            getattr(ours, attr),
            getattr(theirs, attr),
        )
        if kind == "source":
            pending_sources = merger
        else:
            lists[attr] = merger.finish()
            conflicts.extend(merger.conflicts)
    assert pending_sources is not None
    # A source stays where anything might still cite it: the merged items or either
    # side of a conflict (whichever side is chosen must not dangle).
    citing = [*lists["timeline"], *lists["figures"]]
    citing += [x for c in conflicts for x in (c.ours, c.theirs) if hasattr(x, "sources")]
    cited = {sid for item in citing for sid in item.sources}
    pending_sources.keep_cited(cited)
    lists["sources"] = pending_sources.finish()
    conflicts.extend(pending_sources.conflicts)
    # Report in the order of the file: top-level keys, profile, sources, timeline, figures.
    rank = {"dossier": 0, "profile": 1, "source": 2, "development": 3, "figure": 4}
    conflicts.sort(key=lambda c: rank[c.kind])

    header, header_clash = _merge_value(
        base.header_comments if base is not None else ABSENT,
        ours.header_comments,
        theirs.header_comments,
    )
    if header_clash:
        conflicts.insert(0, Conflict("dossier", None, "both-changed", ("header comments",),
                                     ours.header_comments, theirs.header_comments))

    extra = {k: v for k, v in top.items() if k not in ("format", "marking", "reviewed", "tags")}
    merged = Dossier(
        company=company,
        format=top.get("format", ours.format),
        marking=top.get("marking"),
        reviewed=top.get("reviewed"),
        tags=list(top.get("tags", [])),
        sources=lists["sources"],
        timeline=lists["timeline"],
        figures=lists["figures"],
        extra=extra,
        header_comments=list(header),
    )
    return MergeResult(merged, conflicts)


# -- values and field views --------------------------------------------------------

def _merge_value(b: Any, o: Any, t: Any) -> tuple[Any, bool]:
    """The merged value and whether the sides clash (then ours' value is returned)."""
    if _eq(o, t) or _eq(t, b):
        return o, False
    if _eq(o, b):
        return t, False
    return o, True


def _eq(a: Any, b: Any) -> bool:
    if a is ABSENT or b is ABSENT:
        return a is b
    return same(a, b)


def _merge_fields(
    b: Fields, o: Fields, t: Fields
) -> tuple[Fields, list[Any], Fields, Fields]:
    """Merged view, clashing keys, and the two sides' views (merged, with their own
    values where they clash). An absent key merges like any value."""
    merged: Fields = {}
    theirs_side: Fields = {}
    clashes: list[Any] = []
    for key in dict.fromkeys([*o, *t, *b]):
        ov, tv = o.get(key, ABSENT), t.get(key, ABSENT)
        value, clash = _merge_value(b.get(key, ABSENT), ov, tv)
        if clash:
            clashes.append(key)
            if tv is not ABSENT:
                theirs_side[key] = tv
        elif value is not ABSENT:
            theirs_side[key] = value
        if value is not ABSENT:
            merged[key] = value
    return merged, clashes, merged, theirs_side


def _merge_company(
    b: Company | None, o: Company, t: Company
) -> tuple[Company, Conflict | None]:
    if o == t or t == b:
        return o, None
    if o == b:
        return t, None
    bv = company_fields(b) if b is not None else {}
    merged, clashes, _, theirs_side = _merge_fields(bv, company_fields(o), company_fields(t))
    if "name" not in merged:  # required: a side without it can only be a clash
        merged["name"] = o.name
    company = from_fields("profile", merged)
    if not clashes:
        return company, None
    theirs_side.setdefault("name", t.name)
    return company, Conflict("profile", None, "both-changed", tuple(clashes), company,
                             from_fields("profile", theirs_side))


# -- lists ----------------------------------------------------------------------------

def _same_item(kind: str, a: Any, b: Any) -> bool:
    return bool(a == b) or same(fields_of(kind, a), fields_of(kind, b))


class _ListMerge:
    """One of the three lists: what becomes of each id, then the merged order."""

    def __init__(self, kind: ItemKind, base: list[Any], ours: list[Any], theirs: list[Any]) -> None:
        self.kind = kind
        self.base_ids = [x.id for x in base]
        self.ours_ids = [x.id for x in ours]
        self.theirs_ids = [x.id for x in theirs]
        b = {x.id: x for x in base}
        o = {x.id: x for x in ours}
        t = {x.id: x for x in theirs}
        self.result: dict[str, Any] = {}
        self.conflicts: list[Conflict] = []
        #: Deleted on one side, untouched on the other: id -> the item as kept there.
        self.deleted: dict[str, tuple[str, Any]] = {}
        for ident in dict.fromkeys([*self.ours_ids, *self.theirs_ids, *self.base_ids]):
            self._decide(ident, b.get(ident), o.get(ident), t.get(ident))

    def _decide(self, ident: str, b: Any, o: Any, t: Any) -> None:
        kind = self.kind
        if o is not None and t is not None:
            if o is t or o == t or (b is not None and t == b):
                self.result[ident] = o
            elif b is not None and o == b:
                self.result[ident] = t
            else:
                self._merge_item(ident, b, o, t)
        elif b is None:  # added on one side
            self.result[ident] = o if o is not None else t
        elif o is not None:  # theirs deleted it
            if _same_item(kind, o, b):
                self.deleted[ident] = ("ours", o)
            else:
                self.result[ident] = o
                self.conflicts.append(Conflict(kind, ident, "changed-deleted", (), o, None))
        elif t is not None:  # ours deleted it
            if _same_item(kind, t, b):
                self.deleted[ident] = ("theirs", t)
            else:
                self.result[ident] = t
                self.conflicts.append(Conflict(kind, ident, "deleted-changed", (), None, t))
        # deleted on both sides: gone

    def _merge_item(self, ident: str, b: Any, o: Any, t: Any) -> None:
        kind = self.kind
        bv = fields_of(kind, b) if b is not None else {}
        merged, clashes, _, theirs_side = _merge_fields(bv, fields_of(kind, o),
                                                        fields_of(kind, t))
        for required in _required(kind):
            if required not in merged:
                merged[required] = fields_of(kind, o)[required]
            if required not in theirs_side:
                theirs_side[required] = fields_of(kind, t)[required]
        item = from_fields(kind, merged)
        self.result[ident] = item
        if clashes:
            reason: Reason = "both-changed" if b is not None else "both-added"
            self.conflicts.append(Conflict(kind, ident, reason, tuple(clashes), item,
                                           from_fields(kind, theirs_side)))

    def keep_cited(self, cited: Iterable[str]) -> None:
        """Sources still cited stay, as a conflict, when one side deleted them."""
        wanted = set(cited)
        for item in self.result.values():
            via = item.extra.get("via") if item.extra else None
            if isinstance(via, str):
                wanted.add(via)
        pending = [i for i in self.deleted if i in wanted]
        while pending:
            ident = pending.pop()
            side, item = self.deleted.pop(ident)
            self.result[ident] = item
            ours, theirs = (item, None) if side == "ours" else (None, item)
            self.conflicts.append(Conflict(self.kind, ident, "deleted-cited", (), ours, theirs))
            via = item.extra.get("via") if item.extra else None
            if isinstance(via, str) and via in self.deleted:
                pending.append(via)

    def finish(self) -> list[Any]:
        result = self.result

        def by_date(ident: str) -> tuple[int, int, int]:
            date: tuple[int, int, int] = result[ident].date.sort_key
            return date

        def key(ident: str) -> tuple[Any, ...]:
            if self.kind == "development":
                return (by_date(ident), ident)
            return (ident,)

        fallback = by_date if self.kind == "development" else None
        order = merge_order(self.base_ids, self.ours_ids, self.theirs_ids, result, key, fallback)
        return [result[i] for i in order]


def _required(kind: str) -> tuple[str, ...]:
    return {"development": ("id", "date", "title"), "source": ("id", "title"),
            "figure": ("id", "label", "value", "unit")}[kind]


def merge_order(
    base: list[Any],
    ours: list[Any],
    theirs: list[Any],
    keep: dict[Any, Any] | set[Any],
    key: Callable[[Any], Any],
    fallback: Callable[[Any], Any] | None = None,
) -> list[Any]:
    """The merged order of the ids in ``keep``, given each version's order of its ids.

    Items from the base keep the order of the one side that reordered them, or
    that both sides agree on (the base order when none did; when both did it
    differently, the base order, sorted by ``fallback`` where given). Each
    addition follows the nearest item before it on its side; two sides'
    additions at one place are interleaved by ``key``.
    """
    base_set = set(base)
    kept_base = [i for i in base if i in keep]
    kept_set = set(kept_base)
    ours_set, theirs_set = set(ours), set(theirs)
    ours_rel = [i for i in ours if i in kept_set]
    theirs_rel = [i for i in theirs if i in kept_set]
    ours_moved = ours_rel != [i for i in kept_base if i in ours_set]
    theirs_moved = theirs_rel != [i for i in kept_base if i in theirs_set]
    if ours_rel == theirs_rel or (ours_moved and not theirs_moved):
        primary = ours_rel
    elif theirs_moved and not ours_moved:
        primary = theirs_rel
    elif ours_moved and theirs_moved and fallback is not None:
        primary = sorted(kept_base, key=fallback)
    else:
        primary = kept_base
    if len(primary) != len(kept_base):  # kept by a conflict on the side that deleted it
        placed = set(primary)
        ordered = list(primary)
        for index, ident in enumerate(kept_base):
            if ident in placed:
                continue
            before = next((kept_base[j] for j in range(index - 1, -1, -1)
                           if kept_base[j] in placed), None)
            at = ordered.index(before) + 1 if before is not None else 0
            ordered.insert(at, ident)
            placed.add(ident)
        primary = ordered

    # Additions, by the kept item they follow on their side (None: the start).
    gaps: dict[Hashable, tuple[list[Any], list[Any]]] = {}
    for side, ids in ((0, ours), (1, theirs)):
        anchor: Any = None
        for ident in ids:
            if ident in kept_set:
                anchor = ident
            elif ident in keep and ident not in base_set:
                gaps.setdefault(anchor, ([], []))[side].append(ident)

    out: list[Any] = []
    seen: set[Any] = set()

    def emit_gap(anchor: Any) -> None:
        runs = gaps.get(anchor)
        if runs is None:
            return
        a, b = runs
        i = j = 0
        while i < len(a) or j < len(b):
            if j >= len(b) or (i < len(a) and key(a[i]) <= key(b[j])):
                ident = a[i]
                i += 1
            else:
                ident = b[j]
                j += 1
            if ident not in seen:
                seen.add(ident)
                out.append(ident)

    emit_gap(None)
    for ident in primary:
        out.append(ident)
        seen.add(ident)
        emit_gap(ident)
    return out


__all__ = ["LIST_KINDS", "Conflict", "MergeResult", "merge_dossiers", "merge_order"]
