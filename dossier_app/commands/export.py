"""``dossier-app export``: PDF briefings without a display.

This module is imported to build the command line of every subcommand, so Qt
is imported only once an export actually runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from ..domain.dates import DateError, PartialDate
from ..domain.model import MARKINGS, Dossier
from ..export.formats import FORMATS, infer_format
from ..export.options import (
    PAGE_SIZES,
    SECTIONS,
    ExportOptions,
    Provenance,
    select_developments,
)
from .inputs import expand_paths
from .output import EXIT_NOTHING_TO_DO, note

STDOUT = "-"
TABLES = ("timeline", "figures", "sources")

HELP = "export a dossier, or every dossier in a folder, as a briefing (PDF, Markdown, xlsx, CSV)"
DESCRIPTION = (
    "Export a briefing without a display: a PDF, Markdown, a workbook or a CSV table. Every format "
    "holds the same briefing, with the same options."
)


def _date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _sections(text: str) -> tuple[str, ...]:
    names = tuple(s.strip().lower() for s in text.split(",") if s.strip())
    unknown = [s for s in names if s not in SECTIONS]
    if unknown or not names:
        problem = f"unknown section {unknown[0]!r}" if unknown else "no section given"
        raise argparse.ArgumentTypeError(
            f"{problem}; use a comma-separated list of {','.join(SECTIONS)}"
        )
    return names


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", metavar="FILE|FOLDER", help="a dossier file, or a folder of dossier files"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the file to write (default: FILE with the format's suffix; '-' writes it to "
        "standard output); for a FOLDER, the folder to write one file per dossier into "
        "(default: beside each dossier)",
    )
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=tuple(FORMATS),
        help="the format to write (default: from the suffix of -o, else pdf)",
    )
    parser.add_argument(
        "--table",
        choices=TABLES,
        default="timeline",
        help="for --format csv, the table to write (default: timeline)",
    )
    parser.add_argument(
        "--marking", choices=MARKINGS, help="the handling marking to print (default: the dossier's)"
    )
    parser.add_argument(
        "--downgrade-marking",
        action="store_true",
        help="allow --marking to be less restrictive than the dossier's own marking "
        "(the briefing then says 'marking lowered from ...')",
    )
    parser.add_argument(
        "--recipient",
        action="append",
        default=[],
        metavar="NAME",
        help="a named recipient, printed under the title (repeatable; for TLP:RED and "
        "TLP:AMBER+STRICT briefings)",
    )
    parser.add_argument(
        "--from",
        dest="date_from",
        type=_date,
        metavar="DATE",
        help="only developments on or after DATE (2021, 2021-09 or 2021-09-21)",
    )
    parser.add_argument(
        "--to",
        dest="date_to",
        type=_date,
        metavar="DATE",
        help="only developments on or before DATE",
    )
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="only developments with this tag (repeatable: developments with any of them)",
    )
    parser.add_argument(
        "--allow-empty",
        action="store_true",
        help="export even when the filters match no development (otherwise exit 1)",
    )
    parser.add_argument("--page-size", choices=PAGE_SIZES, default="A4", help="default: A4")
    parser.add_argument(
        "--sections",
        type=_sections,
        default=tuple(SECTIONS),
        metavar="LIST",
        help=f"comma-separated sections to include (default: {','.join(SECTIONS)})",
    )
    parser.add_argument("--author", help="the PDF's author field (default: Dossier)")
    parser.add_argument(
        "--lang", metavar="CODE", help="the document's language, e.g. en or zh-CN (default: en)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an existing output file that is not a PDF (never a dossier given as input)",
    )


def _fail(message: str) -> int:
    print(f"dossier-app export: {message}", file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    return run_export(args)


def run_export(args: argparse.Namespace) -> int:
    """Export one dossier or a folder of them. 0 when every export worked, 1 otherwise."""
    source = Path(args.path)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        print("dossier-app export: error: --from is after --to", file=sys.stderr)
        return 2
    try:
        options = ExportOptions(
            marking=args.marking,
            page_size=args.page_size,
            sections=tuple(args.sections),
            date_from=args.date_from,
            date_to=args.date_to,
            tags=tuple(args.tag),
            author=args.author,
            downgrade_marking=args.downgrade_marking,
            recipients=tuple(args.recipient),
            language=args.lang,
        )
    except ValueError as exc:
        print(f"dossier-app export: error: {exc}", file=sys.stderr)
        return 2
    fmt = args.fmt
    if fmt is None and args.output and args.output != STDOUT and not Path(args.output).is_dir():
        fmt = infer_format(Path(args.output))
    run = _Run(options, args.allow_empty, args.force, fmt or "pdf", args.table)
    if source.is_dir():
        if args.output == STDOUT:
            print(
                "dossier-app export: error: -o - takes one dossier, not a folder", file=sys.stderr
            )
            return 2
        return _export_folder(source, Path(args.output) if args.output else None, run)
    if not source.exists():
        return _fail(f"{source}: no such file")
    run.inputs = [source]
    if args.output == STDOUT:
        return _export_to_stdout(source, run)
    out = Path(args.output) if args.output else source.with_suffix(run.suffix)
    if out.is_dir():
        out = out / (source.stem + run.suffix)
    return _export_file(source, out, run)


class _Run:
    """What every export of one command shares: options, flags, and the inputs to protect."""

    def __init__(
        self, options: ExportOptions, allow_empty: bool, force: bool, fmt: str, table: str
    ) -> None:
        self.options = options
        self.allow_empty = allow_empty
        self.force = force
        self.fmt = fmt
        self.table = table
        self.inputs: list[Path] = []
        self.quiet = False

    @property
    def suffix(self) -> str:
        return FORMATS[self.fmt]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _refusal(out: Path, run: _Run) -> str | None:
    """Why ``out`` must not be written, or None."""
    from ..export.formats import is_of_format

    for path in run.inputs:
        if _same_file(out, path) or out.resolve() == path.resolve():
            return f"refusing to write the {run.fmt} file over its input {path}"
    if out.is_file() and not run.force:
        try:
            same_format = is_of_format(out, run.fmt)
        except OSError as exc:
            return f"cannot read {out}: {exc.strerror or exc}"
        if not same_format:
            noun = "a PDF" if run.fmt == "pdf" else f"a {run.fmt} file"
            return f"{out} exists and is not {noun}; not replaced (use --force to replace it)"
    return None


def _export_to_stdout(source: Path, run: _Run) -> int:
    """Write the PDF to standard output (through a temporary file: the PDF is written at once)."""
    with tempfile.TemporaryDirectory(prefix="dossier-export-") as folder:
        out = Path(folder) / (source.stem + run.suffix)
        run.quiet = True
        status = _export_file(source, out, run)
        if status == 0 and out.exists():
            with open(out, "rb") as fh:
                shutil.copyfileobj(fh, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        return status


def _export_folder(folder: Path, out_dir: Path | None, run: _Run) -> int:
    # The folder lister of check and format: same files, same words, same exit codes.
    inputs = expand_paths([str(folder)])
    for problem in inputs.problems:
        print(problem, file=sys.stderr)
    if inputs.problems:
        return 1
    if not inputs.files:
        note("export", f"no *.yaml or *.yml files in {folder}")
        note("export", "nothing to export")
        return EXIT_NOTHING_TO_DO
    files = [Path(f) for f in inputs.files]
    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            return _fail(f"cannot write into {out_dir}: it is not a folder")
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return _fail(f"cannot create {out_dir}: {exc.strerror or exc}")
    run.inputs = files
    status = 0
    for path in files:
        target = (out_dir or path.parent) / (path.stem + run.suffix)
        status = max(status, _export_file(path, target, run))
    return status


def _export_file(path: Path, out: Path, run: _Run) -> int:
    # Qt is loaded only here: building the parser for `check` must not pull it in.
    from ..fileio.loader import read_dossier

    result = read_dossier(path)
    if result.dossier is None or result.errors:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        count = len(result.errors)
        return _fail(
            f"{path}: not exported: the dossier has {count} error{'s' * (count != 1)} "
            f"(see 'dossier-app check {path}')"
        )
    refusal = _refusal(out, run)
    if refusal is not None:
        return _fail(refusal)
    options = run.options
    dossier = result.dossier
    if (
        options.filters_timeline
        and "timeline" in options.sections
        and not select_developments(dossier, options)
    ):
        what = "" if run.allow_empty else "; not exported (use --allow-empty to export anyway)"
        print(
            f"dossier-app export: warning: {path}: the filters ({options.filter_description()}) "
            f"match no development{what}",
            file=sys.stderr,
        )
        if not run.allow_empty:
            return 1
    marking = options.marking_for(dossier)
    if marking in ("TLP:RED", "TLP:AMBER+STRICT") and not options.recipients:
        print(
            f"dossier-app export: note: {path}: the {marking} briefing names no recipients "
            "(add them with --recipient NAME)",
            file=sys.stderr,
        )
    if run.fmt != "pdf":
        return _export_text(path, out, run, dossier, result.content_hash)
    try:
        from ..export.headless import ensure_gui_app
        from ..export.pdf import ExportError, PdfExport

        ensure_gui_app()
        export = PdfExport(
            dossier,
            out,
            options,
            Provenance(file_name=path.name, content_hash=result.content_hash),
        )
        export.run()
    except ExportError as exc:
        return _fail(str(exc))
    except Exception as exc:  # a bug must still end in one line, not a traceback
        return _fail(f"{path}: internal error: {type(exc).__name__}: {exc}")
    pages = export.page_count
    if not run.quiet:
        print(f"{out}: {pages} page{'s' * (pages != 1)} ({export.marking})")
    return 0


def _export_text(
    path: Path, out: Path, run: _Run, dossier: Dossier, content_hash: str | None
) -> int:
    """Markdown, a workbook or CSV: the same briefing, composed without Qt."""
    from ..export.compose import compose_briefing
    from ..export.formats import render_bytes
    from ..export.options import MarkingDowngradeError
    from ..fileio.atomic import write_bytes_atomic
    from ..fileio.problems import SaveError

    try:
        briefing = compose_briefing(
            dossier, run.options, Provenance(file_name=path.name, content_hash=content_hash)
        )
        data = render_bytes(run.fmt, briefing, run.table)
        write_bytes_atomic(out, data)
    except MarkingDowngradeError as exc:
        return _fail(f"{path}: not exported: {exc}")
    except SaveError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write {out}: {exc.strerror or exc}")
    except Exception as exc:  # a bug must still end in one line, not a traceback
        return _fail(f"{path}: internal error: {type(exc).__name__}: {exc}")
    if not run.quiet:
        print(f"{out}: {run.fmt} ({briefing.marking})")
    return 0
