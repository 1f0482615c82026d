"""The domain and file layers must work without Qt."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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


def _lint_copy(tmp_path: Path, plant: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run lint-imports on a copy of the package with ``plant`` lines added to some modules."""
    shutil.copytree(
        REPO / "dossier_app", tmp_path / "dossier_app", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    for module, line in plant.items():
        path = tmp_path / module
        path.write_text(path.read_text("utf-8") + f"\n{line}\n", "utf-8")
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run(
        [str(lint), "--no-cache"], cwd=tmp_path, env=env, capture_output=True, text=True
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "plant",
    [
        {"dossier_app/commands/check.py": "import dossier_app.ui.settings"},
        {"dossier_app/domain/model.py": "import yaml"},
        {"dossier_app/ui/widgets/text.py": "from dossier_app.ui.library import panel"},
        {"dossier_app/ui/export/action.py": "from dossier_app.ui.window import main_window"},
        {"dossier_app/ui/editing/saving.py": "from dossier_app.ui.library import model"},
    ],
    ids=["ui-in-commands", "yaml-in-domain", "widgets-up", "export-to-window", "editing-library"],
)
def test_the_contracts_catch_a_planted_import(tmp_path: Path, plant: dict[str, str]) -> None:
    done = _lint_copy(tmp_path, plant)
    assert done.returncode != 0, done.stdout[-2000:]
    assert "BROKEN" in done.stdout


@pytest.mark.slow
def test_the_contracts_hold_on_the_copy_as_it_is(tmp_path: Path) -> None:
    done = _lint_copy(tmp_path, {})
    assert done.returncode == 0, done.stdout[-2000:]
