"""Domain objects from loaded data that passed every check.

Known keys become typed fields; the rest go to ``extra`` in file order with
their loaded values, so a save writes back what the file held.
"""

from __future__ import annotations

from typing import Any

from ..domain.dates import PartialDate
from ..domain.model import (
    COMPANY_KEYS,
    DEVELOPMENT_KEYS,
    DOSSIER_KEYS,
    FIGURE_KEYS,
    JUDGEMENT_KEYS,
    SOURCE_KEYS,
    Company,
    Development,
    Dossier,
    Figure,
    Judgement,
    Source,
)
from .dates import parse_date

_KNOWN: dict[tuple[str, ...], frozenset[str]] = {
    keys: frozenset(keys)
    for keys in (
        COMPANY_KEYS, DEVELOPMENT_KEYS, DOSSIER_KEYS, FIGURE_KEYS, JUDGEMENT_KEYS, SOURCE_KEYS
    )
}


def _text(value: Any) -> str | None:
    """Known text fields hold plain ``str`` (a ``Timestamp`` or a number becomes its text)."""
    if value is None or type(value) is str:
        return value
    return str(value)


def _texts(values: Any) -> list[str]:
    return [v if type(v) is str else str(v) for v in values or ()]


def _date(value: Any) -> PartialDate | None:
    return None if value is None else parse_date(value)


def _extra(mapping: dict[Any, Any], known: tuple[str, ...]) -> dict[Any, Any]:
    known_set = _KNOWN[known]
    if known_set.issuperset(mapping):
        return {}
    return {k: v for k, v in mapping.items() if k not in known_set}


def build_dossier(root: dict[Any, Any], header_comments: list[str]) -> Dossier:
    """The ``Dossier`` of a valid top-level mapping."""
    c = root["company"]
    get = c.get
    company = Company(
        name=_text(c["name"]) or "",
        short_name=_text(get("short_name")),
        aliases=_texts(get("aliases")),
        headquarters=_text(get("headquarters")),
        sector=_text(get("sector")),
        identifiers={str(k): str(v) for k, v in (get("identifiers") or {}).items()},
        summary=_text(get("summary")),
        extra=_extra(c, COMPANY_KEYS),
    )
    return Dossier(
        company=company,
        format=str(root["format"]),
        marking=_text(root.get("marking")),
        reviewed=_date(root.get("reviewed")),
        tags=_texts(root.get("tags")),
        bottom_line=_text(root.get("bottom_line")),
        judgements=[_judgement(j) for j in root.get("judgements") or ()],
        sources=[_source(s) for s in root.get("sources") or ()],
        timeline=[_development(d) for d in root.get("timeline") or ()],
        figures=[_figure(f) for f in root.get("figures") or ()],
        extra=_extra(root, DOSSIER_KEYS),
        header_comments=header_comments,
    )


def _source(s: dict[Any, Any]) -> Source:
    get = s.get
    return Source(
        id=_text(s["id"]) or "",
        title=_text(s["title"]) or "",
        publisher=_text(get("publisher")),
        author=_text(get("author")),
        url=_text(get("url")),
        archive_url=_text(get("archive_url")),
        published=_date(get("published")),
        accessed=_date(get("accessed")),
        reliability=get("reliability"),
        notes=_text(get("notes")),
        via=_text(get("via")),
        archived=_text(get("archived")),
        sha256=_text(get("sha256")),
        extra=_extra(s, SOURCE_KEYS),
    )


def _development(d: dict[Any, Any]) -> Development:
    get = d.get
    end = get("end")
    credibility = get("credibility")
    return Development(
        id=_text(d["id"]) or "",
        date=parse_date(d["date"], bool(get("approximate", False))),
        title=_text(d["title"]) or "",
        end=None if end is None else parse_date(end),
        summary=_text(get("summary")),
        tags=_texts(get("tags")),
        sources=_texts(get("sources")),
        # JSON Schema counts 1.0 as an integer; the model holds an int.
        credibility=None if credibility is None else int(credibility),
        extra=_extra(d, DEVELOPMENT_KEYS),
    )


def _figure(f: dict[Any, Any]) -> Figure:
    get = f.get
    return Figure(
        id=_text(f["id"]) or "",
        label=_text(f["label"]) or "",
        value=f["value"],
        unit=_text(f["unit"]) or "",
        period=_text(get("period")),
        as_of=_date(get("as_of")),
        qualifier=get("qualifier"),
        sources=_texts(get("sources")),
        note=_text(get("note")),
        extra=_extra(f, FIGURE_KEYS),
    )


def _judgement(j: dict[Any, Any]) -> Judgement:
    get = j.get
    return Judgement(
        id=_text(j["id"]) or "",
        text=_text(j["text"]) or "",
        confidence=_text(j["confidence"]) or "",
        likelihood=_text(get("likelihood")),
        based_on=_texts(get("based_on")),
        extra=_extra(j, JUDGEMENT_KEYS),
    )
