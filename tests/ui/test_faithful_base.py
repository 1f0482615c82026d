"""Save over a faithful-save base prepared off the GUI thread, and comments a save drops
are told to the user."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dossier_app.fileio import faithful
from dossier_app.fileio.faithful import FaithfulBase
from dossier_app.fileio.loader import load_dossier
from dossier_app.fileio.writer import save_dossier
from dossier_app.ui.document import DossierDocument
from dossier_app.ui.editing import commands as cmd
from dossier_app.ui.editing.controller import EditController, install_edit_controller
from dossier_app.ui.editing.saving import Saver, saved_text
from dossier_app.ui.window.main_window import MainWindow

from ..conftest import ALIBABA
from .conftest import open_doc as open_plain
from .fake_asker import FakeAsker

COMMENTED = (
    b"format: dossier/1\ncompany:\n  name: X\nsources:\n- id: s\n  title: S\n"
    b"timeline:\n- id: d\n  date: 2021\n  title: T  # keep me\n  tags: [a,  # first\n"
    b"    # inner\n    b]\n  sources: [s]\n"
)


@pytest.fixture
def dossier_path(tmp_path: Path) -> Path:
    path = tmp_path / "alibaba.yaml"
    save_dossier(load_dossier(ALIBABA), path)
    return path


@pytest.fixture
def prepared(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bytes]]:
    """The bytes ``FaithfulBase.prepare`` is called for, in order."""
    calls: list[bytes] = []
    real = FaithfulBase.prepare.__func__  # type: ignore[attr-defined]

    def prepare(cls: type[FaithfulBase], original: bytes, checked: bool = False) -> object:
        calls.append(original)
        return real(cls, original, checked)

    monkeypatch.setattr(faithful.FaithfulBase, "prepare", classmethod(prepare))
    yield calls


def _retitle(doc: DossierDocument, title: str) -> None:
    dev = doc.dossier.timeline[0]
    doc.undo_stack.push(cmd.EditDevelopment(doc, dev.id, dataclasses.replace(dev, title=title)))


def open_doc(path: Path) -> DossierDocument:
    """A document as the window opens it: with the bytes it was read from."""
    doc = open_plain(path)
    doc.original = path.read_bytes()
    return doc


def test_a_save_over_a_prepared_base_does_not_parse_the_file_again(
    qtbot: QtBot, dossier_path: Path, prepared: list[bytes]
) -> None:
    doc = open_doc(dossier_path)
    saver = Saver(FakeAsker())
    saver.bases.want(doc)
    assert saver.bases.pending()
    assert not saver.bases.build_next()
    assert saver.bases.is_ready(doc) and len(prepared) == 1
    before = dossier_path.read_bytes().splitlines()
    _retitle(doc, "A new title")
    assert saver.save(doc)
    assert len(prepared) == 1  # the save used the base
    after = dossier_path.read_bytes().splitlines()
    assert len(after) == len(before)
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1
    # The next save's base is wanted for the bytes just written.
    assert doc.original == dossier_path.read_bytes()
    assert not saver.bases.is_ready(doc) and saver.bases.pending()
    saver.bases.build_next()
    assert prepared[-1] is doc.original
    _retitle(doc, "Another title")
    assert saver.save(doc)
    assert len(prepared) == 2
    assert load_dossier(dossier_path).timeline[0].title == "Another title"


def test_a_base_for_old_bytes_is_not_used(qtbot: QtBot, dossier_path: Path) -> None:
    doc = open_doc(dossier_path)
    saver = Saver(FakeAsker())
    saver.bases.want(doc)
    saver.bases.build_next()
    assert isinstance(saver.bases.original_for(doc), FaithfulBase)
    doc.original = COMMENTED  # as after a reload
    assert not saver.bases.is_ready(doc)
    assert saver.bases.original_for(doc) is COMMENTED


def test_the_window_prepares_the_base_after_opening(
    qtbot: QtBot, dossier_path: Path, tmp_path: Path, prepared: list[bytes]
) -> None:
    window = MainWindow(library_folder=tmp_path)
    qtbot.addWidget(window)
    asker = FakeAsker(defaults={"ask_save_discard_cancel": "discard"})
    controller: EditController = install_edit_controller(window, asker, tmp_path / "rec")
    window.show()
    doc = window.open_path(dossier_path)
    assert doc is not None
    qtbot.waitUntil(lambda: controller.saver.bases.is_ready(doc), timeout=10_000)
    assert prepared == [doc.original]


def test_comments_a_save_cannot_keep_are_told(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(COMMENTED)
    doc = open_doc(path)
    saver = Saver(FakeAsker())
    dev = doc.dossier.timeline[0]
    doc.undo_stack.push(cmd.EditDevelopment(doc, dev.id, dataclasses.replace(dev, tags=["a", "c"])))
    assert saver.save(doc)
    assert saver.last_dropped == [12]
    assert "# keep me" in path.read_text(encoding="utf-8")
    assert saved_text("x.yaml", saver.last_dropped) == (
        "Saved x.yaml; 1 comment could not be kept with the edited item "
        "(line 12 of the file before the save)"
    )
    assert saved_text("x.yaml", []) == "Saved x.yaml"


def test_the_status_bar_tells_of_dropped_comments(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(COMMENTED)
    window = MainWindow(library_folder=tmp_path)
    qtbot.addWidget(window)
    asker = FakeAsker(defaults={"ask_save_discard_cancel": "discard"})
    controller = install_edit_controller(window, asker, tmp_path / "rec")
    window.show()
    doc = window.open_path(path)
    assert doc is not None
    dev = doc.dossier.timeline[0]
    doc.undo_stack.push(cmd.EditDevelopment(doc, dev.id, dataclasses.replace(dev, tags=["a"])))
    assert controller.save()
    assert "1 comment could not be kept" in window.statusBar().currentMessage()
