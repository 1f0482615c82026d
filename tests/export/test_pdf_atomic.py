"""The PDF goes into place through the one atomic writer: synced, the target's mode kept,
the old file intact when the last step fails."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from dossier_app.domain.model import Company, Dossier
from dossier_app.export.pdf import ExportError, export_pdf
from dossier_app.fileio import atomic


def _dossier() -> Dossier:
    return Dossier(company=Company(name="Acme"))


def test_an_exported_pdf_keeps_the_mode_of_the_file_it_replaces(
    qapp: QApplication, tmp_path: Path
) -> None:
    out = tmp_path / "acme.pdf"
    out.write_bytes(b"old")
    os.chmod(out, 0o640)
    export_pdf(_dossier(), out)
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.pdf"]


def test_the_pdf_is_synced_before_it_replaces_the_target(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "acme.pdf"
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append(f"replace {Path(dst).name}")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    monkeypatch.setattr(atomic.os, "replace", replace)
    export_pdf(_dossier(), out)
    assert "replace acme.pdf" in events
    assert events.index("fsync") < events.index("replace acme.pdf")


def test_a_failed_replace_leaves_the_old_pdf_and_no_temporary_file(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "acme.pdf"
    out.write_bytes(b"old")

    def replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(ExportError, match="No space left on device"):
        export_pdf(_dossier(), out)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.pdf"]
