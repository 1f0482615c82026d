"""``dossier-app check PATH...``: every problem in dossier files, one line each.

Output, on stdout (it is the command's result, for editors and CI to parse):
one ``FILE:LINE:COLUMN: error|warning: message`` line per problem, files in
the order given (a folder's ``*.yaml``/``*.yml`` files sorted by name),
problems in file order; then one summary line, e.g.
``checked 3 files: 2 errors, 1 warning``; when a folder is among the paths,
it goes on with how many of the dossiers without errors are due for review
(``; 1 of 2 dossiers due for review``: reviewed more than 90 days ago, or
never). FILE is the path as given on the command line (joined with the file
name for a folder).

Exit status: 0 when no file has an error (warnings allowed); 1 when any has
one, including a path that does not exist or cannot be read (reported as an
error in that file at 1:1); 2 when there is nothing to check at all (only
folders without dossier files), with the reason on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from typing import TextIO

from ..domain.review import due_summary
from ..fileio.batch import check_files
from ..fileio.problems import Problem

DOSSIER_SUFFIXES = (".yaml", ".yml")

HELP = "validate dossier files"
DESCRIPTION = (
    "Print every problem as FILE:LINE:COLUMN: error|warning: message. "
    "Exit 0 when no file has an error, 1 otherwise."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="dossier files or folders")


def run(args: argparse.Namespace) -> int:
    return run_check(args.paths)


def dossier_files(paths: list[str]) -> tuple[list[str], list[Problem], list[str]]:
    """Files to check, problems of folders that cannot be listed, and folders holding no dossier.

    A path that is not a folder is returned as a file even when it does not
    exist, so that checking it reports why.
    """
    files: list[str] = []
    problems: list[Problem] = []
    empty: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)
            continue
        try:
            with os.scandir(path) as entries:
                names = sorted(
                    e.name
                    for e in entries
                    if e.name.lower().endswith(DOSSIER_SUFFIXES)
                    and not e.name.startswith(".")  # editor backups and lock files
                    and not _is_folder(e)
                )
        except OSError as exc:
            reason = exc.strerror or str(exc)
            problems.append(Problem(path, 1, 1, "error", f"the folder cannot be listed: {reason}"))
            continue
        if not names:
            empty.append(path)
        files.extend(os.path.join(path, name) for name in names)
    return files, problems, empty


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Folders are skipped; anything else named *.yaml is checked, so a broken link,
    a symlink loop or a named pipe is reported rather than silently left out."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def run_check(paths: list[str], today: dt.date | None = None) -> int:
    """Check every dossier in ``paths`` (files or folders); print problems and a summary.

    When a folder is checked, the summary also counts the dossiers due for review
    (``domain.review``) as of ``today`` (the real today by default).
    """
    files, folder_problems, empty = dossier_files(paths)
    for folder in empty:
        _write(sys.stderr, f"dossier-app check: no *.yaml or *.yml files in {folder}")
    if not files and not folder_problems:
        _write(sys.stderr, "dossier-app check: nothing to check")
        return 2

    errors = warnings = 0
    for problem in folder_problems:
        errors += 1
        _write(sys.stdout, str(problem))
    reviews = []
    for result in check_files(files):
        if not result.errors:
            reviews.append(result.reviewed)
        for problem in result.problems:
            if problem.is_error:
                errors += 1
            else:
                warnings += 1
            _write(sys.stdout, str(problem))
    line = summary(len(files), errors, warnings)
    if any(os.path.isdir(p) for p in paths):
        line += "; " + due_summary(reviews, today or dt.date.today())
    _write(sys.stdout, line)
    return 1 if errors else 0


def summary(files: int, errors: int, warnings: int) -> str:
    """``checked 3 files: 2 errors, 1 warning`` or ``checked 1 file: no problems``."""
    checked = f"checked {files} file{'' if files == 1 else 's'}"
    if not errors and not warnings:
        return f"{checked}: no problems"
    return (
        f"{checked}: {errors} error{'' if errors == 1 else 's'}, "
        f"{warnings} warning{'' if warnings == 1 else 's'}"
    )


def _write(stream: TextIO, line: str) -> None:
    """Print a line even to a terminal that cannot show every character of it."""
    try:
        print(line, file=stream)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(line.encode(encoding, "backslashreplace").decode(encoding), file=stream)
