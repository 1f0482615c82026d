"""Where each part of a dossier file is in its text: the byte ranges faithful saving splices.

A *span* is one mapping entry (``key: value``) or one list item of the
structure a dossier has (the top-level mapping, ``company``, the items of
``sources``/``timeline``/``figures`` and their keys). It covers, in order:
its own leading lines (the comment lines right above it and the blank lines
above those), its first line, and every line up to the end of its value,
trailing comment included. What lies between two spans (comments set apart
by a blank line) belongs to neither: it stays where it is.

Offsets are character offsets into the decoded text without its byte order
mark, as ``build_tree(..., text=...)`` records them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .events import Tree


@dataclass(slots=True)
class Span:
    """One entry or item in the text (see the module docstring)."""

    key: Any
    lead: int  #: start of its own leading comment and blank lines
    line: int  #: start of its first line
    start: int  #: its key, or its dash
    value: int  #: where its value starts
    end: int  #: just after its last line
    #: True for the first key of a list item, on the dash's line (``- id: x``).
    inline: bool = False

    def column(self, text: str) -> int:
        return self.start - line_start(text, self.start)


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    """Just after the newline ending the line at ``pos`` (or the end of the text)."""
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl + 1


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _lead(text: str, first_line: int, floor: int, col: int) -> int:
    """Start of the comment lines right above ``first_line`` and the blank lines above them.

    A comment indented deeper than the entry (``col``) belongs to what is above it.
    """
    pos = first_line
    seen_blank = False
    while pos > floor:
        prev = text.rfind("\n", 0, pos - 1) + 1
        if prev < floor:
            break
        line = text[prev:pos]
        content = line.strip()
        if not content:
            seen_blank = True
        elif content.startswith("#") and not seen_blank:
            if len(line) - len(line.lstrip(" ")) > col:
                break
        else:
            break
        pos = prev
    return pos


def _end(text: str, vend: int, keep: bool) -> int:
    """Just after the last line of a value ending at ``vend``.

    A block scalar ends at the start of a line, after the blank lines it read:
    those are handed back to the gap unless they are content (``|+``).
    """
    if vend and text[vend - 1] != "\n":
        return line_end(text, vend)
    end = vend
    if not keep:
        while end > 0:
            prev = text.rfind("\n", 0, end - 1) + 1
            if text[prev:end].strip() or prev == end:
                break
            end = prev
    return end


class Layout:
    """The spans of a loaded file, worked out on demand from the tree of its text."""

    def __init__(self, text: str, tree: Tree) -> None:
        self.text = text
        self.tree = tree
        self.keep_ends = tree.keep_ends

    def is_block(self, container: Any) -> bool:
        return isinstance(container, dict | list) and id(container) not in self.tree.flow_ids

    def entries(self, mapping: dict[Any, Any], floor: int) -> list[Span]:
        """The spans of a block mapping's entries, in file order; ``floor`` is where the
        text of the mapping's owner (its key line, its dash) ends."""
        text = self.text
        out: list[Span] = []
        for key, (kidx, vidx, vend) in self.tree.key_spans[id(mapping)].items():
            first = line_start(text, kidx)
            inline = bool(text[first:kidx].strip())
            lead = kidx if inline else _lead(text, first, floor, kidx - first)
            end = _end(text, vend, vend in self.keep_ends)
            out.append(Span(key, lead, kidx if inline else first, kidx, vidx, end, inline))
            floor = end
        return out

    def item(self, seq: list[Any], index: int, floor: int) -> Span:
        """The span of one item of a block list; ``floor`` as for ``entries``."""
        text = self.text
        vidx, vend = self.tree.item_spans[id(seq)][index]
        first = line_start(text, vidx)
        prefix = text[first:vidx]
        if not prefix.strip().startswith("-"):  # the value starts below its dash
            probe = first
            while probe > floor:
                probe = line_start(text, probe - 1)
                if text[probe : line_end(text, probe)].lstrip().startswith("-"):
                    first = probe
                    break
        dash = text.find("-", first, vidx)
        dash = first if dash < 0 else dash
        lead = _lead(text, first, floor, dash - first)
        return Span(index, lead, first, dash, vidx, _end(text, vend, vend in self.keep_ends))

    def item_floor(self, seq: list[Any], index: int, floor: int) -> int:
        """Where the item before ``index`` ends (``floor`` for the first)."""
        if index == 0:
            return floor
        vend = self.tree.item_spans[id(seq)][index - 1][1]
        return _end(self.text, vend, vend in self.keep_ends)

    def first_key_column(self, mapping: Any, default: int) -> int:
        spans = self.tree.key_spans.get(id(mapping)) if self.is_block(mapping) else None
        if not spans:
            return default
        kidx = next(iter(spans.values()))[0]
        return kidx - line_start(self.text, kidx)


# -- comments ------------------------------------------------------------------
_TOKENS = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def comments(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The comments in ``text[start:end]`` (whole lines of YAML), as (offset, comment).

    YAML's scanner skips comments: what is neither a token nor blank, from a
    ``#`` to the end of its line, is one. The range is scanned on its own,
    with what precedes its first line's start blanked out.
    """
    chunk = text[start:end]
    if "#" not in chunk:
        return []
    first = line_start(text, start)
    pad = " " * (start - first)
    covered: list[tuple[int, int]] = []
    loader = _TOKENS(pad + chunk)
    try:
        while True:
            token = loader.get_token()
            if token is None or isinstance(token, yaml.StreamEndToken):
                break
            a = token.start_mark.index - len(pad)
            b = token.end_mark.index - len(pad)
            if b > a:
                covered.append((a, b))
    except yaml.YAMLError:
        covered = []  # not YAML on its own: every " #" counts (errs on the side of reporting)
    finally:
        loader.dispose()
    found: list[tuple[int, str]] = []
    pos = chunk.find("#")
    ci = 0
    while pos >= 0:
        while ci < len(covered) and covered[ci][1] <= pos:
            ci += 1
        inside = ci < len(covered) and covered[ci][0] <= pos < covered[ci][1]
        if not inside and (pos == 0 or chunk[pos - 1] in " \t\n"):
            stop = chunk.find("\n", pos)
            stop = len(chunk) if stop < 0 else stop
            found.append((start + pos, chunk[pos:stop].rstrip("\r")))
            pos = chunk.find("#", stop)
        else:
            pos = chunk.find("#", pos + 1)
    return found


def comment_lines(chunk: str) -> list[str]:
    """The full-line comments of a stretch between spans, stripped."""
    return [s for s in (line.strip() for line in chunk.split("\n")) if s.startswith("#")]


_HEADER_END = re.compile(r"(?::|[|>][-+0-9]*)\s*$")


def takes_trailing_comment(first_line: str) -> bool:
    """A rendered first line ending in ``:`` or a block scalar header can carry a comment."""
    return _HEADER_END.search(first_line) is not None
