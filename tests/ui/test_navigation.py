"""Navigation: Back/Forward after following links, chart points, undo selecting what it restores."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCharts import QLineSeries
from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QToolTip
from pytestqt.qtbot import QtBot

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Development, Source
from dossier_app.ui.dossier.view import DossierView
from dossier_app.ui.editing.commands import AddDevelopment, AddSource, EditSource
from dossier_app.ui.editing.controller import EditController, install_edit_controller
from dossier_app.ui.widgets.text import LinkLabel
from dossier_app.ui.window.main_window import MainWindow

from .fake_asker import FakeAsker

pytestmark = pytest.mark.usefixtures("fresh_settings")


def _ignore(_url: QUrl) -> bool:
    return True


@pytest.fixture
def window(qtbot: QtBot, library: Path) -> MainWindow:
    window = MainWindow(library_folder=library, open_url=_ignore)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: not window.library.model.is_loading(), timeout=5000)
    return window


def open_acme(window: MainWindow, library: Path) -> DossierView:
    assert window.open_path(library / "acme.yaml") is not None
    view = window.current_view()
    assert view is not None
    return view


def click_link(qtbot: QtBot, pane: object, name: str) -> None:
    link = pane.findChild(LinkLabel, name)  # type: ignore[attr-defined]
    assert link is not None, name
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)


def test_back_and_forward_return_from_a_source_link(
    qtbot: QtBot, window: MainWindow, library: Path
) -> None:
    view = open_acme(window, library)
    assert window.back_action in window.view_menu.actions()
    assert window.back_action.shortcut() == QKeySequence("Alt+Left")
    assert window.forward_action.shortcut() == QKeySequence("Alt+Right")
    assert not window.back_action.isEnabled() and not window.forward_action.isEnabled()

    assert view.select_development("month")
    click_link(qtbot, view.timeline_tab.detail, "sourceLink:ft")
    assert view.location() == ("Sources", "ft")
    click_link(qtbot, view.sources_tab.detail, "figureLink:staff")
    assert view.location() == ("Key figures", "staff")
    assert window.back_action.isEnabled()

    window.back_action.trigger()
    assert view.location() == ("Sources", "ft")
    window.back_action.trigger()
    assert view.tabs.currentWidget() is view.timeline_tab
    dev = view.timeline_tab.selected_development()
    assert dev is not None and dev.id == "month"  # where the user was, row and all
    assert not window.back_action.isEnabled() and window.forward_action.isEnabled()

    window.forward_action.trigger()
    assert view.location() == ("Sources", "ft")
    window.forward_action.trigger()
    assert view.location() == ("Key figures", "staff")
    assert not window.forward_action.isEnabled()


def test_a_new_link_drops_the_forward_history(
    qtbot: QtBot, window: MainWindow, library: Path
) -> None:
    view = open_acme(window, library)
    view.tabs.setCurrentWidget(view.overview_tab)
    click_link(qtbot, view.overview_tab, "latest:span")
    assert view.location() == ("Timeline", "span")
    window.back_action.trigger()
    assert view.location() == ("Overview", None)
    assert window.forward_action.isEnabled()
    click_link(qtbot, view.overview_tab, "figure:staff")
    assert view.location() == ("Key figures", "staff")
    assert not window.forward_action.isEnabled()


# -- undo and redo show what they restored --------------------------------------------


@pytest.fixture
def editing(window: MainWindow, tmp_path: Path) -> EditController:
    asker = FakeAsker(defaults={"ask_save_discard_cancel": "discard"})
    return install_edit_controller(window, asker, tmp_path / "recovery")


def test_undo_selects_the_item_it_restores(
    editing: EditController, window: MainWindow, library: Path
) -> None:
    view = open_acme(window, library)
    assert view.select_development("month")
    assert editing.delete_selected()
    view.tabs.setCurrentWidget(view.overview_tab)  # the user looks elsewhere meanwhile
    editing.undo_action.trigger()
    assert view.location() == ("Timeline", "month")
    editing.redo_action.trigger()  # deleted again: its list is shown, nothing selected
    assert view.location() == ("Timeline", None)


def test_undo_and_redo_of_an_edit_select_the_item(
    editing: EditController, window: MainWindow, library: Path
) -> None:
    view = open_acme(window, library)
    doc = view.document
    old = doc.dossier.source("ft")
    assert old is not None
    doc.undo_stack.push(EditSource(doc, "ft", replace(old, id="ft2", title="FT, renamed")))
    view.tabs.setCurrentWidget(view.timeline_tab)
    editing.undo_action.trigger()
    assert view.location() == ("Sources", "ft")
    view.tabs.setCurrentWidget(view.figures_tab)
    editing.redo_action.trigger()
    assert view.location() == ("Sources", "ft2")


def test_redo_of_an_item_made_with_a_new_source_selects_the_item(
    editing: EditController, window: MainWindow, library: Path
) -> None:
    view = open_acme(window, library)
    doc = view.document
    source = Source(id="new", title="A new source")
    dev = Development(
        id="fresh", date=PartialDate.parse("2022-03"), title="Fresh news", sources=["new"]
    )
    stack = doc.undo_stack
    stack.beginMacro("Add development 'Fresh news'")
    stack.push(AddSource(doc, source))
    stack.push(AddDevelopment(doc, dev))
    stack.endMacro()
    editing.undo_action.trigger()
    assert doc.dossier.source("new") is None
    view.tabs.setCurrentWidget(view.overview_tab)
    editing.redo_action.trigger()
    assert view.location() == ("Timeline", "fresh")


# -- chart points --------------------------------------------------------------------


def test_chart_points_show_their_figure_and_select_it_on_click(
    qtbot: QtBot, window: MainWindow, library: Path
) -> None:
    view = open_acme(window, library)
    tab = view.figures_tab
    view.tabs.setCurrentWidget(tab)
    chart = tab.chart
    qtbot.waitUntil(lambda: len(chart.chart.series()) > 0, timeout=2000)
    qtbot.waitUntil(lambda: chart.view.width() > 200, timeout=2000)
    qtbot.wait(100)  # the chart lays its plot out after the view has its size
    series = next(s for s in chart.chart.series() if isinstance(s, QLineSeries))
    # Where the 2021 revenue is drawn, worked out from the chart's own axes.
    point = QPointF(series.at(1).x(), series.at(1).y())
    scene = chart.chart.mapToScene(chart.chart.mapToPosition(point, series))
    where = chart.view.mapFromScene(scene)
    viewport = chart.view.viewport()

    qtbot.mouseMove(viewport, where)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "Revenue" in QToolTip.text() and "USD 65 million, as of 2021" in QToolTip.text()
    assert tab.selected_figure() is None  # hovering selects nothing

    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=where)
    selected = tab.selected_figure()
    assert selected is not None and selected.id == "revenue-2021"
    assert chart.selected_figure_id() == "revenue-2021"  # drawn selected too
    assert tab.detail.findChild(QLabel, "detailTitle").text() == "Revenue"  # type: ignore[union-attr]

    qtbot.mouseMove(viewport, QPoint(3, 3))  # away from every point
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert tab.selected_figure() is not None  # a click beside the points changes nothing
