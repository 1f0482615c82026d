"""The library folder: the one picked with Open Folder is remembered; the command line's is not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from dossier_app.ui.settings import Settings
from dossier_app.ui.window.app import create_window
from dossier_app.ui.window.main_window import DEFAULT_LIBRARY

from ..conftest import REPO
from .viewer_sample import sample_dossier, write

pytestmark = pytest.mark.usefixtures("fresh_settings")


def folder_with_acme(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    write(folder, "acme.yaml", sample_dossier())
    return folder.resolve()


def test_a_folder_on_the_command_line_is_for_that_run_only(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    picked = folder_with_acme(tmp_path, "picked")
    given = folder_with_acme(tmp_path, "given")
    Settings().set_library_folder(picked)

    window = create_window([str(given)])
    qtbot.addWidget(window)
    assert window.library.folder == given
    assert Settings().library_folder() == picked  # not overwritten

    again = create_window([])  # the next run, without a folder
    qtbot.addWidget(again)
    assert again.library.folder == picked

    chosen = folder_with_acme(tmp_path, "chosen")
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: str(chosen))
    )
    again.open_folder_action.trigger()
    assert again.library.folder == chosen
    assert Settings().library_folder() == chosen  # File ▸ Open Folder… is remembered


def test_a_fresh_machine_opens_the_bundled_dossiers(qtbot: QtBot) -> None:
    assert Settings().library_folder() is None
    window = create_window([])
    qtbot.addWidget(window)
    assert window.library.folder == DEFAULT_LIBRARY.resolve()
    assert (DEFAULT_LIBRARY / "alibaba.yaml").is_file()
    assert Settings().library_folder() is None


def test_make_run_passes_no_folder() -> None:
    """`make run` must not override the remembered folder on every start."""
    makefile = (REPO / "Makefile").read_text("utf-8")
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe is not None
    launch = [line for line in recipe.group(1).splitlines() if "dossier-app" in line]
    assert launch == ["\t$(VENV)/bin/dossier-app"]
