"""The one folder lister: which files of a folder are dossiers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dossier_app.fileio.folders import is_dossier_name, list_dossier_files


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.yaml", True),
        ("B.YML", True),
        ("c.Yaml", True),
        (".a.yaml", False),
        (".a.yaml.123.tmp", False),
        ("notes.txt", False),
        ("a.yaml~", False),
        ("yaml", False),
    ],
)
def test_dossier_names(name: str, expected: bool) -> None:
    assert is_dossier_name(name) is expected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes and symlinks")
def test_lists_what_can_be_reported_and_skips_folders_and_hidden_files(tmp_path: Path) -> None:
    for name in ("b.yaml", "A.yml", "a.yaml", ".hidden.yaml", "notes.txt", "C.YAML"):
        (tmp_path / name).write_text("format: dossier/1\n", encoding="utf-8")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "to-folder.yaml").symlink_to(tmp_path / "folder.yaml")
    (tmp_path / "broken.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    names = [os.path.basename(p) for p in list_dossier_files(tmp_path)]
    assert names == [
        "a.yaml", "A.yml", "b.yaml", "broken.yaml", "C.YAML", "loop.yaml", "pipe.yaml"
    ]


def test_paths_are_joined_to_the_folder_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "x.yaml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path.parent)
    assert list_dossier_files(tmp_path.name) == [os.path.join(tmp_path.name, "x.yaml")]


def test_a_folder_that_cannot_be_listed_raises(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        list_dossier_files(tmp_path / "missing")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_check_and_format_use_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken link in a folder is reported by both verbs, not skipped."""
    from dossier_app.cli import main

    (tmp_path / "gone.yaml").symlink_to(tmp_path / "moved.yaml")
    (tmp_path / ".swap.yaml").write_text("garbage: [", encoding="utf-8")
    for verb in ("check", "format"):
        assert main([verb, str(tmp_path)]) == 1
        out = capsys.readouterr().out
        gone, moved = tmp_path / "gone.yaml", tmp_path / "moved.yaml"
        assert f"{gone}:1:1: error: broken link → {moved}" in out
        assert ".swap.yaml" not in out
