"""Fixtures and helpers shared by the window tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier_app.fileio.loader import read_dossier
from dossier_app.ui.document import DossierDocument
from dossier_app.ui.settings import Settings

from .viewer_sample import sample_dossier, write


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    """The test starts with no remembered window, library or recent files, and leaves none."""
    Settings()._s.clear()
    yield
    Settings()._s.clear()


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library folder holding one sample dossier, ``acme.yaml`` (modules may override)."""
    folder = tmp_path / "library"
    folder.mkdir()
    write(folder, "acme.yaml", sample_dossier())
    return folder


def open_doc(path: Path) -> DossierDocument:
    """A document of the dossier at ``path``, as the window opens it."""
    result = read_dossier(path)
    assert result.dossier is not None
    return DossierDocument(result.dossier, path, result.content_hash)
