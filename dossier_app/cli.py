"""The ``dossier-app`` command: opens the GUI, or runs one of the verbs in ``VERBS``.

Exit codes: 0 success, 1 a problem in the files or the work, 2 bad usage.
Verb modules are imported only to build the parser or to run: ``check``
never loads Qt, and plain paths open the GUI without building an argument
parser (it starts sooner).

A verb is a module under ``dossier_app.commands`` with ``HELP`` (one line for
the verb list), ``DESCRIPTION``, ``add_arguments(parser)`` and
``run(args) -> int``. Adding a verb is one line in ``VERBS``; a verb module
keeps its heavy imports inside ``run``, since building the parser imports
every verb module.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    import argparse

#: Verb name -> module under ``dossier_app.commands``, in the order ``--help`` lists them.
VERBS: dict[str, str] = {
    "check": "check",
    "format": "format",
    "export": "export",
    "search": "search",
}
SUBCOMMANDS = tuple(VERBS)


def verb_module(name: str) -> ModuleType:
    return importlib.import_module(f".commands.{VERBS[name]}", __package__)


def _gui_parser() -> argparse.ArgumentParser:
    import argparse

    p = argparse.ArgumentParser(
        prog="dossier-app",
        description=(
            "Open dossiers in the Dossier app. A folder opens as the library; files are opened. "
            f"Verbs: {', '.join(VERBS)} (see 'dossier-app VERB --help')."
        ),
    )
    p.add_argument("--version", action="version", version=f"dossier-app {__version__}")
    p.add_argument("paths", nargs="*", metavar="PATH", help="a library folder or dossier files")
    return p


def _sub_parser() -> argparse.ArgumentParser:
    import argparse

    p = argparse.ArgumentParser(prog="dossier-app")
    p.add_argument("--version", action="version", version=f"dossier-app {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="VERB")
    for name in VERBS:
        module = verb_module(name)
        parser = sub.add_parser(name, help=module.HELP, description=module.DESCRIPTION)
        module.add_arguments(parser)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not (args_list and args_list[0] in VERBS) and not any(
        a.startswith("-") for a in args_list
    ):
        return _gui(args_list)  # only paths: nothing for a parser to do
    try:
        if args_list and args_list[0] in VERBS:
            args = _sub_parser().parse_args(args_list)
        else:
            args = _gui_parser().parse_args(args_list)
            args.command = None
    except SystemExit as exc:  # argparse: --help/--version exit 0, bad usage exits 2
        return int(exc.code) if isinstance(exc.code, int) else 2

    if args.command is None:
        return _gui(args.paths)
    try:
        result: int = verb_module(args.command).run(args)
        return result
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1


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
