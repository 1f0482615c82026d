"""``dossier-app check``: output lines, summary and exit codes."""

from __future__ import annotations

import io
import json
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

#: The minimal dossier with its development corroborated by a second, independent source,
#: so that ``check`` finds nothing at all (the lines stay those of MINIMAL_DOSSIER).
GOOD = MINIMAL_DOSSIER.replace(
    "  - id: s1\n    title: Source one\n",
    "  - {id: s1, title: Source one}\n  - {id: s2, title: Source two}\n",
).replace("sources: [s1]", "sources: [s1, s2]")


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "warn.yml").write_text(GOOD + "owner: me\n", encoding="utf-8")
    bad = GOOD.replace("date: 2021-01", "date: 2021-02-30").replace("[s1, s2]", "[s1, s2, s9]")
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
        f"{path}:11:23: error: development 'd1' cites unknown source 's9'",
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


def test_dash_reads_standard_input(
    files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (files / "bad.yaml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = run(capsys, "-", str(files / "good.yaml"))
    assert code == 1
    assert out[0].startswith("<stdin>:9:11: error: bad date 'date' in development 'd1'")
    assert out[-1] == "checked 2 files: 2 errors, 0 warnings"


def test_dash_twice_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "-", "-")
    assert (code, out) == (2, [])
    assert "standard input (-) can be read only once" in err


def test_standard_input_in_a_real_process(files: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dossier_app", "check", "--json", "-"],
        input=(files / "warn.yml").read_bytes(),
        capture_output=True,
        cwd=REPO,
        timeout=60,
    )
    assert (proc.returncode, proc.stderr) == (0, b"")
    [record] = json.loads(proc.stdout)
    assert record["file"] == "<stdin>" and record["code"] == "unknown-key"


def test_json_lists_every_problem_with_its_code(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad, warn = str(files / "bad.yaml"), str(files / "warn.yml")
    code = main(["check", "--json", bad, warn])
    out, err = capsys.readouterr()
    assert (code, err) == (1, "")
    assert json.loads(out) == [
        {
            "file": bad,
            "line": 9,
            "column": 11,
            "severity": "error",
            "code": "bad-date",
            "message": "bad date 'date' in development 'd1': day 30 does not exist in Feb 2021",
        },
        {
            "file": bad,
            "line": 11,
            "column": 23,
            "severity": "error",
            "code": "unknown-source",
            "message": "development 'd1' cites unknown source 's9'",
        },
        {
            "file": warn,
            "line": 12,
            "column": 1,
            "severity": "warning",
            "code": "unknown-key",
            "message": "unknown key 'owner' (kept, but not used by this version)",
        },
    ]


def test_json_of_a_clean_file_is_an_empty_array(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--json", str(files / "good.yaml")]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_strict_turns_warnings_into_errors(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(files / "warn.yml")
    code, out, _ = run(capsys, "--strict", path)
    assert code == 1
    assert out == [
        f"{path}:12:1: error: unknown key 'owner' (kept, but not used by this version)",
        "checked 1 file: 1 error, 0 warnings",
    ]
    assert main(["check", "--strict", "--json", path]) == 1
    [record] = json.loads(capsys.readouterr().out)
    assert (record["severity"], record["code"]) == ("error", "unknown-key")


def many_warnings(count: int, error: bool = False) -> str:
    """A dossier with ``count`` unknown keys (warnings); with ``error``, a bad date before them."""
    text = GOOD.replace("date: 2021-01", "date: 2021-02-30") if error else GOOD
    return text + "".join(f"extra{i}: {i}\n" for i in range(count))


def test_capped_output_gives_true_totals_and_no_invented_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(many_warnings(250, error=True), encoding="utf-8")
    code, out, _ = run(capsys, str(path))
    assert code == 1
    assert len(out) == 200 + 2
    assert out[-2] == f"{path}: error: 51 more problems not shown (1 of them errors)"
    assert out[-1] == "checked 1 file: 1 error, 250 warnings"

    assert main(["check", "--json", str(path)]) == 1
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 201
    assert records[-1] == {
        "file": str(path),
        "line": None,
        "column": None,
        "severity": "error",
        "code": "more-not-shown",
        "message": "51 more problems not shown (1 of them errors)",
    }


@pytest.mark.parametrize(("error", "expected"), [(False, 0), (True, 1)])
def test_a_closed_pipe_ends_quietly_with_the_code_the_problems_call_for(
    tmp_path: Path, error: bool, expected: int
) -> None:
    """``check folder | head -1``: the last file holds the only error (or none)."""
    for i in range(40):
        (tmp_path / f"w{i:02}.yaml").write_text(many_warnings(210), encoding="utf-8")
    (tmp_path / "z.yaml").write_text(many_warnings(0, error=error), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dossier_app", "check", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(str(tmp_path).encode())
    proc.stdout.close()  # the reader goes away, as head does
    assert proc.wait(timeout=120) == expected
    assert proc.stderr.read() == b""
    proc.stderr.close()


def test_nothing_to_do_has_one_exit_code_for_every_verb(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dossier_app.commands.output import EXIT_NOTHING_TO_DO

    for verb in ("check", "format"):
        assert main([verb, str(tmp_path)]) == EXIT_NOTHING_TO_DO, verb
        assert f"no *.yaml or *.yml files in {tmp_path}" in capsys.readouterr().err
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"{EXIT_NOTHING_TO_DO} bad usage or nothing to do" in readme


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_broken_link_names_its_target(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = files / "moved-away.yaml"
    (files / "gone.yaml").symlink_to(target)
    code, out, _ = run(capsys, str(files))
    assert code == 1
    assert f"{files / 'gone.yaml'}:1:1: error: broken link → {target}" in out
