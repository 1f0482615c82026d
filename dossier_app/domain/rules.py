"""The rules a dossier's content must meet, with the words that say each one is broken.

One set for every door: ``check`` applies them to a loaded file and adds the
line and column (``fileio/validate.py``), the edit forms to what is typed
(``ui/editing/forms/rules.py``), the Overview to the dossier as it is now
(``findings``). Each message is a lower-case phrase naming its subject; a form
shows it as a sentence (``sentence``), ``check`` adds where it is.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .dates import DateError, PartialDate
from .model import Development, Dossier, Figure, Judgement, Source, is_safe_url
from .wording import describe, shown

#: Ids of sources, developments, figures and judgements (the schema's pattern is ``^ID_CHARS$``).
ID_CHARS = "[a-z0-9][a-z0-9._-]*"
ID_PATTERN = re.compile(rf"\A{ID_CHARS}\Z")
ID_RULE = (
    "must use only lowercase letters, digits, '.', '_' and '-', and start with a letter or digit"
)
DATE_EXAMPLE = "a date like 2021, 2021-09 or 2021-09-21"
FULL_DATE_EXAMPLE = "a full date like 2021-09-21"
_DATE_TEXT_MAX = 40  # longer text is no date; not worth quoting in full

Severity = Literal["error", "warning"]


class RuleError(ValueError):
    """A value that breaks a rule: ``code`` is the problem's stable code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def sentence(message: str) -> str:
    """A rule's message as a form shows it: starting with a capital."""
    return message[:1].upper() + message[1:]


# -- values -------------------------------------------------------------------------

#: ``PartialDate.parse`` remembered per (value, approximate): a file repeats its dates
#: many times and a ``PartialDate`` is immutable. ``typed`` keeps ``2021`` and ``True`` apart.
parse_date = functools.lru_cache(maxsize=4096, typed=True)(PartialDate.parse)


def date_value(value: object, full: bool = False) -> PartialDate:
    """The partial date a file value or a field's text holds, or ``RuleError`` ("bad-date")
    whose message is the reason (``month 13 does not exist``)."""
    example = FULL_DATE_EXAMPLE if full else DATE_EXAMPLE
    if (
        isinstance(value, bool)
        or not isinstance(value, int | str)
        or (isinstance(value, str) and len(value) > _DATE_TEXT_MAX)
    ):
        raise RuleError("bad-date", f"expected {example}, got {describe(value)}")
    try:
        date = parse_date(value)
    except DateError as exc:
        reason = str(exc)
        if reason.startswith("expected "):
            reason = f"expected {example}, got {describe(value)}"
        raise RuleError("bad-date", reason) from None
    if full and not date.is_full:
        raise RuleError("bad-date", f"expected {example}, got {date.iso()}")
    return date


def bad_date(key: str, where: str, reason: str) -> str:
    """``bad date 'end' in development 'd1': month 13 does not exist``."""
    return f"bad date {shown(key)}{where}: {reason}"


def end_before_date(start: PartialDate | None, end: PartialDate | None) -> str | None:
    """An end may not lie wholly before its start (``2021`` may end a ``2021-05`` span)."""
    if start is None or end is None or end.last_day() >= start.first_day():
        return None
    return f"the end {end.iso()} is before the date {start.iso()}"


def bad_id(ident: str, owner: str = "") -> str | None:
    """An id the pattern refuses; ``owner`` (`` in development #3``) says whose."""
    if ID_PATTERN.match(ident):
        return None
    return f"id {shown(ident)}{owner} {ID_RULE}"


def duplicate_id(noun: str, ident: str) -> str:
    """Two entries of one list with the same id; ``check`` adds where the first one is."""
    return f"the {noun} id {shown(ident)} is already used"


def non_finite(subject: str, value: object) -> str | None:
    """``.inf`` and ``.nan`` are floats, but no figure is infinite or not a number."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"{subject} must be a finite number, got {value!r}"
    return None


def unsourced(name: str) -> str:
    return f"{name} cites no sources"


def unknown_source(name: str, ref: str) -> str:
    return f"{name} cites unknown source {shown(ref)}"


def uncited(name: str) -> str:
    return f"{name} is not cited by any development or figure"


def unsafe_link(url: str, name: str) -> str | None:
    if is_safe_url(url):
        return None
    return (
        f"link {shown(url)} in {name} will not be opened: "
        "only http:// and https:// links are opened"
    )


def without_grounds(name: str) -> str:
    return f"{name} rests on nothing: list the developments or figures in 'based_on'"


def unknown_ground(name: str, ref: str) -> str:
    return f"{name} is based on {shown(ref)}, which is no development or figure id"


# -- a whole dossier ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken rule in a dossier as it is in memory, and the item it is about."""

    severity: Severity
    code: str
    message: str
    kind: str = ""  # "development", "figure", "source", "judgement"; "" for the dossier
    item_id: str = ""


def _name(noun: str, ident: str, title: str) -> str:
    """How a live finding names an item: by its title, as the GUI shows it."""
    return f"{noun} {shown(title or ident)}"


def findings(dossier: Dossier) -> list[Finding]:
    """Every rule the dossier breaks now: the checks of ``check`` that need no file."""
    out: list[Finding] = []
    source_ids = _ids(out, "source", dossier.sources)
    dev_ids = _ids(out, "development", dossier.timeline)
    fig_ids = _ids(out, "figure", dossier.figures)
    _ids(out, "judgement", dossier.judgements)
    cited: set[str] = set()
    for dev in dossier.timeline:
        name = _name("development", dev.id, dev.title)
        message = end_before_date(dev.date, dev.end)
        if message is not None:
            out.append(Finding("error", "end-before-date", f"{message} in {name}", *_of(dev)))
        _citations(out, dev, name, source_ids, cited)
    for fig in dossier.figures:
        name = _name("figure", fig.id, fig.label)
        message = non_finite(f"'value' in {name}", fig.value)
        if message is not None:
            out.append(Finding("error", "non-finite-number", message, *_of(fig)))
        _citations(out, fig, name, source_ids, cited)
    for source in dossier.sources:
        name = _name("source", source.id, source.title)
        for url in (source.url, source.archive_url):
            message = unsafe_link(url, name) if url else None
            if message is not None:
                out.append(Finding("warning", "unsafe-link", message, *_of(source)))
        if source.id not in cited:
            out.append(Finding("warning", "uncited-source", uncited(name), *_of(source)))
    grounds = dev_ids | fig_ids
    for judgement in dossier.judgements:
        name = _name("judgement", judgement.id, "")
        if not judgement.based_on:
            message = without_grounds(name)
            out.append(Finding("warning", "judgement-without-grounds", message, *_of(judgement)))
        for ref in judgement.based_on:
            if ref not in grounds:
                message = unknown_ground(name, ref)
                out.append(Finding("error", "unknown-judgement-ground", message, *_of(judgement)))
    return out


def _of(item: Development | Figure | Source | Judgement) -> tuple[str, str]:
    kind = {Development: "development", Figure: "figure", Source: "source"}.get(
        type(item), "judgement"
    )
    return kind, item.id


def _ids(
    out: list[Finding], noun: str, items: Iterable[Development | Figure | Source | Judgement]
) -> set[str]:
    seen: set[str] = set()
    for item in items:
        message = bad_id(item.id, f" in a {noun}")
        if message is not None:
            out.append(Finding("error", "bad-id", message, *_of(item)))
        elif item.id in seen:
            code = "duplicate-judgement-id" if noun == "judgement" else "duplicate-id"
            out.append(Finding("error", code, duplicate_id(noun, item.id), *_of(item)))
        seen.add(item.id)
    return seen


def _citations(
    out: list[Finding], item: Development | Figure, name: str, known: set[str], cited: set[str]
) -> None:
    if not item.sources:
        out.append(Finding("warning", "unsourced", unsourced(name), *_of(item)))
    for ref in item.sources:
        if ref in known:
            cited.add(ref)
        else:
            out.append(Finding("error", "unknown-source", unknown_source(name, ref), *_of(item)))
