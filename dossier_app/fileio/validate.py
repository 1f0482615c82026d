"""The checks a JSON Schema cannot express: calendar dates, unique ids, references, links.

Runs on any loaded mapping, valid or not: every step checks the type it
needs and skips what the schema check already reports.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..domain.dates import DateError, PartialDate
from ..domain.model import (
    COMPANY_KEYS,
    DEVELOPMENT_KEYS,
    DOSSIER_KEYS,
    FIGURE_KEYS,
    JUDGEMENT_KEYS,
    SOURCE_KEYS,
    is_safe_url,
)
from .collector import ProblemCollector
from .dates import parse_date
from .events import INVALID, Tree
from .evidence import check_via
from .wording import LIST_ITEMS, describe, item_name, shown

_LIST_KEYS = {
    "sources": frozenset(SOURCE_KEYS),
    "timeline": frozenset(DEVELOPMENT_KEYS),
    "figures": frozenset(FIGURE_KEYS),
}
#: Where a problem is, in words; built only when a problem is reported.
Where = Callable[[], str]


def check_semantics(tree: Tree, sink: ProblemCollector) -> None:
    """Report date, id, reference, link and unknown-key problems of a top-level mapping."""
    root: dict[Any, Any] = tree.root
    _unknown_keys(tree, root, frozenset(DOSSIER_KEYS), lambda: "", sink)
    company = root.get("company")
    if isinstance(company, dict):
        _unknown_keys(tree, company, frozenset(COMPANY_KEYS), lambda: " in company", sink)
        identifiers = company.get("identifiers")
        if isinstance(identifiers, dict):
            for key in identifiers:
                if not isinstance(key, str):
                    line, col = tree.key_mark(identifiers, key)
                    message = f"identifier name {describe(key)} must be text"
                    sink.error(line, col, message, code="wrong-type")
    if "reviewed" in root:
        _date(tree, root, "reviewed", lambda: "", sink, full=True)

    source_ids = _list_items(tree, root, "sources", sink)
    cited: set[str] = set()
    dev_ids = _list_items(tree, root, "timeline", sink, source_ids, cited)
    figure_ids = _list_items(tree, root, "figures", sink, source_ids, cited)
    _judgements(tree, root, dev_ids | figure_ids, sink)

    sources = root.get("sources")
    if isinstance(sources, list):
        for item in sources:
            ident = item.get("id") if isinstance(item, dict) else None
            if isinstance(ident, str) and ident in source_ids and ident not in cited:
                line, col = tree.value_mark(item, "id")
                sink.warning(
                    line,
                    col,
                    f"source {shown(ident)} is not cited by any development or figure",
                    code="uncited-source",
                )
    check_via(tree, sink)


def _list_items(
    tree: Tree,
    root: dict[Any, Any],
    list_name: str,
    sink: ProblemCollector,
    source_ids: set[str] | None = None,
    cited: set[str] | None = None,
) -> set[str]:
    """Check one top-level list; returns the ids seen. Citations go into ``cited``."""
    items = root.get(list_name)
    ids: dict[str, int] = {}
    if not isinstance(items, list):
        return set()
    known = _LIST_KEYS[list_name]
    noun = LIST_ITEMS[list_name]
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue

        def name(index: int = index) -> str:
            return item_name(list_name, items, index)

        def where(index: int = index) -> str:
            return f" in {item_name(list_name, items, index)}"

        _unknown_keys(tree, item, known, where, sink)
        ident = item.get("id")
        if isinstance(ident, str):
            line, col = tree.value_mark(item, "id")
            first = ids.get(ident)
            if first is not None:
                sink.error(
                    line,
                    col,
                    f"duplicate {noun} id {shown(ident)}: already used at line {first}",
                    code="duplicate-id",
                )
            else:
                ids[ident] = line
        if list_name == "sources":
            _source(tree, item, name, where, sink)
        else:
            assert source_ids is not None and cited is not None
            if list_name == "timeline":
                _development(tree, item, name, where, sink)
            else:
                _date(tree, item, "as_of", where, sink)
                _finite(tree, item, "value", name, sink)
            _citations(tree, item, name, source_ids, cited, sink)
    return set(ids)


def _source(
    tree: Tree, item: dict[Any, Any], name: Where, where: Where, sink: ProblemCollector
) -> None:
    _date(tree, item, "published", where, sink)
    _date(tree, item, "accessed", where, sink, full=True)
    for key in ("url", "archive_url"):
        url = item.get(key)
        if isinstance(url, str) and not is_safe_url(url):
            line, col = tree.value_mark(item, key)
            sink.warning(
                line,
                col,
                f"link {shown(url)} in {name()} will not be opened: "
                "only http:// and https:// links are opened",
                code="unsafe-link",
            )


def _development(
    tree: Tree, item: dict[Any, Any], name: Where, where: Where, sink: ProblemCollector
) -> None:
    start = _date(tree, item, "date", where, sink)
    if "end" not in item:
        return
    end = _date(tree, item, "end", where, sink)
    if start is not None and end is not None and end.last_day() < start.first_day():
        line, col = tree.value_mark(item, "end")
        sink.error(
            line,
            col,
            f"'end' {end.iso()} is before 'date' {start.iso()} in {name()}",
            code="end-before-date",
        )


def _citations(
    tree: Tree,
    item: dict[Any, Any],
    name: Where,
    source_ids: set[str],
    cited: set[str],
    sink: ProblemCollector,
) -> None:
    refs = item.get("sources")
    if refs is INVALID:
        return
    if not refs:
        at_key = "sources" in item
        line, col = tree.value_mark(item, "sources") if at_key else _item_mark(tree, item)
        sink.warning(line, col, f"{name()} cites no sources", code="unsourced")
        return
    if not isinstance(refs, list):
        return  # the schema check reports the type
    for index, ref in enumerate(refs):
        if not isinstance(ref, str):
            continue
        if ref in source_ids:
            cited.add(ref)
        else:
            line, col = tree.value_mark(refs, index)
            sink.error(
                line, col, f"{name()} cites unknown source {shown(ref)}", code="unknown-source"
            )


def _finite(
    tree: Tree, item: dict[Any, Any], key: str, name: Where, sink: ProblemCollector
) -> None:
    """``.inf`` and ``.nan`` are YAML floats, but no figure is infinite or not a number."""
    value = item.get(key)
    if isinstance(value, float) and not math.isfinite(value):
        line, col = tree.value_mark(item, key)
        sink.error(
            line,
            col,
            f"{shown(key)} in {name()} must be a finite number, got {value!r}",
            code="non-finite-number",
        )


def _judgements(
    tree: Tree, root: dict[Any, Any], grounds: set[str], sink: ProblemCollector
) -> None:
    """Unique ids, known keys, and ``based_on`` ids that name a development or a figure."""
    items = root.get("judgements")
    if not isinstance(items, list):
        return
    known = frozenset(JUDGEMENT_KEYS)
    ids: dict[str, int] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue

        def name(index: int = index) -> str:
            return item_name("judgements", items, index)

        def where(index: int = index) -> str:
            return f" in {item_name('judgements', items, index)}"

        _unknown_keys(tree, item, known, where, sink)
        ident = item.get("id")
        if isinstance(ident, str):
            line, col = tree.value_mark(item, "id")
            first = ids.get(ident)
            if first is not None:
                sink.error(
                    line,
                    col,
                    f"duplicate judgement id {shown(ident)}: already used at line {first}",
                    code="duplicate-judgement-id",
                )
            else:
                ids[ident] = line
        refs = item.get("based_on")
        if refs is INVALID:
            continue
        if not refs:
            at_key = "based_on" in item
            line, col = tree.value_mark(item, "based_on") if at_key else _item_mark(tree, item)
            sink.warning(
                line,
                col,
                f"{name()} rests on nothing: list the developments or figures in 'based_on'",
                code="judgement-without-grounds",
            )
            continue
        if not isinstance(refs, list):
            continue  # the schema check reports the type
        for ref_index, ref in enumerate(refs):
            if isinstance(ref, str) and ref not in grounds:
                line, col = tree.value_mark(refs, ref_index)
                sink.error(
                    line,
                    col,
                    f"{name()} is based on {shown(ref)}, which is no development or figure id",
                    code="unknown-judgement-ground",
                )


def _item_mark(tree: Tree, item: dict[Any, Any]) -> tuple[int, int]:
    """Where a list entry starts: at its first key."""
    marks = tree.key_marks.get(id(item))
    if marks:
        first = next(iter(marks.values()))
        return first[0], first[1]
    return tree.root_mark


def _date(
    tree: Tree,
    mapping: dict[Any, Any],
    key: str,
    where: Where,
    sink: ProblemCollector,
    full: bool = False,
) -> PartialDate | None:
    """The partial date under ``key``; reports a bad one. None when absent or bad."""
    if key not in mapping:
        return None
    value = mapping[key]
    if value is INVALID:
        return None
    example = "a full date like 2021-09-21" if full else "a date like 2021, 2021-09 or 2021-09-21"
    problem = None
    date = None
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, str))
        or (isinstance(value, str) and len(value) > 40)
    ):
        problem = f"{shown(key)}{where()} must be {example}, got {describe(value)}"
    else:
        try:
            date = parse_date(value)
        except DateError as exc:
            reason = str(exc)
            if reason.startswith("expected "):
                reason = f"expected {example}, got {describe(value)}"
            problem = f"bad date {shown(key)}{where()}: {reason}"
        else:
            if full and not date.is_full:
                problem = f"{shown(key)}{where()} must be {example}, got {date.iso()}"
                date = None
    if problem is not None:
        line, col = tree.value_mark(mapping, key)
        sink.error(line, col, problem, code="bad-date")
    return date


def _unknown_keys(
    tree: Tree, mapping: dict[Any, Any], known: frozenset[str], where: Where, sink: ProblemCollector
) -> None:
    if known.issuperset(mapping):
        return
    for key in mapping:
        if key not in known:
            line, col = tree.key_mark(mapping, key)
            shown_key = shown(key) if isinstance(key, str) else describe(key)
            sink.warning(
                line,
                col,
                f"unknown key {shown_key}{where()} (kept, but not used by this version)",
                code="unknown-key",
            )
