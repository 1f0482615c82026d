"""What a form field may hold: the rules of ``domain.rules`` (those of ``check``) on typed text.

Each function returns the value for the domain object or raises
``FieldError`` with the message shown beside the field: the words ``check``
uses for the same problem, as a sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from ....domain import rules
from ....domain.dates import PartialDate

_ID_MAX = 48


class FieldError(ValueError):
    """A field's text is not acceptable; the message says why."""


def required_text(text: str, what: str = "This field") -> str:
    value = text.strip()
    if not value:
        raise FieldError(f"{what} is required")
    return value


def optional_text(text: str) -> str | None:
    """A one-line optional value: None when blank."""
    value = text.strip()
    return value or None


def optional_block(text: str, original: str | None = None) -> str | None:
    """Multi-line text: None when blank; the original when only trailing space differs."""
    value = text.rstrip()
    if not value.strip():
        return None
    if original is not None and original.rstrip() == value:
        return original
    return value


def partial_date(text: str, approximate: bool = False, full: bool = False) -> PartialDate:
    try:
        date = rules.date_value(text.strip(), full)
    except rules.RuleError as exc:
        raise FieldError(rules.sentence(exc.message)) from None
    return date.with_approximate(approximate) if approximate else date


def optional_partial_date(text: str) -> PartialDate | None:
    return partial_date(text) if text.strip() else None


def optional_full_date(text: str) -> PartialDate | None:
    """A full date (``accessed``, ``reviewed``), or None when blank."""
    return partial_date(text, full=True) if text.strip() else None


def end_date(text: str, start: PartialDate | None) -> PartialDate | None:
    """An optional end date, which may not lie wholly before the start (as ``check`` says)."""
    end = optional_partial_date(text)
    message = rules.end_before_date(start, end)
    if message is not None:
        raise FieldError(rules.sentence(message))
    return end


def item_id(text: str, taken: Collection[str], noun: str = "item") -> str:
    """A new or edited id of a ``noun`` ("development"): well-formed and not ``taken``."""
    value = text.strip()
    if not value:
        raise FieldError("An id is required")
    message = rules.bad_id(value)
    if message is not None:
        raise FieldError(rules.sentence(message))
    if value in taken:
        raise FieldError(rules.sentence(rules.duplicate_id(noun, value)))
    return value


def number(text: str) -> int | float:
    value = text.strip().replace("_", "")
    if not value:
        raise FieldError("A value is required")
    try:
        return int(value)
    except ValueError:
        pass
    try:
        result = float(value)
    except ValueError:
        raise FieldError(
            "Expected a number like 50000000 or 12.5 (no thousands separators)"
        ) from None
    message = rules.non_finite("the value", result)
    if message is not None:
        raise FieldError(rules.sentence(message))
    return result


def tag_list(text: str) -> list[str]:
    """Comma-separated tags, blanks and repeats dropped, order kept."""
    seen: dict[str, None] = {}
    for part in text.split(","):
        tag = part.strip()
        if tag:
            seen.setdefault(tag, None)
    return list(seen)


def line_list(text: str) -> list[str]:
    """One value per line, blanks and repeats dropped, order kept."""
    seen: dict[str, None] = {}
    for line in text.splitlines():
        value = line.strip()
        if value:
            seen.setdefault(value, None)
    return list(seen)


def identifiers(text: str) -> dict[str, str]:
    """Lines of ``KEY: value`` (``NYSE: BABA``)."""
    result: dict[str, str] = {}
    for number_, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value:
            raise FieldError(f"Line {number_}: expected 'KEY: value', like 'NYSE: BABA'")
        if key in result:
            raise FieldError(f"Line {number_}: '{key}' is given twice")
        result[key] = value
    return result


def slug(text: str, fallback: str) -> str:
    """An id suggested from a title: ascii, lower case, words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > _ID_MAX:
            break
        result = candidate
    return result or (words[0][:_ID_MAX] if words else fallback)


def unique_id(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is free."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
