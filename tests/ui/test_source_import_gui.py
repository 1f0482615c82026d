"""Importing a saved article in the window: File ▸ Import Source…, the form, undo, drops."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from dossier_app.fileio.archive import sha256_of_file
from dossier_app.fileio.loader import load_dossier
from dossier_app.fileio.writer import save_dossier
from dossier_app.ui.editing.controller import EditController, install_edit_controller
from dossier_app.ui.editing.forms.source_form import SourceForm
from dossier_app.ui.editing.importing import SourceImporter
from dossier_app.ui.window.main_window import MainWindow

from ..conftest import ALIBABA
from ..fileio.test_article import news_page
from .fake_asker import FakeAsker

pytestmark = pytest.mark.usefixtures("fresh_settings")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    save_dossier(load_dossier(ALIBABA), folder / "alibaba.yaml")
    return folder


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "saved" / "reuters-review.html"
    path.parent.mkdir()
    path.write_text(news_page(), encoding="utf-8")
    return path


class Window:
    def __init__(self, qtbot: QtBot, library: Path, recovery: Path) -> None:
        self.window = MainWindow(library_folder=library)
        qtbot.addWidget(self.window)
        self.asker = FakeAsker(defaults={"ask_save_discard_cancel": "discard"})
        self.controller: EditController = install_edit_controller(
            self.window, self.asker, recovery
        )
        self.window.show()
        doc = self.window.open_path(library / "alibaba.yaml")
        assert doc is not None
        self.doc = doc
        self.importer: SourceImporter = self.controller.importer  # type: ignore[attr-defined]


@pytest.fixture
def win(qtbot: QtBot, library: Path, tmp_path: Path) -> Iterator[Window]:
    yield Window(qtbot, library, tmp_path / "recovery")


def wait_form(qtbot: QtBot, win: Window) -> SourceForm:
    qtbot.waitUntil(lambda: isinstance(win.controller.form, SourceForm), timeout=20000)
    form = win.controller.form
    assert isinstance(form, SourceForm)
    return form


def test_import_through_the_menu_prefills_confirms_and_undoes(
    qtbot: QtBot, win: Window, page: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(page), ""))
    )
    assert win.importer.action in win.window.file_menu.actions()
    before = len(win.doc.dossier.sources)
    win.importer.action.trigger()
    form = wait_form(qtbot, win)
    assert form.windowTitle() == "Import Source"
    # What the page says about itself, for the analyst to check.
    assert form.title_edit.text() == "US reviews Alibaba cloud <unit>"
    assert form.publisher_edit.text() == "Reuters"
    assert form.author_edit.text() == "Echo Wang"
    assert form.published_edit.text() == "2021-01-18"
    assert form.url_edit.text().startswith("https://www.reuters.com/technology/")
    assert form.id_edit.text() == "reuters-us-reviews-alibaba-cloud"
    note = form.findChild(QLabel, "importNote")
    assert note is not None and "reuters-review.html" in note.text()
    assert "Not found" not in note.text()
    folder = library / "alibaba.sources"
    assert not folder.exists()  # nothing written before OK

    form.reliability.set_value("B")
    with qtbot.waitSignal(win.importer.finished) as done:
        form.ok_button.click()
    sid = done.args[0]
    assert sid == "reuters-us-reviews-alibaba-cloud"
    source = win.doc.dossier.source(sid)
    assert source is not None and len(win.doc.dossier.sources) == before + 1
    assert source.reliability == "B"
    assert source.archived == f"alibaba.sources/{sid}.html"
    copy = folder / f"{sid}.html"
    assert copy.read_bytes() == page.read_bytes()
    assert source.sha256 == sha256_of_file(copy)
    assert "stores U.S. clients' data" in (folder / f"{sid}.txt").read_text("utf-8")
    assert win.doc.undo_stack.count() == 1  # one edit

    win.doc.undo_stack.undo()  # never saved: the copies go with the source
    assert win.doc.dossier.source(sid) is None
    assert not copy.exists() and not folder.exists()
    win.doc.undo_stack.redo()  # and come back with it
    assert win.doc.dossier.source(sid) is not None
    assert copy.read_bytes() == page.read_bytes()

    assert win.controller.save()
    win.doc.undo_stack.undo()  # the saved file needs the copy: it stays
    assert copy.exists()
    assert f"alibaba.sources/{sid}.html" in (library / "alibaba.yaml").read_text("utf-8")


def test_cancel_writes_nothing_and_missing_fields_are_named(
    qtbot: QtBot, win: Window, tmp_path: Path, library: Path
) -> None:
    bare = tmp_path / "bare.txt"
    bare.write_text("Notes from a call\n\nThe review is wider than reported.\n", "utf-8")
    assert win.importer.start(bare)
    form = wait_form(qtbot, win)
    note = form.findChild(QLabel, "importNote")
    assert note is not None
    assert "Not found: author, publisher (site name), published date, canonical URL" in note.text()
    assert "Not found in bare.txt: author" in win.window.messages.current()
    assert form.title_edit.text() == "Notes from a call"
    with qtbot.waitSignal(win.importer.finished) as done:
        form.reject()
    assert done.args == [None]
    assert not (library / "alibaba.sources").exists()
    assert win.doc.undo_stack.count() == 0


def test_markup_in_a_page_is_text_in_the_form(qtbot: QtBot, win: Window, page: Path) -> None:
    win.importer.start(page)
    form = wait_form(qtbot, win)
    assert "<unit>" in form.title_edit.text()  # the entity became text, shown as typed
    form.reject()


_KEEP: list[QMimeData] = []  # an event does not own its data


def drop(win: Window, widget: QObject, paths: list[Path]) -> bool:
    """Drop files on ``widget`` (through the filter the importer installed on it: Qt
    delivers a drop only during a real drag); True when it took them."""
    mime = QMimeData()
    _KEEP.append(mime)
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    event.setAccepted(False)
    taken = win.importer.eventFilter(widget, event)
    return taken and event.isAccepted()


def test_dropping_an_article_on_the_dossier_imports_it(
    qtbot: QtBot, win: Window, page: Path
) -> None:
    view = win.window.current_view()
    assert view is not None and view.acceptDrops()
    assert drop(win, view, [page])
    form = wait_form(qtbot, win)
    assert form.publisher_edit.text() == "Reuters"
    form.reject()


def test_a_dropped_dossier_is_left_to_the_window(qtbot: QtBot, win: Window) -> None:
    view = win.window.current_view()
    assert view is not None
    assert not drop(win, view, [ALIBABA])  # the window opens it, as before
    assert win.controller.form is None


def test_sources_pane_shows_the_archived_text_finds_it_and_opens_the_file(
    qtbot: QtBot, win: Window, page: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def fake_open(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    win.importer.start(page)
    form = wait_form(qtbot, win)
    with qtbot.waitSignal(win.importer.finished) as done:
        form.ok_button.click()
    sid = done.args[0]
    view = win.window.current_view()
    assert view is not None
    tab = view.sources_tab
    assert tab.selected_source() is not None and tab.selected_source().id == sid
    text = tab.detail.findChild(QPlainTextEdit, "archivedText")
    assert text is not None and text.isReadOnly()
    assert "stores U.S. clients' data" in text.toPlainText()
    assert "<b>bold</b>" in text.toPlainText()  # literally: a plain-text view

    # A word only the archived text holds finds the source, and is marked.
    qtbot.keyClicks(tab.filter_edit, "fraction")
    assert tab.model.visible_count() == 1
    assert tab.table.current_item() is not None
    shown = tab.detail.findChild(QPlainTextEdit, "archivedText")
    assert shown is not None and len(shown.extraSelections()) == 1
    tab.filter_edit.setText("nowhere-to-be-found")
    assert tab.model.visible_count() == 0
    tab.filter_edit.clear()
    tab.select_source(sid)

    button = tab.detail.findChild(QPushButton, "openArchivedFileButton")
    assert button is not None and button.isEnabled()
    button.click()
    assert opened == [str(library / "alibaba.sources" / f"{sid}.html")]


def test_a_missing_archived_copy_cannot_be_opened(qtbot: QtBot, win: Window) -> None:
    source = win.doc.dossier.sources[0]
    source.archived = "alibaba.sources/gone.html"
    view = win.window.current_view()
    assert view is not None
    view.sources_tab.select_source(source.id)
    button = view.sources_tab.detail.findChild(QPushButton, "openArchivedFileButton")
    assert button is not None and not button.isEnabled()
    assert view.sources_tab.detail.findChild(QPlainTextEdit, "archivedText") is None
