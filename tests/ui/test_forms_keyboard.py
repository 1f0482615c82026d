"""The edit forms take the keyboard at once: typing starts in the first field."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dossier_app.fileio.loader import load_dossier
from dossier_app.fileio.writer import save_dossier
from dossier_app.ui.editing.controller import EditController, install_edit_controller
from dossier_app.ui.editing.forms.fields import FormDialog
from dossier_app.ui.editing.forms.new_dossier_form import NewDossierForm
from dossier_app.ui.window.main_window import MainWindow

from ..conftest import ALIBABA
from .fake_asker import FakeAsker


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, fresh_settings: None) -> Iterator[MainWindow]:
    folder = tmp_path / "library"
    folder.mkdir()
    save_dossier(load_dossier(ALIBABA), folder / "alibaba.yaml")
    window = MainWindow(library_folder=folder)
    qtbot.addWidget(window)
    asker = FakeAsker(defaults={"ask_save_discard_cancel": "discard"})
    install_edit_controller(window, asker, tmp_path / "recovery")
    window.show()
    assert window.open_path(folder / "alibaba.yaml") is not None
    yield window


def controller(window: MainWindow) -> EditController:
    found: EditController = window.edit_controller  # type: ignore[attr-defined]
    return found


def typing_target(form: FormDialog) -> QWidget:
    """Where the keys a user types go: the form's focus widget, as the user left it."""
    focused = form.focusWidget()
    assert focused is not None
    return focused


def test_new_development_takes_typing_at_once(qtbot: QtBot, window: MainWindow) -> None:
    controller(window).add_development_action.trigger()
    form = controller(window).form
    assert form is not None and form.isVisible()
    qtbot.keyClicks(typing_target(form), "2021-09")
    qtbot.keyClick(typing_target(form), Qt.Key.Key_Space)  # the first Space cancels nothing
    assert form.isVisible()
    assert form.date_edit.text() == "2021-09 "  # type: ignore[attr-defined]
    # Tab goes through the fields in order, the buttons last.
    qtbot.keyClick(typing_target(form), Qt.Key.Key_Tab)
    qtbot.keyClick(typing_target(form), Qt.Key.Key_Tab)
    qtbot.keyClicks(typing_target(form), "2021-10")
    assert form.end_edit.text() == "2021-10"  # type: ignore[attr-defined]


def test_return_from_a_field_accepts_or_shows_what_is_missing(
    qtbot: QtBot, window: MainWindow
) -> None:
    controller(window).add_source_action.trigger()
    form = controller(window).form
    assert form is not None
    qtbot.keyClick(typing_target(form), Qt.Key.Key_Return)
    assert form.isVisible()  # nothing typed: not accepted, and the form says why
    assert form.error_text("title") == "A title is required"
    qtbot.keyClicks(typing_target(form), "Annual report 2021")
    with qtbot.waitSignal(form.accepted):
        qtbot.keyClick(typing_target(form), Qt.Key.Key_Return)
    doc = window.current_document()
    assert doc is not None and doc.dossier.sources[-1].title == "Annual report 2021"


def test_edit_form_typing_goes_into_the_first_field_before_return(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.current_view()
    doc = window.current_document()
    assert view is not None and doc is not None
    first = doc.dossier.timeline[0]
    assert first.date.iso() == "2016"
    view.select_development(first.id)
    controller(window).edit_action.trigger()
    form = controller(window).form
    assert form is not None
    qtbot.keyClicks(typing_target(form), "-05")  # added to the date, not typed over it
    with qtbot.waitSignal(form.accepted):
        qtbot.keyClick(typing_target(form), Qt.Key.Key_Return)
    assert doc.dossier.timeline[0].date.iso() == "2016-05"
    assert doc.is_modified


def test_new_dossier_form_opens_in_the_name_field(qtbot: QtBot, tmp_path: Path) -> None:
    form = NewDossierForm(tmp_path)
    qtbot.addWidget(form)
    form.open()
    qtbot.keyClicks(typing_target(form), "Tencent Holdings")
    assert form.name_edit.text() == "Tencent Holdings"
    assert form.file_edit.text() == "tencent-holdings.yaml"
