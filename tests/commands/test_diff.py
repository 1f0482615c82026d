"""``dossier-app diff``: grouped report, JSON, exit codes, --since REV and --since-review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier_app.cli import main
from dossier_app.fileio.snapshots import snapshot_reviewed

from ..conftest import MINIMAL_DOSSIER
from ..fileio.gitrepo import at, commit, init

NEW = MINIMAL_DOSSIER.replace("title: Something happened", "title: Something big happened") + (
    "  - id: d2\n    date: 2021-03-04\n    approximate: true\n    title: Another thing\n"
    "    sources: [s1]\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(MINIMAL_DOSSIER, encoding="utf-8")
    new.write_text(NEW.replace("name: Example", "name: Example Ltd"), encoding="utf-8")
    return old, new


def test_grouped_report_and_exit_1(pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
                                   ) -> None:
    code, out, err = run(capsys, *map(str, pair))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "Added",
        "  development d2  c. 4 Mar 2021  Another thing",
        "Changed",
        "  profile",
        "    name: Example → Example Ltd",
        "  development d1  Jan 2021  Something big happened",
        "    title: Something happened → Something big happened",
        "1 development added, 1 development changed, profile changed",
    ]


def test_json_list_of_changes(pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *map(str, pair), "--json")
    assert code == 1
    changes = json.loads(out)
    assert {tuple(c) for c in changes} == {("op", "kind", "id", "field", "before", "after")}
    assert changes[0] == {"op": "changed", "kind": "profile", "id": None, "field": "name",
                          "before": "Example", "after": "Example Ltd"}
    added = next(c for c in changes if c["op"] == "added")
    assert added["after"]["date"] == "2021-03-04" and added["after"]["approximate"] is True


def test_same_versions_exit_0(pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, _ = pair
    assert run(capsys, str(old), str(old)) == (0, "no changes\n", "")
    code, out, _ = run(capsys, str(old), str(old), "--json")
    assert (code, json.loads(out)) == (0, [])


def test_bad_input_exits_2_with_positioned_problems(
    tmp_path: Path, pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL_DOSSIER.replace("date: 2021-01", "date: 2021-02-30"), encoding="utf-8")
    code, out, err = run(capsys, str(pair[0]), str(bad))
    assert (code, out) == (2, "")
    assert err.startswith(f"{bad}:9:11: error: ")
    code, _, err = run(capsys, str(pair[0]), str(tmp_path / "missing.yaml"))
    assert code == 2 and "missing.yaml:1:1: error: no such file" in err
    code, _, err = run(capsys, str(pair[0]))
    assert code == 2 and "give two files" in err


def test_since_a_git_revision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = init(tmp_path / "team")
    path = root / "acme.yaml"
    path.write_text(MINIMAL_DOSSIER, encoding="utf-8")
    commit(root, "First", at("2021-09-01"), "acme.yaml")
    path.write_text(NEW, encoding="utf-8")
    commit(root, "Second", at("2021-09-02"), "acme.yaml")
    code, out, _ = run(capsys, str(path), "--since", "HEAD~1")
    assert code == 1 and out.splitlines()[-1] == "1 development added, 1 development changed"
    assert run(capsys, str(path), "--since", "HEAD")[0] == 0
    code, _, err = run(capsys, str(path), "--since", "nope")
    assert code == 2 and err == f"{path}:1:1: error: unknown revision 'nope'\n"


def test_since_review_from_the_snapshot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "acme.yaml"
    reviewed = MINIMAL_DOSSIER.replace("company:", "reviewed: 2021-09-22\ncompany:", 1)
    path.write_text(reviewed, encoding="utf-8")
    code, _, err = run(capsys, str(path), "--since-review")
    assert code == 2 and "no version of the file from its review on 22 Sep 2021" in err
    snapshot_reviewed(path, reviewed.encode())
    path.write_text(NEW.replace("company:", "reviewed: 2021-12-01\ncompany:", 1), encoding="utf-8")
    code, _, err = run(capsys, str(path), "--since-review")
    assert code == 2  # reviewed again since: the copy is of another review
    path.write_text(NEW.replace("company:", "reviewed: 2021-09-22\ncompany:", 1), encoding="utf-8")
    code, out, _ = run(capsys, str(path), "--since-review")
    assert code == 1 and out.splitlines()[-1] == "1 development added, 1 development changed"
