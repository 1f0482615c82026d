"""The domain and file layers must work without Qt."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import REPO

PURE_MODULES = [
    "dossier_app.domain",
    "dossier_app.domain.dates",
    "dossier_app.domain.model",
    "dossier_app.fileio",
    "dossier_app.fileio.loader",
    "dossier_app.fileio.writer",
    "dossier_app.commands.check",
    "dossier_app.commands.format",
]


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_layers_do_not_import_qt(module: str) -> None:
    code = (
        f"import importlib, sys; importlib.import_module({module!r}); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')); "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, f"{module} pulled in Qt: {proc.stdout}{proc.stderr}"
