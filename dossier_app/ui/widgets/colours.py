"""Colours worked out from the palette, so the app reads well on light and dark desktops.

Fixed brand colours (the timeline's accent, a marking's chip) stay as they are;
what sits on the window or a view's background (text, grid lines, tinted bars)
is mixed from the palette's own colours.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved ``t`` of the way towards ``b`` (0 gives ``a``, 1 gives ``b``)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def is_dark(palette: QPalette) -> bool:
    """True when the palette draws light text on a dark background."""
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


#: The hue of a message bar by kind of news (each kind has an icon of its name).
MESSAGE_HUES = {"info": QColor("#2F5F9E"), "warning": QColor("#D99A00"), "error": QColor("#C0392B")}


def message_colours(palette: QPalette, kind: str) -> tuple[QColor, QColor]:
    """Background and border of a message bar: a tint of the kind's hue on the window."""
    window = palette.color(QPalette.ColorRole.Window)
    hue = MESSAGE_HUES[kind]
    return mix(window, hue, 0.14), mix(window, hue, 0.55)
