"""``dossier-app format [--check] PATH...``: rewrite dossiers in canonical form.

A file with an error is never rewritten: its errors are printed as
``FILE:LINE:COLUMN: error: message`` (as ``check`` prints them). Before a file
is replaced, the canonical text is loaded back and must give the same dossier;
a file that changed on disk since it was read is left alone.

Output on stdout, like ``check``: problems, "reformatted FILE" or "would
reformat FILE", then a summary line. Folders expand as in ``check``. Exit 0
when all went well (and, with ``--check``, nothing would change), 1 otherwise,
2 when there is nothing to format.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ..fileio.atomic import write_bytes_atomic
from ..fileio.hashing import content_hash
from ..fileio.loader import parse_dossier_bytes, read_dossier
from ..fileio.problems import SaveError
from ..fileio.writer import dump_dossier
from .check import dossier_files

HELP = "rewrite dossier files in canonical form"
DESCRIPTION = (
    "Rewrite files in canonical form. With --check, only list the files "
    "that would change and exit 1 if any."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check", action="store_true", help="change nothing; list what would change"
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="dossier files or folders")


def run(args: argparse.Namespace) -> int:
    return run_format(args.paths, check_only=args.check)


def _write(line: str, stream: TextIO | None = None) -> None:
    """Print a line even to a terminal that cannot show every character of it."""
    stream = stream or sys.stdout
    try:
        print(line, file=stream)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(line.encode(encoding, "backslashreplace").decode(encoding), file=stream)


def _problem(path: str, message: str) -> str:
    return f"{path}:1:1: error: {message}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _format_one(path: str, check_only: bool) -> str:
    """'unchanged', 'changed' or 'failed' (after printing why)."""
    result = read_dossier(path)
    if result.dossier is None or result.errors:
        for problem in result.errors or result.problems:
            _write(str(problem))
        return "failed"
    try:
        data = dump_dossier(result.dossier).encode("utf-8")
    except (ValueError, TypeError) as exc:
        _write(_problem(path, f"cannot write the canonical form: {exc}"))
        return "failed"
    if content_hash(data) == result.content_hash:
        return "unchanged"
    if check_only:
        _write(f"would reformat {path}")
        return "changed"

    # Guard against a writer bug ever costing data: the new text must read back the same.
    # (repr as well: a NaN figure is never equal to itself.)
    again = parse_dossier_bytes(data, path).dossier
    if again != result.dossier and repr(again) != repr(result.dossier):
        _write(_problem(path, "internal error: the canonical form would change the data; "
                        "the file is left unchanged"))
        return "failed"
    try:
        with open(path, "rb") as f:
            current = f.read()
    except OSError as exc:
        _write(_problem(path, f"cannot be read again: {exc.strerror or exc}"))
        return "failed"
    if content_hash(current) != result.content_hash:
        _write(_problem(path, "changed on disk while being formatted; left unchanged"))
        return "failed"
    try:
        write_bytes_atomic(path, data)
    except SaveError as exc:
        _write(_problem(path, f"not saved: {exc.step} failed: {exc.reason}"))
        return "failed"
    _write(f"reformatted {path}")
    return "changed"


def run_format(paths: list[str], check_only: bool) -> int:
    """Rewrite (or, with ``check_only``, list) the files whose canonical form differs."""
    files, folder_problems, empty = dossier_files(paths)
    for folder in empty:
        _write(f"dossier-app format: no *.yaml or *.yml files in {folder}", sys.stderr)
    if not files and not folder_problems:
        _write("dossier-app format: nothing to format", sys.stderr)
        return 2

    counts = {"changed": 0, "unchanged": 0, "failed": len(folder_problems)}
    for problem in folder_problems:
        _write(str(problem))
    for path in files:
        counts[_format_one(path, check_only)] += 1

    parts = []
    if check_only:
        if counts["changed"]:
            parts.append(f"{_plural(counts['changed'], 'file')} would be reformatted")
        if counts["unchanged"]:
            parts.append(f"{_plural(counts['unchanged'], 'file')} already formatted")
    else:
        if counts["changed"]:
            parts.append(f"{_plural(counts['changed'], 'file')} reformatted")
        if counts["unchanged"]:
            parts.append(f"{_plural(counts['unchanged'], 'file')} left unchanged")
    if counts["failed"]:
        parts.append(f"{_plural(counts['failed'], 'file')} with errors not formatted")
    _write(", ".join(parts) + ".")

    if counts["failed"] or (check_only and counts["changed"]):
        return 1
    return 0
