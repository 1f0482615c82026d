"""``dossier-app format [--check | --diff] [--force] PATH... | -``: canonical form.

The canonical form keeps the file's comments beside the key or item they
were on, and unknown keys where they were (``fileio.faithful``). A comment
that cannot be kept (on a default the canonical form leaves out, inside a
list it writes on one line) is named by its line, and the file is left alone
unless ``--force``. A file with an error is never rewritten: its errors are
printed as ``FILE:LINE:COLUMN: error: message`` (as ``check`` prints them).
Before a file is replaced, the new text is loaded back and must give the same
dossier; a file that changed on disk since it was read is left alone.

Output on stdout, like ``check``: problems, "reformatted FILE" or "would
reformat FILE" (``--diff``: a unified diff instead), then a summary line.
Folders expand as in ``check``. ``-`` reads standard input and writes the
result to standard output (problems go to standard error). Exit 0 when all
went well (and, with ``--check``, nothing would change), 1 otherwise, 2 when
there is nothing to format.
"""

from __future__ import annotations

import argparse
import difflib
import sys

from ..fileio.atomic import write_bytes_atomic
from ..fileio.faithful import Rendered, canonical_text
from ..fileio.hashing import content_hash
from ..fileio.loader import parse_dossier_bytes, read_dossier
from ..fileio.problems import LoadResult, SaveError
from ..fileio.writer import dump_dossier
from .check import dossier_files
from .output import EXIT_NOTHING_TO_DO, EXIT_PROBLEMS, EXIT_USAGE, Output, note

HELP = "rewrite dossier files in canonical form, keeping their comments"
DESCRIPTION = (
    "Rewrite files in canonical form, keeping comments and unknown keys in place. "
    "With --check, only list the files that would change and exit 1 if any; with "
    "--diff, print what would change. '-' reads standard input and writes standard output."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check", action="store_true", help="change nothing; list what would change"
    )
    parser.add_argument(
        "--diff", action="store_true", help="change nothing; print a unified diff instead"
    )
    parser.add_argument(
        "--force", action="store_true", help="rewrite even where a comment cannot be kept"
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="dossier files or folders, or - for stdin"
    )


def run(args: argparse.Namespace) -> int:
    if "-" in args.paths:
        if len(args.paths) > 1:
            note("format", "'-' (standard input) cannot be mixed with paths")
            return EXIT_USAGE
        return run_format_stdin(force=args.force)
    return run_format(args.paths, check_only=args.check, diff=args.diff, force=args.force)


def _problem(path: str, message: str) -> str:
    return f"{path}:1:1: error: {message}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _formatted(result: LoadResult, path: str, force: bool, out: Output) -> bytes | None:
    """The new bytes of a file that loaded, or None (after printing why) when it must stay."""
    assert result.dossier is not None
    try:
        rendered = canonical_text(result.data, True) if result.data is not None else None
        if rendered is None:  # pragma: no cover - a file that loaded loads here too
            rendered = Rendered(dump_dossier(result.dossier), faithful=False)
        data = rendered.text.encode("utf-8")
    except (ValueError, TypeError) as exc:
        out.line(_problem(path, f"cannot write the canonical form: {exc}"))
        return None
    severity = "warning" if force else "error"
    for line in rendered.dropped:
        out.line(
            f"{path}:{line}:1: {severity}: the canonical form cannot keep the comment "
            "on this line" + ("; it was dropped" if force else " (--force drops it)")
        )
    if rendered.dropped and not force:
        return None
    if content_hash(data) == result.content_hash:
        return data
    # Guard against a writer bug ever costing data: the new text must read back the same.
    # (repr as well: a NaN figure is never equal to itself.)
    again = parse_dossier_bytes(data, path).dossier
    if again != result.dossier and repr(again) != repr(result.dossier):
        out.line(
            _problem(
                path,
                "internal error: the canonical form would change the data; "
                "the file is left unchanged",
            )
        )
        return None
    return data


def _format_one(
    out: Output, path: str, check_only: bool, diff: bool = False, force: bool = False
) -> str:
    """'unchanged', 'changed' or 'failed' (after printing why)."""
    result = read_dossier(path)
    if result.dossier is None or result.errors:
        for problem in result.errors or result.problems:
            out.line(str(problem))
        return "failed"
    data = _formatted(result, path, force, out)
    if data is None:
        return "failed"
    if content_hash(data) == result.content_hash:
        return "unchanged"
    if diff:
        old = (result.data or b"").decode("utf-8").splitlines(keepends=True)
        new = data.decode("utf-8").splitlines(keepends=True)
        for line in difflib.unified_diff(old, new, f"{path} (original)", f"{path} (formatted)"):
            out.line(line[:-1] if line.endswith("\n") else line)
        return "changed"
    if check_only:
        out.line(f"would reformat {path}")
        return "changed"
    try:
        with open(path, "rb") as f:
            current = f.read()
    except OSError as exc:
        out.line(_problem(path, f"cannot be read again: {exc.strerror or exc}"))
        return "failed"
    if content_hash(current) != result.content_hash:
        out.line(_problem(path, "changed on disk while being formatted; left unchanged"))
        return "failed"
    try:
        write_bytes_atomic(path, data)
    except SaveError as exc:
        out.line(_problem(path, f"not saved: {exc.step} failed: {exc.reason}"))
        return "failed"
    out.line(f"reformatted {path}")
    return "changed"


def run_format_stdin(force: bool = False) -> int:
    """``format -``: standard input in, its canonical form out; problems on standard error."""
    raw = sys.stdin.buffer.read()
    result = parse_dossier_bytes(raw, "<stdin>")
    problems = Output(sys.stderr)  # standard output carries the dossier
    if result.dossier is None or result.errors:
        for problem in result.errors or result.problems:
            problems.line(str(problem))
        return EXIT_PROBLEMS
    data = _formatted(result, "<stdin>", force, problems)
    if data is None:
        return 1
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


def run_format(
    paths: list[str], check_only: bool, diff: bool = False, force: bool = False
) -> int:
    """Rewrite (or, with ``check_only``, list; with ``diff``, show) the files whose canonical
    form differs."""
    files, folder_problems, empty = dossier_files(paths)
    for folder in empty:
        note("format", f"no *.yaml or *.yml files in {folder}")
    if not files and not folder_problems:
        note("format", "nothing to format")
        return EXIT_NOTHING_TO_DO

    # Through Output: a reader that goes away (``format --diff | head``) stops the
    # printing, not the work, which ends with the exit code it calls for.
    out = Output()
    counts = {"changed": 0, "unchanged": 0, "failed": len(folder_problems)}
    for problem in folder_problems:
        out.line(str(problem))
    for path in files:
        counts[_format_one(out, path, check_only, diff, force)] += 1

    parts = []
    if check_only or diff:
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
    out.line(", ".join(parts) + ".")
    out.flush()

    if counts["failed"] or ((check_only or diff) and counts["changed"]):
        return 1
    return 0
