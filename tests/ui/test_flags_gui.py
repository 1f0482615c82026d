"""Corroboration flags in the window: the Flags column, the flag filter, the Overview's counts,
the stale threshold in the preferences."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from dossier_app.domain import clock
from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Source
from dossier_app.fileio.loader import read_dossier
from dossier_app.ui.document import DossierDocument
from dossier_app.ui.dossier.view import DossierView
from dossier_app.ui.editing.commands import AddSource, EditDevelopment, EditSource
from dossier_app.ui.models import IdRole
from dossier_app.ui.models.flags import NEEDS_CORROBORATION, FlagsRole
from dossier_app.ui.models.timeline import FLAGS_COLUMN
from dossier_app.ui.settings import Settings
from dossier_app.ui.widgets.evidence_preferences import add_evidence_preferences

pytestmark = pytest.mark.usefixtures("fresh_settings")

DOSSIER = """\
format: dossier/1
company:
  name: Flags Example
sources:
  - id: reuters
    title: Reuters report
    reliability: B
  - id: hill
    title: Hill article relaying Reuters
    via: reuters
  - id: forum-a
    title: Forum post
    reliability: E
  - id: forum-b
    title: Another forum post
    reliability: F
timeline:
  - id: relayed
    date: 2021-01
    title: Relayed claim
    sources: [reuters, hill]
  - id: weak
    date: 2021-02
    title: Forum claim
    sources: [forum-a, forum-b]
  - id: solid
    date: 2021-03
    title: Solid claim
    sources: [reuters, forum-a]
    credibility: 2
  - id: bare
    date: 2021-04
    title: Bare claim
figures:
  - id: old
    label: Old revenue
    value: 10
    unit: USD
    as_of: 2019
    sources: [reuters, forum-a]
  - id: new
    label: New revenue
    value: 12
    unit: USD
    as_of: 2026
    sources: [reuters, forum-a]
"""


@pytest.fixture
def view(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DossierView:
    monkeypatch.setattr(clock, "today", lambda: PartialDate(2026, 11, 26).first_day())
    path = tmp_path / "flags.yaml"
    path.write_text(DOSSIER, "utf-8")
    result = read_dossier(path)
    assert result.dossier is not None
    doc = DossierDocument(result.dossier, path, result.content_hash)
    view = DossierView(doc)
    qtbot.addWidget(view)
    view.show()
    return view


def flags_by_id(model: QAbstractItemModel) -> dict[str, tuple[str, ...]]:
    rows = range(model.rowCount())
    return {model.index(r, 0).data(IdRole): model.index(r, 0).data(FlagsRole) for r in rows}


def test_each_flag_shows_in_the_timeline_column_with_a_tooltip(view: DossierView) -> None:
    model = view.timeline_tab.model
    assert model.headerData(FLAGS_COLUMN, Qt.Orientation.Horizontal) == "Flags"
    assert flags_by_id(model) == {
        "relayed": ("single-origin",),
        "weak": ("weak-sourcing",),
        "solid": (),
        "bare": ("uncited",),
    }
    row = model.row_of("relayed")
    assert row is not None
    cell = model.index(row, FLAGS_COLUMN)
    assert cell.data() == "Single origin"
    assert "one independent origin" in cell.data(Qt.ItemDataRole.ToolTipRole)
    figures = view.figures_tab.model
    assert flags_by_id(figures) == {"old": ("stale",), "new": ()}


def test_the_flag_filter_keeps_the_flagged_claims(view: DossierView) -> None:
    tab = view.timeline_tab
    tab.show_flagged(NEEDS_CORROBORATION)
    assert [d.id for d in tab.visible_developments()] == ["relayed", "weak", "bare"]
    for code, ids in (("single-origin", ["relayed"]), ("weak-sourcing", ["weak"]),
                      ("uncited", ["bare"]), ("stale", [])):
        tab.show_flagged(code)
        assert [d.id for d in tab.visible_developments()] == ids, code
    tab.clear_filters()
    assert tab.model.visible_count() == 4
    figures = view.figures_tab
    figures.show_flagged("stale")
    assert [f.id for f in figures.model.visible_items()] == ["old"]


def test_flags_follow_edits_to_sources_and_claims(view: DossierView) -> None:
    doc = view.document
    tab = view.timeline_tab
    tab.show_flagged("single-origin")
    assert [d.id for d in tab.visible_developments()] == ["relayed"]
    # The Hill stops relaying Reuters: two origins, no longer flagged (no timeline reset).
    hill = doc.dossier.source("hill")
    assert hill is not None
    new = Source(id="hill", title=hill.title)
    doc.undo_stack.push(EditSource(doc, "hill", new))
    assert tab.visible_developments() == []
    doc.undo_stack.undo()
    assert [d.id for d in tab.visible_developments()] == ["relayed"]
    # Citing a new source of its own.
    doc.undo_stack.push(AddSource(doc, Source(id="ap", title="AP report")))
    relayed = doc.dossier.development("relayed")
    assert relayed is not None
    doc.undo_stack.push(EditDevelopment(doc, "relayed", replace(relayed, sources=["hill", "ap"])))
    assert tab.visible_developments() == []


def count_label(view: DossierView, name: str) -> str:
    label = view.overview_tab.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def test_overview_counts_update_after_an_edit(view: DossierView) -> None:
    doc = view.document
    assert count_label(view, "corroborationSummary") == "4 of 6 claims need corroboration."
    assert count_label(view, "flagCount:timeline:single-origin") == "1 development"
    assert count_label(view, "flagCount:figures:stale") == "1 key figure"
    assert count_label(view, "flagCount:timeline:uncited") == "1 development"
    bare = doc.dossier.development("bare")
    assert bare is not None
    doc.undo_stack.push(EditDevelopment(doc, "bare", replace(bare, sources=["reuters"])))
    assert count_label(view, "flagCount:timeline:uncited") == "0 developments"
    assert count_label(view, "flagCount:timeline:single-origin") == "2 developments"


def test_a_count_shows_the_claims_it_counts(qtbot: QtBot, view: DossierView) -> None:
    view.overview_tab.flagActivated.emit("timeline", "weak-sourcing")
    assert view.current_tab_name() == "Timeline"
    assert [d.id for d in view.timeline_tab.visible_developments()] == ["weak"]


def test_the_stale_threshold_is_a_preference_the_views_follow(
    qtbot: QtBot, view: DossierView
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    form = QFormLayout(page)
    settings = Settings()
    spin = add_evidence_preferences(form, settings)
    assert form.rowCount() == 1 and spin.value() == 2
    figures = view.figures_tab.model
    assert flags_by_id(figures)["old"] == ("stale",)
    spin.setValue(10)
    assert Settings().stale_years() == 10
    assert flags_by_id(figures)["old"] == ()
    assert count_label(view, "flagCount:figures:stale") == "0 key figures"
    spin.setValue(1)
    assert flags_by_id(figures)["old"] == ("stale",)
