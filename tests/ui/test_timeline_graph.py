"""The graphical timeline as drawn: approximate dates look different, spans are bars, zoom."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QWheelEvent
from pytestqt.qtbot import QtBot

from dossier_app.domain.dates import PartialDate
from dossier_app.ui.dossier.strip import ACCENT, TimelineStrip

from .viewer_sample import sample_dossier


def _strip(qtbot: QtBot) -> TimelineStrip:
    strip = TimelineStrip()
    qtbot.addWidget(strip)
    strip.resize(900, 220)
    strip.show()
    qtbot.waitExposed(strip)
    strip.set_developments(sample_dossier().timeline)
    return strip


def _centre_colour(strip: TimelineStrip, image: QImage, dev_id: str) -> QColor:
    rect = strip.item_rect(dev_id)
    assert rect is not None
    centre = strip.mapFromScene(QPointF(rect.center().x(), rect.center().y()))
    return image.pixelColor(centre)


def _close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_approximate_dates_are_hollow_exact_ones_filled(qtbot: QtBot) -> None:
    strip = _strip(qtbot)
    strip.zoom_in()  # make the single days wide enough to aim at
    base = strip.palette().color(QPalette.ColorRole.Base)
    # "c. 2015" (approximate) is hollow: its centre shows the background.
    strip.horizontalScrollBar().setValue(0)
    image = strip.viewport().grab().toImage()
    assert _close(_centre_colour(strip, image, "old"), base, 10)
    # "Jan 2021" (exact month) is a filled dot in the accent colour.
    strip.ensureVisible(strip.item_rect("month"))  # type: ignore[arg-type]
    image = strip.viewport().grab().toImage()
    assert _close(_centre_colour(strip, image, "month"), ACCENT)


def test_a_span_is_a_bar_as_long_as_its_dates(qtbot: QtBot) -> None:
    strip = _strip(qtbot)
    span = strip.item_rect("span")  # c. Aug 2019 – Feb 2020
    point = strip.item_rect("month")  # Jan 2021
    assert span is not None and point is not None
    seven_months = strip.px_per_day * 200
    assert span.width() >= seven_months
    assert point.width() < seven_months / 4


def test_wheel_zooms_around_the_cursor_and_clicks_select(qtbot: QtBot) -> None:
    strip = _strip(qtbot)
    fit = strip.px_per_day
    pos = QPointF(400, 60)
    event = QWheelEvent(
        pos,
        strip.viewport().mapToGlobal(pos),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    strip.wheelEvent(event)
    assert strip.px_per_day > fit
    rect = strip.item_rect("day")
    assert rect is not None
    strip.ensureVisible(rect)
    with qtbot.waitSignal(strip.developmentClicked) as clicked:
        qtbot.mouseClick(
            strip.viewport(),
            Qt.MouseButton.LeftButton,
            pos=strip.mapFromScene(rect.center()),
        )
    assert clicked.args == ["day"]


def test_no_developments_says_so(qtbot: QtBot) -> None:
    strip = _strip(qtbot)
    strip.set_developments([], "No developments match the filters.")
    assert strip.developments() == []
    assert not strip.can_zoom_in()


def test_a_filtered_list_and_back_places_alike_and_an_edit_is_placed_anew(qtbot: QtBot) -> None:
    """Placings are kept across filter changes, but not past a change of date or title."""
    strip = _strip(qtbot)
    timeline = sample_dossier().timeline
    strip.set_developments(timeline)
    before = strip.item_rect("day")
    strip.set_developments([d for d in timeline if d.id != "old"])
    strip.set_developments(timeline)
    assert strip.item_rect("day") == before
    day = next(d for d in timeline if d.id == "day")
    moved = day.date.first_day() - date(2020, 6, 1)
    day.date = PartialDate(2020, 6, 1)  # a new date object, as an edit makes
    strip.set_developments(timeline)
    after = strip.item_rect("day")
    assert before is not None and after is not None
    assert abs(before.left() - after.left() - moved.days * strip.px_per_day) < 1
