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

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..domain.model import Dossier
from .build import build_dossier
from .collector import ProblemCollector
from .events import build_tree
from .layout import (
    Layout,
    Span,
    comment_lines,
    comments,
    line_end,
    line_start,
    takes_trailing_comment,
)
from .writer import (
    MAP_TAG,
    SEQ_TAG,
    _company,
    _date,
    _development,
    _emit,
    _figure,
    _flow_strings,
    _header,
    _key,
    _source,
    _str,
    _value,
    dump_dossier,
)

__all__ = ["FaithfulBase", "Rendered", "canonical_text", "faithful_text"]

_BOM = "\ufeff"
_LISTS: dict[str, Callable[[Any], MappingNode]] = {
    "sources": _source,
    "timeline": _development,
    "figures": _figure,
}


@dataclass(slots=True)
class Rendered:
    """The new text, and the original lines (1-based) of comments it could not keep."""

    text: str
    dropped: list[int] = field(default_factory=list)
    #: False when the original could not be read and the canonical form was written.
    faithful: bool = True


# What a mapping holds, key -> (what to compare, how to build the pair when writing it).
Pair = tuple[Node, Node]
Fields = dict[Any, tuple[Any, Callable[[], Pair]]]


_NONE: Any = object()


class _Fallback(Exception):
    """This part cannot be patched in place: write it whole."""


def _nk(node: Node) -> Any:
    """A comparable key of a node: equal keys write equal text."""
    if isinstance(node, ScalarNode):
        return (node.tag, node.value, node.style)
    if isinstance(node, SequenceNode):
        return ("seq", node.flow_style, tuple(_nk(n) for n in node.value))
    pairs = tuple((_nk(k), _nk(v)) for k, v in node.value)
    return ("map", getattr(node, "flow_style", None), pairs)


def _node_fields(node: MappingNode, extra: dict[Any, Any]) -> Fields:
    pairs = node.value
    known = len(pairs) - len(extra)
    keys = [k.value for k, _ in pairs[:known]] + list(extra)
    return {key: (_nk(p[1]), partial(_same, p)) for key, p in zip(keys, pairs, strict=True)}


def _same(pair: Pair) -> Pair:
    return pair


def _list_pair(name: str, items: list[Any], build: Callable[[Any], MappingNode]) -> Pair:
    return _key(name), SequenceNode(SEQ_TAG, [build(x) for x in items], flow_style=False)


def _extra_pair(key: Any, value: Any) -> Pair:
    return _value(key), _value(value)


def _root_fields(d: Dossier) -> Fields:
    f: Fields = {
        "format": (d.format, lambda: (_key("format"), _str(d.format))),
        "company": (d.company, lambda: (_key("company"), _company(d.company))),
    }
    if d.marking is not None:
        f["marking"] = (d.marking, lambda: (_key("marking"), _str(d.marking or "")))
    if d.reviewed is not None:
        reviewed = d.reviewed
        f["reviewed"] = (reviewed, lambda: (_key("reviewed"), _date(reviewed)))
    if d.tags:
        f["tags"] = (d.tags, lambda: (_key("tags"), _flow_strings(d.tags)))
    for name, build in _LISTS.items():
        items = getattr(d, name)
        if items:
            f[name] = (items, partial(_list_pair, name, items, build))
    for key, value in d.extra.items():
        f[key] = (value, partial(_extra_pair, key, value))
    return f


def _indent(text: str, col: int, first: bool = True) -> str:
    if not col:
        return text
    pad = " " * col
    lines = text.split("\n")
    return "\n".join(
        pad + line if line and (i or first) else line for i, line in enumerate(lines)
    )


def _pair_text(pair: Pair, col: int, first: bool = True) -> str:
    return _indent(_emit(MappingNode(MAP_TAG, [pair], flow_style=False)), col, first)


def _item_text(node: MappingNode, dash: int, content: int) -> str:
    """A canonical list item with its dash at ``dash`` and its keys at ``content``."""
    lines = _emit(SequenceNode(SEQ_TAG, [node], flow_style=False)).split("\n")
    out = [" " * dash + "-" + " " * max(1, content - dash - 1) + lines[0][2:]]
    out.extend(" " * content + line[2:] if line else line for line in lines[1:])
    return "\n".join(out)


@contextmanager
def _gc_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class _Splice:
    """One rendering of a dossier over the text of its original file."""

    def __init__(self, text: str, layout: Layout, root: dict[Any, Any], nl: str) -> None:
        self.text = text
        self.layout = layout
        self.root = root
        self.nl = nl
        self.dropped: list[int] = []

    # -- shared ------------------------------------------------------------
    def new(self, s: str) -> str:
        """Text made here, in the file's line ending."""
        return s if self.nl == "\n" else s.replace("\n", self.nl)

    def drop(self, pos: int) -> None:
        self.dropped.append(self.text.count("\n", 0, pos) + 1)

    def drop_all(self, start: int, end: int) -> None:
        for pos, _ in comments(self.text, start, end):
            self.drop(pos)

    def replace(self, s: Span, pair: Pair, col: int, indent_first: bool | None = None) -> str:
        """The entry at ``s`` rewritten as ``pair``, keeping its first and last line's comments."""
        text = self.text
        rendered = _pair_text(pair, col, not s.inline if indent_first is None else indent_first)
        first_line = line_start(text, s.start)
        last_line = line_start(text, s.end - 1) if s.end > s.start else first_line
        carried: list[str] = []
        for pos, comment in comments(text, s.start if s.inline else s.line, s.end):
            here = line_start(text, pos)
            if here in (first_line, last_line):
                gap = len(text[:pos]) - len(text[:pos].rstrip(" \t"))
                carried.append(" " * max(1, gap) + comment)
            else:
                self.drop(pos)
        if carried:
            lines = rendered.split("\n")
            if len(lines) <= 2 or takes_trailing_comment(lines[0]):
                lines[0] += carried.pop(0)
            rendered = "\n".join(lines)
            if carried and not s.inline:
                above = "".join(" " * col + c.strip() + "\n" for c in carried)
                rendered = above + rendered
            elif carried:
                self.drop(s.start)
        return self.new(rendered)

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
                anchor = next((k for k in reversed(order[:pos]) if k in in_file), _NONE)
                inserts.setdefault(anchor, []).append(key)
        out: list[str] = []
        if _NONE in inserts and not spans[0].inline:
            out.extend(self.new(_pair_text(after[k][1](), col)) for k in inserts[_NONE])
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
                    raise _Fallback
                else:
                    piece = ""
            out.append(piece)
            if i == 0 and s.inline and _NONE in inserts:
                out.extend(self.new(_pair_text(after[k][1](), col)) for k in inserts[_NONE])
            for k in inserts.get(key, ()):
                out.append(self.new(_pair_text(after[k][1](), col)))
            if i + 1 < len(spans):
                out.append(text[s.end : spans[i + 1].lead])
        return out

    def faithful(self, before: Dossier, after: Dossier) -> str:
        text = self.text
        spans = self.layout.entries(self.root, 0)
        descend: dict[Any, Callable[[Span], str | None]] = {
            "company": lambda s: self.company(s, before, after),
        }
        for name in _LISTS:
            descend[name] = partial(self.items, name=name, before=before, after=after)
        body = self.mapping(spans, _root_fields(before), _root_fields(after), 0, descend)
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
            _node_fields(_company(b), b.extra),
            _node_fields(_company(a), a.extra),
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
        text, layout, build = self.text, self.layout, _LISTS[name]
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
                out.append(self.new(_item_text(build(items_a[idx]), dash, content)))
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
                    _node_fields(build(b), b.extra),
                    _node_fields(build(a), a.extra),
                    spans[0].column(text),
                    {},
                )
                return text[s.lead : spans[0].lead] + "".join(body)
            except _Fallback:
                pass
        self.drop_all(s.line, s.end)
        return text[s.lead : s.line] + self.new(_item_text(build(a), dash, content))

    # -- canonical -----------------------------------------------------------
    def canon_mapping(
        self,
        spans: list[Span],
        fields: Fields,
        col: int,
        descend: dict[Any, Callable[[Span], str]],
        tail: int,
        headless: Any = _NONE,
    ) -> list[tuple[list[str], str, list[str]]]:
        """(leading comments, entry, detached comments after it) per key, in canonical order
        with each unknown key after the key it follows in the file."""
        text = self.text
        by_key = {s.key: i for i, s in enumerate(spans)}
        gaps = [
            comment_lines(text[s.end : spans[i + 1].lead if i + 1 < len(spans) else tail])
            for i, s in enumerate(spans)
        ]
        order = [k for k in fields if k in _KNOWN_ANY]
        for k in (k for k in fields if k not in _KNOWN_ANY):
            i = by_key.get(k, len(spans))
            anchor = next((spans[j].key for j in range(i - 1, -1, -1) if spans[j].key in order),
                          None)
            at = order.index(anchor) + 1 if anchor is not None else min(1, len(order))
            order.insert(at, k)
        carry: list[str] = []
        for s, gap in zip(spans, gaps, strict=True):
            if s.key not in fields:  # a key the canonical form leaves out (a default)
                self.drop_all(s.lead, s.end)
                carry.extend(gap)
        out: list[tuple[list[str], str, list[str]]] = []
        for k in order:
            at_file = by_key.get(k)
            if at_file is None:
                out.append(([], self.new(_pair_text(fields[k][1](), col)), []))
                continue
            s = spans[at_file]
            body = descend[k](s) if k in descend else self.replace(s, fields[k][1](), col, True)
            lead = [] if k == headless else comment_lines(text[s.lead : s.line])
            out.append((lead, body, gaps[at_file]))
        if carry and out:
            out[-1][2].extend(carry)
        return out

    def comment_block(self, lines: list[str], col: int) -> str:
        return self.new("".join(" " * col + c + "\n" for c in lines))

    def join(self, parts: list[tuple[list[str], str, list[str]]], col: int) -> str:
        return "".join(
            self.comment_block(a, col) + b + self.comment_block(c, col) for a, b, c in parts
        )

    def key_line(self, s: Span, key: str) -> str:
        """``key:`` of a block mapping or list, with the comment its line had."""
        text = self.text
        found = comments(text, s.line, line_end(text, s.line))
        comment = ""
        if found:
            pos, c = found[0]
            gap = len(text[:pos]) - len(text[:pos].rstrip(" \t"))
            comment = " " * max(1, gap) + c
        return self.new(key + ":" + comment + "\n")

    def canonical(self, d: Dossier) -> str:
        text = self.text
        spans = self.layout.entries(self.root, 0)
        descend: dict[Any, Callable[[Span], str]] = {}
        company = self.root.get("company")
        if isinstance(company, dict) and self.layout.is_block(company):
            descend["company"] = lambda s: self.canon_company(s, d)
        for name in _LISTS:
            raw = self.root.get(name)
            if getattr(d, name) and isinstance(raw, list) and self.layout.is_block(raw):
                descend[name] = partial(self.canon_items, name=name, d=d)
        # The first key's own comments are part of the file's head: they stay on top.
        parts = self.canon_mapping(spans, _root_fields(d), 0, descend, len(text), spans[0].key)
        head = comment_lines(text[: spans[0].line])
        return self.comment_block(head, 0) + self.join(parts, 0)

    def canon_company(self, s: Span, d: Dossier) -> str:
        raw = self.root["company"]
        floor = line_end(self.text, s.start)
        spans = self.layout.entries(raw, floor)
        head = comment_lines(self.text[floor : spans[0].lead])
        fields = _node_fields(_company(d.company), d.company.extra)
        parts = self.canon_mapping(spans, fields, 2, {}, spans[-1].end)
        return self.key_line(s, "company") + self.comment_block(head, 2) + self.join(parts, 2)

    def canon_items(self, s: Span, name: str, d: Dossier) -> str:
        text, layout, build = self.text, self.layout, _LISTS[name]
        raw = self.root[name]
        items = getattr(d, name)
        floor = line_end(text, s.start)
        out = [self.key_line(s, name)]
        if "#" not in text[floor : s.end] and not any(x.extra for x in items):
            nodes = [build(x) for x in items]
            out.append(self.new(_emit(SequenceNode(SEQ_TAG, nodes, flow_style=False))))
            return "".join(out)
        spans: list[Span] = []
        for i in range(len(raw)):
            spans.append(layout.item(raw, i, spans[-1].end if spans else floor))
        out.append(self.comment_block(comment_lines(text[floor : spans[0].lead]), 0))
        run: list[Any] = []

        def flush() -> None:
            if run:
                nodes = [build(x) for x in run]
                out.append(self.new(_emit(SequenceNode(SEQ_TAG, nodes, flow_style=False))))
                run.clear()

        for i, (sp, x) in enumerate(zip(spans, items, strict=True)):
            gap = text[sp.end : spans[i + 1].lead] if i + 1 < len(spans) else ""
            if "#" not in text[sp.lead : sp.end] and not x.extra:
                run.append(x)
            else:
                flush()
                out.append(self.canon_item(raw[i], sp, build(x), x.extra))
            if "#" in gap:
                flush()
                out.append(self.comment_block(comment_lines(gap), 0))
        flush()
        return "".join(out)

    def canon_item(self, raw: Any, s: Span, node: MappingNode, extra: dict[Any, Any]) -> str:
        text = self.text
        lead = comment_lines(text[s.lead : s.line])
        if not (isinstance(raw, dict) and self.layout.is_block(raw)):
            self.drop_all(s.line, s.end)
            return self.comment_block(lead, 0) + self.new(_item_text(node, 0, 2))
        spans = self.layout.entries(raw, line_end(text, s.start))
        parts = self.canon_mapping(spans, _node_fields(node, extra), 2, {}, spans[-1].end)
        first_lead, first_body, first_after = parts[0]
        return (
            self.comment_block(lead + first_lead, 0)
            + "- "
            + first_body[2:]
            + self.comment_block(first_after, 2)
            + self.join(parts[1:], 2)
        )



def _known_keys() -> frozenset[str]:
    from ..domain.model import (
        COMPANY_KEYS,
        DEVELOPMENT_KEYS,
        DOSSIER_KEYS,
        FIGURE_KEYS,
        SOURCE_KEYS,
    )

    return frozenset((*COMPANY_KEYS, *DEVELOPMENT_KEYS, *DOSSIER_KEYS, *FIGURE_KEYS, *SOURCE_KEYS))


_KNOWN_ANY = _known_keys()


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

    def __init__(self, original: bytes, splice: _Splice, loaded: Dossier) -> None:
        self.original = original
        self._splice = splice
        self._loaded = loaded
        self._bom = _BOM if original.startswith(b"\xef\xbb\xbf") else ""

    @classmethod
    def prepare(cls, original: bytes) -> FaithfulBase | None:
        """The base for ``original``; None when those bytes do not load as a dossier."""
        with _gc_paused():
            try:
                text = original.decode("utf-8")
            except UnicodeDecodeError:
                return None
            body = text[1:] if text.startswith(_BOM) else text
            sink = ProblemCollector("original")
            tree = build_tree(original, sink, body)
            if tree is None or sink.has_errors or not isinstance(tree.root, dict) or not tree.root:
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
            return cls(original, _Splice(body, Layout(body, tree), tree.root, nl), loaded)

    def _fresh(self) -> _Splice:
        s = self._splice
        return _Splice(s.text, s.layout, s.root, s.nl)

    def render(self, dossier: Dossier) -> Rendered:
        """The text of ``dossier`` saved over the original; it always loads as ``dossier``."""
        splice = self._fresh()
        with _gc_paused():
            text = splice.faithful(self._loaded, dossier)
        return Rendered(self._bom + text, sorted(set(splice.dropped)))

    def canonical(self) -> Rendered:
        """``dossier-app format``'s text of the original."""
        splice = self._fresh()
        with _gc_paused():
            text = splice.canonical(self._loaded)
        return Rendered(self._bom + text, sorted(set(splice.dropped)))


def faithful_text(original: bytes | FaithfulBase, dossier: Dossier) -> Rendered:
    """The text of ``dossier`` saved over ``original`` (the bytes it was loaded from, or
    their prepared base); the canonical text when the original does not load."""
    base = original if isinstance(original, FaithfulBase) else FaithfulBase.prepare(original)
    if base is None:
        return Rendered(dump_dossier(dossier), faithful=False)
    return base.render(dossier)


def canonical_text(original: bytes) -> Rendered | None:
    """``dossier-app format``'s text for a file that loads; None when it does not."""
    base = FaithfulBase.prepare(original)
    return None if base is None else base.canonical()
