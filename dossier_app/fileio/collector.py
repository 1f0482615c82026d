"""Collects the problems found in one file, keeping at most a fixed number.

A hostile file (an alias bomb, binary garbage) can yield millions of findings;
keeping them all would cost memory and bury the useful first ones.
"""

from __future__ import annotations

from .problems import MORE_NOT_SHOWN, Problem, Severity

#: Problems kept per file; the rest are counted and summed up in one last problem.
MAX_PROBLEMS = 200


class ProblemCollector:
    """Problems of one file, positioned by 1-based line and column."""

    __slots__ = ("error_count", "hidden", "hidden_errors", "limit", "path", "problems")

    def __init__(self, path: str, limit: int = MAX_PROBLEMS) -> None:
        self.path = path
        self.limit = limit
        self.problems: list[Problem] = []
        self.error_count = 0
        self.hidden = 0
        self.hidden_errors = 0

    @property
    def has_errors(self) -> bool:
        return self.error_count > 0

    @property
    def full(self) -> bool:
        return len(self.problems) >= self.limit

    def error(self, line: int, column: int, message: str, code: str = "") -> None:
        self.add(line, column, "error", message, code)

    def warning(self, line: int, column: int, message: str, code: str = "") -> None:
        self.add(line, column, "warning", message, code)

    def add(
        self, line: int, column: int, severity: Severity, message: str, code: str = ""
    ) -> None:
        if severity == "error":
            self.error_count += 1
        if len(self.problems) >= self.limit:
            self.hidden += 1
            if severity == "error":
                self.hidden_errors += 1
            return
        # One problem is one line of output, whatever the file held.
        if "\n" in message or "\r" in message:
            message = " ".join(message.split())
        self.problems.append(
            Problem(self.path, max(line, 1), max(column, 1), severity, message, code)
        )

    @property
    def hidden_warnings(self) -> int:
        return self.hidden - self.hidden_errors

    def finish(self) -> list[Problem]:
        """The problems in file order, plus a last one counting those left out.

        That last one has no position (line and column 0): the problems it counts are
        anywhere in the file.
        """
        result = sorted(self.problems, key=lambda p: (p.line, p.column))
        if self.hidden:
            noun = "problem" if self.hidden == 1 else "problems"
            detail = f" ({self.hidden_errors} of them errors)" if self.hidden_errors else ""
            result.append(
                Problem(
                    self.path,
                    0,
                    0,
                    "error" if self.hidden_errors else "warning",
                    f"{self.hidden} more {noun} not shown{detail}",
                    MORE_NOT_SHOWN,
                )
            )
        return result
