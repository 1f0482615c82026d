"""``dossier-app export``: PDF briefings without a display.

This module is imported to build the command line of every subcommand, so Qt
is imported only once an export actually runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..domain.dates import DateError, PartialDate
from ..domain.model import MARKINGS
from ..export.options import PAGE_SIZES, SECTIONS, ExportOptions, Provenance

DOSSIER_SUFFIXES = (".yaml", ".yml")

HELP = "export a dossier, or every dossier in a folder, as a PDF briefing"
DESCRIPTION = "Export a PDF briefing without a display."


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
        help="the PDF to write (default: FILE with a .pdf suffix); for a FOLDER, the folder "
        "to write one PDF per dossier into (default: beside each dossier)",
    )
    parser.add_argument(
        "--marking", choices=MARKINGS, help="the handling marking to print (default: the dossier's)"
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
    parser.add_argument("--tag", help="only developments with this tag")
    parser.add_argument("--page-size", choices=PAGE_SIZES, default="A4", help="default: A4")
    parser.add_argument(
        "--sections",
        type=_sections,
        default=tuple(SECTIONS),
        metavar="LIST",
        help=f"comma-separated sections to include (default: {','.join(SECTIONS)})",
    )
    parser.add_argument("--author", help="the PDF's author field (default: Dossier)")


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
            tag=args.tag,
            author=args.author,
        )
    except ValueError as exc:
        print(f"dossier-app export: error: {exc}", file=sys.stderr)
        return 2
    if source.is_dir():
        return _export_folder(source, Path(args.output) if args.output else None, options)
    if not source.exists():
        return _fail(f"{source}: no such file")
    out = Path(args.output) if args.output else source.with_suffix(".pdf")
    if out.is_dir():
        out = out / (source.stem + ".pdf")
    return _export_file(source, out, options)


def _export_folder(folder: Path, out_dir: Path | None, options: ExportOptions) -> int:
    try:
        files = sorted(
            p for p in folder.iterdir() if p.suffix.lower() in DOSSIER_SUFFIXES and p.is_file()
        )
    except OSError as exc:
        return _fail(f"{folder}: cannot list the folder: {exc.strerror or exc}")
    if not files:
        return _fail(f"{folder}: no dossier files (*.yaml) in this folder")
    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            return _fail(f"cannot write into {out_dir}: it is not a folder")
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return _fail(f"cannot create {out_dir}: {exc.strerror or exc}")
    status = 0
    for path in files:
        target = (out_dir or path.parent) / (path.stem + ".pdf")
        status = max(status, _export_file(path, target, options))
    return status


def _export_file(path: Path, out: Path, options: ExportOptions) -> int:
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
    try:
        from ..export.headless import ensure_gui_app
        from ..export.pdf import ExportError, PdfExport

        ensure_gui_app()
        export = PdfExport(
            result.dossier,
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
    print(f"{out}: {pages} page{'s' * (pages != 1)} ({export.marking})")
    return 0
