"""``dossier-app check [--json] [--strict] PATH...``: every problem in dossier files, one line each.

Output, on stdout (it is the command's result, for editors and CI to parse):
one ``FILE:LINE:COLUMN: error|warning: message`` line per problem, files in
the order given (a folder's ``*.yaml``/``*.yml`` files sorted by name),
problems in file order; then one summary line, e.g.
``checked 3 files: 2 errors, 1 warning``; when a folder is among the paths,
it goes on with how many of the dossiers without errors are due for review
(``; 1 of 2 dossiers due for review``: reviewed more than 90 days ago, or
never). FILE is the path as given on the
command line (joined with the file name for a folder); ``-`` reads standard
input, which problems name ``<stdin>``.

A file with more than 200 problems shows the first 200 and then one line
without a position, ``FILE: error: 53 more problems not shown (50 of them
errors)``; the summary counts every problem, shown or not.

``--json`` prints, instead of the lines and the summary, one JSON array of
objects with ``file``, ``line``, ``column``, ``severity``, ``code`` and
``message`` (line and column are null for the "more not shown" entry). The
codes are listed in docs/problem-codes.md. ``--strict`` reports every warning
as an error.

Exit status (as for every verb, see ``commands.output``): 0 when no file has an
error (warnings allowed, unless ``--strict``); 1 when any has one, including a
path that does not exist or cannot be read (reported as an error in that file
at 1:1); 2 for bad usage and when there is nothing to check at all (only
folders without dossier files), with the reason on stderr. When the reader of
the output goes away (``check big.yaml | head``), the exit status is still the
one the problems call for, and nothing is printed about the closed pipe.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
from collections.abc import Generator
from typing import Any

from ..domain.review import due_summary
from ..fileio.batch import check_files
from ..fileio.problems import LoadResult, Problem
from .inputs import STDIN, expand_paths, read_input
from .output import (
    EXIT_NOTHING_TO_DO,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Output,
    note,
    problem_record,
)

HELP = "validate dossier files"
DESCRIPTION = (
    "Print every problem as FILE:LINE:COLUMN: error|warning: message. "
    "Exit 0 when no file has an error, 1 otherwise, 2 when there is nothing to check."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="dossier files or folders; - reads standard input"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON array of problems (file, line, column, severity, code, message)",
    )
    parser.add_argument("--strict", action="store_true", help="report warnings as errors")


def run(args: argparse.Namespace) -> int:
    return run_check(args.paths, as_json=args.json, strict=args.strict)


def dossier_files(paths: list[str]) -> tuple[list[str], list[Problem], list[str]]:
    """Files to check, problems of folders that cannot be listed, and folders holding no dossier.

    A path that is not a folder is returned as a file even when it does not
    exist, so that checking it reports why.
    """
    inputs = expand_paths(paths)
    return inputs.files, inputs.problems, inputs.empty


def run_check(
    paths: list[str], as_json: bool = False, strict: bool = False, today: dt.date | None = None
) -> int:
    """Check every dossier in ``paths`` (files, folders, ``-``); print problems and a summary.

    When a folder is checked, the summary also counts the dossiers due for review
    (``domain.review``) as of ``today`` (the real today by default).
    """
    if paths.count(STDIN) > 1:
        note("check", "error: standard input (-) can be read only once")
        return EXIT_USAGE
    inputs = expand_paths(paths)
    for folder in inputs.empty:
        note("check", f"no *.yaml or *.yml files in {folder}")
    if inputs.nothing_to_do:
        note("check", "nothing to check")
        return EXIT_NOTHING_TO_DO

    out = Output()
    records: list[dict[str, Any]] = []

    def report(problem: Problem) -> None:
        if strict and not problem.is_error:
            problem = dataclasses.replace(problem, severity="error")
        if as_json:
            records.append(problem_record(problem))
        else:
            out.line(str(problem))

    errors = warnings = 0
    for problem in inputs.problems:
        errors += 1
        report(problem)
    reviews = []
    results = _results(inputs.files)
    for result in results:
        if out.closed and errors:
            results.close()  # nobody reads the rest, and the exit status cannot change any more
            break
        if not result.errors:
            reviews.append(result.reviewed)
        errors += result.error_count
        warnings += result.warning_count
        if strict:
            errors, warnings = errors + warnings, 0
        for problem in result.problems:
            report(problem)
    if as_json:
        out.json(records)
    else:
        line = summary(len(inputs.files), errors, warnings)
        if any(p != STDIN and os.path.isdir(p) for p in paths):
            line += "; " + due_summary(reviews, today or dt.date.today())
        out.line(line)
    out.flush()
    return EXIT_PROBLEMS if errors else EXIT_OK


def _results(files: list[str]) -> Generator[LoadResult, None, None]:
    """The check of each file, in order; the files are shared out among worker processes
    (``fileio.batch``), standard input is read here."""
    if STDIN not in files:
        yield from check_files(files)
        return
    at = files.index(STDIN)
    yield from check_files(files[:at])
    yield read_input(STDIN, evidence=True)
    yield from check_files(files[at + 1 :])


def summary(files: int, errors: int, warnings: int) -> str:
    """``checked 3 files: 2 errors, 1 warning`` or ``checked 1 file: no problems``."""
    checked = f"checked {files} file{'' if files == 1 else 's'}"
    if not errors and not warnings:
        return f"{checked}: no problems"
    return (
        f"{checked}: {errors} error{'' if errors == 1 else 's'}, "
        f"{warnings} warning{'' if warnings == 1 else 's'}"
    )
