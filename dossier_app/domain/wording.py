"""How problems name values: short, one line, never the raw content of a file.

Shared by ``check`` (``fileio``), the forms and the Overview, so that the same
problem reads the same everywhere.
"""

from __future__ import annotations

from typing import Any

_MAX_SHOWN = 60


def shown(text: str) -> str:
    """A string quoted for a message: escaped (no control character reaches a terminal), short."""
    if len(text) > _MAX_SHOWN:
        quoted = repr(str(text[: _MAX_SHOWN - 3]))
        return quoted[:-1] + "..." + quoted[-1]
    return repr(str(text))


def escaped(text: str) -> str:
    """Text as it is, but with control and other unprintable characters escaped (no quotes)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def describe(value: Any) -> str:
    """What a value is, for "got ..." in a message."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return "an empty string" if not value else shown(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "an unreadable value"
