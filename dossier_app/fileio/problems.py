"""Problems found in a dossier file, and the project's own error types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..domain.dates import PartialDate
from ..domain.model import Dossier

Severity = Literal["error", "warning"]

#: The code of the last problem of a capped list, which counts the problems left out.
MORE_NOT_SHOWN = "more-not-shown"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding, positioned in a file. Line and column are 1-based.

    Line and column are 0 for a finding that has no place in the file (the count of
    problems left out of a long list): ``has_position`` is False and it prints without one.
    """

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    #: A stable, machine-readable name of the kind of problem (``check --json``), such as
    #: ``yaml-syntax`` or ``unknown-source``; the codes are listed in docs/problem-codes.md.
    code: str = ""

    def __str__(self) -> str:
        if not self.has_position:
            return f"{self.path}: {self.severity}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    @property
    def has_position(self) -> bool:
        return self.line > 0

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(slots=True)
class LoadResult:
    """What reading a file gave: the dossier (None when there is an error) and every problem."""

    path: str
    dossier: Dossier | None
    problems: list[Problem] = field(default_factory=list)
    #: Hash of the file's bytes (hex), when they could be read.
    content_hash: str | None = None
    #: Problems found but left out of ``problems`` (which then ends with one, without a
    #: position, that counts them): the true totals are ``error_count`` and ``warning_count``.
    hidden_errors: int = 0
    hidden_warnings: int = 0

    @property
    def error_count(self) -> int:
        """Every error found, shown or not."""
        return sum(1 for p in self.problems if p.is_error and p.code != MORE_NOT_SHOWN) + (
            self.hidden_errors
        )

    @property
    def warning_count(self) -> int:
        """Every warning found, shown or not."""
        shown = sum(1 for p in self.problems if not p.is_error and p.code != MORE_NOT_SHOWN)
        return shown + self.hidden_warnings
    #: The file's bytes as read, for a faithful save over them (``fileio.faithful``).
    #: Not kept in the parse cache: a hit gets the bytes it was checked against.
    data: bytes | None = None
    #: The ``reviewed`` date of a file without errors (also when no dossier is built).
    reviewed: PartialDate | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return self.dossier is not None and not self.errors


class DossierError(Exception):
    """A dossier file that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0] if problems else None
        super().__init__(str(first) if first else "invalid dossier")


class SaveError(Exception):
    """A save that did not happen; the file on disk is unchanged. Says which step failed."""

    def __init__(self, path: str, step: str, reason: str) -> None:
        self.path = path
        self.step = step
        self.reason = reason
        super().__init__(f"Could not save {path}: {step} failed: {reason}")
