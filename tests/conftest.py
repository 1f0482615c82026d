"""Test set-up: headless Qt and a private home for settings, data and cache."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Before any QApplication exists: no display is needed, whoever runs the tests.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Settings, recovery files and the parse cache go to a throwaway home, never the user's.
_HOME = Path(tempfile.mkdtemp(prefix="dossier-tests-"))
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(_HOME / _var.lower())

REPO = Path(__file__).resolve().parent.parent
DOSSIERS = REPO / "dossiers"
ALIBABA = DOSSIERS / "alibaba.yaml"

#: The smallest dossier with a source, a development citing it, and no problem at all.
MINIMAL_DOSSIER = """\
format: dossier/1
company:
  name: Example
sources:
  - id: s1
    title: Source one
timeline:
  - id: d1
    date: 2021-01
    title: Something happened
    sources: [s1]
"""

_QT_FIXTURES = {"qtbot", "qapp", "qtmodeltester"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that touches Qt as ``gui`` so ``-m 'not gui'`` runs the pure ones."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & _QT_FIXTURES:
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def alibaba_path() -> Path:
    return ALIBABA
