"""Icons and other bundled resources (``resources/`` next to the package).

The app draws its own icons (``resources/icons/*.svg``, 16×16 artboards that
scale cleanly): they look the same under every style and desktop, and the
window shows without creating the style's enum types in Python first.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

import dossier_app

RESOURCES = Path(dossier_app.__file__).resolve().parent.parent / "resources"
ICONS = RESOURCES / "icons"

#: Every icon the app uses, by name (the file is ``ICONS / f"{name}.svg"``).
ICON_NAMES = frozenset(
    {
        "close",
        "delete",
        "development-add",
        "document-open",
        "edit",
        "error",
        "figure-add",
        "folder",
        "info",
        "ok",
        "open-link",
        "profile",
        "redo",
        "save",
        "source-add",
        "undo",
        "warning",
    }
)


@cache
def app_icon() -> QIcon:
    """The application icon."""
    return QIcon(str(ICONS / "dossier-app.svg"))


@cache
def named_icon(name: str) -> QIcon:
    """One of the app's icons, by name (see ``ICON_NAMES``)."""
    if name not in ICON_NAMES:
        raise KeyError(f"no icon named {name!r}")
    return QIcon(str(ICONS / f"{name}.svg"))
