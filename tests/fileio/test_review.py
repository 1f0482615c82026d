"""Since the last review: from git at the review date where there is git, else the snapshot."""

from __future__ import annotations

import copy
import datetime as _dt
import os
from pathlib import Path

import pytest

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Figure, Source
from dossier_app.fileio import review
from dossier_app.fileio.loader import load_dossier, read_dossier
from dossier_app.fileio.review import review_version, since_review, since_review_summary
from dossier_app.fileio.snapshots import snapshot_reviewed
from dossier_app.fileio.writer import dump_dossier

from .gitrepo import at, commit, init


def _reviewed() -> Dossier:
    return Dossier(
        company=Company(name="Acme"),
        reviewed=PartialDate(2021, 9, 22),
        sources=[Source(id="s1", title="One")],
        timeline=[Development(id="d1", date=PartialDate(2021, 1), title="First",
                              sources=["s1"])],
        figures=[Figure(id="f1", label="Revenue", value=5, unit="USD", sources=["s1"])],
    )


def _later(d: Dossier) -> Dossier:
    """Three developments added and a figure changed; the review date moved too."""
    new = copy.deepcopy(d)
    for i in range(3):
        new.timeline.append(Development(id=f"n{i}", date=PartialDate(2022, i + 1),
                                        title=f"New {i}", sources=["s1"]))
    new.figures[0].value = 6
    return new


def _write(path: Path, d: Dossier) -> bytes:
    data = dump_dossier(d).encode()
    path.write_bytes(data)
    return data


def test_since_review_from_the_snapshot_without_git(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    data = _write(path, _reviewed())
    snapshot_reviewed(path, data, root=tmp_path / "snaps")
    _write(path, _later(_reviewed()))
    current = load_dossier(path)
    summary = since_review_summary(path, current, snapshot_root=tmp_path / "snaps")
    assert summary == "Since 22 Sep 2021: 3 developments added, 1 figure changed"
    result = since_review(path, current, snapshot_root=tmp_path / "snaps")
    assert result is not None and result.baseline.origin == "snapshot"
    assert result.diff.ids("development", "added") == {"n0", "n1", "n2"}
    assert result.diff.ids("figure", "changed") == {"f1"}


def test_since_review_from_git_at_the_review_date(tmp_path: Path) -> None:
    root = init(tmp_path / "team")
    path = root / "acme.yaml"
    early = _reviewed()
    early.timeline[0].title = "First, draft"
    _write(path, early)
    commit(root, "Draft", at("2021-09-10"), "acme.yaml")
    _write(path, _reviewed())
    commit(root, "Reviewed", at("2021-09-22", 18), "acme.yaml")
    _write(path, _later(_reviewed()))
    commit(root, "New developments", at("2021-11-02"), "acme.yaml")
    current = _later(_reviewed())
    current.sources[0].title = "One, uncommitted edit"  # the open version, not HEAD
    result = since_review(path, current, snapshot_root=tmp_path / "none")
    assert result is not None
    assert result.baseline.origin == "git"
    assert result.baseline.version is not None
    assert result.baseline.version.subject == "Reviewed"
    assert str(result.baseline.file).startswith(os.environ["XDG_CACHE_HOME"])
    assert sorted(p.name for p in root.iterdir()) == [".git", "acme.yaml"]
    assert result.summary() == (
        "Since 22 Sep 2021: 3 developments added, 1 figure changed, 1 source changed"
    )


def test_nothing_to_compare_with(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    _write(path, _reviewed())
    current = load_dossier(path)
    assert since_review(path, current, snapshot_root=tmp_path / "none") is None
    baseline, reason = review_version(path, _dt.date(2021, 9, 22), tmp_path / "none")
    assert baseline is None
    assert "no version of the file from its review on 22 Sep 2021" in reason
    unreviewed = copy.deepcopy(current)
    unreviewed.reviewed = None
    assert since_review_summary(path, unreviewed, snapshot_root=tmp_path / "none") is None


def test_no_changes_since_review(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    data = _write(path, _reviewed())
    snapshot_reviewed(path, data, root=tmp_path / "snaps")
    summary = since_review_summary(path, load_dossier(path), snapshot_root=tmp_path / "snaps")
    assert summary == "Since 22 Sep 2021: no changes"


def test_the_comparison_is_kept_for_the_next_open_of_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "acme.yaml"
    data = _write(path, _reviewed())
    snapshot_reviewed(path, data, root=tmp_path / "snaps")
    _write(path, _later(_reviewed()))
    loaded = read_dossier(path)
    assert loaded.dossier is not None and loaded.content_hash is not None
    first = since_review(path, loaded.dossier, tmp_path / "snaps", loaded.content_hash)
    assert first is not None

    def no_reading(file: Path) -> None:
        raise AssertionError("the reviewed version was read again")

    monkeypatch.setattr(review, "load_version", no_reading)
    again = since_review(path, loaded.dossier, tmp_path / "snaps", loaded.content_hash)
    assert again is not None and again.diff == first.diff
    # Other bytes (or none given, for unsaved edits) are compared afresh.
    assert since_review(path, loaded.dossier, tmp_path / "snaps") is None
