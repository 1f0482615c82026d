"""Start-up as a user meets it: the window paints first, then the work that can wait runs."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from dossier_app import cli
from dossier_app.ui.widgets.icons import ICON_NAMES, ICONS, named_icon
from dossier_app.ui.window.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("fresh_settings")


class _PaintLog(QObject):
    """Writes "paint" to the log for each paint event of the watched widget."""

    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_start_up_work_waits_for_the_first_paint(qtbot: QtBot, library: Path) -> None:
    window = MainWindow(library_folder=library)
    qtbot.addWidget(window)
    log: list[str] = []
    watch = _PaintLog(log)
    window.installEventFilter(watch)
    window.call_when_shown(lambda: log.append("work"))
    QApplication.processEvents()
    assert log == []  # nothing on screen, nothing run
    assert window.library.model.is_loading()  # files listed, not read yet
    window.show()
    # Well before the one-second fallback for a window that is never painted.
    qtbot.waitUntil(lambda: "work" in log, timeout=800)
    assert log[0] == "paint" and log.count("work") == 1
    qtbot.waitUntil(lambda: not window.library.model.is_loading(), timeout=5000)
    assert window.library.model.entries()[0].name == "Acme"


def test_the_gui_collects_garbage_again_once_painted(
    qtbot: QtBot, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, bool] = {}

    def run_until_painted(_app: QApplication) -> int:
        [window] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible()
        ]
        qtbot.addWidget(window)
        seen["before the first paint"] = gc.isenabled()
        qtbot.waitUntil(gc.isenabled, timeout=800)
        seen["after it"] = gc.isenabled()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_until_painted)
    try:
        assert cli.main([str(library)]) == 0
    finally:
        gc.enable()
    assert seen == {"before the first paint": False, "after it": True}


def test_every_icon_is_bundled_and_draws(qapp: QApplication) -> None:
    bundled = {p.stem for p in ICONS.glob("*.svg")} - {"dossier-app"}
    assert bundled == ICON_NAMES
    for name in ICON_NAMES:
        for size in (16, 24):
            image = named_icon(name).pixmap(size, size).toImage()
            assert image.width() == size, name
            # Something is drawn: not every pixel is transparent.
            assert any(
                image.pixelColor(x, y).alpha() > 0 for x in range(size) for y in range(size)
            ), name
    with pytest.raises(KeyError):
        named_icon("no-such-icon")


def test_toolbar_and_secondary_text_need_no_style_sheet(qtbot: QtBot, library: Path) -> None:
    from dossier_app.ui.editing.controller import install_edit_controller

    window = MainWindow(library_folder=library)
    qtbot.addWidget(window)
    install_edit_controller(window)
    for action in window.toolbar.actions():
        assert action.isSeparator() or not action.icon().isNull(), action.text()
    muted = [window.library.count_label, window.library.folder_label]
    assert all(label.foregroundRole() == QPalette.ColorRole.PlaceholderText for label in muted)
    labels = window.findChildren(QLabel)
    assert labels and all(label.styleSheet() == "" for label in labels)


#: A fresh process: builds the window as ``dossier-app FOLDER`` does, and at its first
#: paint prints the modules imported until then.
_FIRST_PAINT_MODULES = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import dossier_app.ui.window.app as ui_app
from dossier_app.ui.window.main_window import MainWindow

original = MainWindow._painted
def painted(self):
    if not self._shown:  # right after the first paint, before the work that waits for it
        print("\\n".join(sorted(sys.modules)))
        QTimer.singleShot(0, QApplication.instance().quit)
    original(self)
MainWindow._painted = painted
ui_app.run_gui([sys.argv[1]])
"""


def test_the_first_paint_waits_for_no_heavy_import(library: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_PAINT_MODULES, str(library)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    imported = set(done.stdout.split())
    assert "dossier_app.ui.window.main_window" in imported  # the window was built
    heavy = {
        "dataclasses",  # domain objects: read after the paint
        "yaml",
        "dossier_app.fileio.loader",
        "dossier_app.ui.dossier.view",
        "dossier_app.ui.models.search",
        "PySide6.QtCharts",
        "PySide6.QtSvgWidgets",
    }
    assert imported & heavy == set()
