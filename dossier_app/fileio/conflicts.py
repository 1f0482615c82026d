"""Unresolved merge-conflict markers: found before YAML is read, as they make any YAML wrong."""

from __future__ import annotations

import re

#: ``<<<<<<<``, ``=======`` or ``>>>>>>>`` opening a line, as git writes them.
_MARKER = re.compile(rb"^(?:<{7}|>{7})(?:[ \t][^\r\n]*)?\r?$|^={7}\r?$", re.MULTILINE)
_OPEN = b"<" * 7


def conflict_marker_lines(data: bytes) -> list[int]:
    """1-based lines of the ``<<<<<<<`` markers (or of the first stray marker without one)."""
    if b"<<<<<<<" not in data and b"=======" not in data and b">>>>>>>" not in data:
        return []  # the usual case: three scans at C speed, no regular expression
    found = [m.start() for m in _MARKER.finditer(data)]
    if not found:
        return []
    openers = [pos for pos in found if data.startswith(_OPEN, pos)] or found[:1]
    lines = []
    line, last = 1, 0
    for pos in openers:
        line += data.count(b"\n", last, pos)
        last = pos
        lines.append(line)
    return lines
