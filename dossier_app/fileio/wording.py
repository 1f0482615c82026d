"""How problems name values and places: short, one line, never the raw content of a file."""

from __future__ import annotations

from typing import Any

from ..domain.wording import describe, escaped, shown

__all__ = ["LIST_ITEMS", "describe", "escaped", "item_name", "place", "shown", "subject"]

#: The top-level lists and what one entry of each is called.
LIST_ITEMS = {
    "sources": "source",
    "timeline": "development",
    "figures": "figure",
    "judgements": "judgement",
}


def item_name(list_name: str, items: Any, index: int) -> str:
    """``development 'biden-review'``, or ``development #3`` when it has no usable id."""
    noun = LIST_ITEMS.get(list_name, "entry")
    item = items[index] if isinstance(items, list) and 0 <= index < len(items) else None
    ident = item.get("id") if isinstance(item, dict) else None
    if isinstance(ident, str) and ident:
        return f"{noun} {shown(ident)}"
    return f"{noun} #{index + 1}"


def place(root: Any, path: list[Any]) -> str:
    """Where a node is, in words: ``development 'x'``, ``company``, ``company identifiers``."""
    if not path:
        return "the dossier"
    head = path[0]
    if head in LIST_ITEMS and isinstance(root, dict):
        if len(path) == 1:
            return f"the {head} list"
        name = item_name(head, root.get(head), path[1]) if isinstance(path[1], int) else head
        rest = path[2:]
    elif head == "company":
        name, rest = "company", path[1:]
    else:
        name, rest = f"{head!r}", path[1:]
    for step in rest:
        name = f"item {step + 1} of {name}" if isinstance(step, int) else f"{name} {step}"
    return name


def subject(root: Any, path: list[Any]) -> str:
    """The thing a message is about: ``'credibility' in development 'x'``, ``'marking'``."""
    if not path:
        return "the top level"
    last = path[-1]
    parent = path[:-1]
    if isinstance(last, int):
        if len(path) == 2 and path[0] in LIST_ITEMS:
            return f"{path[0]} entry #{last + 1}"
        return f"item {last + 1} of {subject(root, parent)}"
    key = shown(str(last))
    return key if not parent else f"{key} in {place(root, parent)}"
