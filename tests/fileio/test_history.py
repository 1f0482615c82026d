"""History from git through dulwich: commits touching a file, renames, bytes at a commit."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from dossier_app.fileio.history import (
    HistoryError,
    file_history,
    read_at,
    read_version,
    tracked,
    version_at_date,
)

from ..conftest import MINIMAL_DOSSIER
from .gitrepo import at, commit, init, rename

V1 = MINIMAL_DOSSIER
V2 = MINIMAL_DOSSIER.replace("Something happened", "Something else happened")
V3 = V2.replace("name: Example", "name: Example Ltd")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = init(tmp_path / "team")
    (root / "dossiers").mkdir()
    (root / "dossiers" / "old.yaml").write_text(V1, encoding="utf-8")
    (root / "notes.txt").write_text("unrelated", encoding="utf-8")
    commit(root, "Add the dossier", at("2021-09-01"), "dossiers/old.yaml", "notes.txt")
    (root / "dossiers" / "old.yaml").write_text(V2, encoding="utf-8")
    commit(root, "Retitle d1\n\nWith a body.", at("2021-09-20"), "dossiers/old.yaml")
    (root / "notes.txt").write_text("unrelated, changed", encoding="utf-8")
    commit(root, "Notes only", at("2021-09-25"), "notes.txt")
    rename(root, "dossiers/old.yaml", "dossiers/acme.yaml")
    commit(root, "Rename the dossier", at("2021-10-01"), "dossiers/acme.yaml")
    (root / "dossiers" / "acme.yaml").write_text(V3, encoding="utf-8")
    commit(root, "Company name", at("2021-10-05"), "dossiers/acme.yaml")
    return root


def test_commits_touching_the_file_newest_first_across_a_rename(repo: Path) -> None:
    path = repo / "dossiers" / "acme.yaml"
    history = file_history(path)
    assert [v.subject for v in history] == [
        "Company name", "Rename the dossier", "Retitle d1", "Add the dossier",
    ]
    assert [v.path for v in history] == [
        "dossiers/acme.yaml", "dossiers/acme.yaml", "dossiers/old.yaml", "dossiers/old.yaml",
    ]
    assert {v.author for v in history} == {"Ann Analyst <ann@example.org>"}
    assert history[2].message == "Retitle d1\n\nWith a body."
    assert history[0].committed == at("2021-10-05")
    assert read_version(path, history[-1]) == V1.encode()
    assert read_version(path, history[2]) == V2.encode()
    assert file_history(path, limit=1) == history[:1]


def test_bytes_at_a_revision(repo: Path) -> None:
    path = repo / "dossiers" / "acme.yaml"
    version, data = read_at(path, "HEAD")
    assert data == V3.encode() and version.subject == "Company name"
    assert read_at(path, "HEAD~1")[1] == V2.encode()
    # Before the rename the file had another name: found through the history.
    assert read_at(path, "HEAD~3")[1] == V2.encode()
    assert read_at(path, "HEAD~4")[1] == V1.encode()
    with pytest.raises(HistoryError, match="unknown revision"):
        read_at(path, "no-such-branch")


def test_version_at_a_date(repo: Path) -> None:
    path = repo / "dossiers" / "acme.yaml"
    found = version_at_date(path, _dt.date(2021, 9, 22))
    assert found is not None
    version, data = found
    assert (version.subject, data) == ("Retitle d1", V2.encode())
    found = version_at_date(path, _dt.date(2021, 9, 20))  # a commit at noon of that day counts
    assert found is not None and found[0].subject == "Retitle d1"
    assert version_at_date(path, _dt.date(2021, 8, 31)) is None


def test_a_file_outside_git_has_no_history(tmp_path: Path) -> None:
    path = tmp_path / "loose.yaml"
    path.write_text(V1, encoding="utf-8")
    assert tracked(path) is None
    assert file_history(path) == []
    assert version_at_date(path, _dt.date(2030, 1, 1)) is None
    with pytest.raises(HistoryError, match="not in a git work tree"):
        read_at(path, "HEAD")


def test_an_uncommitted_file_in_a_fresh_repository(tmp_path: Path) -> None:
    root = init(tmp_path / "fresh")
    path = root / "new.yaml"
    path.write_text(V1, encoding="utf-8")
    where = tracked(path)
    assert where is not None and where.path == "new.yaml"
    assert file_history(path) == []


def test_outside_git_dulwich_is_not_even_imported(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "loose.yaml"
    path.write_text(V1, encoding="utf-8")
    code = (
        "import sys, datetime\n"
        "from dossier_app.fileio.history import file_history, version_at_date\n"
        f"assert file_history({str(path)!r}) == []\n"
        f"assert version_at_date({str(path)!r}, datetime.date(2030, 1, 1)) is None\n"
        "assert 'dulwich' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
