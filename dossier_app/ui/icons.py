"""Icons and other bundled resources (``resources/`` next to the package)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

import dossier_app

RESOURCES = Path(dossier_app.__file__).resolve().parent.parent / "resources"
ICONS = RESOURCES / "icons"


@cache
def app_icon() -> QIcon:
    """The application icon (SVG, with the PNG as a fallback for platforms without SVG)."""
    icon = QIcon()
    for name in ("dossier-app.svg", "dossier-app.png"):
        path = ICONS / name
        if path.exists():
            icon.addFile(str(path))
    return icon


def standard_icon(pixmap: QStyle.StandardPixmap) -> QIcon:
    """One of the style's built-in icons (always available, unlike icon themes)."""
    return QApplication.style().standardIcon(pixmap)


def themed_icon(name: str, fallback: QStyle.StandardPixmap) -> QIcon:
    """The desktop theme's icon by freedesktop name, else the style's built-in one."""
    icon = QIcon.fromTheme(name)
    return icon if not icon.isNull() else standard_icon(fallback)
