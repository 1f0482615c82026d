"""``dossier-app diff OLD NEW``: what changed between two versions of a dossier.

Items are matched by id. The output groups them under ``Added``, ``Removed``
and ``Changed``, one line per item (kind, id, date, title) and, for a changed
one, a ``field: before → after`` line per key; a summary line ends it.
``--json`` prints instead a JSON list of changes, each with ``op``, ``kind``,
``id``, ``field``, ``before`` and ``after``.

``diff FILE --since REV`` compares FILE as committed at a git revision with
the file on disk; ``diff FILE --since-review`` compares it with the version of
its ``reviewed:`` date (from git, else the copy kept when it was marked
reviewed).

Exit status: 0 when the versions are the same, 1 when they differ, 2 on bad
usage or input: a file that does not load (its problems printed as ``check``
prints them, on stderr), an unknown revision, no version from the review.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..domain.diff import DossierDiff
    from ..domain.model import Dossier
    from ..fileio.problems import LoadResult

HELP = "show what changed between two versions of a dossier"
DESCRIPTION = (
    "Compare two versions of a dossier item by item (ids): Added, Removed, Changed with "
    "'field: before → after'. --since REV compares a git revision of FILE with the file; "
    "--since-review the version of its reviewed: date. Exit 0 same, 1 different, 2 bad input."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE",
                        help="OLD NEW, or one FILE with --since or --since-review")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--since", metavar="REV",
                       help="compare FILE as committed at git revision REV with the file")
    group.add_argument("--since-review", action="store_true",
                       help="compare FILE with its version at its reviewed: date")
    parser.add_argument("--json", action="store_true", help="print a JSON list of changes")


class _BadInput(Exception):
    """Printed as it is, exit 2."""


def _write(line: str, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    try:
        print(line, file=stream)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(line.encode(encoding, "backslashreplace").decode(encoding), file=stream)


def _loaded(result: LoadResult) -> Dossier:
    if result.dossier is None or result.errors:
        for problem in result.errors or result.problems:
            _write(str(problem), sys.stderr)
        raise _BadInput("")
    return result.dossier


def _versions(args: argparse.Namespace) -> tuple[Dossier, Dossier]:
    from ..fileio.loader import parse_dossier_bytes, read_dossier

    paths: list[str] = args.paths
    if args.since is None and not args.since_review:
        if len(paths) != 2:
            raise _BadInput("dossier-app diff: give two files, OLD and NEW "
                            "(or one FILE with --since REV or --since-review)")
        return _loaded(read_dossier(paths[0])), _loaded(read_dossier(paths[1]))
    if len(paths) != 1:
        raise _BadInput("dossier-app diff: --since and --since-review take one FILE")
    path = paths[0]
    current = _loaded(read_dossier(path))
    if args.since is not None:
        from ..fileio.history import HistoryError, read_at

        try:
            version, data = read_at(path, args.since)
        except HistoryError as exc:
            raise _BadInput(f"{path}:1:1: error: {exc}") from exc
        if data is None:
            raise _BadInput(f"{path}:1:1: error: the file does not exist at {args.since} "
                            f"(commit {version.short})")
        return _loaded(parse_dossier_bytes(data, f"{path}@{args.since}")), current

    from ..fileio.review import load_version, review_version

    if current.reviewed is None:
        raise _BadInput(f"{path}:1:1: error: the dossier has no reviewed: date")
    baseline, reason = review_version(path, current.reviewed.first_day())
    if baseline is None:
        raise _BadInput(f"{path}:1:1: error: {reason}")
    import dataclasses

    result = load_version(baseline.file)
    # Problems name the version, not the app's copy of it.
    result.problems = [dataclasses.replace(p, path=f"{path}@review") for p in result.problems]
    return _loaded(result), current


def run(args: argparse.Namespace) -> int:
    from ..domain.diff import diff_dossiers

    try:
        old, new = _versions(args)
    except _BadInput as exc:
        if str(exc):
            _write(str(exc), sys.stderr)
        return 2
    ignore = ("reviewed",) if args.since_review else ()
    diff = diff_dossiers(old, new, ignore=ignore)
    if args.json:
        _write(json.dumps([c.as_json() for c in diff], ensure_ascii=False, indent=1))
    else:
        for line in report_lines(diff):
            _write(line)
    return 1 if diff else 0


# -- the report for a person ------------------------------------------------------------

_HEADINGS = {"added": "Added", "removed": "Removed", "changed": "Changed"}


def report_lines(diff: DossierDiff) -> list[str]:
    """The grouped report: headings, one line per item, ``field: before → after`` lines."""
    if not diff:
        return ["no changes"]
    lines: list[str] = []
    for op, items in diff.grouped():
        lines.append(_HEADINGS[op])
        for item in items:
            lines.append("  " + item.heading())
            lines.extend("    " + line for line in item.field_lines())
    lines.append(diff.summary())
    return lines
