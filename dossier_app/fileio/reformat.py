"""``dossier-app format``: the canonical form of a file, its comments kept.

Keys in the format's order, each unknown key after the key it follows in the
file, every entry written by the canonical writer's node builders; each
entry's own comments (the lines above it, the comment on its line) go with
it, comments set apart by a blank line stay after the entry they follow.
Comments that cannot go anywhere (on a default the canonical form leaves
out, inside a value it writes on one line) are listed in ``dropped``.
Runs of items without comments are emitted in one go, as the writer would.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from yaml.nodes import MappingNode, SequenceNode

from ..domain.model import (
    COMPANY_KEYS,
    DEVELOPMENT_KEYS,
    DOSSIER_KEYS,
    FIGURE_KEYS,
    SOURCE_KEYS,
    Dossier,
)
from .layout import Span, comment_lines, comments, line_end
from .splice import LISTS, NONE, Fields, Splice, item_text, node_fields, pair_text, root_fields
from .writer import SEQ_TAG, _company, _emit

_KNOWN_ANY = frozenset(
    (*COMPANY_KEYS, *DEVELOPMENT_KEYS, *DOSSIER_KEYS, *FIGURE_KEYS, *SOURCE_KEYS)
)


class Reformat(Splice):
    """The canonical form over an original's text."""

    def canon_mapping(
        self,
        spans: list[Span],
        fields: Fields,
        col: int,
        descend: dict[Any, Callable[[Span], str]],
        tail: int,
        headless: Any = NONE,
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
                out.append(([], self.new(pair_text(fields[k][1](), col)), []))
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
        for name in LISTS:
            raw = self.root.get(name)
            if getattr(d, name) and isinstance(raw, list) and self.layout.is_block(raw):
                descend[name] = partial(self.canon_items, name=name, d=d)
        # The first key's own comments are part of the file's head: they stay on top.
        parts = self.canon_mapping(spans, root_fields(d), 0, descend, len(text), spans[0].key)
        head = comment_lines(text[: spans[0].line])
        return self.comment_block(head, 0) + self.join(parts, 0)

    def canon_company(self, s: Span, d: Dossier) -> str:
        raw = self.root["company"]
        floor = line_end(self.text, s.start)
        spans = self.layout.entries(raw, floor)
        head = comment_lines(self.text[floor : spans[0].lead])
        fields = node_fields(_company(d.company), d.company.extra)
        parts = self.canon_mapping(spans, fields, 2, {}, spans[-1].end)
        return self.key_line(s, "company") + self.comment_block(head, 2) + self.join(parts, 2)

    def canon_items(self, s: Span, name: str, d: Dossier) -> str:
        text, layout, build = self.text, self.layout, LISTS[name]
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
            return self.comment_block(lead, 0) + self.new(item_text(node, 0, 2))
        spans = self.layout.entries(raw, line_end(text, s.start))
        parts = self.canon_mapping(spans, node_fields(node, extra), 2, {}, spans[-1].end)
        first_lead, first_body, first_after = parts[0]
        return (
            self.comment_block(lead + first_lead, 0)
            + "- "
            + first_body[2:]
            + self.comment_block(first_after, 2)
            + self.join(parts[1:], 2)
        )
