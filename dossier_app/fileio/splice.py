"""What faithful saving and ``format`` share: nodes per key, text in the file's indentation.

A ``Splice`` is one rendering over the text of an original file: it knows
the text, its layout (``layout.Layout``), the loaded tree and the file's line
ending, and collects the lines of comments it could not keep.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..domain.model import Dossier
from .layout import Layout, Span, comments, line_start, takes_trailing_comment
from .writer import (
    MAP_TAG,
    SEQ_TAG,
    _company,
    _date,
    _development,
    _emit,
    _figure,
    _flow_strings,
    _judgement,
    _key,
    _source,
    _str,
    _value,
)

BOM = "\ufeff"
LISTS: dict[str, Callable[[Any], MappingNode]] = {
    "judgements": _judgement,
    "sources": _source,
    "timeline": _development,
    "figures": _figure,
}


# What a mapping holds, key -> (what to compare, how to build the pair when writing it).
Pair = tuple[Node, Node]
Fields = dict[Any, tuple[Any, Callable[[], Pair]]]


NONE: Any = object()


class Fallback(Exception):
    """This part cannot be patched in place: write it whole."""


def node_key(node: Node) -> Any:
    """A comparable key of a node: equal keys write equal text."""
    if isinstance(node, ScalarNode):
        return (node.tag, node.value, node.style)
    if isinstance(node, SequenceNode):
        return ("seq", node.flow_style, tuple(node_key(n) for n in node.value))
    pairs = tuple((node_key(k), node_key(v)) for k, v in node.value)
    return ("map", getattr(node, "flow_style", None), pairs)


def node_fields(node: MappingNode, extra: dict[Any, Any]) -> Fields:
    pairs = node.value
    known = len(pairs) - len(extra)
    keys = [k.value for k, _ in pairs[:known]] + list(extra)
    return {key: (node_key(p[1]), partial(_same, p)) for key, p in zip(keys, pairs, strict=True)}


def _same(pair: Pair) -> Pair:
    return pair


def _list_pair(name: str, items: list[Any], build: Callable[[Any], MappingNode]) -> Pair:
    return _key(name), SequenceNode(SEQ_TAG, [build(x) for x in items], flow_style=False)


def _extra_pair(key: Any, value: Any) -> Pair:
    return _value(key), _value(value)


def root_fields(d: Dossier) -> Fields:
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
    if d.bottom_line is not None:
        text = d.bottom_line
        f["bottom_line"] = (text, lambda: (_key("bottom_line"), _str(text)))
    for name, build in LISTS.items():
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


def pair_text(pair: Pair, col: int, first: bool = True) -> str:
    return _indent(_emit(MappingNode(MAP_TAG, [pair], flow_style=False)), col, first)


def item_text(node: MappingNode, dash: int, content: int) -> str:
    """A canonical list item with its dash at ``dash`` and its keys at ``content``."""
    lines = _emit(SequenceNode(SEQ_TAG, [node], flow_style=False)).split("\n")
    out = [" " * dash + "-" + " " * max(1, content - dash - 1) + lines[0][2:]]
    out.extend(" " * content + line[2:] if line else line for line in lines[1:])
    return "\n".join(out)


@contextmanager
def gc_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class Splice:
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
        rendered = pair_text(pair, col, not s.inline if indent_first is None else indent_first)
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
