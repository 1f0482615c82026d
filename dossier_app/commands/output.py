"""What every verb shares on the command line: exit codes, and output that scripts can trust.

Exit codes, the same for every verb:

- ``EXIT_OK`` (0): done, and nothing is wrong (warnings allowed).
- ``EXIT_PROBLEMS`` (1): a problem in the files or the work: an error in a dossier, a
  file that cannot be read or written.
- ``EXIT_USAGE`` (2): bad usage (an unknown verb or option, a bad value), and also
  ``EXIT_NOTHING_TO_DO``: the paths given hold no dossier file at all.

A verb prints its result on standard output through ``Output``: a character the terminal
cannot show is escaped rather than raising, and when the reader goes away (``check big.yaml
| head``) the rest of the output is dropped quietly, with no traceback and no "Exception
ignored" line at exit, while the verb goes on to the exit code its work calls for. Notes for
the person at the terminal go to standard error through ``note``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from typing import Any, TextIO

from ..fileio.problems import Problem

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_NOTHING_TO_DO = EXIT_USAGE


def write_line(stream: TextIO, line: str) -> None:
    """Print a line even to a terminal that cannot show every character of it.

    ``BrokenPipeError`` passes through: ``Output`` is the one that knows what to do with it.
    """
    try:
        print(line, file=stream)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(line.encode(encoding, "backslashreplace").decode(encoding), file=stream)


def note(verb: str, message: str) -> None:
    """``dossier-app VERB: message`` on standard error (for the person, not for a parser)."""
    prefix = f"dossier-app {verb}" if verb else "dossier-app"
    with contextlib.suppress(BrokenPipeError, ValueError):  # stderr closed: nobody to tell
        write_line(sys.stderr, f"{prefix}: {message}")


def problem_record(problem: Problem) -> dict[str, Any]:
    """One problem for ``--json``: line and column are null for one without a position."""
    return {
        "file": problem.path,
        "line": problem.line if problem.has_position else None,
        "column": problem.column if problem.has_position else None,
        "severity": problem.severity,
        "code": problem.code,
        "message": problem.message,
    }


class Output:
    """A verb's result on standard output; survives a reader that stops reading.

    ``closed`` turns True once the pipe is broken: every later line is dropped and the
    stream's file descriptor is pointed at the null device, so that the interpreter's last
    flush cannot fail either.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self.closed = False

    @property
    def stream(self) -> TextIO:
        # Looked up at each use: tests (and callers) swap sys.stdout.
        return self._stream if self._stream is not None else sys.stdout

    def line(self, text: str) -> None:
        if self.closed:
            return
        try:
            write_line(self.stream, text)
        except BrokenPipeError:
            self.close_quietly()

    def json(self, value: Any) -> None:
        """``value`` as one line of JSON (UTF-8 as itself; escaped where the stream cannot)."""
        if self.closed:
            return
        try:
            try:
                print(json.dumps(value, ensure_ascii=False), file=self.stream)
            except UnicodeEncodeError:
                print(json.dumps(value, ensure_ascii=True), file=self.stream)
        except BrokenPipeError:
            self.close_quietly()

    def flush(self) -> None:
        """Push out what is buffered: a pipe that has closed shows up here at the latest."""
        if self.closed:
            return
        try:
            self.stream.flush()
        except BrokenPipeError:
            self.close_quietly()

    def close_quietly(self) -> None:
        self.closed = True
        silence(self.stream)


def silence(stream: TextIO) -> None:
    """Send what is still buffered for ``stream`` (and whatever follows) to the null device.

    Without this, Python flushes a broken standard output once more at exit and prints
    "Exception ignored ... BrokenPipeError" (see "Note on SIGPIPE" in the ``signal`` docs).
    """
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(devnull, fd)
    except OSError:
        pass
    finally:
        os.close(devnull)
