"""How the GUI reads dossier files and words their problems: one door for the window,
the library and the editor.

Imported before the window's first paint: YAML, the loader and the parse cache
are imported only when a file is first read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..fileio.folders import DOSSIER_SUFFIXES, is_dossier_name

__all__ = ["DOSSIER_SUFFIXES", "Reader", "is_dossier_file", "read_for_gui", "safe_resolve"]

if TYPE_CHECKING:
    from ..fileio.problems import LoadResult, Problem


#: Reads one dossier file; never raises (a ``LoadResult`` lists what went wrong).
Reader = Callable[[Path], "LoadResult"]


def read_for_gui(path: Path) -> LoadResult:
    """Read a dossier through the parse cache (reopening an unchanged file skips parsing).

    Anything but a regular file goes to the loader, which says what it is
    without opening it (opening a named pipe would wait forever).
    """
    from ..fileio.cache import read_dossier_cached

    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        regular = False
    if regular:
        return read_dossier_cached(path)  # a hit imports neither YAML nor the schema
    from ..fileio.loader import read_dossier

    return read_dossier(path)


def read_uncached(path: Path) -> LoadResult:
    """Read a dossier without the parse cache (the library's default reader in tests)."""
    from ..fileio.loader import read_dossier

    return read_dossier(path)


def safe_resolve(path: Path) -> Path:
    """The absolute, resolved path; a symlink loop or an unreadable folder never raises."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def is_dossier_file(path: Path) -> bool:
    """A ``*.yaml`` file that is not hidden (editors' swap and temp files are)."""
    return is_dossier_name(path.name)


def first_error_text(problems: list[Problem]) -> str:
    """``Line 3: expected a date …`` for the first error (or problem)."""
    errors = [p for p in problems if p.is_error] or problems
    if not errors:
        return "Could not be read"
    p = errors[0]
    return f"Line {p.line}: {p.message}" if p.has_position else p.message


def problems_text(problems: list[Problem]) -> str:
    return "\n".join(
        f"{p.line}:{p.column}: {p.severity}: {p.message}"
        if p.has_position
        else f"{p.severity}: {p.message}"
        for p in problems
    )
