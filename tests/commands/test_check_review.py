"""``dossier-app check`` on a folder counts the dossiers due for review; the pool of
workers that checks many files gives the same output as one file after another."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dossier_app.commands.check import run_check
from dossier_app.fileio import batch

from ..conftest import MINIMAL_DOSSIER

TODAY = dt.date(2026, 12, 3)
#: Two independent sources behind the development: no corroboration warning.
DOSSIER = MINIMAL_DOSSIER.replace(
    "    title: Source one\n", "    title: Source one\n  - id: s2\n    title: Source two\n"
).replace("[s1]", "[s1, s2]")


def _write(folder: Path, name: str, reviewed: str | None) -> None:
    text = DOSSIER
    if reviewed:
        text = text.replace("sources:", f"reviewed: {reviewed}\nsources:", 1)
    (folder / name).write_text(text, encoding="utf-8")


def test_folder_summary_counts_due_dossiers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, "fresh.yaml", "2026-11-30")
    _write(tmp_path, "edge.yaml", "2026-09-04")  # 90 days: not yet due
    _write(tmp_path, "old.yaml", "2026-09-03")  # 91 days
    _write(tmp_path, "never.yaml", None)
    (tmp_path / "broken.yaml").write_text("format: [", encoding="utf-8")  # not counted
    assert run_check([str(tmp_path)], today=TODAY) == 1
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == "checked 5 files: 1 error, 0 warnings; 2 of 4 dossiers due for review"


def test_files_alone_keep_the_plain_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, "never.yaml", None)
    assert run_check([str(tmp_path / "never.yaml")], today=TODAY) == 0
    assert capsys.readouterr().out.splitlines() == ["checked 1 file: no problems"]


def test_workers_give_the_same_output_in_the_same_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(40):
        text = DOSSIER if i % 3 else DOSSIER.replace("[s1, s2]", "[s9]")
        (tmp_path / f"d{i:02d}.yaml").write_text(text + f"note{i}: x\n", encoding="utf-8")
    monkeypatch.setattr(batch, "_workers", lambda files: 1)
    assert run_check([str(tmp_path)], today=TODAY) == 1
    serial = capsys.readouterr().out
    monkeypatch.setattr(batch, "_workers", lambda files: 2)
    assert run_check([str(tmp_path)], today=TODAY) == 1
    pooled = capsys.readouterr().out
    assert pooled == serial
    assert serial.splitlines()[-1].startswith("checked 40 files: 14 errors, 68 warnings")


def test_a_pool_that_cannot_start_falls_back_to_one_by_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(20):
        _write(tmp_path, f"d{i:02d}.yaml", "2026-11-30")
    monkeypatch.setattr(batch, "_workers", lambda files: 2)
    monkeypatch.setattr(batch, "_pool", lambda workers: None)
    assert run_check([str(tmp_path)], today=TODAY) == 0
    assert capsys.readouterr().out.splitlines() == [
        "checked 20 files: no problems; 0 of 20 dossiers due for review"
    ]


def test_read_without_building_runs_every_check(tmp_path: Path) -> None:
    from dossier_app.domain.dates import PartialDate
    from dossier_app.fileio.loader import read_dossier

    _write(tmp_path, "a.yaml", "2026-11-30")
    (tmp_path / "b.yaml").write_text(DOSSIER.replace("[s1, s2]", "[s9]"), encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):
        full = read_dossier(tmp_path / name)
        light = read_dossier(tmp_path / name, build=False)
        assert light.dossier is None
        assert light.problems == full.problems
        assert light.reviewed == full.reviewed
    assert read_dossier(tmp_path / "a.yaml", build=False).reviewed == PartialDate(2026, 11, 30)
    assert read_dossier(tmp_path / "b.yaml").errors
