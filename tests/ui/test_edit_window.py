"""Editing in the main window, as a user does it: toolbar, forms, undo, save, close."""

from __future__ import annotations

import difflib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from dossier_app.commands.check import run_check
from dossier_app.fileio import atomic
from dossier_app.fileio.loader import load_dossier, read_dossier
from dossier_app.fileio.writer import save_dossier
from dossier_app.ui.document import DossierDocument
from dossier_app.ui.dossier.view import DossierView
from dossier_app.ui.editing.commands import DeleteDevelopment
from dossier_app.ui.editing.controller import EditController, install_edit_controller
from dossier_app.ui.editing.forms.development_form import DevelopmentForm
from dossier_app.ui.window.main_window import MainWindow

from ..conftest import ALIBABA
from .fake_asker import FakeAsker


class Editor:
    """A main window with editing installed, a scripted asker and one open dossier."""

    def __init__(self, qtbot: QtBot, library: Path, recovery: Path, asker: FakeAsker) -> None:
        self.qtbot = qtbot
        self.window = MainWindow(library_folder=library)
        qtbot.addWidget(self.window)
        self.asker = asker
        self.controller: EditController = install_edit_controller(self.window, asker, recovery)
        self.window.show()

    def open(self, path: Path) -> tuple[DossierDocument, DossierView]:
        doc = self.window.open_path(path)
        assert doc is not None
        view = self.window.current_view()
        assert view is not None
        return doc, view


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    # Canonical form first, as `dossier-app format` leaves a file: a save then changes
    # only what was edited.
    save_dossier(load_dossier(ALIBABA), folder / "alibaba.yaml")
    return folder


@pytest.fixture
def editor(qtbot: QtBot, library: Path, tmp_path: Path) -> Iterator[Editor]:
    # qtbot closes the window after the test: that discards whatever a test left unsaved.
    asker = FakeAsker(defaults={"ask_save_discard_cancel": "discard"})
    yield Editor(qtbot, library, tmp_path / "recovery", asker)


def fill_development(qtbot: QtBot, form: DevelopmentForm) -> None:
    qtbot.keyClicks(form.date_edit, "2021-09-21")
    qtbot.keyClicks(form.title_edit, "Commerce Department widens the review")
    qtbot.keyClicks(form.summary_edit, "Officials asked for data-centre records.")
    qtbot.keyClicks(form.tags_edit, "regulation")
    form.credibility.set_value(3)


def test_add_development_with_new_source_undo_redo_save(
    qtbot: QtBot, editor: Editor, library: Path
) -> None:
    path = library / "alibaba.yaml"
    original = path.read_text("utf-8")
    doc, view = editor.open(path)
    window, controller = editor.window, editor.controller
    assert controller.add_development_action.isEnabled()

    controller.add_development_action.trigger()
    form = controller.form
    assert isinstance(form, DevelopmentForm) and form.isVisible()
    fill_development(qtbot, form)
    qtbot.mouseClick(form.picker.new_button, Qt.MouseButton.LeftButton)
    source_form = form.source_form
    assert source_form is not None
    qtbot.keyClicks(source_form.title_edit, "Reuters: US widens Alibaba cloud probe")
    qtbot.keyClicks(source_form.publisher_edit, "Reuters")
    source_form.accessed_edit.setText("2021-09-22")
    qtbot.mouseClick(source_form.ok_button, Qt.MouseButton.LeftButton)
    assert form.picker.selected() == ["reuters-us-widens-alibaba-cloud-probe"]
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert controller.form is None

    # In the table, in its chronological place, and selected.
    shown = [d.id for d in view.timeline_tab.visible_developments()]
    new_id = "commerce-department-widens-the-review"
    assert shown.index(new_id) == shown.index("biden-formal-review") + 1  # Jan 2021 < 21 Sep 2021
    assert view.timeline_tab.selected_development() is not None
    assert view.timeline_tab.selected_development().id == new_id  # type: ignore[union-attr]
    assert window.windowTitle() == "Alibaba * — Dossier"
    assert window.dossier_tabs.tabText(0) == "Alibaba *"
    assert controller.undo_action.text() == (
        "&Undo Add development 'Commerce Department widens the review'"
    )

    # One undo removes the development and the new source; redo brings both back.
    controller.undo_action.trigger()
    assert doc.dossier.development(new_id) is None
    assert doc.dossier.source("reuters-us-widens-alibaba-cloud-probe") is None
    assert new_id not in [d.id for d in view.timeline_tab.visible_developments()]
    assert window.windowTitle() == "Alibaba — Dossier"
    controller.redo_action.trigger()
    assert doc.dossier.development(new_id) is not None
    assert new_id in [d.id for d in view.timeline_tab.visible_developments()]

    controller.save_action.trigger()
    assert editor.asker.calls == []
    assert window.windowTitle() == "Alibaba — Dossier"
    result = read_dossier(path)
    assert result.errors == [] and result.dossier is not None
    assert result.dossier.development(new_id) is not None
    assert run_check([str(path)]) == 0
    changed = [
        line
        for line in difflib.unified_diff(
            original.splitlines(), path.read_text("utf-8").splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert all(line.startswith("+") for line in changed)  # nothing else in the file changed
    assert [line[1:].strip() for line in changed] == [
        "- id: reuters-us-widens-alibaba-cloud-probe",
        "title: 'Reuters: US widens Alibaba cloud probe'",
        "publisher: Reuters",
        "accessed: 2021-09-22",
        f"- id: {new_id}",
        "date: 2021-09-21",
        "title: Commerce Department widens the review",
        "summary: Officials asked for data-centre records.",
        "tags: [regulation]",
        "sources: [reuters-us-widens-alibaba-cloud-probe]",
        "credibility: 3",
    ]


def select_tab(view: DossierView, tab: object) -> None:
    view.tabs.setCurrentWidget(tab)  # type: ignore[arg-type]
    QCoreApplication.processEvents()  # as after a click: the actions follow the tab shown


def test_delete_cited_source_asks_and_removes_references(
    qtbot: QtBot, editor: Editor, library: Path
) -> None:
    doc, view = editor.open(library / "alibaba.yaml")
    controller = editor.controller
    before = (list(doc.dossier.sources), list(doc.dossier.timeline), list(doc.dossier.figures))
    devs, figs = doc.dossier.citing("thehill-alibaba-review")
    select_tab(view, view.sources_tab)
    assert view.sources_tab.select_source("thehill-alibaba-review")
    qtbot.waitUntil(controller.delete_action.isEnabled)

    editor.asker.answers["ask_remove_references"] = ["cancel", "remove"]
    controller.delete_action.trigger()
    assert doc.dossier.source("thehill-alibaba-review") is not None  # cancelled
    controller.delete_action.trigger()
    [first, _second] = editor.asker.asked("ask_remove_references")
    source, asked_devs, asked_figs = first
    assert source.id == "thehill-alibaba-review"
    assert [d.id for d in asked_devs] == [d.id for d in devs]
    assert [f.id for f in asked_figs] == [f.id for f in figs]
    assert doc.dossier.source("thehill-alibaba-review") is None
    assert doc.dossier.citing("thehill-alibaba-review") == ([], [])
    assert view.sources_tab.table.model().rowCount() == len(before[0]) - 1

    controller.undo_action.trigger()
    assert (doc.dossier.sources, doc.dossier.timeline, doc.dossier.figures) == before
    assert not doc.is_modified


def test_delete_key_in_the_timeline_deletes_and_undo_restores(
    qtbot: QtBot, editor: Editor, library: Path
) -> None:
    doc, view = editor.open(library / "alibaba.yaml")
    tab = view.timeline_tab
    select_tab(view, tab)
    assert tab.select_development("review-reported")
    editor.window.activateWindow()
    tab.table.setFocus()
    qtbot.waitUntil(lambda: tab.table.hasFocus() and editor.controller.delete_action.isEnabled())
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert doc.dossier.development("review-reported") is None
    assert "review-reported" not in [d.id for d in tab.visible_developments()]
    # Delete in the library panel never touches the dossier.
    count = len(doc.dossier.timeline)
    editor.window.library.setFocus()
    qtbot.keyClick(editor.window.library, Qt.Key.Key_Delete)
    assert len(doc.dossier.timeline) == count
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.dossier.development("review-reported") is not None


def test_double_click_edits_the_row(qtbot: QtBot, editor: Editor, library: Path) -> None:
    doc, view = editor.open(library / "alibaba.yaml")
    tab = view.timeline_tab
    select_tab(view, tab)
    assert tab.select_development("biden-formal-review")
    index = tab.table.currentIndex()
    tab.table.doubleClicked.emit(index)
    form = editor.controller.form
    assert isinstance(form, DevelopmentForm)
    assert form.windowTitle() == "Edit Development"
    assert form.id_edit.text() == "biden-formal-review"
    form.title_edit.setText("Biden administration opens a formal review")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    dev = doc.dossier.development("biden-formal-review")
    assert dev is not None and dev.title == "Biden administration opens a formal review"
    assert editor.controller.undo_action.text() == (
        "&Undo Edit development 'Biden administration opens a formal review'"
    )


def test_edit_profile_renames_the_tab(qtbot: QtBot, editor: Editor, library: Path) -> None:
    _doc, view = editor.open(library / "alibaba.yaml")
    select_tab(view, view.overview_tab)
    editor.controller.edit_action.trigger()  # on the Overview, Edit… edits the profile
    form = editor.controller.form
    assert form is not None and form.objectName() == "profile_form"
    short = form.rows["short_name"].widget
    short.setText("Alibaba <b>Group</b>")  # type: ignore[attr-defined]
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert editor.window.dossier_tabs.tabText(0) == "Alibaba <b>Group</b> *"
    assert editor.window.windowTitle() == "Alibaba <b>Group</b> * — Dossier"
    editor.controller.undo_action.trigger()
    assert editor.window.dossier_tabs.tabText(0) == "Alibaba"


@pytest.mark.parametrize("answer", ["cancel", "discard", "save"])
def test_closing_with_unsaved_edits_asks(
    qtbot: QtBot, library: Path, tmp_path: Path, answer: str
) -> None:
    path = library / "alibaba.yaml"
    original = path.read_bytes()
    ed = Editor(qtbot, library, tmp_path / "recovery", FakeAsker(ask_save_discard_cancel=[answer]))
    doc, _view = ed.open(path)
    doc.undo_stack.push(DeleteDevelopment(doc, "review-reported"))
    ed.window.close()
    assert ed.asker.asked("ask_save_discard_cancel") == [("Alibaba",)]
    if answer == "cancel":
        assert ed.window.isVisible() and doc.is_modified
        assert ed.window.windowTitle() == "Alibaba * — Dossier"
        assert path.read_bytes() == original
        ed.asker.answers["ask_save_discard_cancel"] = ["discard"]
        ed.window.close()
    assert not ed.window.isVisible()
    saved = load_dossier(path).development("review-reported") is None
    assert saved is (answer == "save")
    assert ed.controller.store.entries() == []  # a clean close leaves no recovery copy


def menu_texts(menu: object) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]  # type: ignore[attr-defined]


def test_menus_toolbar_and_history(qtbot: QtBot, editor: Editor, library: Path) -> None:
    w, c = editor.window, editor.controller
    assert menu_texts(w.file_menu)[:2] == ["New Dossier…", "Open…"]
    files = menu_texts(w.file_menu)
    order = [files.index(name) for name in ("Save", "Save As…", "Revert", "Close")]
    assert order == sorted(order)
    assert menu_texts(w.edit_menu)[:2] == ["Undo", "Redo"]
    assert "Undo History" in menu_texts(w.view_menu)
    toolbar = [a.text().replace("&", "") for a in w.toolbar.actions() if not a.isSeparator()]
    assert toolbar[-6:] == [
        "Add Development…", "Edit…", "Delete", "Add Source…", "Add Key Figure…", "Edit Profile…",
    ]
    assert c.undo_action.shortcut().toString() == "Ctrl+Z"
    assert c.redo_action.shortcut().toString() == "Ctrl+Shift+Z"
    assert c.save_action.shortcut().toString() == "Ctrl+S"
    assert c.save_as_action.shortcut().toString() == "Ctrl+Shift+S"
    assert c.add_development_action.shortcut().toString() == "Ctrl+N"
    assert not c.add_development_action.isEnabled()  # no dossier open yet
    assert not c.undo_action.isEnabled()

    doc, _view = editor.open(library / "alibaba.yaml")
    assert c.add_development_action.isEnabled()
    doc.undo_stack.push(DeleteDevelopment(doc, "review-reported"))
    c.history_action.trigger()
    assert c.history_dock.isVisible()
    model = c.history_view.model()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Opened",
        "Delete development 'Reuters and The Hill report the national-securi…'",
    ]


def test_undo_follows_the_current_dossier(qtbot: QtBot, editor: Editor, library: Path) -> None:
    other = library / "other.yaml"
    save_dossier(load_dossier(ALIBABA), other)
    first, _ = editor.open(library / "alibaba.yaml")
    first.undo_stack.push(DeleteDevelopment(first, "review-reported"))
    editor.open(other)
    assert not editor.controller.undo_action.isEnabled()  # the second has no history
    editor.window.dossier_tabs.setCurrentIndex(0)
    assert editor.controller.undo_group.activeStack() is first.undo_stack
    editor.controller.undo_action.trigger()
    assert first.dossier.development("review-reported") is not None


@pytest.mark.parametrize("answer", ["reload", "overwrite", "save_as", "cancel"])
def test_external_change_while_editing_asks(
    qtbot: QtBot, editor: Editor, library: Path, answer: str
) -> None:
    path = library / "alibaba.yaml"
    doc, _view = editor.open(path)
    doc.undo_stack.push(DeleteDevelopment(doc, "review-reported"))
    mine = library / "mine.yaml"
    editor.asker.answers.update(ask_conflict=[answer], ask_save_path=[mine])
    theirs = path.read_text("utf-8").replace("short_name: Alibaba", "short_name: Ali")
    with qtbot.waitSignal(doc.fileChangedOnDisk, timeout=5000):
        path.write_text(theirs, "utf-8")
    assert editor.asker.asked("ask_conflict") == [("Alibaba",)]
    title = editor.window.windowTitle()
    if answer == "reload":
        assert not doc.is_modified and title == "Ali — Dossier"
        assert doc.dossier.development("review-reported") is not None
    elif answer == "overwrite":
        assert not doc.is_modified
        assert load_dossier(path).development("review-reported") is None
    elif answer == "save_as":
        assert doc.path == mine.resolve() and path.read_text("utf-8") == theirs
        assert load_dossier(mine).development("review-reported") is None
    else:
        assert doc.is_modified and title == "Alibaba * — Dossier"
        assert path.read_text("utf-8") == theirs
        # The next save does not overwrite silently either.
        editor.asker.answers["ask_conflict"] = ["cancel"]
        editor.controller.save_action.trigger()
        assert len(editor.asker.asked("ask_conflict")) == 2
        assert path.read_text("utf-8") == theirs


def test_failed_save_in_the_window(
    qtbot: QtBot, editor: Editor, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = library / "alibaba.yaml"
    before = path.read_bytes()
    doc, _view = editor.open(path)
    doc.undo_stack.push(DeleteDevelopment(doc, "review-reported"))

    def disk_full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "replace", disk_full)
    editor.controller.save_action.trigger()
    [(title, text)] = editor.asker.errors
    assert title == "Could not save" and "No space left on device" in text
    assert editor.window.windowTitle() == "Alibaba * — Dossier"
    assert editor.window.dossier_tabs.tabText(0) == "Alibaba *"
    assert doc.dossier.development("review-reported") is None  # the edit is still there
    assert path.read_bytes() == before
    monkeypatch.undo()
    editor.controller.save_action.trigger()  # the disk has room again
    assert not doc.is_modified and load_dossier(path).development("review-reported") is None


def test_recovery_after_a_crash(qtbot: QtBot, library: Path, tmp_path: Path) -> None:
    path = library / "alibaba.yaml"
    before = path.read_bytes()
    recovery = tmp_path / "recovery"
    discard = {"ask_save_discard_cancel": "discard"}
    crashed = Editor(qtbot, library, recovery, FakeAsker(defaults=discard))
    doc, _view = crashed.open(path)
    doc.undo_stack.push(DeleteDevelopment(doc, "review-reported"))
    crashed.controller.recovery.write_pending()  # the timer's slot, called now
    [entry] = crashed.controller.store.entries()
    assert entry.original_path == path.resolve()
    assert path.read_bytes() == before
    # The app "dies" here: no clean close, and it no longer watches anything.
    crashed.controller.recovery.timer.stop()
    doc.close()

    asker = FakeAsker(ask_restore_recovery=[True], defaults=discard)
    fresh = Editor(qtbot, library, recovery, asker)
    [restored] = fresh.controller.offer_recovery()
    assert fresh.window.current_document() is restored
    assert restored.path == path.resolve()
    assert restored.dossier.development("review-reported") is None
    assert fresh.window.windowTitle() == "Alibaba * — Dossier"
    assert fresh.controller.undo_action.text() == "&Undo Restore unsaved edits"
    fresh.controller.save_action.trigger()
    assert load_dossier(path).development("review-reported") is None
    assert fresh.controller.store.entries() == []


def test_new_dossier(qtbot: QtBot, editor: Editor, library: Path) -> None:
    target = library / "tencent.yaml"
    editor.asker.answers["ask_new_dossier"] = [("Tencent Holdings", target)]
    editor.controller.new_dossier_action.trigger()
    assert editor.asker.asked("ask_new_dossier") == [(library.resolve(),)]
    doc = editor.window.current_document()
    assert doc is not None and doc.path == target.resolve()
    assert editor.window.windowTitle() == "Tencent Holdings — Dossier"
    assert read_dossier(target).problems == []


def test_closing_a_tab_asks_and_a_cancelled_quit_keeps_everything(
    qtbot: QtBot, library: Path, tmp_path: Path
) -> None:
    other = library / "other.yaml"
    save_dossier(load_dossier(ALIBABA), other)
    asker = FakeAsker(ask_save_discard_cancel=["cancel", "discard", "cancel"])
    ed = Editor(qtbot, library, tmp_path / "recovery", asker)
    first, _ = ed.open(library / "alibaba.yaml")
    second, _ = ed.open(other)
    for doc in (first, second):
        doc.undo_stack.push(DeleteDevelopment(doc, "review-reported"))

    ed.window.close_action.trigger()  # Ctrl+W on the second: Cancel keeps the tab
    assert ed.window.documents() == [first, second] and second.is_modified

    ed.window.close()  # quit: Discard for the first, Cancel for the second
    assert ed.window.isVisible()
    assert first.is_modified and second.is_modified  # nothing was thrown away
    ed.controller.recovery.write_pending()
    assert len(ed.controller.store.entries()) == 2  # and both are protected again

    asker.answers["ask_save_discard_cancel"] = ["discard", "discard"]
    ed.window.close()
    assert not ed.window.isVisible()
    assert not ed.controller.recovery.timer.isActive()  # no copy after the user answered
    assert ed.controller.store.entries() == []


def test_recovery_copies_pause_while_the_window_is_hidden(editor: Editor, library: Path) -> None:
    doc, _view = editor.open(library / "alibaba.yaml")
    doc.undo_stack.push(DeleteDevelopment(doc, "review-reported"))
    timer = editor.controller.recovery.timer
    assert timer.isActive()
    editor.window.hide()
    assert not timer.isActive()
    editor.window.show()
    assert timer.isActive()
