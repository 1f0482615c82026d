"""Faithful saving: a dossier written back over the text it was loaded from.

``faithful_text(original, dossier)`` keeps every byte of ``original`` that
stands for something unchanged in ``dossier`` (comments, blank lines, key
order, quoting, indentation, unknown keys) and rewrites only what changed,
each changed entry in canonical form (the node builders of ``writer``) in the
file's own indentation. New entries go where the canonical order puts them,
deleted ones leave with their own leading comments. What the original says
is never trusted for the data: the result always loads as ``dossier``.

``canonical_text(original)`` is ``dossier-app format``: the canonical form of
the file, with its comments kept beside the key or item they were on and its
unknown keys where they were; comments that cannot be kept are listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from yaml.nodes import MappingNode

from ..domain.model import Dossier
from .build import build_dossier
from .collector import ProblemCollector
from .events import build_tree
from .layout import Layout, Span, line_end
from .splice import (
    BOM,
    LISTS,
    NONE,
    Fallback,
    Fields,
    Splice,
    gc_paused,
    item_text,
    node_fields,
    pair_text,
    root_fields,
)
from .writer import _company, _header, dump_dossier

__all__ = ["FaithfulBase", "Rendered", "canonical_text", "faithful_text"]

@dataclass(slots=True)
class Rendered:
    """The new text, and the original lines (1-based) of comments it could not keep."""

    text: str
    dropped: list[int] = field(default_factory=list)
    #: False when the original could not be read and the canonical form was written.
    faithful: bool = True



class _Faithful(Splice):
    """Only what changed is written anew."""

    # -- faithful ------------------------------------------------------------
    def mapping(
        self,
        spans: list[Span],
        before: Fields,
        after: Fields,
        col: int,
        descend: dict[Any, Callable[[Span], str | None]],
    ) -> list[str]:
        text = self.text
        in_file = {s.key for s in spans}
        order = list(after)
        inserts: dict[Any, list[Any]] = {}
        for pos, key in enumerate(order):
            if key not in in_file:
                anchor = next((k for k in reversed(order[:pos]) if k in in_file), NONE)
                inserts.setdefault(anchor, []).append(key)
        out: list[str] = []
        if NONE in inserts and not spans[0].inline:
            out.extend(self.new(pair_text(after[k][1](), col)) for k in inserts[NONE])
        for i, s in enumerate(spans):
            key = s.key
            piece = descend[key](s) if key in descend else None
            if piece is None:
                in_b, in_a = key in before, key in after
                if in_b == in_a and (not in_a or before[key][0] == after[key][0]):
                    piece = text[s.lead : s.end]
                elif in_a:
                    piece = text[s.lead : s.line] + self.replace(s, after[key][1](), col)
                elif s.inline:
                    raise Fallback
                else:
                    piece = ""
            out.append(piece)
            if i == 0 and s.inline and NONE in inserts:
                out.extend(self.new(pair_text(after[k][1](), col)) for k in inserts[NONE])
            for k in inserts.get(key, ()):
                out.append(self.new(pair_text(after[k][1](), col)))
            if i + 1 < len(spans):
                out.append(text[s.end : spans[i + 1].lead])
        return out

    def faithful(self, before: Dossier, after: Dossier) -> str:
        text = self.text
        spans = self.layout.entries(self.root, 0)
        descend: dict[Any, Callable[[Span], str | None]] = {
            "company": lambda s: self.company(s, before, after),
        }
        for name in LISTS:
            descend[name] = partial(self.items, name=name, before=before, after=after)
        body = self.mapping(spans, root_fields(before), root_fields(after), 0, descend)
        head = text[: spans[0].lead]
        if before.header_comments != after.header_comments:
            head = self.new(_header(after.header_comments))
            body[0] = body[0][spans[0].line - spans[0].lead :]
        return head + "".join(body) + text[spans[-1].end :]

    def company(self, s: Span, before: Dossier, after: Dossier) -> str | None:
        raw = self.root.get("company")
        if not self.layout.is_block(raw) or not isinstance(raw, dict):
            return None
        if before.company == after.company:
            return self.text[s.lead : s.end]
        spans = self.layout.entries(raw, line_end(self.text, s.start))
        b, a = before.company, after.company
        body = self.mapping(
            spans,
            node_fields(_company(b), b.extra),
            node_fields(_company(a), a.extra),
            spans[0].column(self.text),
            {},
        )
        return self.text[s.lead : spans[0].lead] + "".join(body)

    def items(self, s: Span, name: str, before: Dossier, after: Dossier) -> str | None:
        raw = self.root.get(name)
        items_b, items_a = getattr(before, name), getattr(after, name)
        if not isinstance(raw, list) or not self.layout.is_block(raw) or not items_a:
            return None
        if items_b == items_a:
            return self.text[s.lead : s.end]
        text, layout, build = self.text, self.layout, LISTS[name]
        floor = line_end(text, s.start)
        cache: dict[int, Span] = {}

        def span(i: int) -> Span:
            if i not in cache:
                cache[i] = layout.item(raw, i, layout.item_floor(raw, i, floor))
            return cache[i]

        n = len(items_b)
        order = _pair(items_b, items_a)
        alive = {i for i in order if i is not None}
        first = span(0)
        dash = first.start - first.line
        content = layout.first_key_column(raw[0], dash + 2)

        def gaps_after(i: int) -> list[str]:
            out = []
            while i + 1 < n:
                out.append(text[span(i).end : span(i + 1).lead])
                if i + 1 in alive:
                    break
                i += 1
            return out

        out = [text[s.lead : first.lead]]
        if 0 not in alive:
            out.extend(gaps_after(0))
        idx = 0
        while idx < len(order):
            i = order[idx]
            if i is None:
                out.append(self.new(item_text(build(items_a[idx]), dash, content)))
                idx += 1
                continue
            if items_b[i] == items_a[idx]:
                j = idx
                while (
                    j + 1 < len(order)
                    and order[j + 1] == (order[j] or 0) + 1
                    and items_b[order[j + 1] or 0] == items_a[j + 1]
                ):
                    j += 1
                last = order[j] or 0
                out.append(text[span(i).lead : span(last).end])
                out.extend(gaps_after(last))
                idx = j + 1
                continue
            out.append(self.item(raw[i], span(i), build, items_b[i], items_a[idx], dash, content))
            out.extend(gaps_after(i))
            idx += 1
        return "".join(out)

    def item(
        self, raw: Any, s: Span, build: Callable[[Any], MappingNode], b: Any, a: Any,
        dash: int, content: int,
    ) -> str:
        text = self.text
        if isinstance(raw, dict) and self.layout.is_block(raw):
            spans = self.layout.entries(raw, line_end(text, s.start))
            try:
                body = self.mapping(
                    spans,
                    node_fields(build(b), b.extra),
                    node_fields(build(a), a.extra),
                    spans[0].column(text),
                    {},
                )
                return text[s.lead : spans[0].lead] + "".join(body)
            except Fallback:
                pass
        self.drop_all(s.line, s.end)
        return text[s.lead : s.line] + self.new(item_text(build(a), dash, content))


def _pair(before: list[Any], after: list[Any]) -> list[int | None]:
    """For each item of ``after``, the index of the same item in ``before`` (by id), or None.

    An item whose id changed in place (its neighbours kept theirs) is the same item.
    """
    ids_b = [x.id for x in before]
    ids_a = [x.id for x in after]
    if ids_b == ids_a:
        return list(range(len(after)))
    where: dict[str, int] = {}
    for i, x in enumerate(ids_b):
        where.setdefault(x, i)
    used: set[int] = set()
    order: list[int | None] = []
    for x in ids_a:
        found = where.get(x)
        if found is not None and found not in used:
            used.add(found)
        else:
            found = None
        order.append(found)
    gone = set(ids_b) - set(ids_a)
    for idx, paired in enumerate(order):
        if paired is None:
            prev = order[idx - 1] if idx else -1
            guess = -1 if prev is None else prev + 1
            if 0 <= guess < len(ids_b) and guess not in used and ids_b[guess] in gone:
                used.add(guess)
                order[idx] = guess
    return order


class FaithfulBase:
    """An original file read with positions, ready to have edited dossiers saved over it.

    Preparing costs about one load of the file; rendering over a prepared base
    costs only what changed. Keep one per open document (built off the GUI
    thread after opening) and build a new one from the bytes after each save.
    """

    __slots__ = ("_bom", "_loaded", "_splice", "original")

    def __init__(self, original: bytes, splice: _Faithful, loaded: Dossier) -> None:
        self.original = original
        self._splice = splice
        self._loaded = loaded
        self._bom = BOM if original.startswith(b"\xef\xbb\xbf") else ""

    @classmethod
    def prepare(cls, original: bytes, checked: bool = False) -> FaithfulBase | None:
        """The base for ``original``; None when those bytes do not load as a dossier.

        What an edit leaves alone is kept as the original has it, so the original
        must pass every check: pass ``checked=True`` for bytes that were just read
        without an error (``LoadResult.ok``), which skips checking them again.
        """
        with gc_paused():
            try:
                text = original.decode("utf-8")
            except UnicodeDecodeError:
                return None
            body = text[1:] if text.startswith(BOM) else text
            sink = ProblemCollector("original")
            tree = build_tree(original, sink, body)
            if tree is None or sink.has_errors or not isinstance(tree.root, dict) or not tree.root:
                return None
            if not checked:
                from .schema import check_schema
                from .validate import check_semantics

                check_schema(tree, sink)
                if not sink.has_errors:
                    check_semantics(tree, sink)
                if sink.has_errors:
                    return None
            from .loader import header_comments

            try:
                loaded = build_dossier(tree.root, header_comments(original))
            except Exception:  # passes the parser but not the checks: not ours to patch
                return None
            first = body.find("\n")
            nl = "\r\n" if first > 0 and body[first - 1] == "\r" else "\n"
            if body and not body.endswith("\n"):
                body += nl
            return cls(original, _Faithful(body, Layout(body, tree), tree.root, nl), loaded)

    def _fresh(self) -> _Faithful:
        s = self._splice
        return _Faithful(s.text, s.layout, s.root, s.nl)

    def render(self, dossier: Dossier) -> Rendered:
        """The text of ``dossier`` saved over the original; it always loads as ``dossier``."""
        splice = self._fresh()
        try:
            with gc_paused():
                text = splice.faithful(self._loaded, dossier)
        except Exception:  # a bug here must cost the layout, never the save
            return Rendered(dump_dossier(dossier), faithful=False)
        return Rendered(self._bom + text, sorted(set(splice.dropped)))

    def canonical(self) -> Rendered:
        """``dossier-app format``'s text of the original."""
        from .reformat import Reformat

        s = self._splice
        splice = Reformat(s.text, s.layout, s.root, s.nl)
        with gc_paused():
            text = splice.canonical(self._loaded)
        return Rendered(self._bom + text, sorted(set(splice.dropped)))


def faithful_text(
    original: bytes | FaithfulBase, dossier: Dossier, checked: bool = False
) -> Rendered:
    """The text of ``dossier`` saved over ``original`` (the bytes it was loaded from, or
    their prepared base); the canonical text when the original does not load cleanly.
    ``checked`` as for ``FaithfulBase.prepare``."""
    if isinstance(original, FaithfulBase):
        base: FaithfulBase | None = original
    else:
        base = FaithfulBase.prepare(original, checked)
    if base is None:
        return Rendered(dump_dossier(dossier), faithful=False)
    return base.render(dossier)


def canonical_text(original: bytes, checked: bool = False) -> Rendered | None:
    """``dossier-app format``'s text for a file that loads cleanly; None when it does not."""
    base = FaithfulBase.prepare(original, checked)
    return None if base is None else base.canonical()
