"""Which files of a folder are dossiers: the one answer for ``check``, ``format``, export and the
library.

A dossier file is a ``*.yaml`` or ``*.yml`` entry that is not a folder. Names starting with a
dot are editors' backups, swap and lock files, and are left out. Anything else with a dossier
name is listed, even when it cannot be read (a broken link, a symlink loop, a named pipe), so
that reading it reports why instead of the file silently going missing.
"""

from __future__ import annotations

import os

DOSSIER_SUFFIXES = (".yaml", ".yml")


def is_dossier_name(name: str) -> bool:
    """A file name a dossier may have: ``*.yaml``/``*.yml`` (any case), not hidden."""
    return name.lower().endswith(DOSSIER_SUFFIXES) and not name.startswith(".")


def list_dossier_files(folder: str | os.PathLike[str]) -> list[str]:
    """The dossier files in ``folder``, as ``folder`` joined with each name, sorted by name.

    Sorted without regard to case (``Alibaba.yaml`` beside ``alibaba.yml``), then by the exact
    name, so the order is the same on every machine. Raises ``OSError`` when the folder cannot
    be listed.
    """
    base = os.fspath(folder)
    with os.scandir(base) as entries:
        names = [e.name for e in entries if is_dossier_name(e.name) and not _is_folder(e)]
    names.sort(key=lambda name: (name.casefold(), name))
    return [os.path.join(base, name) for name in names]


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Folders (and links to folders) are skipped; an entry that cannot be looked at is kept."""
    try:
        return entry.is_dir()
    except OSError:
        return False
