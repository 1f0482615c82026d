"""A file with git's conflict markers: "unresolved merge conflict" at the marker, before YAML."""

from __future__ import annotations

from pathlib import Path

from dossier_app.fileio.conflicts import conflict_marker_lines
from dossier_app.fileio.loader import read_dossier

from ..conftest import MINIMAL_DOSSIER

CONFLICTED = MINIMAL_DOSSIER.replace(
    "timeline:\n",
    "timeline:\n<<<<<<< ours\n  - id: d0\n    date: 2020\n    title: Ours\n=======\n"
    ">>>>>>> theirs\n",
)


def test_the_marker_line_is_reported_with_its_code(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(CONFLICTED, encoding="utf-8")
    result = read_dossier(path)
    assert result.dossier is None
    [problem] = result.problems  # no YAML syntax error after it
    line = CONFLICTED.splitlines().index("<<<<<<< ours") + 1
    assert (problem.line, problem.column, problem.code) == (line, 1, "merge-conflict")
    assert str(problem).startswith(f"{path}:{line}:1: error: unresolved merge conflict")


def test_markers_inside_text_or_indented_are_not_conflicts() -> None:
    text = MINIMAL_DOSSIER + "    notes: |\n      <<<<<<< quoted\n      =======\n"
    assert conflict_marker_lines(text.encode()) == []
    assert conflict_marker_lines(b"a: '<<<<<<< x'\n") == []


def test_each_opening_marker_is_found_and_a_stray_one_too() -> None:
    data = b"a: 1\n<<<<<<< ours\nb: 1\n=======\nb: 2\n>>>>>>> theirs\nc: 1\r\n<<<<<<<\r\n"
    assert conflict_marker_lines(data) == [2, 8]
    assert conflict_marker_lines(b"a: 1\n=======\n") == [2]
