"""The checks a JSON Schema cannot express: calendar dates, unique ids, references, links.

Runs on any loaded mapping, valid or not: every step checks the type it
needs and skips what the schema check already reports.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..domain import rules
from ..domain.dates import PartialDate
from ..domain.model import (
    COMPANY_KEYS,
    DEVELOPMENT_KEYS,
    DOSSIER_KEYS,
    FIGURE_KEYS,
    JUDGEMENT_KEYS,
    SOURCE_KEYS,
)
from .collector import ProblemCollector
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
                message = rules.uncited(f"source {shown(ident)}")
                sink.warning(line, col, message, code="uncited-source")
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
                message = f"{rules.duplicate_id(noun, ident)} at line {first}"
                sink.error(line, col, message, code="duplicate-id")
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
        message = rules.unsafe_link(url, name()) if isinstance(url, str) else None
        if message is not None:
            line, col = tree.value_mark(item, key)
            sink.warning(line, col, message, code="unsafe-link")


def _development(
    tree: Tree, item: dict[Any, Any], name: Where, where: Where, sink: ProblemCollector
) -> None:
    start = _date(tree, item, "date", where, sink)
    if "end" not in item:
        return
    end = _date(tree, item, "end", where, sink)
    message = rules.end_before_date(start, end)
    if message is not None:
        line, col = tree.value_mark(item, "end")
        sink.error(line, col, f"{message} in {name()}", code="end-before-date")


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
        sink.warning(line, col, rules.unsourced(name()), code="unsourced")
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
            message = rules.unknown_source(name(), ref)
            sink.error(line, col, message, code="unknown-source")


def _finite(
    tree: Tree, item: dict[Any, Any], key: str, name: Where, sink: ProblemCollector
) -> None:
    message = rules.non_finite(f"{shown(key)} in {name()}", item.get(key))
    if message is not None:
        line, col = tree.value_mark(item, key)
        sink.error(line, col, message, code="non-finite-number")


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
                message = f"{rules.duplicate_id('judgement', ident)} at line {first}"
                sink.error(line, col, message, code="duplicate-judgement-id")
            else:
                ids[ident] = line
        refs = item.get("based_on")
        if refs is INVALID:
            continue
        if not refs:
            at_key = "based_on" in item
            line, col = tree.value_mark(item, "based_on") if at_key else _item_mark(tree, item)
            message = rules.without_grounds(name())
            sink.warning(line, col, message, code="judgement-without-grounds")
            continue
        if not isinstance(refs, list):
            continue  # the schema check reports the type
        for ref_index, ref in enumerate(refs):
            if isinstance(ref, str) and ref not in grounds:
                line, col = tree.value_mark(refs, ref_index)
                message = rules.unknown_ground(name(), ref)
                sink.error(line, col, message, code="unknown-judgement-ground")


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
    try:
        return rules.date_value(value, full)
    except rules.RuleError as exc:
        line, col = tree.value_mark(mapping, key)
        sink.error(line, col, rules.bad_date(key, where(), exc.message), code="bad-date")
        return None


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
