"""The GUI on a library of hostile files: each is listed with its error, opening it says why,
and the app keeps running. Nothing runs, nothing is written.

Messages are the app's own non-blocking message boxes (``open()``, never
``exec()``): the test reads and closes them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.adversarial.conftest import (
    Corpus,
    FifoWatch,
    all_case_names,
    build_corpus,
    case_named,
    snapshot,
)
from tests.adversarial.gui_helpers import (
    close_message_boxes,
    fresh_window,
    message_boxes,
)
from tests.conftest import ALIBABA


@pytest.fixture(scope="module")
def gui_corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The corpus minus what would hurt the test process itself (/dev/zero: endless RAM)."""
    root = tmp_path_factory.mktemp("adversarial-gui")
    corpus = build_corpus(root / "library", root / "markers")
    for case in [c for c in corpus.cases if not c.in_process]:
        corpus.path(case).unlink()
        corpus.cases.remove(case)
    return corpus


@pytest.fixture
def watch(gui_corpus: Corpus) -> Iterator[FifoWatch]:
    fifos = [gui_corpus.path(c) for c in gui_corpus.cases if gui_corpus.path(c).is_fifo()]
    with FifoWatch(fifos) as w:
        yield w


def _listed(gui_corpus: Corpus) -> list[Path]:
    """Corpus entries a library lists: every *.yaml that is not a folder."""
    return [gui_corpus.path(c) for c in gui_corpus.cases
            if not os.path.isdir(gui_corpus.path(c))]


def _rows(window: object) -> dict[str, tuple[str, str]]:
    """File label -> (status text, tooltip) as the library table shows them."""
    model = window.library.model  # type: ignore[attr-defined]
    rows = {}
    for row in range(model.rowCount()):
        name = model.index(row, 0).data(Qt.ItemDataRole.DisplayRole)
        status = model.index(row, 1).data(Qt.ItemDataRole.DisplayRole)
        tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) or ""
        rows[str(name)] = (str(status), str(tip))
    return rows


def _regular_only(gui_corpus: Corpus, folder: Path) -> list[Path]:
    """Hard links to the corpus's regular files in a folder of their own."""
    folder.mkdir()
    paths = []
    for path in _listed(gui_corpus):
        if path.is_file() and not path.is_symlink():
            os.link(path, folder / path.name)
            paths.append(folder / path.name)
    return paths


@pytest.mark.parametrize("special", [False, True], ids=["regular-files", "with-special-files"])
def test_library_lists_every_hostile_file_with_its_error(
    qtbot: QtBot, gui_corpus: Corpus, watch: FifoWatch, tmp_path: Path, special: bool
) -> None:
    """Special files (symlink loop, dangling link, FIFO) must not hide the others."""
    if special:
        folder, paths = gui_corpus.folder, _listed(gui_corpus)
    else:
        folder = tmp_path / "regular"
        paths = _regular_only(gui_corpus, folder)
    before = snapshot(folder)
    window = fresh_window(qtbot, folder)
    assert not watch.opened, "the library opened a FIFO: the window would freeze forever"
    rows = _rows(window)
    missing = [p.name for p in paths if p.name not in rows]
    assert not missing, f"not listed: {missing}; listed: {sorted(rows)}"
    for path in paths:
        status, tip = rows[path.name]
        assert status.startswith("Line "), (path.name, status)
        assert "cannot be opened" in tip, (path.name, tip)
    assert window.isVisible()
    assert snapshot(folder) == before
    assert os.listdir(gui_corpus.marker_dir) == []


def _gui_names() -> list[str]:
    return [n for n in all_case_names() if n not in ("dev-zero.yaml", "folder.yaml")]


@pytest.mark.parametrize("name", _gui_names())
def test_opening_a_hostile_file_says_why_and_the_app_survives(
    qtbot: QtBot, gui_corpus: Corpus, watch: FifoWatch, tmp_path: Path, name: str
) -> None:
    path = gui_corpus.path(case_named(gui_corpus, name))
    before = snapshot(gui_corpus.folder)
    empty = tmp_path / "empty-library"
    empty.mkdir()
    window = fresh_window(qtbot, empty)
    close_message_boxes()
    assert window.open_path(path) is None
    assert not watch.opened, "opening a FIFO froze the window until the test unblocked it"
    boxes = message_boxes()
    assert len(boxes) == 1, [b.text() for b in boxes]
    box = boxes[0]
    # A symlink may be named by its target: open_path resolves it.
    names = (path.name, Path(os.path.realpath(path)).name)
    assert any(n in box.windowTitle() + box.text() for n in names), box.text()
    assert "Line " in box.text(), box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    for label in box.findChildren(QLabel):
        if label.text():  # the icon's label holds a picture, no text
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert box.windowModality() != Qt.WindowModality.ApplicationModal
    assert any(n in window.statusBar().currentMessage() for n in names)
    assert window.dossier_tabs.count() == 0
    close_message_boxes()
    # Still alive and working: a good dossier opens in the same window.
    shutil.copyfile(ALIBABA, empty / "alibaba.yaml")
    document = window.open_path(empty / "alibaba.yaml")
    assert document is not None and window.dossier_tabs.count() == 1
    assert window.isVisible()
    assert snapshot(gui_corpus.folder) == before
    assert os.listdir(gui_corpus.marker_dir) == []
