"""``dossier-app search``: output lines, --json, --limit and grep's exit codes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dossier_app.cli import main

from ..conftest import ALIBABA, DOSSIERS

LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<kind>\w+)(?: (?P<id>\S+))?: (?P<title>.+)$")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    shutil.copyfile(ALIBABA, folder / "alibaba.yaml")
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["search", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_one_line_per_hit_best_first(capsys: pytest.CaptureFixture[str], library: Path) -> None:
    code, lines, err = run(capsys, "cloud", str(library))
    assert code == 0 and err == ""
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    first = parsed[0]
    assert first is not None
    assert first["file"] == str(library / "alibaba.yaml")
    text = (library / "alibaba.yaml").read_text(encoding="utf-8").splitlines()
    assert text[int(first["line"]) - 1].strip() == f"- id: {first['id']}"
    assert "cloud" in first["title"].lower()


def test_json(capsys: pytest.CaptureFixture[str], library: Path) -> None:
    code, lines, _ = run(capsys, "--json", "--limit", "3", '"formal review"', str(library))
    assert code == 0
    hits = json.loads("\n".join(lines))
    assert len(hits) >= 1 and len(hits) <= 3
    assert set(hits[0]) == {"file", "line", "kind", "id", "date", "title", "snippet"}
    assert hits[0]["id"] == "biden-formal-review"
    assert hits[0]["date"] == "2021-01"


def test_limit(capsys: pytest.CaptureFixture[str], library: Path) -> None:
    code, lines, _ = run(capsys, "--limit", "2", "review", str(library))
    assert code == 0 and len(lines) == 2


def test_no_hits_exit_1(capsys: pytest.CaptureFixture[str], library: Path) -> None:
    code, lines, _ = run(capsys, "xylophone", str(library))
    assert (code, lines) == (1, [])


@pytest.mark.parametrize(
    "args",
    [
        ['"unclosed', "."],
        ["kind:planet"],
        ["from:2021-13"],
        ["--limit", "0", "cloud"],
        ["--limit", "x", "cloud"],
        [],
        ["cloud", "/no/such/folder"],
    ],
)
def test_bad_query_or_usage_exit_2(
    capsys: pytest.CaptureFixture[str], library: Path, args: list[str]
) -> None:
    code, lines, err = run(capsys, *[a if a != "." else str(library) for a in args])
    assert code == 2 and lines == []
    assert err and "Traceback" not in err
    assert "sqlite" not in err.lower()


def test_defaults_to_the_bundled_library(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = run(capsys, "阿里")
    assert code == 0
    assert any(line.startswith(str(DOSSIERS / "alibaba.yaml")) for line in lines)


def test_as_a_command(library: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dossier_app", "search", "kind:figure", str(library)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.splitlines()[0]
    assert first.endswith(": figure us-cloud-revenue: US cloud business revenue")
