"""The window fits half of a 1920-pixel screen with the library open, and titles stay readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from dossier_app.ui.dossier.flag_widgets import COLUMN_WIDTH
from dossier_app.ui.dossier.view import TAB_NAMES
from dossier_app.ui.library.model import LibraryModel
from dossier_app.ui.widgets.columns import STRETCH_SHARE
from dossier_app.ui.window.main_window import MainWindow

from ..conftest import ALIBABA, DOSSIERS

pytestmark = pytest.mark.usefixtures("fresh_settings")

HALF_SCREEN = 900


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    window = MainWindow(library_folder=DOSSIERS, remember_folder=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: not window.library.model.is_loading(), timeout=5000)
    assert window.open_path(ALIBABA) is not None
    view = window.current_view()
    assert view is not None
    for i in range(len(TAB_NAMES)):  # every tab built: each one's minimum counts
        view.tabs.setCurrentIndex(i)
        QApplication.processEvents()
    return window


def widths(table: QTableView) -> list[int]:
    header = table.horizontalHeader()
    return [header.sectionSize(c) for c in range(header.count())]


def test_the_window_fits_half_a_screen_with_the_library_open(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(HALF_SCREEN, 700)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= HALF_SCREEN
    assert window.width() <= HALF_SCREEN
    assert window.library_dock.isVisible() and not window.library_dock.isFloating()
    assert window.library_dock.width() >= window.library.minimumWidth()


def test_the_title_is_the_column_that_gives_way_last(qtbot: QtBot, window: MainWindow) -> None:
    view = window.current_view()
    assert view is not None
    view.tabs.setCurrentIndex(TAB_NAMES.index("Timeline"))
    window.resize(HALF_SCREEN, 700)
    QApplication.processEvents()
    table = view.timeline_tab.table
    date, title, *others = widths(table)
    available = table.viewport().width()
    floors = sum(table.columns.floor(c) for c in range(len(widths(table))) if c != 1)
    # The title keeps its share, unless the others are all down to their floors.
    assert title >= min(int(available * STRETCH_SHARE), available - floors) - 1
    assert title >= available // 3
    assert date >= table.fontMetrics().horizontalAdvance("c. Jan 2021") + 6  # a date stays whole
    assert title > max(date, *others)

    window.resize(1600, 800)
    QApplication.processEvents()
    wide = widths(table)
    assert wide[1] > title  # the room goes to the title…
    assert [wide[0], *wide[2:5]] == [146, 130, 62, 76]  # …the others keep their widths
    assert wide[5] == COLUMN_WIDTH  # the corroboration flags


def test_the_company_column_is_the_one_that_stretches(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(HALF_SCREEN, 700)
    least = window.library.minimumWidth()
    window.resizeDocks([window.library_dock], [least], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    table = window.library.view
    narrow = widths(table)
    name = window.library.model.item(0).label
    assert name == "Alibaba"
    assert narrow[LibraryModel.COMPANY] >= table.fontMetrics().horizontalAdvance(name) + 12
    model = window.library.model
    reviewed = model.columns[LibraryModel.REVIEWED].text(model.item(0))
    assert narrow[LibraryModel.REVIEWED] >= table.fontMetrics().horizontalAdvance(reviewed) + 6

    window.resize(1600, 800)
    window.resizeDocks([window.library_dock], [520], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    wide = widths(table)
    assert wide[LibraryModel.COMPANY] > narrow[LibraryModel.COMPANY] + 150
    assert wide[1:] == [72, 40, 86]
