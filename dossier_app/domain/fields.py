"""Dossier parts seen as flat mappings of file keys, for comparing and merging field by field.

A *field view* of a source, development, figure or the company holds each key
as the file writes it (``date`` and ``approximate`` apart, dates as
``PartialDate`` without the flag), then the unknown keys of ``extra``. Keys
that the canonical writer leaves out (``None``, an empty list or mapping,
``approximate: false``) are absent, so "not there" and "empty" compare equal,
as they save alike. ``from_fields`` builds the object back from a view.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, Literal

from .dates import PartialDate
from .model import (
    COMPANY_KEYS,
    DEVELOPMENT_KEYS,
    FIGURE_KEYS,
    SOURCE_KEYS,
    Company,
    Development,
    Dossier,
    Figure,
    Source,
)

#: What a change or a conflict is about: one of the three lists, the profile, or a top-level key.
Kind = Literal["development", "source", "figure", "profile", "dossier"]
ItemKind = Literal["development", "source", "figure"]

#: List kinds in the order reports show them, with the dossier attribute holding each.
LIST_KINDS: tuple[tuple[ItemKind, str], ...] = (
    ("development", "timeline"),
    ("figure", "figures"),
    ("source", "sources"),
)

#: Top-level keys compared one by one (the lists and the company are compared item by item).
DOSSIER_FIELDS = ("format", "marking", "reviewed", "tags")

_KEYS: dict[str, tuple[str, ...]] = {
    "development": DEVELOPMENT_KEYS,
    "source": SOURCE_KEYS,
    "figure": FIGURE_KEYS,
    "profile": COMPANY_KEYS,
}

Fields = dict[Any, Any]


def _put(view: Fields, key: str, value: Any) -> None:
    if value is None or (isinstance(value, list | dict) and not value):
        return
    view[key] = value


def _put_extra(view: Fields, extra: Mapping[Any, Any]) -> None:
    # Unknown keys are written back as they are, ``null`` and ``[]`` included.
    view.update(extra)


class _Absent:
    """A key that is not there (unlike an unknown key holding ``null``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<absent>"


#: Stands for a key missing from a field view.
ABSENT: Any = _Absent()


def development_fields(d: Development) -> Fields:
    date = d.date.with_approximate(False) if d.date.approximate else d.date
    view: Fields = {"id": d.id, "date": date}
    _put(view, "end", d.end)
    if d.date.approximate:
        view["approximate"] = True
    view["title"] = d.title
    _put(view, "summary", d.summary)
    _put(view, "tags", d.tags)
    _put(view, "sources", d.sources)
    _put(view, "credibility", d.credibility)
    if d.extra:
        _put_extra(view, d.extra)
    return view


def source_fields(s: Source) -> Fields:
    view: Fields = {"id": s.id, "title": s.title}
    _put(view, "publisher", s.publisher)
    _put(view, "author", s.author)
    _put(view, "url", s.url)
    _put(view, "archive_url", s.archive_url)
    _put(view, "published", s.published)
    _put(view, "accessed", s.accessed)
    _put(view, "reliability", s.reliability)
    _put(view, "notes", s.notes)
    if s.extra:
        _put_extra(view, s.extra)
    return view


def figure_fields(f: Figure) -> Fields:
    view: Fields = {"id": f.id, "label": f.label, "value": f.value, "unit": f.unit}
    _put(view, "period", f.period)
    _put(view, "as_of", f.as_of)
    _put(view, "qualifier", f.qualifier)
    _put(view, "sources", f.sources)
    _put(view, "note", f.note)
    if f.extra:
        _put_extra(view, f.extra)
    return view


def company_fields(c: Company) -> Fields:
    view: Fields = {"name": c.name}
    _put(view, "short_name", c.short_name)
    _put(view, "aliases", c.aliases)
    _put(view, "headquarters", c.headquarters)
    _put(view, "sector", c.sector)
    _put(view, "identifiers", c.identifiers)
    _put(view, "summary", c.summary)
    if c.extra:
        _put_extra(view, c.extra)
    return view


def dossier_fields(d: Dossier) -> Fields:
    """The top-level keys other than the company and the three lists."""
    view: Fields = {"format": d.format}
    _put(view, "marking", d.marking)
    _put(view, "reviewed", d.reviewed)
    _put(view, "tags", d.tags)
    if d.extra:
        _put_extra(view, d.extra)
    return view


FIELD_VIEWS: dict[str, Callable[[Any], Fields]] = {
    "development": development_fields,
    "source": source_fields,
    "figure": figure_fields,
    "profile": company_fields,
}


def fields_of(kind: str, obj: Any) -> Fields:
    return FIELD_VIEWS[kind](obj)


def _split(kind: str, view: Mapping[Any, Any]) -> tuple[dict[str, Any], dict[Any, Any]]:
    known = _KEYS[kind]
    own = {k: v for k, v in view.items() if k in known}
    extra = {k: v for k, v in view.items() if k not in known}
    return own, extra


def from_fields(kind: str, view: Mapping[Any, Any]) -> Any:
    """The source, development, figure or company a field view describes."""
    own, extra = _split(kind, view)
    for key in ("tags", "sources", "aliases"):
        if key in own:
            own[key] = list(own[key])
    if kind == "development":
        approximate = bool(own.pop("approximate", False))
        own["date"] = own["date"].with_approximate(approximate)
        return Development(**own, extra=extra)
    if kind == "source":
        return Source(**own, extra=extra)
    if kind == "figure":
        return Figure(**own, extra=extra)
    if "identifiers" in own:
        own["identifiers"] = dict(own["identifiers"])
    return Company(**own, extra=extra)


def same(a: Any, b: Any) -> bool:
    """Equal as file values: NaN equals NaN, and ``true`` is not ``1``."""
    if a is b:
        return True
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(v, b[k]) for k, v in a.items())
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, PartialDate) and isinstance(b, PartialDate):
        return a == b
    return bool(a == b)


def item_date(kind: str, obj: Any) -> PartialDate | None:
    """The date a report shows beside an item: a development's date, a source's
    publication, a figure's ``as_of``."""
    if kind == "development":
        date: PartialDate = obj.date
        return date
    if kind == "source":
        published: PartialDate | None = obj.published
        return published
    if kind == "figure":
        as_of: PartialDate | None = obj.as_of
        return as_of
    return None


def item_title(kind: str, obj: Any) -> str:
    """A development's or source's title, a figure's label."""
    if kind == "figure":
        return str(obj.label)
    if kind in ("development", "source"):
        return str(obj.title)
    return ""


def plain(value: Any) -> Any:
    """A field value as JSON can hold it: dates as their file text, mappings with text keys."""
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return str(value)  # a date or timestamp in an unknown key
