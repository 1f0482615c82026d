"""``dossier-app format [--check]``: output, exit codes, files left alone when they should be."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dossier_app.commands import format as fmt
from dossier_app.commands.format import dossier_files, run_format
from dossier_app.fileio.loader import read_dossier

MESSY = """\
# header comment, kept
format: 'dossier/1'
company:
    name:   ACME   # inline comment, kept
timeline:
    - id: dev
      date: 2021-09
      title: "Something"
"""
CANONICAL = """\
# header comment, kept
format: dossier/1
company:
  name: ACME   # inline comment, kept
timeline:
- id: dev
  date: 2021-09
  title: Something
"""
BROKEN = "format: dossier/1\ncompany:\n  name: ACME\n  name: Again\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "b-messy.yaml").write_text(MESSY, encoding="utf-8")
    (tmp_path / "a-clean.yml").write_text(CANONICAL, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a dossier", encoding="utf-8")
    (tmp_path / ".hidden.yaml.123.tmp").write_text("junk", encoding="utf-8")
    return tmp_path


def test_folders_expand_to_sorted_yaml_files_as_in_check(folder: Path) -> None:
    (folder / ".hidden.yaml").write_text(MESSY, encoding="utf-8")
    files, problems, empty = dossier_files([str(folder), "x.yaml"])
    assert files == [str(folder / "a-clean.yml"), str(folder / "b-messy.yaml"), "x.yaml"]
    assert (problems, empty) == ([], [])


def test_format_rewrites_what_differs(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean_stat = (folder / "a-clean.yml").stat()
    assert run_format([str(folder)], check_only=False) == 0
    out, err = capsys.readouterr()
    assert out == (
        f"reformatted {folder / 'b-messy.yaml'}\n"
        "1 file reformatted, 1 file left unchanged.\n"
    )
    assert err == ""
    assert (folder / "b-messy.yaml").read_text(encoding="utf-8") == CANONICAL
    # The clean file was not even rewritten.
    assert (folder / "a-clean.yml").stat().st_mtime_ns == clean_stat.st_mtime_ns
    assert (folder / "a-clean.yml").stat().st_ino == clean_stat.st_ino


def test_format_twice_changes_nothing_the_second_time(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_format([str(folder)], check_only=False)
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    capsys.readouterr()
    assert run_format([str(folder)], check_only=False) == 0
    assert capsys.readouterr().out == "2 files left unchanged.\n"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first
    assert run_format([str(folder)], check_only=True) == 0


def test_check_lists_without_writing(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_format([str(folder)], check_only=True) == 1
    out, err = capsys.readouterr()
    assert out == (
        f"would reformat {folder / 'b-messy.yaml'}\n"
        "1 file would be reformatted, 1 file already formatted.\n"
    )
    assert err == ""
    assert (folder / "b-messy.yaml").read_text(encoding="utf-8") == MESSY


def test_check_on_canonical_files_exits_0(folder: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run_format([str(folder / "a-clean.yml")], check_only=True) == 0
    assert capsys.readouterr().out == "1 file already formatted.\n"


@pytest.mark.parametrize("check_only", [False, True])
def test_file_with_errors_is_not_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], check_only: bool
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(MESSY, encoding="utf-8")
    assert run_format([str(bad), str(good)], check_only=check_only) == 1
    out, err = capsys.readouterr()
    lines = [line for line in out.splitlines() if line.startswith(f"{bad}:")]
    assert lines and all(": error: " in line for line in lines)
    assert any(line.startswith(f"{bad}:4:3: error: ") for line in lines), err
    assert str(read_dossier(bad).errors[0]) in lines
    assert bad.read_text(encoding="utf-8") == BROKEN
    assert out.endswith("1 file with errors not formatted.\n")
    assert "Traceback" not in out + err
    if not check_only:
        assert good.read_text(encoding="utf-8") == CANONICAL


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe garbage", b"- a list\n", b"!!python/object/apply:os.system ['true']\n",
     b"a: &x [*x]\n", b"[" * 5000],
    ids=["empty", "binary", "list", "python-tag", "alias", "deep"],
)
def test_hostile_files_give_positioned_errors(tmp_path: Path, content: bytes,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    assert run_format([str(path)], check_only=False) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{path}:") and ": error: " in out
    assert out.endswith("1 file with errors not formatted.\n")
    assert "Traceback" not in out + err
    assert path.read_bytes() == content


def test_missing_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_format([str(tmp_path / "nope.yaml")], check_only=True) == 1
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'nope.yaml'}:1:1: error: ")


def test_nothing_to_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_format([str(tmp_path)], check_only=False) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"dossier-app format: no *.yaml or *.yml files in {tmp_path}\n"
                   "dossier-app format: nothing to format\n")


def test_a_failed_save_is_reported_and_leaves_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "messy.yaml"
    path.write_text(MESSY, encoding="utf-8")

    def full_disk(*args: object) -> int:
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr(os, "write", full_disk)
    assert run_format([str(path)], check_only=False) == 1
    monkeypatch.undo()
    out = capsys.readouterr().out
    assert out == (f"{path}:1:1: error: not saved: write failed: No space left on device\n"
                   "1 file with errors not formatted.\n")
    assert path.read_text(encoding="utf-8") == MESSY
    assert [p.name for p in tmp_path.iterdir()] == ["messy.yaml"]


def test_file_changed_while_formatting_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "messy.yaml"
    path.write_text(MESSY, encoding="utf-8")
    real_format = fmt.canonical_text

    def format_while_someone_edits(data: bytes, checked: bool = False) -> object:
        path.write_text(MESSY + "# edited\n", encoding="utf-8")
        return real_format(data, checked)

    monkeypatch.setattr(fmt, "canonical_text", format_while_someone_edits)
    assert run_format([str(path)], check_only=False) == 1
    assert "changed on disk" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == MESSY + "# edited\n"


def test_writer_that_would_lose_data_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "messy.yaml"
    path.write_text(MESSY, encoding="utf-8")
    monkeypatch.setattr(fmt, "canonical_text",
                        lambda data, checked: fmt.Rendered(CANONICAL.replace("ACME", "Lost")))
    assert run_format([str(path)], check_only=False) == 1
    assert "would change the data" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == MESSY


def test_permissions_kept_by_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "messy.yaml"
    path.write_text(MESSY, encoding="utf-8")
    os.chmod(path, 0o640)
    assert run_format([str(path)], check_only=False) == 0
    assert path.stat().st_mode & 0o777 == 0o640


def test_cli_exit_codes(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("dossier_app.commands.export")  # the CLI parser wires export in
    from dossier_app.cli import main

    assert main(["format", "--check", str(folder)]) == 1
    assert main(["format", str(folder)]) == 0
    assert main(["format", "--check", str(folder)]) == 0
    assert main(["format"]) == 2
    assert main(["format", "--bogus", str(folder)]) == 2
    assert "Traceback" not in "".join(capsys.readouterr())


def test_terminal_that_cannot_show_the_name(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    path = tmp_path / "阿里巴巴.yaml"
    path.write_text(MESSY, encoding="utf-8")
    raw = io.BytesIO()
    ascii_out = io.TextIOWrapper(raw, encoding="ascii")
    monkeypatch.setattr("sys.stdout", ascii_out)
    assert run_format([str(path)], check_only=False) == 0
    ascii_out.flush()
    assert f"reformatted {tmp_path}/\\u963f\\u91cc\\u5df4\\u5df4.yaml\n" in raw.getvalue().decode()


# -- comments, --diff, --force, standard input ----------------------------------------

COMMENTED = """\
format: dossier/1
company:
  name: ACME  # legal name
timeline:
    # the first one
    - id: dev
      date: 2021-09
      title: "Something"  # quoted
"""
DROPS = COMMENTED.replace('      title: "Something"  # quoted\n',
                          '      title: "Something"  # quoted\n      tags: []  # none yet\n')


def test_format_keeps_comments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    assert run_format([str(path)], check_only=False) == 0
    assert path.read_text(encoding="utf-8") == (
        "format: dossier/1\ncompany:\n  name: ACME  # legal name\ntimeline:\n"
        "# the first one\n- id: dev\n  date: 2021-09\n  title: Something  # quoted\n"
    )


def test_diff_prints_without_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    assert run_format([str(path)], check_only=False, diff=True) == 1
    out = capsys.readouterr().out
    assert f"--- {path} (original)\n+++ {path} (formatted)\n" in out
    assert '\n-      title: "Something"  # quoted\n' in out
    assert "\n+  title: Something  # quoted\n" in out
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_a_comment_that_cannot_be_kept_is_named_and_needs_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(DROPS, encoding="utf-8")
    assert run_format([str(path)], check_only=False) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{path}:9:1: error: the canonical form cannot keep the comment")
    assert path.read_text(encoding="utf-8") == DROPS
    assert run_format([str(path)], check_only=False, force=True) == 0
    assert f"{path}:9:1: warning: " in capsys.readouterr().out
    assert "# none yet" not in path.read_text(encoding="utf-8")
    assert "# quoted" in path.read_text(encoding="utf-8")


def test_dash_reads_stdin_and_writes_stdout(monkeypatch: pytest.MonkeyPatch,
                                            capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    import io
    import sys

    from dossier_app.cli import main

    class Stdin:
        buffer = io.BytesIO(MESSY.encode())

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert main(["format", "-"]) == 0
    out, err = capsysbinary.readouterr()
    assert out.decode() == CANONICAL and err == b""
    Stdin.buffer = io.BytesIO(BROKEN.encode())
    assert main(["format", "-"]) == 1
    out, err = capsysbinary.readouterr()
    assert out == b"" and err.decode().startswith("<stdin>:4:3: error: ")
    assert main(["format", "-", "x.yaml"]) == 2


class _ClosedAfterOneLine:
    """Standard output whose reader goes away after the first line (``format | head -1``)."""

    encoding = "utf-8"

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> int:
        if self.lines and text.strip():
            raise BrokenPipeError(32, "Broken pipe")
        if text.strip():
            self.lines.append(text)
        return len(text)

    def flush(self) -> None:
        if len(self.lines) > 1:
            raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_stops_the_printing_not_the_formatting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier_app.cli import main

    for i in range(5):
        (tmp_path / f"d{i}.yaml").write_text(MESSY, encoding="utf-8")
    stdout = _ClosedAfterOneLine()
    monkeypatch.setattr("sys.stdout", stdout)
    assert main(["format", str(tmp_path)]) == 0  # every file reformatted: success
    assert stdout.lines == [f"reformatted {tmp_path / 'd0.yaml'}"]
    for i in range(5):
        assert (tmp_path / f"d{i}.yaml").read_text(encoding="utf-8") == CANONICAL
