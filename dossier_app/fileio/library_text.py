"""The searchable text of a dossier file: one entry per profile, development, source, figure.

Entries are read from the loader's event tree (``events.build_tree``), which
records where each item starts, so every hit can name its line. The reading is
lenient: a file with schema errors still gives the text it holds (the library
shows its errors elsewhere); only a file that is not YAML gives nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from ..domain.dates import DateError, PartialDate
from ..domain.model import DEFAULT_MARKING
from ..domain.query import fold
from .collector import ProblemCollector
from .events import INVALID, Tree, build_tree


@dataclass(slots=True)
class Entry:
    kind: str  # development, source, figure, profile
    item_id: str
    line: int
    title: str
    #: The other text fields, one per line, as written.
    body: str
    #: ``|tag|tag|``, folded; the item's own tags and the dossier's.
    tags: str
    date: PartialDate | None = None
    end: PartialDate | None = None


@dataclass(slots=True)
class FileText:
    """What the index keeps of one file."""

    company: str  # the name shown (short name, else name, else the file's stem)
    #: Folded ``|name|short name|aliases|stem|`` for ``company:``.
    company_key: str
    marking: str
    reviewed: PartialDate | None
    entries: list[Entry]


def _text(value: Any) -> str:
    if value is None or value is INVALID or isinstance(value, (dict, list, bool)):
        return ""
    return value if type(value) is str else str(value)


def _texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [t for t in (_text(v) for v in value) if t]


_DATES: dict[tuple[Any, bool], PartialDate | None] = {}


def _date(value: Any, approximate: Any = False) -> PartialDate | None:
    """The partial date of a loaded value, or None (dates repeat: each is read once)."""
    if value is None or value is INVALID or isinstance(value, (dict, list)):
        return None
    key = (value, approximate is True)
    try:
        return _DATES[key]
    except KeyError:
        pass
    except TypeError:  # not hashable
        return None
    try:
        date: PartialDate | None = PartialDate.parse(value, approximate is True)
    except (DateError, ValueError, TypeError):
        date = None
    if len(_DATES) < 100_000:
        _DATES[key] = date
    return date


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


_TAGLINES: dict[tuple[str, ...], str] = {}


def _tagline(tags: list[str], dossier_tags: list[str]) -> str:
    key = (*tags, "", *dossier_tags)
    line = _TAGLINES.get(key)
    if line is None:
        folded = {fold(t) for t in tags} | {fold(t) for t in dossier_tags}
        line = "|" + "|".join(sorted(folded)) + "|" if folded else ""
        if len(_TAGLINES) < 100_000:
            _TAGLINES[key] = line
    return line


def file_text(data: bytes, path: str) -> FileText | None:
    """The searchable text of a file's bytes; None when they are not a YAML mapping."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    tree = build_tree(data, ProblemCollector(path, limit=1))
    if tree is None or not isinstance(tree.root, dict):
        return None
    return _from_tree(tree, path)


def _line(tree: Tree, container: Any, key: Any) -> int:
    try:
        return tree.value_mark(container, key)[0]
    except (KeyError, IndexError):
        return tree.root_mark[0]


def _from_tree(tree: Tree, path: str) -> FileText:
    root: dict[Any, Any] = tree.root
    company = root.get("company")
    company = company if isinstance(company, dict) else {}
    name = _text(company.get("name"))
    short = _text(company.get("short_name"))
    aliases = _texts(company.get("aliases"))
    stem = os.path.splitext(os.path.basename(path))[0]
    marking = _text(root.get("marking")) or DEFAULT_MARKING
    dossier_tags = _texts(root.get("tags"))
    reviewed = _date(root.get("reviewed"))
    keys = [fold(x) for x in (name, short, *aliases, stem) if x]

    entries: list[Entry] = []
    entries.append(Entry(
        "profile", "", _line(tree, root, "company") if "company" in root else 1,
        short or name or stem,
        _join(
            name if short else "", ", ".join(aliases), _text(company.get("summary")),
            ", ".join(dossier_tags),
        ),
        _tagline([], dossier_tags),
    ))
    dossier_tagline = _tagline([], dossier_tags)

    timeline = root.get("timeline")
    if isinstance(timeline, list):
        marks = tree.item_marks.get(id(timeline), [])
        for index, item in enumerate(timeline):
            if not isinstance(item, dict):
                continue
            get = item.get
            tags = _texts(get("tags"))
            entries.append(Entry(
                "development", _text(get("id")), marks[index][0],
                _text(get("title")),
                _join(_text(get("summary")), ", ".join(tags)),
                _tagline(tags, dossier_tags) if tags else dossier_tagline,
                _date(get("date"), get("approximate")), _date(get("end")),
            ))
    sources = root.get("sources")
    if isinstance(sources, list):
        marks = tree.item_marks.get(id(sources), [])
        for index, item in enumerate(sources):
            if not isinstance(item, dict):
                continue
            get = item.get
            entries.append(Entry(
                "source", _text(get("id")), marks[index][0],
                _text(get("title")),
                _join(_text(get("publisher")), _text(get("author")), _text(get("notes"))),
                dossier_tagline, _date(get("published")),
            ))
    figures = root.get("figures")
    if isinstance(figures, list):
        marks = tree.item_marks.get(id(figures), [])
        for index, item in enumerate(figures):
            if not isinstance(item, dict):
                continue
            get = item.get
            entries.append(Entry(
                "figure", _text(get("id")), marks[index][0],
                _text(get("label")),
                _join(_text(get("unit")), _text(get("period")), _text(get("note"))),
                dossier_tagline, _date(get("as_of")),
            ))
    return FileText(
        company=short or name or stem,
        company_key="|" + "|".join(keys) + "|",
        marking=marking,
        reviewed=reviewed,
        entries=entries,
    )
