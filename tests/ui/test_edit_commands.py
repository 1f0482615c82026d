"""Undo commands on an open document: each edit, its undo and redo, and their history text."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dossier_app.domain import PartialDate
from dossier_app.domain.model import Company, Development, Figure, Source
from dossier_app.fileio.loader import load_dossier
from dossier_app.ui.document import DossierDocument
from dossier_app.ui.editing import commands as cmd

from ..conftest import ALIBABA


@pytest.fixture
def doc(qtbot: QtBot) -> DossierDocument:
    return DossierDocument(load_dossier(ALIBABA))


def dev(
    dev_id: str, date: str, title: str = "New", sources: list[str] | None = None
) -> Development:
    return Development(id=dev_id, date=PartialDate.parse(date), title=title, sources=sources or [])


def timeline_ids(doc: DossierDocument) -> list[str]:
    return [d.id for d in doc.dossier.timeline]


def test_add_development_goes_to_its_chronological_place(doc: DossierDocument) -> None:
    before = timeline_ids(doc)
    stack = doc.undo_stack
    stack.push(cmd.AddDevelopment(doc, dev("x", "2020-09", "Cloud <b>probe</b>")))
    ids = timeline_ids(doc)
    assert ids[ids.index("trump-warning-chinese-cloud") + 1] == "x"  # after Aug 2020
    assert stack.undoText() == "Add development 'Cloud <b>probe</b>'"
    assert doc.is_modified and doc.title().endswith(" *")
    stack.undo()
    assert timeline_ids(doc) == before and not doc.is_modified
    stack.redo()
    assert "x" in timeline_ids(doc)


def test_partial_date_goes_before_full_dates_inside_it(doc: DossierDocument) -> None:
    doc.undo_stack.push(cmd.AddDevelopment(doc, dev("y", "2020")))
    ids = timeline_ids(doc)
    # 2020 < 2020-08 (the format's order); after the 2017 ones.
    assert ids.index("commerce-department-concerns") < ids.index("y")
    assert ids.index("y") < ids.index("trump-warning-chinese-cloud")


def test_edit_development_moves_when_the_date_changes(doc: DossierDocument) -> None:
    before = timeline_ids(doc)
    old = doc.dossier.development("trump-warning-chinese-cloud")
    assert old is not None
    new = dataclasses.replace(old, date=PartialDate.parse("2015"), title="Moved")
    doc.undo_stack.push(cmd.EditDevelopment(doc, old.id, new))
    assert timeline_ids(doc)[0] == old.id
    assert doc.undo_stack.undoText() == "Edit development 'Moved'"
    doc.undo_stack.undo()
    assert timeline_ids(doc) == before
    assert doc.dossier.development(old.id) is old


def test_delete_development(doc: DossierDocument) -> None:
    before = list(doc.dossier.timeline)
    doc.undo_stack.push(cmd.DeleteDevelopment(doc, "biden-formal-review"))
    assert doc.dossier.development("biden-formal-review") is None
    doc.undo_stack.undo()
    assert doc.dossier.timeline == before


def test_delete_cited_source_removes_references_in_one_step(doc: DossierDocument) -> None:
    d = doc.dossier
    before = (list(d.sources), list(d.timeline), list(d.figures))
    devs, figs = d.citing("thehill-alibaba-review")
    assert devs and figs
    doc.undo_stack.push(cmd.DeleteSource(doc, "thehill-alibaba-review"))
    assert d.source("thehill-alibaba-review") is None
    assert all("thehill-alibaba-review" not in x.sources for x in (*d.timeline, *d.figures))
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert (d.sources, d.timeline, d.figures) == before
    assert [x.sources for x in d.timeline] == [x.sources for x in before[1]]
    doc.undo_stack.redo()
    assert d.citing("thehill-alibaba-review") == ([], [])


def test_edit_source_renames_its_references(doc: DossierDocument) -> None:
    d = doc.dossier
    old = d.source("reuters-alibaba-cloud-review")
    assert old is not None
    doc.undo_stack.push(cmd.EditSource(doc, old.id, dataclasses.replace(old, id="reuters")))
    assert d.citing("reuters")[0]
    assert d.citing(old.id) == ([], [])
    doc.undo_stack.undo()
    assert d.source(old.id) is old
    assert d.citing("reuters") == ([], [])


def test_figures(doc: DossierDocument) -> None:
    fig = Figure(id="staff", label="Staff", value=10, unit="employees")
    doc.undo_stack.push(cmd.AddFigure(doc, fig))
    assert doc.dossier.figures[-1] is fig
    doc.undo_stack.push(cmd.EditFigure(doc, "staff", dataclasses.replace(fig, value=11)))
    assert doc.dossier.figures[-1].value == 11
    doc.undo_stack.push(cmd.DeleteFigure(doc, "staff"))
    assert doc.dossier.figure("staff") is None
    assert [doc.undo_stack.text(i) for i in range(3)] == [
        "Add figure 'Staff'", "Edit figure 'Staff'", "Delete figure 'Staff'",
    ]
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.dossier.figures[-1] is fig


def test_edit_profile(doc: DossierDocument, qtbot: QtBot) -> None:
    d = doc.dossier
    old = (d.company, d.marking, d.reviewed, list(d.tags))
    with qtbot.waitSignal(doc.profileChanged):
        doc.undo_stack.push(
            cmd.EditProfile(doc, Company(name="Alibaba Group"), "TLP:AMBER", None, ["x"])
        )
    new = ("Alibaba Group", "TLP:AMBER", None, ["x"])
    assert (d.company.name, d.marking, d.reviewed, d.tags) == new
    doc.undo_stack.undo()
    assert (d.company, d.marking, d.reviewed, d.tags) == old


def test_development_with_new_source_is_one_undo_step(doc: DossierDocument) -> None:
    d = doc.dossier
    stack = doc.undo_stack
    source = Source(id="new-src", title="A new source")
    stack.beginMacro("Add development 'X'")
    stack.push(cmd.AddSource(doc, source))
    stack.push(cmd.AddDevelopment(doc, dev("x", "2021-09", "X", ["new-src"])))
    stack.endMacro()
    assert stack.count() == 1 and stack.undoText() == "Add development 'X'"
    stack.undo()
    assert d.source("new-src") is None and d.development("x") is None
    stack.redo()
    assert d.source("new-src") is source and d.development("x") is not None


def test_restore_unsaved_edits(doc: DossierDocument, tmp_path: Path) -> None:
    recovered = load_dossier(ALIBABA)
    recovered.timeline.append(dev("z", "2022"))
    recovered.company = Company(name="Changed")
    original_company = doc.dossier.company
    doc.undo_stack.push(cmd.RestoreUnsavedEdits(doc, recovered))
    assert doc.dossier.development("z") is not None
    assert doc.display_name == "Changed" and doc.is_modified
    doc.undo_stack.undo()
    assert doc.dossier.development("z") is None
    assert doc.dossier.company is original_company


def test_long_titles_are_shortened_in_history() -> None:
    assert cmd.quoted("a\nb") == "'a b'"
    assert len(cmd.quoted("x" * 200)) == 50


HILL, REUTERS = "thehill-alibaba-review", "reuters-alibaba-cloud-review"


def test_renaming_a_source_renames_the_via_that_names_it(doc: DossierDocument) -> None:
    assert doc.dossier.source(HILL).via == REUTERS  # type: ignore[union-attr]
    reuters = doc.dossier.source(REUTERS)
    assert reuters is not None
    doc.undo_stack.push(cmd.EditSource(doc, REUTERS, dataclasses.replace(reuters, id="reuters")))
    assert doc.dossier.source(HILL).via == "reuters"  # type: ignore[union-attr]
    doc.undo_stack.undo()
    assert doc.dossier.source(HILL).via == REUTERS  # type: ignore[union-attr]


def test_deleting_a_source_frees_the_reports_relayed_through_it(doc: DossierDocument) -> None:
    doc.undo_stack.push(cmd.DeleteSource(doc, REUTERS))
    assert doc.dossier.source(REUTERS) is None
    assert doc.dossier.source(HILL).via is None  # type: ignore[union-attr]
    doc.undo_stack.undo()
    assert [s.id for s in doc.dossier.sources] == [HILL, REUTERS]
    assert doc.dossier.source(HILL).via == REUTERS  # type: ignore[union-attr]


def test_the_source_form_keeps_what_it_does_not_edit(qtbot: QtBot, doc: DossierDocument) -> None:
    from dossier_app.ui.editing.forms.source_form import SourceForm

    hill = dataclasses.replace(
        doc.dossier.source(HILL),  # type: ignore[type-var]
        archived="alibaba.sources/hill.html",
        sha256="ab" * 32,
    )
    form = SourceForm({REUTERS}, hill)
    qtbot.addWidget(form)
    form.title_edit.setText("Renamed title")
    result = form.result_value()
    assert result.title == "Renamed title"
    assert (result.via, result.archived, result.sha256) == (REUTERS, hill.archived, hill.sha256)
