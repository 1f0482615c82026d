"""``dossier-app check``: output lines, summary and exit codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dossier_app.cli import main

from ..conftest import MINIMAL_DOSSIER

REPO = Path(__file__).resolve().parent.parent.parent
BAD = REPO / "tests" / "fileio" / "bad"
LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")

GOOD = MINIMAL_DOSSIER


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "warn.yml").write_text(GOOD + "owner: me\n", encoding="utf-8")
    bad = GOOD.replace("date: 2021-01", "date: 2021-02-30").replace("[s1]", "[s1, s9]")
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a dossier", encoding="utf-8")
    (tmp_path / ".backup.yaml").write_text("garbage: [", encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_clean_file_exits_0(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(files / "good.yaml"))
    assert code == 0
    assert out == ["checked 1 file: no problems"]
    assert err == ""


def test_warnings_alone_exit_0(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(files / "warn.yml")
    code, out, _ = run(capsys, path)
    assert code == 0
    assert out == [
        f"{path}:12:1: warning: unknown key 'owner' (kept, but not used by this version)",
        "checked 1 file: 0 errors, 1 warning",
    ]


def test_errors_exit_1_with_every_problem(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(files / "bad.yaml")
    code, out, _ = run(capsys, path)
    assert code == 1
    assert out == [
        f"{path}:9:11: error: bad date 'date' in development 'd1': "
        "day 30 does not exist in Feb 2021",
        f"{path}:11:19: error: development 'd1' cites unknown source 's9'",
        "checked 1 file: 2 errors, 0 warnings",
    ]


def test_folder_expands_to_its_dossiers_sorted(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, str(files))
    assert code == 1
    named = [LINE.match(line).group("file") for line in out[:-1]]  # type: ignore[union-attr]
    assert named == [str(files / "bad.yaml")] * 2 + [str(files / "warn.yml")]
    assert out[-1] == "checked 3 files: 2 errors, 1 warning; 2 of 2 dossiers due for review"


def test_relative_paths_are_printed_as_given(
    files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(files.parent)
    code, out, _ = run(capsys, f"{files.name}/bad.yaml", files.name)
    assert code == 1
    assert out[0].startswith(f"{files.name}/bad.yaml:9:11: error: ")
    assert out[-1] == "checked 4 files: 4 errors, 1 warning; 2 of 2 dossiers due for review"


def test_missing_file_is_an_error_at_1_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "nope.yaml")
    code, out, _ = run(capsys, path)
    assert code == 1
    assert out == [f"{path}:1:1: error: no such file", "checked 1 file: 1 error, 0 warnings"]


def test_folder_without_dossiers_is_bad_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, str(tmp_path))
    assert code == 2
    assert out == []
    assert f"no *.yaml or *.yml files in {tmp_path}" in err


def test_no_path_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert "PATH" in capsys.readouterr().err


def test_every_line_of_the_hostile_corpus_is_well_formed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, str(BAD))
    assert code == 1
    assert err == ""
    files = {LINE.match(line).group("file") for line in out[:-1] if LINE.match(line)}
    assert all(LINE.match(line) for line in out[:-1]), [x for x in out if not LINE.match(x)]
    assert files == {str(p) for p in BAD.glob("*.yaml")}  # each file says something
    assert re.fullmatch(
        r"checked \d+ files: \d+ errors, \d+ warnings; \d+ of \d+ dossiers due for review", out[-1]
    )


def test_unprintable_characters_do_not_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "esc.yaml"
    # YAML's "\e" escape puts a real ESC (a terminal control sequence) into the value.
    path.write_text(GOOD.replace("2021-01", '"\\e]0;pwned\\a"'), encoding="utf-8")
    code, out, _ = run(capsys, str(path))
    assert code == 1
    assert "\x1b" not in "".join(out)
    assert "\\x1b]0;pwned\\x07" in out[0]


def test_python_m_dossier_app_check(files: Path) -> None:
    """The real command in a fresh interpreter: output, exit code, no traceback, no Qt loaded."""
    script = (
        "import sys, runpy; sys.argv = ['dossier_app', 'check', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('dossier_app', run_name='__main__')\n"
        "finally:\n    assert not [m for m in sys.modules if m.startswith('PySide6')]\n"
    )
    args = [str(files / "bad.yaml"), str(BAD / "tag-python-object.yaml")]
    proc = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[-1] == "checked 2 files: 3 errors, 0 warnings"
    assert (
        f"{args[1]}:12:14: error: YAML tag !!python/object/apply:os.system is not allowed"
        in lines[2]
    )

    plain = subprocess.run(
        [sys.executable, "-m", "dossier_app", "check", str(files / "good.yaml")],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert (plain.returncode, plain.stderr) == (0, "")
    assert plain.stdout == "checked 1 file: no problems\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes and symlinks")
def test_folder_with_odd_entries(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A symlink loop or a named pipe in a library is reported, never read or skipped."""
    (files / "loop.yaml").symlink_to(files / "loop.yaml")
    os.mkfifo(files / "pipe.yaml")
    (files / "sub.yaml").mkdir()  # a folder named like a dossier is not one
    code, out, _ = run(capsys, str(files))
    assert code == 1
    assert f"{files / 'loop.yaml'}:1:1: error: the file cannot be read" in "\n".join(out)
    assert f"{files / 'pipe.yaml'}:1:1: error: not a regular file" in "\n".join(out)
    assert not any("sub.yaml" in line for line in out)
    assert out[-1] == "checked 5 files: 4 errors, 1 warning; 2 of 2 dossiers due for review"
