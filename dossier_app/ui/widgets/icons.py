"""The app's icons, shipped as package data (``dossier_app/resources/icons``).

The app draws its own icons (``resources/icons/*.svg``, 16×16 artboards that
scale cleanly): they look the same under every style, on a dark palette their
neutral ink is drawn light, and the window shows without creating the style's
enum types in Python first.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QGuiApplication, QIcon

from ...resources import ICONS
from .colours import is_dark

__all__ = ["ICONS", "ICON_NAMES", "app_icon", "named_icon"]

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


#: The icons' neutral ink, and what it becomes on a dark palette; the paper white of
#: documents and cards drawn in that ink turns dark with it.
LIGHT_INK, DARK_INK = b"#3E4C5E", b"#D0D7E0"
LIGHT_PAPER, DARK_PAPER = b'fill="#FFFFFF"', b'fill="#2E3742"'
#: Pixel sizes drawn for a recoloured icon (toolbars, menus, buttons; up to 2x screens).
RECOLOURED_SIZES = (16, 20, 24, 32, 48, 64)


def named_icon(name: str) -> QIcon:
    """One of the app's icons, by name (see ``ICON_NAMES``), inked for the palette."""
    if name not in ICON_NAMES:
        raise KeyError(f"no icon named {name!r}")
    return _icon(name, is_dark(QGuiApplication.palette()))


@cache
def _icon(name: str, dark: bool) -> QIcon:
    path = ICONS / f"{name}.svg"
    if dark:
        data = path.read_bytes()
        if LIGHT_INK in data:
            return _drawn(data.replace(LIGHT_INK, DARK_INK).replace(LIGHT_PAPER, DARK_PAPER))
    return QIcon(str(path))


def _drawn(svg: bytes) -> QIcon:
    """An icon drawn from SVG text (the icon engine reads only files)."""
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QImage, QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    icon = QIcon()
    for size in RECOLOURED_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(QPixmap.fromImage(image))
    return icon
