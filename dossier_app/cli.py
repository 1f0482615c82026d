"""The ``dossier-app`` command: opens the GUI, or runs one of the verbs in ``VERBS``.

Exit codes, the same for every verb (``commands.output``): 0 success, 1 a
problem in the files or the work, 2 bad usage and "nothing to do" (the paths
given hold no dossier file). A first argument that is neither a verb nor an
existing file or folder is bad usage ("'exprot' is not a command; did you mean
'export'?"), never a GUI start; so is a later path that does not exist. The
GUI needs a display: on Linux with neither ``DISPLAY`` nor ``WAYLAND_DISPLAY``
(and no display-less Qt platform such as ``offscreen`` chosen), it says so in
one line and exits 1, before Qt is loaded.

Verb modules are imported only to build the parser or to run: ``check``
never loads Qt, ``dossier-app VERB ...`` builds that verb's parser alone (so an
unknown option prints that verb's usage), and plain paths open the GUI without
building an argument parser (it starts sooner).

A verb is a module under ``dossier_app.commands`` with ``HELP`` (one line for
the verb list), ``DESCRIPTION``, ``add_arguments(parser)`` and
``run(args) -> int``. Adding a verb is one line in ``VERBS``; a verb module
keeps its heavy imports inside ``run``, since building the top-level help
imports every verb module.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Mapping, Sequence
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
    "import-source": "import_source",
    "diff": "diff",
    "merge": "merge",
    "search": "search",
}
SUBCOMMANDS = tuple(VERBS)

EXIT_PROBLEMS = 1
EXIT_USAGE = 2

#: Qt platform plugins that draw on an X11 or Wayland display (the rest, such as
#: offscreen, minimal, vnc, eglfs or linuxfb, need none).
_DISPLAY_PLATFORMS = ("xcb", "wayland")


def verb_module(name: str) -> ModuleType:
    return importlib.import_module(f".commands.{VERBS[name]}", __package__)


def _usage() -> str:
    verbs = "{" + ",".join(VERBS) + "}"
    return f"dossier-app [-h] [--version] [PATH ...]\n       dossier-app {verbs} ..."


def _top_parser() -> argparse.ArgumentParser:
    import argparse

    lines = []
    for name in VERBS:
        lines.append(f"  {name:<8} {verb_module(name).HELP}")
    p = argparse.ArgumentParser(
        prog="dossier-app",
        usage=_usage(),
        description=(
            "Open dossiers in the Dossier app: a folder opens as the library, files are\n"
            "opened. Or run a verb (no display needed)."
        ),
        epilog="verbs:\n"
        + "\n".join(lines)
        + "\n\nSee 'dossier-app VERB --help'.\n"
        "Exit codes: 0 success, 1 a problem in the files or the work,\n"
        "2 bad usage or nothing to do.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"dossier-app {__version__}")
    p.add_argument("paths", nargs="*", metavar="PATH", help="a library folder or dossier files")
    return p


def verb_parser(name: str) -> argparse.ArgumentParser:
    """The parser of one verb, as ``dossier-app NAME``: its errors print its own usage."""
    import argparse

    module = verb_module(name)
    parser = argparse.ArgumentParser(prog=f"dossier-app {name}", description=module.DESCRIPTION)
    module.add_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in VERBS:
            return _run_verb(args_list[0], args_list[1:])
        # A mistyped verb is told as such, whatever options follow it.
        if args_list and not args_list[0].startswith("-"):
            problem = unknown_path_problem(args_list[:1])
            if problem is not None:
                return _usage_error(problem)
        if any(a.startswith("-") for a in args_list):
            paths: list[str] = _top_parser().parse_args(args_list).paths
        else:
            paths = args_list  # only paths: nothing for a parser to do
    except SystemExit as exc:  # argparse: --help/--version exit 0, bad usage exits 2
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    problem = unknown_path_problem(paths)
    if problem is not None:
        return _usage_error(problem)
    if missing_display():
        _say(
            "dossier-app: cannot open the app: no display (neither DISPLAY nor "
            "WAYLAND_DISPLAY is set); check, format and export work without one"
        )
        return EXIT_PROBLEMS
    return _gui(paths)


def _usage_error(problem: str) -> int:
    _say(f"usage: {_usage()}\ndossier-app: error: {problem}")
    return EXIT_USAGE


def _run_verb(name: str, rest: list[str]) -> int:
    args = verb_parser(name).parse_args(rest)
    from .commands.output import silence

    try:
        result: int = verb_module(name).run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # a verb that does not print through commands.output.Output
        silence(sys.stdout)
        return EXIT_PROBLEMS
    try:
        sys.stdout.flush()  # a closed pipe shows here at the latest; the result stands
    except BrokenPipeError:
        silence(sys.stdout)
    return result


def unknown_path_problem(paths: Sequence[str]) -> str | None:
    """Why ``dossier-app PATH...`` cannot open the GUI on ``paths``, or None when it can.

    Every path must exist (a broken link does: the app reports it). A first argument that
    looks like a word rather than a path is most likely a mistyped verb.
    """
    for index, path in enumerate(paths):
        if os.path.lexists(path):
            continue
        if index == 0 and _looks_like_a_word(path):
            import difflib

            close = difflib.get_close_matches(path.lower(), VERBS, n=1)
            if close:
                return f"{path!r} is not a command; did you mean {close[0]!r}?"
            return (
                f"{path!r} is not a command, nor a file or folder; "
                f"the commands are {', '.join(VERBS)}"
            )
        return f"no such file or folder: {path!r}"
    return None


def _looks_like_a_word(text: str) -> bool:
    return bool(text) and not any(c in text for c in "./\\:") and text.isprintable()


def missing_display(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> bool:
    """True when the GUI cannot start for want of a display, decided without loading Qt.

    Only on Linux: with neither ``DISPLAY`` nor ``WAYLAND_DISPLAY`` set, and a
    ``QT_QPA_PLATFORM`` that is unset, empty, or names only platforms that draw on
    one (``xcb``, ``wayland``; ``offscreen`` or ``minimal`` need none).
    """
    env = os.environ if environ is None else environ
    if not (sys.platform if platform is None else platform).startswith("linux"):
        return False
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return False
    # "wayland;xcb" is a list to try in turn; "xcb:option=value" passes options.
    names = [p.split(":", 1)[0].strip().lower() for p in env.get("QT_QPA_PLATFORM", "").split(";")]
    names = [n for n in names if n]
    return all(n.startswith(_DISPLAY_PLATFORMS) for n in names)


def _say(text: str) -> None:
    from .commands.output import write_line

    with contextlib.suppress(BrokenPipeError, ValueError):  # stderr closed: nobody to tell
        write_line(sys.stderr, text)


def _gui(paths: list[str]) -> int:
    import gc

    # No cyclic garbage collection until the window is on screen (run_gui turns it back
    # on): start-up makes tens of thousands of long-lived objects (modules, Qt's enum
    # types, widgets) that each collection would only scan again.
    gc.disable()
    try:
        from .ui.window.app import run_gui

        return run_gui(paths)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
