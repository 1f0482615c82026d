"""The dossiers a verb works on: paths as given on the command line, folders expanded, ``-``
for standard input.

A folder stands for its dossier files (``fileio.folders.list_dossier_files``: ``*.yaml`` and
``*.yml``, hidden names skipped, sorted by name); any other path is taken as a file even when
it does not exist, so that reading it reports why. ``-`` is standard input, named
``<stdin>`` in problems.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from ..fileio.folders import list_dossier_files
from ..fileio.loader import read_dossier, read_dossier_stream
from ..fileio.problems import LoadResult, Problem

#: The path that stands for standard input, and the name problems give it.
STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass(slots=True)
class Inputs:
    """What the paths given stand for."""

    #: Files to read, in order: each path as given, a folder's files joined to it.
    files: list[str] = field(default_factory=list)
    #: Folders that cannot be listed, as errors at 1:1.
    problems: list[Problem] = field(default_factory=list)
    #: Folders that hold no dossier file.
    empty: list[str] = field(default_factory=list)

    @property
    def nothing_to_do(self) -> bool:
        return not self.files and not self.problems


def expand_paths(paths: list[str]) -> Inputs:
    """Files to read for ``paths`` (files, folders and ``-``)."""
    inputs = Inputs()
    for path in paths:
        if path == STDIN or not os.path.isdir(path):
            inputs.files.append(path)
            continue
        try:
            files = list_dossier_files(path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            inputs.problems.append(
                Problem(
                    path, 1, 1, "error", f"the folder cannot be listed: {reason}", "unreadable"
                )
            )
            continue
        if not files:
            inputs.empty.append(path)
        inputs.files.extend(files)
    return inputs


def read_input(path: str, evidence: bool = False) -> LoadResult:
    """Read one of ``Inputs.files``: a file, or standard input for ``-``. Never raises.

    ``evidence`` adds the checks of how claims are sourced and of the archived copies
    beside the file (not for standard input, which has no folder).
    """
    if path == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # no standard input at all (a windowed start)
            problem = Problem(
                STDIN_NAME, 1, 1, "error", "there is no standard input to read", "unreadable"
            )
            return LoadResult(STDIN_NAME, None, [problem])
        return read_dossier_stream(stream, STDIN_NAME)
    return read_dossier(path, evidence=evidence)
