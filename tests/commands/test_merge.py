"""``dossier-app merge``: git's merge driver for dossiers, alone and inside a real ``git merge``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dossier_app.cli import main
from dossier_app.fileio.loader import read_dossier

from ..conftest import MINIMAL_DOSSIER


@pytest.fixture
def three(tmp_path: Path) -> tuple[Path, Path, Path]:
    base, ours, theirs = (tmp_path / f"{n}.yaml" for n in ("base", "ours", "theirs"))
    base.write_text(MINIMAL_DOSSIER, encoding="utf-8")
    ours.write_text(MINIMAL_DOSSIER + "  - id: ours\n    date: 2022-05\n    title: Ours\n",
                    encoding="utf-8")
    theirs.write_text(MINIMAL_DOSSIER + "  - id: theirs\n    date: 2022-02\n    title: Theirs\n",
                      encoding="utf-8")
    return base, ours, theirs


def test_clean_merge_writes_ours_and_exits_0(three: tuple[Path, Path, Path],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, theirs = three
    assert main(["merge", str(base), str(ours), str(theirs), "dossiers/acme.yaml"]) == 0
    assert capsys.readouterr().err == ""
    result = read_dossier(ours)
    assert result.dossier is not None
    assert [d.id for d in result.dossier.timeline] == ["d1", "theirs", "ours"]
    assert [p.message for p in result.problems if p.is_error] == []


def test_conflicts_are_marked_and_exit_1(three: tuple[Path, Path, Path],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, theirs = three
    ours.write_text(MINIMAL_DOSSIER.replace("Something happened", "Ours"), encoding="utf-8")
    theirs.write_text(MINIMAL_DOSSIER.replace("Something happened", "Theirs"), encoding="utf-8")
    assert main(["merge", str(base), str(ours), str(theirs), "dossiers/acme.yaml"]) == 1
    err = capsys.readouterr().err
    lines = ours.read_text(encoding="utf-8").splitlines()
    line = lines.index("<<<<<<< ours") + 1
    assert err == (f"dossiers/acme.yaml:{line}:1: error: merge conflict: development 'd1': "
                   "title changed differently on both sides\n")
    [problem] = read_dossier(ours).problems
    assert (problem.line, problem.code) == (line, "merge-conflict")


def test_an_input_that_does_not_load_marks_the_whole_file(
    three: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    base, ours, theirs = three
    theirs.write_text("format: dossier/1\ncompany: [\n", encoding="utf-8")
    before = ours.read_bytes()
    assert main(["merge", str(base), str(ours), str(theirs)]) == 2
    err = capsys.readouterr().err
    assert f"{ours} (theirs):3:1: error: YAML syntax error" in err
    data = ours.read_bytes()
    assert data.startswith(b"<<<<<<< ours\n" + before + b"=======\n")


def test_an_empty_base_and_unchanged_sides(three: tuple[Path, Path, Path]) -> None:
    base, ours, theirs = three
    base.write_bytes(b"")
    assert main(["merge", str(base), str(ours), str(theirs)]) == 0
    result = read_dossier(ours)
    assert result.dossier is not None
    assert {d.id for d in result.dossier.timeline} == {"d1", "ours", "theirs"}
    before = ours.read_bytes()
    assert main(["merge", str(ours), str(ours), str(ours)]) == 0
    assert ours.read_bytes() == before


GIT = shutil.which("git")


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(repo.parent),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Ann", "GIT_AUTHOR_EMAIL": "ann@example.org",
        "GIT_COMMITTER_NAME": "Ann", "GIT_COMMITTER_EMAIL": "ann@example.org",
        **{k: v for k, v in os.environ.items() if k.startswith("XDG_")},
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, text=True, capture_output=True,
                          check=check)


@pytest.mark.skipif(GIT is None, reason="no git program on this machine to run a real merge")
def test_a_real_git_merge_of_two_branches_that_each_added_a_development(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    path = repo / "acme.yaml"
    path.write_text(MINIMAL_DOSSIER, encoding="utf-8")
    _git(repo, "add", "acme.yaml")
    _git(repo, "commit", "-q", "-m", "Base")
    _git(repo, "checkout", "-q", "-b", "ann")
    path.write_text(MINIMAL_DOSSIER + "  - id: ann-adds\n    date: 2022-05\n    title: Ann\n"
                    "    sources: [s1]\n", encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "Ann adds a development")
    _git(repo, "checkout", "-q", "-b", "bob", "main")
    path.write_text(MINIMAL_DOSSIER + "  - id: bob-adds\n    date: 2022-02\n    title: Bob\n"
                    "    sources: [s1]\n", encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "Bob adds a development")
    _git(repo, "checkout", "-q", "ann")

    # Without the driver, both appended at the end of timeline: a textual conflict.
    assert _git(repo, "merge", "-q", "bob", check=False).returncode != 0
    _git(repo, "merge", "--abort")

    # The two lines of set-up from the README (the command as this test runs it).
    (repo / ".gitattributes").write_text("*.yaml merge=dossier\n", encoding="utf-8")
    _git(repo, "config", "merge.dossier.driver",
         f"'{sys.executable}' -m dossier_app merge %O %A %B %P")
    merged = _git(repo, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr

    result = read_dossier(path)
    assert result.dossier is not None
    assert [d.id for d in result.dossier.timeline] == ["d1", "bob-adds", "ann-adds"]
    check = subprocess.run([sys.executable, "-m", "dossier_app", "check", str(path)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert check.stdout.splitlines()[-1].startswith("checked 1 file: ")
    assert ": error:" not in check.stdout  # clean: at most warnings on sourcing
    assert _git(repo, "status", "--porcelain").stdout == "?? .gitattributes\n"


def test_the_driver_never_loads_qt(three: tuple[Path, Path, Path]) -> None:
    base, ours, theirs = three
    code = (
        "import sys\nfrom dossier_app.cli import main\n"
        f"rc = main(['merge', {str(base)!r}, {str(ours)!r}, {str(theirs)!r}])\n"
        "assert rc == 0, rc\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
