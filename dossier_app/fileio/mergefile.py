"""The text of a merge result: canonical form, with git-style conflict markers where needed.

A clean merge is the canonical text of the merged dossier (``dump_dossier``).
Each conflict puts markers around the smallest enclosing part of the file: the
development, source or figure (its whole ``- id: ...`` entry), the ``company:``
block, or the top-level key; between them ours' version, then theirs' (nothing
for a side that deleted the item)::

    <<<<<<< ours
    - id: biden-formal-review
      date: 2021-01
      title: One title
    =======
    - id: biden-formal-review
      date: 2021-01
      title: Another title
    >>>>>>> theirs

The parts are found from the positions libyaml gives the nodes of the canonical
text, not by guessing at its lines. ``write_merge`` is the one place a merge
result reaches the disk.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any

import yaml

from ..domain.merge import Conflict, MergeResult
from ..domain.model import Company, Dossier
from .atomic import write_bytes_atomic
from .writer import dump_dossier

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MARKER = 7
_LIST_ATTR = {"development": "timeline", "source": "sources", "figure": "figures"}
_TOP_ATTRS = ("format", "marking", "reviewed", "tags")


@dataclass(frozen=True, slots=True)
class MarkedConflict:
    """A conflict and the 1-based line of its ``<<<<<<<`` marker in the written text."""

    conflict: Conflict
    line: int


def render_merge(
    result: MergeResult, ours_label: str = "ours", theirs_label: str = "theirs"
) -> tuple[str, list[MarkedConflict]]:
    """The text to write for a merge result, and where its conflict markers are."""
    if result.clean:
        return dump_dossier(result.dossier), []
    placed = _placement(result)
    text = dump_dossier(placed)
    lines = text.splitlines(keepends=True)
    spans = _spans(text, len(lines))
    header_end = spans.get(("key", "format"), (0, 0))[0]
    edits: list[tuple[int, int, str, str, Conflict]] = []
    for c in result.conflicts:
        if c.kind == "dossier" and c.id is None:  # the header comments
            span = (0, header_end)
            ours = _header_text(c.ours)
            theirs = _header_text(c.theirs)
        elif c.kind == "dossier":
            assert c.id is not None
            span = spans[("key", c.id)]
            ours = _key_text(c.id, c.ours)
            theirs = _key_text(c.id, c.theirs)
        elif c.kind == "profile":
            span = spans[("key", "company")]
            ours = _company_text(c.ours)
            theirs = _company_text(c.theirs)
        else:
            attr = _LIST_ATTR[c.kind]
            index = next(i for i, x in enumerate(getattr(placed, attr)) if x.id == c.id)
            span = spans[(attr, index)]
            ours = _item_text(attr, c.ours)
            theirs = _item_text(attr, c.theirs)
        edits.append((span[0], span[1], ours, theirs, c))
    edits.sort(key=lambda e: e[0], reverse=True)
    for start, end, ours, theirs, _ in edits:
        block = [
            f"{'<' * MARKER} {ours_label}\n", *_lines(ours),
            f"{'=' * MARKER}\n", *_lines(theirs),
            f"{'>' * MARKER} {theirs_label}\n",
        ]
        lines[start:end] = block
    # Lines of the markers, now that every block is in place.
    marked: list[MarkedConflict] = []
    shift = 0
    for start, end, ours, theirs, c in sorted(edits, key=lambda e: e[0]):
        marked.append(MarkedConflict(c, start + shift + 1))
        shift += 3 + len(_lines(ours)) + len(_lines(theirs)) - (end - start)
    return "".join(lines), marked


def write_merge(
    result: MergeResult, path: str | os.PathLike[str], ours_label: str = "ours",
    theirs_label: str = "theirs",
) -> tuple[bytes, list[MarkedConflict]]:
    """Write a merge result to ``path`` atomically; the bytes written and the conflicts."""
    text, marked = render_merge(result, ours_label, theirs_label)
    data = text.encode("utf-8")
    write_bytes_atomic(path, data)
    return data, marked


def whole_file_conflict(ours: bytes, theirs: bytes, ours_label: str = "ours",
                        theirs_label: str = "theirs") -> bytes:
    """Both versions between markers, for sides that cannot be merged item by item."""
    def ended(data: bytes) -> bytes:
        return data if not data or data.endswith(b"\n") else data + b"\n"

    return (
        f"{'<' * MARKER} {ours_label}\n".encode() + ended(ours) + b"=" * MARKER + b"\n"
        + ended(theirs) + f"{'>' * MARKER} {theirs_label}\n".encode()
    )


# -- where each part is --------------------------------------------------------------

def _placement(result: MergeResult) -> Dossier:
    """The merged dossier with every conflicted top-level key present, so it has a place."""
    d = result.dossier
    changes: dict[str, Any] = {}
    extra = dict(d.extra)
    for c in result.conflicts:
        if c.kind != "dossier" or c.id is None:
            continue
        value = c.ours if c.ours is not None else c.theirs
        if c.id in _TOP_ATTRS:
            changes[c.id] = value
        else:
            extra[c.id] = value
    return dataclasses.replace(d, extra=extra, **changes)


def _spans(text: str, total: int) -> dict[tuple[str, Any], tuple[int, int]]:
    """0-based line ranges [start, end) of each top-level key and each list item."""
    root = yaml.compose(text, Loader=_Loader)
    spans: dict[tuple[str, Any], tuple[int, int]] = {}
    pairs = root.value if root is not None else []
    starts = [k.start_mark.line for k, _ in pairs] + [total]
    for i, (key, value) in enumerate(pairs):
        name = key.value
        spans[("key", name)] = (starts[i], starts[i + 1])
        if name in ("timeline", "sources", "figures") and isinstance(value, yaml.SequenceNode):
            items = [n.start_mark.line for n in value.value] + [starts[i + 1]]
            for j in range(len(value.value)):
                spans[(name, j)] = (items[j], items[j + 1])
    return spans


# -- each side's text ---------------------------------------------------------------------

_STUB = Company(name="stub")


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _block(text: str, key: tuple[str, Any]) -> str:
    lines = text.splitlines(keepends=True)
    start, end = _spans(text, len(lines))[key]
    return "".join(lines[start:end])


def _item_text(attr: str, item: Any) -> str:
    if item is None:
        return ""
    stub = Dossier(company=_STUB)
    setattr(stub, attr, [item])
    return _block(dump_dossier(stub), (attr, 0))


def _company_text(company: Company | None) -> str:
    if company is None:
        return ""
    return _block(dump_dossier(Dossier(company=company)), ("key", "company"))


def _key_text(name: str, value: Any) -> str:
    if value is None:
        return ""
    stub = Dossier(company=_STUB)
    if name in _TOP_ATTRS:
        setattr(stub, name, value)
    else:
        stub.extra = {name: value}
    return _block(dump_dossier(stub), ("key", name))


def _header_text(lines: list[str] | None) -> str:
    text = dump_dossier(Dossier(company=_STUB, header_comments=list(lines or [])))
    lines_out = text.splitlines(keepends=True)
    start = _spans(text, len(lines_out))[("key", "format")][0]
    return "".join(lines_out[:start])
