"""Text and lines stay readable on light and dark palettes (a dark desktop theme)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dossier_app.ui.dossier.strip import strip_ink
from dossier_app.ui.widgets.colours import is_dark, message_colours, mix
from dossier_app.ui.widgets.icons import named_icon

Role = QPalette.ColorRole

LIGHT = {Role.Window: "#efefef", Role.Base: "#ffffff", Role.Text: "#000000"}
DARK = {Role.Window: "#353535", Role.Base: "#2a2a2a", Role.Text: "#ffffff"}


def palette(colours: dict[QPalette.ColorRole, str]) -> QPalette:
    pal = QPalette()
    for role, name in colours.items():
        pal.setColor(role, QColor(name))
    pal.setColor(Role.WindowText, pal.color(Role.Text))
    return pal


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture(params=["light", "dark"])
def pal(request: pytest.FixtureRequest) -> QPalette:
    return palette(LIGHT if request.param == "light" else DARK)


def test_mix_and_darkness() -> None:
    assert mix(QColor("#000000"), QColor("#ffffff"), 0.5).name() == "#808080"
    assert mix(QColor("#123456"), QColor("#ffffff"), 0).name() == "#123456"
    assert is_dark(palette(DARK)) and not is_dark(palette(LIGHT))


def test_the_timeline_strip_is_readable(pal: QPalette) -> None:
    ink = strip_ink(pal)
    base = pal.color(Role.Base)
    assert contrast(ink.label, base) >= 7  # development titles
    assert contrast(ink.selected_label, base) >= 3
    assert contrast(ink.axis, base) >= 3  # years and months
    assert contrast(ink.grid, base) < 1.5  # year lines stay in the background


def test_message_bars_are_readable(pal: QPalette) -> None:
    for kind in ("info", "warning", "error"):
        background, border = message_colours(pal, kind)
        assert contrast(pal.color(Role.WindowText), background) >= 7, kind
        window = pal.color(Role.Window)
        assert contrast(border, window) > contrast(background, window)  # the edge shows


def _mean_lightness(name: str) -> float:
    image = named_icon(name).pixmap(24, 24).toImage()
    inked = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert inked, name
    return sum(c.lightnessF() for c in inked) / len(inked)


@pytest.fixture
def dark_app(qtbot: QtBot) -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    app.setPalette(palette(DARK))
    yield
    app.setPalette(before)


def test_icons_are_inked_for_the_palette(dark_app: None) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    close_dark, error_dark = _mean_lightness("close"), _mean_lightness("error")
    app.setPalette(palette(LIGHT))
    close_light, error_light = _mean_lightness("close"), _mean_lightness("error")
    # The neutral ink is light on a dark palette and dark on a light one...
    assert close_dark > 0.7 and close_light < 0.4
    # ...and coloured icons are the same on both.
    assert error_dark == pytest.approx(error_light, abs=0.01)
