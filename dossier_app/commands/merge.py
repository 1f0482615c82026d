"""``dossier-app merge BASE OURS THEIRS [PATH]``: git's merge driver for dossiers.

Git calls it as ``dossier-app merge %O %A %B %P`` (see the README for the two
lines of set-up): BASE is the common ancestor, OURS the current branch's
version, THEIRS the other branch's; the result replaces OURS, atomically.
PATH, the dossier's name in the work tree, only names it in messages.

The merge is keyed by ids (``domain.merge``): additions on both sides are
kept, edits to different items or keys all apply, a deletion of an untouched
item applies. A clean result is written in canonical form and checked as
``check`` would. A conflict puts git-style markers around the smallest
enclosing item and is reported on stderr as ``PATH:LINE:1: error: merge
conflict: ...``.

Exit status: 0 merged cleanly; 1 conflicts remain in OURS; 2 an input that
does not load as a dossier (its problems printed as ``check`` prints them;
OURS then holds both whole versions between conflict markers) or a file that
cannot be read or written. An empty BASE (git's "no common ancestor") merges
as if both sides had added everything.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..domain.model import Dossier

HELP = "merge two versions of a dossier by ids (git merge driver: %%O %%A %%B %%P)"
DESCRIPTION = (
    "Three-way merge of dossiers keyed by ids, in git's merge-driver convention: the result "
    "is written to OURS. Exit 0 when clean, 1 when conflicts remain (marked in the file), "
    "2 when an input does not load."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="the common ancestor (%%O)")
    parser.add_argument("ours", metavar="OURS", help="our version; receives the result (%%A)")
    parser.add_argument("theirs", metavar="THEIRS", help="their version (%%B)")
    parser.add_argument("path", metavar="PATH", nargs="?",
                        help="the dossier's path in the work tree, for messages (%%P)")


def _write(line: str, stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    try:
        print(line, file=stream)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(line.encode(encoding, "backslashreplace").decode(encoding), file=stream)


def run(args: argparse.Namespace) -> int:
    return run_merge(args.base, args.ours, args.theirs, args.path)


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        _write(f"{path}:1:1: error: the file cannot be read: {exc.strerror or exc}")
        return None


def run_merge(base_path: str, ours_path: str, theirs_path: str, name: str | None = None) -> int:
    """Merge THEIRS into OURS against BASE; write the result to OURS. The exit status."""
    from ..domain.merge import merge_dossiers
    from ..fileio.loader import parse_dossier_bytes
    from ..fileio.mergefile import whole_file_conflict, write_merge
    from ..fileio.problems import SaveError

    shown = name or ours_path
    data = [_read(p) for p in (base_path, ours_path, theirs_path)]
    if any(d is None for d in data):
        return 2
    base_bytes, ours_bytes, theirs_bytes = (d or b"" for d in data)

    def loaded(raw: bytes, label: str) -> Dossier | None:
        result = parse_dossier_bytes(raw, label)
        if result.dossier is None or result.errors:
            for problem in result.errors or result.problems:
                _write(str(problem))
            return None
        return result.dossier

    try:
        if theirs_bytes in (ours_bytes, base_bytes):
            return 0  # nothing to take from theirs: OURS is the result as it is
        base = None if not base_bytes.strip() else loaded(base_bytes, f"{shown} (base)")
        ours = loaded(ours_bytes, f"{shown} (ours)")
        theirs = loaded(theirs_bytes, f"{shown} (theirs)")
        if ours is None or theirs is None or (base is None and base_bytes.strip()):
            from ..fileio.atomic import write_bytes_atomic

            write_bytes_atomic(ours_path, whole_file_conflict(ours_bytes, theirs_bytes))
            _write(f"{shown}:1:1: error: merge conflict: a version does not load, so the "
                   "whole file is marked; resolve it by hand")
            return 2
        result = merge_dossiers(base, ours, theirs)
        written, marked = write_merge(result, ours_path)
    except SaveError as exc:
        _write(f"{shown}:1:1: error: the merge result cannot be written: {exc.step} failed: "
               f"{exc.reason}")
        return 2
    for m in marked:
        _write(f"{shown}:{m.line}:1: error: merge conflict: {m.conflict.describe()}")
    if marked:
        return 1
    # The clean result must pass check; should it not, say so rather than let git commit it.
    problems = parse_dossier_bytes(written, shown).errors
    for problem in problems:
        _write(str(problem))
    return 1 if problems else 0
