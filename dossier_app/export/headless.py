"""A Qt application for exporting without a display."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

_app: QGuiApplication | None = None


def ensure_gui_app() -> QCoreApplication:
    """The running Qt application, or a new offscreen QGuiApplication.

    Fonts and the PDF writer need a QGuiApplication but never a window, so a
    headless export uses the offscreen platform unless one was asked for: it
    works with no display and never talks to one that is set but unreachable.
    """
    global _app
    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    if not os.environ.get("QT_QPA_PLATFORM", "").strip():  # set but empty means unset
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication(sys.argv[:1] or ["dossier-app"])
    return _app
