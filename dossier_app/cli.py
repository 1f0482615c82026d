"""The ``dossier-app`` command: opens the GUI, or runs ``check``, ``format`` or ``export``.

Exit codes: 0 success, 1 a problem in the files or the work, 2 bad usage.
Subcommand modules are imported lazily so ``check`` never loads Qt; plain
paths open the GUI without building an argument parser (it starts sooner).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    import argparse

SUBCOMMANDS = ("check", "format", "export")


def _gui_parser() -> argparse.ArgumentParser:
    import argparse

    p = argparse.ArgumentParser(
        prog="dossier-app",
        description=(
            "Open dossiers in the Dossier app. A folder opens as the library; files are opened. "
            "Subcommands: check, format, export (see 'dossier-app SUBCOMMAND --help')."
        ),
    )
    p.add_argument("--version", action="version", version=f"dossier-app {__version__}")
    p.add_argument("paths", nargs="*", metavar="PATH", help="a library folder or dossier files")
    return p


def _sub_parser() -> argparse.ArgumentParser:
    import argparse

    p = argparse.ArgumentParser(prog="dossier-app")
    p.add_argument("--version", action="version", version=f"dossier-app {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    check = sub.add_parser(
        "check",
        help="validate dossier files",
        description="Print every problem as FILE:LINE:COLUMN: error|warning: message. "
        "Exit 0 when no file has an error, 1 otherwise.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="dossier files or folders")

    fmt = sub.add_parser(
        "format",
        help="rewrite dossier files in canonical form",
        description="Rewrite files in canonical form. With --check, only list the files "
        "that would change and exit 1 if any.",
    )
    fmt.add_argument("--check", action="store_true", help="change nothing; list what would change")
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="dossier files or folders")

    from .commands.export import add_arguments as add_export_arguments

    export = sub.add_parser(
        "export",
        help="export a dossier, or every dossier in a folder, as a PDF briefing",
        description="Export a PDF briefing without a display.",
    )
    add_export_arguments(export)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not (args_list and args_list[0] in SUBCOMMANDS) and not any(
        a.startswith("-") for a in args_list
    ):
        return _gui(args_list)  # only paths: nothing for a parser to do
    try:
        if args_list and args_list[0] in SUBCOMMANDS:
            args = _sub_parser().parse_args(args_list)
        else:
            args = _gui_parser().parse_args(args_list)
            args.command = None
    except SystemExit as exc:  # argparse: --help/--version exit 0, bad usage exits 2
        return int(exc.code) if isinstance(exc.code, int) else 2

    try:
        if args.command == "check":
            from .commands.check import run_check

            return run_check(args.paths)
        if args.command == "format":
            from .commands.format import run_format

            return run_format(args.paths, check_only=args.check)
        if args.command == "export":
            from .commands.export import run_export

            return run_export(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
    return _gui(args.paths)


def _gui(paths: list[str]) -> int:
    import gc

    # No cyclic garbage collection until the window is on screen (run_gui turns it back
    # on): start-up makes tens of thousands of long-lived objects (modules, Qt's enum
    # types, widgets) that each collection would only scan again.
    gc.disable()
    try:
        from .ui.app import run_gui

        return run_gui(paths)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
