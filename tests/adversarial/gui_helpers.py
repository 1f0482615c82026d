"""Helpers for the adversarial GUI tests: a main window on a folder, and what it shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from dossier_app.ui.dossier.view import DossierView
from dossier_app.ui.settings import Settings
from dossier_app.ui.window.main_window import MainWindow

#: Generous: the library reads 50 MB files one per event-loop turn.
LOAD_TIMEOUT_MS = 60_000


def fresh_window(qtbot: QtBot, library: Path) -> MainWindow:
    """A main window on ``library``, shown, with the folder read; no remembered state."""
    Settings()._s.clear()
    window = MainWindow(library_folder=library)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: not window.library.model.is_loading(), timeout=LOAD_TIMEOUT_MS)
    return window


def open_in_main_window(
    qtbot: QtBot, library: Path, path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainWindow, DossierView]:
    """Open ``path`` in a fresh window (QDesktopServices must be patched before this)."""
    window = fresh_window(qtbot, library)
    document = window.open_path(path)
    assert document is not None, message_texts()
    view = window.current_view()
    assert view is not None
    return window, view


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
            and w.isVisible()]


def message_texts() -> list[str]:
    return [f"{b.windowTitle()}: {b.text()}" for b in message_boxes()]


def close_message_boxes() -> None:
    for box in message_boxes():
        box.close()


def all_widgets(root: QWidget) -> list[QWidget]:
    return [root, *root.findChildren(QWidget)]
