"""Checks of how claims are sourced: ``via`` links, corroboration flags, archived copies.

``check_via`` depends on the file's bytes alone and runs on every load: a
``via`` naming no source or closing a cycle is an error. ``check_sourcing``
runs only where the loader is asked for it (``read_dossier(path,
evidence=True)``, as ``check`` does; never for the parse cache): the
corroboration warnings (claims on a single independent origin, on weak
sourcing, figures ``stale`` as of today, today from ``domain.clock``) and the
archived copies beside the file (missing, or not the bytes their ``sha256``
names). The GUI shows the same flags live, from ``domain.corroboration``.

``check_via`` runs on any loaded mapping, valid or not, ``check_sourcing`` on
a file without errors; both skip what has the wrong type (the schema check
reports it). The corroboration rules are those of ``domain.corroboration``,
applied here to the loaded mapping so that each warning has its place.
"""

from __future__ import annotations

from typing import Any

from ..domain import clock
from ..domain.corroboration import (
    DEFAULT_STALE_YEARS,
    WEAK_CREDIBILITY,
    WEAK_RELIABILITY,
    independent_origins,
    is_stale,
    reference_date,
    via_cycles,
)
from ..domain.dates import DateError, PartialDate
from ..domain.model import CREDIBILITY
from ..domain.rules import ID_PATTERN
from .archive import ArchiveProblem, archive_problem
from .collector import ProblemCollector
from .dates import parse_date
from .events import Tree
from .wording import item_name, shown


def _dicts(value: Any) -> list[tuple[int, dict[Any, Any]]]:
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _date(value: Any) -> PartialDate | None:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        return parse_date(value)
    except (DateError, ValueError):
        return None


class _Sources:
    """The sources of a raw mapping by id (first of duplicates), for the checks."""

    def __init__(self, root: dict[Any, Any]) -> None:
        self.items = _dicts(root.get("sources"))
        self.by_id: dict[str, dict[Any, Any]] = {}
        self.via: dict[str, str | None] = {}
        for _index, item in self.items:
            ident = _text(item.get("id"))
            if ident is not None and ident not in self.by_id:
                self.by_id[ident] = item
                self.via[ident] = _text(item.get("via"))

    def known(self, refs: Any) -> list[str]:
        if not isinstance(refs, list):
            return []
        return [r for r in refs if isinstance(r, str) and r in self.by_id]


def check_via(tree: Tree, sink: ProblemCollector) -> None:
    """Errors for a ``via`` that names no source of the file or closes a cycle."""
    _check_via(tree, _Sources(tree.root), sink)


def _check_via(tree: Tree, sources: _Sources, sink: ProblemCollector) -> None:
    for _index, item in sources.items:
        target = _text(item.get("via"))
        if target is None or target in sources.by_id or not ID_PATTERN.match(target):
            continue  # the schema check reports a malformed id
        line, col = tree.value_mark(item, "via")
        ident = _text(item.get("id"))
        whose = f"source {shown(ident)}" if ident else "a source"
        sink.error(
            line,
            col,
            f"{whose} says 'via' {shown(target)}, which is not a source id in this file",
            code="unknown-via",
        )
    for cycle in via_cycles(sources.via):
        first = sources.by_id[cycle[0]]
        line, col = tree.value_mark(first, "via")
        if len(cycle) == 1:
            text = f"source {shown(cycle[0])} says 'via' itself"
        else:
            path = " → ".join(shown(sid) for sid in [*cycle, cycle[0]])
            text = f"'via' goes round in a cycle: {path}"
        sink.error(line, col, text, code="via-cycle")


def check_sourcing(
    tree: Tree, sink: ProblemCollector, dossier_path: str, stale_years: int = DEFAULT_STALE_YEARS
) -> None:
    """Corroboration warnings (``single-origin``, ``weak-sourcing``, ``stale`` as of today)
    and archived copies that are missing or changed."""
    root: dict[Any, Any] = tree.root
    sources = _Sources(root)
    if not _via_errors(sources):  # origins mean nothing until the via links are fixed
        _check_claims(tree, root, sources, sink)
    today = clock.today()
    figures = root.get("figures")
    for index, item in _dicts(figures):
        known = sources.known(item.get("sources"))
        as_of = _date(item.get("as_of"))
        published = [_date(sources.by_id[sid].get("published")) for sid in known]
        if not is_stale(as_of, published, today, stale_years):
            continue
        ref = reference_date(as_of, published)
        assert ref is not None
        key = "as_of" if as_of is not None else "sources"
        line, col = tree.value_mark(item, key)
        what = "as of" if as_of is not None else "its newest source is from"
        sink.warning(
            line,
            col,
            f"{item_name('figures', figures, index)} is stale: {what} {ref.iso()}, more than "
            f"{stale_years} years before {today.isoformat()}",
            code="stale",
        )
    for _index, item in sources.items:
        archived = _text(item.get("archived"))
        if archived is None:
            continue
        problem = archive_problem(dossier_path, archived, _text(item.get("sha256")))
        if problem is not None:
            _report_archive(tree, item, archived, problem, sink)


def _check_claims(
    tree: Tree, root: dict[Any, Any], sources: _Sources, sink: ProblemCollector
) -> None:
    """``single-origin`` and ``weak-sourcing`` warnings for developments and figures."""
    # Once per source, not per citation: a big timeline cites the same few sources.
    origin_of = {sid: independent_origins([sid], sources.via)[0] for sid in sources.by_id}
    weak_grade = {
        sid: item.get("reliability") in WEAK_RELIABILITY for sid, item in sources.by_id.items()
    }
    for list_name in ("timeline", "figures"):
        items = root.get(list_name)
        for index, item in _dicts(items):
            refs = item.get("sources")
            if not isinstance(refs, list):
                continue
            known = [r for r in refs if type(r) is str and r in origin_of]
            if not known:
                continue  # uncited: validate warns already
            origins = {origin_of[sid] for sid in known}
            credibility = item.get("credibility") if list_name == "timeline" else None
            # 5.0 is the integer 5 to the schema (and to the loader), True is not.
            weak_info = type(credibility) in (int, float) and credibility in WEAK_CREDIBILITY
            weak = weak_info or all(weak_grade[sid] for sid in known)
            if len(origins) != 1 and not weak:
                continue
            if sink.full:  # past the limit problems are only counted: skip the wording
                for code in ("single-origin",) * (len(origins) == 1) + ("weak-sourcing",) * weak:
                    sink.warning(0, 0, "", code=code)
                continue
            name = item_name(list_name, items, index)
            if len(origins) == 1:
                only = next(iter(origins))
                through = "" if only in known else f" (through 'via' of {shown(known[0])})"
                line, col = tree.value_mark(item, "sources")
                sink.warning(
                    line,
                    col,
                    f"{name} rests on a single independent origin, source {shown(only)}"
                    f"{through}: corroborate it from another origin",
                    code="single-origin",
                )
            if weak_info:
                grade = int(credibility)  # type: ignore[arg-type]
                line, col = tree.value_mark(item, "credibility")
                why = f"its credibility is {grade} ({CREDIBILITY[grade]})"
            elif weak:
                line, col = tree.value_mark(item, "sources")
                why = "every source it cites is graded D, E or F"
            else:
                continue
            sink.warning(line, col, f"{name} has weak sourcing: {why}", code="weak-sourcing")


def _via_errors(sources: _Sources) -> bool:
    unknown = any(v is not None and v not in sources.by_id for v in sources.via.values())
    return unknown or bool(via_cycles(sources.via))


def _report_archive(
    tree: Tree, item: dict[Any, Any], archived: str, problem: ArchiveProblem, sink: ProblemCollector
) -> None:
    ident = _text(item.get("id"))
    whose = f"source {shown(ident)}" if ident else "a source"
    key = "sha256" if problem.code == "archived-changed" and "sha256" in item else "archived"
    line, col = tree.value_mark(item, key)
    sink.warning(line, col, f"archived copy {shown(archived)} of {whose} {problem.text}",
                 code=problem.code)

