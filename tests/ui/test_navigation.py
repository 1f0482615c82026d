"""Navigation: Back/Forward after following links, chart points, undo selecting what it restores."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from dossier_app.ui.dossier.view import DossierView
from dossier_app.ui.widgets.text import LinkLabel
from dossier_app.ui.window.main_window import MainWindow

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
