"""The GUI entry point: the application object, fonts, and the main window."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ... import __version__
from ..editing.controller import install_edit_controller, offer_recovery_soon
from ..settings import APPLICATION, ORGANIZATION
from ..widgets.icons import app_icon
from .main_window import MainWindow


def make_application(argv: Sequence[str] | None = None, *, fonts: bool = True) -> QApplication:
    """The QApplication, named so QSettings and the desktop find the app; fonts registered
    (unless ``fonts`` is False: then call ``register_fonts`` before showing dossier text)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv or sys.argv[:1]))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Dossier")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APPLICATION)
    app.setWindowIcon(app_icon())
    if fonts:
        register_fonts()
    return app


def register_fonts() -> None:
    """The bundled fonts, so Chinese, Japanese and Korean names never show as boxes."""
    from ...export.fonts import register_bundled_fonts

    register_bundled_fonts()


def create_window(paths: Sequence[str | Path]) -> MainWindow:
    """The main window for the command line's paths: a folder is the library, files open."""
    folders = [Path(p) for p in paths if Path(p).is_dir()]
    files = [Path(p) for p in paths if not Path(p).is_dir()]
    # The command line's folder is for this run only: the remembered library is the one
    # picked with File ▸ Open Folder…, and stays so.
    window = MainWindow(library_folder=folders[0] if folders else None, remember_folder=False)
    install_edit_controller(window)  # editing, undo, saving, crash recovery
    for path in files:
        if path.exists():
            window.open_path(path)
        else:
            window.status(f"No such file: {path}")
    return window


def run_gui(paths: Sequence[str]) -> int:
    """Open the window and run until it closes. Returns the exit code."""
    # A library's first paint needs none of the bundled fonts (the names are read after
    # it); a dossier opened from the command line is shown at once, in them.
    files = any(not Path(p).is_dir() for p in paths)
    app = make_application(fonts=files)
    window = create_window(paths)
    window.call_when_shown(register_fonts)
    window.call_when_shown(gc.enable)  # the command line turns it off for start-up
    window.show()
    offer_recovery_soon(window)
    return app.exec()
