"""The bottom line and the key judgements on the Overview: shown, followed, edited, undone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton
from pytestqt.qtbot import QtBot

from dossier_app.commands.check import run_check
from dossier_app.fileio.loader import load_dossier, read_dossier
from dossier_app.fileio.writer import save_dossier
from dossier_app.ui.document import DossierDocument
from dossier_app.ui.dossier.judgements_card import JudgementsSummary
from dossier_app.ui.dossier.overview_tab import OverviewTab
from dossier_app.ui.dossier.view import OVERVIEW, TIMELINE, DossierView
from dossier_app.ui.editing.commands import DeleteDevelopment, DeleteFigure, EditDevelopment
from dossier_app.ui.editing.controller import EditController, install_edit_controller
from dossier_app.ui.editing.forms.judgement_form import BottomLineForm, JudgementForm
from dossier_app.ui.window.main_window import MainWindow

from ..conftest import REPO
from .fake_asker import FakeAsker

EXAMPLE = REPO / "docs" / "examples" / "alibaba-briefing.yaml"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    save_dossier(load_dossier(EXAMPLE), folder / "alibaba.yaml")
    return folder


class Editor:
    def __init__(self, qtbot: QtBot, library: Path, recovery: Path) -> None:
        self.window = MainWindow(library_folder=library)
        qtbot.addWidget(self.window)
        asker = FakeAsker(defaults={"ask_save_discard_cancel": "discard"})
        self.controller: EditController = install_edit_controller(self.window, asker, recovery)
        self.window.show()
        doc = self.window.open_path(library / "alibaba.yaml")
        view = self.window.current_view()
        assert doc is not None and view is not None
        self.doc: DossierDocument = doc
        self.view: DossierView = view
        view.tabs.setCurrentWidget(view.overview_tab)

    def summary(self) -> JudgementsSummary:
        found = self.view.overview_tab.findChild(JudgementsSummary, "judgementsSummary")
        assert found is not None
        return found

    def label(self, name: str) -> QLabel:
        found = self.view.overview_tab.findChild(QLabel, name)
        assert found is not None, name
        return found

    def has_label(self, name: str) -> bool:
        return self.view.overview_tab.findChild(QLabel, name) is not None

    def button(self, kind: type[QPushButton] | type[QToolButton], name: str) -> QPushButton:
        found = self.view.overview_tab.findChild(kind, name)
        assert found is not None, name
        return found  # type: ignore[return-value]


@pytest.fixture
def editor(qtbot: QtBot, library: Path, tmp_path: Path) -> Iterator[Editor]:
    yield Editor(qtbot, library, tmp_path / "recovery")


def based_on(doc: DossierDocument, judgement_id: str) -> list[str]:
    judgement = doc.dossier.judgement(judgement_id)
    assert judgement is not None
    return list(judgement.based_on)


def test_overview_shows_the_bottom_line_and_judgements_as_plain_text(qtbot: QtBot) -> None:
    dossier = load_dossier(EXAMPLE)
    dossier.bottom_line = "Watch <b>this</b> &amp; that."
    dossier.judgements[0].text = "A <i>literal</i> judgement"
    tab = OverviewTab(DossierDocument(dossier))
    qtbot.addWidget(tab)
    bottom = tab.findChild(QLabel, "bottomLine")
    first = tab.findChild(QLabel, f"judgement:{dossier.judgements[0].id}")
    assert bottom is not None and first is not None
    assert bottom.text() == "Watch <b>this</b> &amp; that."
    assert bottom.textFormat() == Qt.TextFormat.PlainText
    assert first.text() == "A <i>literal</i> judgement"
    assert first.textFormat() == Qt.TextFormat.PlainText
    grade = tab.findChild(QLabel, f"assessment:{dossier.judgements[0].id}")
    assert grade is not None and grade.text() == "Moderate confidence · likely (55–80 %)"
    for judgement in dossier.judgements:
        for ground in judgement.based_on:
            link = tab.findChild(QLabel, f"ground:{judgement.id}:{ground}")
            assert link is not None, ground
            assert link.textFormat() == Qt.TextFormat.PlainText


def test_ground_links_go_to_the_development_and_the_figure(
    qtbot: QtBot, editor: Editor
) -> None:
    doc, view = editor.doc, editor.view
    judgement = doc.dossier.judgements[1]
    dev_id = next(g for g in judgement.based_on if doc.dossier.development(g))
    fig_id = next(g for g in judgement.based_on if doc.dossier.figure(g))
    qtbot.mouseClick(editor.label(f"ground:{judgement.id}:{dev_id}"), Qt.MouseButton.LeftButton)
    assert view.current_tab_name() == TIMELINE
    selected = view.timeline_tab.selected_development()
    assert selected is not None and selected.id == dev_id
    view.go_back()
    assert view.current_tab_name() == OVERVIEW
    qtbot.mouseClick(editor.label(f"ground:{judgement.id}:{fig_id}"), Qt.MouseButton.LeftButton)
    figure = view.figures_tab.selected_figure()
    assert figure is not None and figure.id == fig_id


def _open_form(qtbot: QtBot, editor: Editor, name: str) -> JudgementForm:
    qtbot.mouseClick(editor.button(QPushButton, name), Qt.MouseButton.LeftButton)
    form = editor.controller.form
    assert isinstance(form, JudgementForm)
    return form


def test_add_edit_delete_a_judgement_with_undo_and_redo(
    qtbot: QtBot, editor: Editor, library: Path
) -> None:
    doc = editor.doc
    stack = doc.undo_stack
    dev = doc.dossier.timeline[0]
    form = _open_form(qtbot, editor, "addJudgement")
    assert not form.ok_button.isEnabled()  # no text, no confidence yet
    qtbot.keyClicks(form.text_edit, "Alibaba will keep its US cloud small")
    assert form.id_edit.text() == "alibaba-will-keep-its-us-cloud"
    assert not form.ok_button.isEnabled()
    form.confidence.set_value("low")
    form.likelihood.set_value("unlikely")
    form.picker.set_checked(dev.id, True)
    assert form.ok_button.isEnabled()
    form.accept()
    added = doc.dossier.judgements[-1]
    assert (added.id, added.confidence, added.likelihood, added.based_on) == (
        "alibaba-will-keep-its-us-cloud", "low", "unlikely", [dev.id]
    )
    assert editor.label(f"judgement:{added.id}").text() == "Alibaba will keep its US cloud small"
    assert stack.undoText().startswith("Add judgement")

    edit = editor.button(QToolButton, f"editJudgement:{added.id}")  # type: ignore[arg-type]
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    form = editor.controller.form  # type: ignore[assignment]
    assert isinstance(form, JudgementForm)
    assert form.id_edit.text() == added.id  # an edit keeps the id
    form.confidence.set_value("high")
    form.accept()
    assert doc.dossier.judgements[-1].confidence == "high"
    assert editor.label(f"assessment:{added.id}").text().startswith("High confidence")

    delete = editor.button(QToolButton, f"deleteJudgement:{added.id}")  # type: ignore[arg-type]
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert doc.dossier.judgement(added.id) is None
    assert not editor.has_label(f"judgement:{added.id}")

    stack.undo()  # the delete
    assert doc.dossier.judgements[-1].confidence == "high"
    stack.undo()  # the edit
    assert doc.dossier.judgements[-1].confidence == "low"
    stack.undo()  # the add
    assert doc.dossier.judgement(added.id) is None
    assert not doc.is_modified
    stack.redo()
    stack.redo()
    assert doc.dossier.judgements[-1].confidence == "high"
    assert editor.label(f"assessment:{added.id}").text().startswith("High confidence")
    assert editor.controller.save()
    saved = read_dossier(library / "alibaba.yaml")
    assert saved.dossier is not None and not saved.errors
    assert saved.dossier.judgements == doc.dossier.judgements


def test_bottom_line_edit_is_one_undo_step_and_is_saved(
    qtbot: QtBot, editor: Editor, library: Path
) -> None:
    doc = editor.doc
    before = doc.dossier.bottom_line
    editor.controller.briefing.edit_bottom_line_action.trigger()
    form = editor.controller.form
    assert isinstance(form, BottomLineForm)
    assert form.text_edit.toPlainText() == before
    form.text_edit.setPlainText("Restrictions are coming; the cost is small.")
    form.accept()
    assert editor.label("bottomLine").text() == "Restrictions are coming; the cost is small."
    assert doc.undo_stack.count() == 1
    assert editor.controller.save()
    text = (library / "alibaba.yaml").read_text("utf-8")
    assert "bottom_line: Restrictions are coming; the cost is small.\n" in text
    doc.undo_stack.undo()
    assert doc.dossier.bottom_line == before
    assert editor.label("bottomLine").text() != "Restrictions are coming; the cost is small."


def test_renaming_a_development_renames_it_in_the_judgements(editor: Editor) -> None:
    doc = editor.doc
    judgement = doc.dossier.judgements[0]
    old_id = judgement.based_on[0]
    dev = doc.dossier.development(old_id)
    assert dev is not None
    renamed = type(dev)(**{**{f: getattr(dev, f) for f in dev.__slots__}, "id": "renamed"})
    doc.undo_stack.push(EditDevelopment(doc, old_id, renamed))
    assert based_on(doc, judgement.id)[0] == "renamed"
    assert editor.has_label(f"ground:{judgement.id}:renamed")
    assert judgement.based_on[0] == old_id  # the old judgement is kept intact for undo
    doc.undo_stack.undo()
    assert based_on(doc, judgement.id)[0] == old_id
    assert editor.has_label(f"ground:{judgement.id}:{old_id}")
    assert doc.undo_stack.count() == 1  # one step for both


def test_deleting_a_development_or_figure_removes_it_from_grounds_and_undo_restores(
    editor: Editor, library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = editor.doc
    target = doc.dossier.judgements[1]
    grounds = list(target.based_on)
    dev_id = next(g for g in grounds if doc.dossier.development(g))
    fig_id = next(g for g in grounds if doc.dossier.figure(g))
    doc.undo_stack.push(DeleteDevelopment(doc, dev_id))
    doc.undo_stack.push(DeleteFigure(doc, fig_id))
    assert dev_id not in based_on(doc, target.id) and fig_id not in based_on(doc, target.id)
    assert all(
        dev_id not in j.based_on and fig_id not in j.based_on for j in doc.dossier.judgements
    )
    assert not editor.has_label(f"ground:{target.id}:{dev_id}")
    # Saved, the file loads with no error: no judgement names a missing id.
    assert editor.controller.save()
    assert run_check([str(library / "alibaba.yaml")]) == 0, capsys.readouterr().out
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert based_on(doc, target.id) == grounds
    assert editor.has_label(f"ground:{target.id}:{dev_id}")
    doc.undo_stack.redo()
    assert dev_id not in based_on(doc, target.id)


def test_deleting_the_selected_development_through_the_window_keeps_judgements_valid(
    qtbot: QtBot, editor: Editor
) -> None:
    doc, view = editor.doc, editor.view
    target = doc.dossier.judgements[0]
    dev_id = next(g for g in target.based_on if doc.dossier.development(g))
    view.tabs.setCurrentWidget(view.timeline_tab)
    assert view.select_development(dev_id)
    editor.controller.update_actions()
    resting = len(doc.dossier.judgements_resting_on(dev_id))
    assert editor.controller.delete_selected()
    assert dev_id not in based_on(doc, target.id)
    noun = "key judgement no longer rests" if resting == 1 else "key judgements no longer rest"
    assert f"{resting} {noun} on it" in editor.window.statusBar().currentMessage()
    doc.undo_stack.undo()
    assert dev_id in based_on(doc, target.id)


def test_restoring_unsaved_edits_brings_back_the_judgements(editor: Editor) -> None:
    from dossier_app.ui.editing.commands import RestoreUnsavedEdits

    doc = editor.doc
    recovered = load_dossier(EXAMPLE)
    recovered.bottom_line = "Recovered bottom line."
    del recovered.judgements[0]
    doc.undo_stack.push(RestoreUnsavedEdits(doc, recovered))
    assert doc.dossier.bottom_line == "Recovered bottom line."
    assert [j.id for j in doc.dossier.judgements] == [j.id for j in recovered.judgements]
    doc.undo_stack.undo()
    assert len(doc.dossier.judgements) == len(recovered.judgements) + 1
