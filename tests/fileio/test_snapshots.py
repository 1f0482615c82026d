"""Review snapshots: kept in the user data folder keyed by the dossier's path, never beside it."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

import pytest

from dossier_app.fileio import snapshots as snaps
from dossier_app.fileio.snapshots import (
    folder_for,
    review_snapshot,
    snapshot_reviewed,
    snapshots,
    snapshots_root,
)

from ..conftest import MINIMAL_DOSSIER

REVIEWED = MINIMAL_DOSSIER.replace("company:", "reviewed: 2021-09-22\ncompany:", 1)


def test_a_snapshot_is_kept_in_the_data_folder_not_beside_the_dossier(tmp_path: Path) -> None:
    dossier = tmp_path / "library" / "acme.yaml"
    dossier.parent.mkdir()
    dossier.write_text(REVIEWED, encoding="utf-8")
    before = sorted(os.listdir(dossier.parent))
    snap = snapshot_reviewed(dossier, REVIEWED.encode())
    assert sorted(os.listdir(dossier.parent)) == before
    assert snap.file.is_relative_to(snapshots_root())
    assert str(snapshots_root()).startswith(os.environ["XDG_DATA_HOME"])
    assert snap.read() == REVIEWED.encode()
    assert snap.reviewed == _dt.date(2021, 9, 22)  # read from the bytes
    assert snapshots(dossier) == [snap]
    assert review_snapshot(dossier, _dt.date(2021, 9, 22)) == snap
    assert review_snapshot(dossier, _dt.date(2021, 9, 23)) is None
    path_note = (folder_for(dossier) / "path.txt").read_text(encoding="utf-8")
    assert path_note.strip() == os.path.realpath(dossier)


def test_keyed_by_path_newest_first_and_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snaps, "MAX_SNAPSHOTS", 3)
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    kept = [snapshot_reviewed(a, f"v{i}".encode(), _dt.date(2021, 1, i + 1), root=tmp_path / "s")
            for i in range(5)]
    snapshot_reviewed(b, b"other", _dt.date(2021, 1, 1), root=tmp_path / "s")
    listed = snapshots(a, root=tmp_path / "s")
    assert [s.read() for s in listed] == [b"v4", b"v3", b"v2"]
    assert not kept[0].file.exists()
    assert [s.read() for s in snapshots(b, root=tmp_path / "s")] == [b"other"]
    assert snapshots(tmp_path / "never.yaml", root=tmp_path / "s") == []
