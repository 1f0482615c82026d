"""The graphical timeline: a strip of developments over a year axis, with zoom and pan.

One ``QGraphicsView`` over one scene item that draws only what is exposed, so
ten thousand developments cost one paint of the visible part, not ten
thousand graphics items. Zoom changes the scale of time (pixels per day) while
markers and labels keep their size; the view scrolls and pans. A long list is
laid out once, at the strip's final size, right after the strip is first
painted: opening a big dossier never waits for it (the strip is blank for
that moment), and the resizes of the window's first layout cost nothing.

Drawing: a development with a day, month or year is a dot at the middle of
what the date may mean, with a thin bracket across that month or year; a span
is a bar. Approximate ("circa") dates are hollow and dashed, and a circa span
fades out at both ends.
"""

from __future__ import annotations

import bisect
import datetime as _dt

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from ...domain.dates import PartialDate, display_span
from ...domain.model import Development
from ..widgets.text import tooltip
from .strip_layout import (
    AXIS_HEIGHT,
    LANE_HEIGHT,
    MARGIN_X,
    MARKER,
    RIGHT_ROOM,
    TOP,
    Placed,
    lanes_for,
    place_all,
)
from .strip_paint import ACCENT, SELECTED, StripInk, StripPainter, strip_ink

__all__ = ["ACCENT", "SELECTED", "StripInk", "TimelineStrip", "strip_ink"]

MAX_PX_PER_DAY = 24.0
EXACT_LABELS = 3000  # beyond this many developments, label widths are estimated
EAGER = 2000  # up to this many are laid out at once; more wait for the first paint
ZOOM_STEP = 1.25


class _StripItem(QGraphicsItem):
    """Draws the axis and the developments in the exposed part of the scene."""

    def __init__(self, strip: TimelineStrip) -> None:
        super().__init__()
        self._strip = strip
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._rect = QRectF()

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        self._strip.painter.paint_strip(painter, option.exposedRect)



class TimelineStrip(QGraphicsView):
    """Developments over time. ``developmentClicked(id)`` when the user picks one."""

    developmentClicked = Signal(str)
    zoomChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineStrip")
        self.setScene(QGraphicsScene(self))
        self._item = _StripItem(self)
        self.scene().addItem(self._item)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(TOP + 2 * LANE_HEIGHT + AXIS_HEIGHT + 20)
        self.setToolTip("")  # tooltips are per development, see viewportEvent
        self.setAccessibleName("Graphical timeline")

        self._placed: list[Placed] = []  # sorted by start
        # Developments given but not laid out yet (None: the layout is up to date).
        self._incoming: list[Development] | None = None
        self._layout_timer = QTimer(self)
        self._layout_timer.setSingleShot(True)
        self._layout_timer.setInterval(0)
        self._layout_timer.timeout.connect(self._ensure_layout)
        self._starts: list[float] = []  # x0 of each placed item, for bisect
        self._max_width = 0.0
        self._max_right = 0.0
        this_year = _dt.date.today().year
        self._day0 = _dt.date(this_year, 1, 1).toordinal()
        self._day1 = _dt.date(this_year, 12, 31).toordinal() + 1  # exclusive end
        self._px_per_day = 0.0  # 0: fit to the width on the next layout
        self._fit = True
        self._selected: str | None = None
        self._press: QPoint | None = None
        self._empty_text = "No developments"

        self.painter = StripPainter(self)
        self._label_widths: dict[str, int] = {}
        # First and last day (ordinals) of each date object seen, by identity: loaded
        # dossiers share equal dates, and hashing a dataclass costs more than this.
        self._days: dict[int, tuple[PartialDate, int, int]] = {}
        # Each development's placing, kept (by identity) while its date, end and title
        # are the same objects: a filter change on a big timeline then neither measures
        # nor allocates every development again (100k new objects also wake the GC).
        self._placings: dict[int, tuple[Development, object, object, str, bool, Placed]] = {}
        self._placings_peak = 0

    # -- public API -------------------------------------------------------------
    def set_developments(self, developments: list[Development], empty_text: str = "") -> None:
        """Show these developments (already filtered); keeps the zoom unless fitting.

        A long list is laid out after the strip's next paint (or when asked
        where something is), at the size the strip has then.
        """
        self._incoming = list(developments)
        self._empty_text = empty_text or "No developments"
        if len(developments) <= EAGER:
            self._ensure_layout()
        else:
            self._layout_timer.stop()  # started by the next paint
            self.viewport().update()

    def _ensure_layout(self) -> None:
        """Lay out the developments given last, if not done yet."""
        self._layout_timer.stop()
        developments, self._incoming = self._incoming, None
        if developments is None:
            return
        self._place_developments(developments)
        self._relayout()
        self.zoomChanged.emit()  # fitting a new list changes the scale

    def _place_developments(self, developments: list[Development]) -> None:
        metrics = self.painter.metrics
        widths = self._label_widths
        # Measuring every title costs more than it gives on big timelines, whose
        # labels mostly do not fit anyway: estimate those from the average glyph.
        exact = len(developments) <= EXACT_LABELS
        average = metrics.averageCharWidth() * 1.08
        placed = []
        if len(self._days) > 4 * len(developments) + 1000:
            self._days.clear()  # dates of earlier versions of the dossier
        known = self._placings
        self._placings_peak = max(self._placings_peak, len(developments))
        if len(known) > 2 * self._placings_peak:
            known.clear()  # developments of earlier versions of the dossier
            self._placings_peak = len(developments)
        days = self._day_range
        for d in developments:
            entry = known.get(id(d))
            if (
                entry is not None
                and entry[0] is d
                and entry[1] is d.date
                and entry[2] is d.end
                and entry[3] is d.title
                and entry[4] is exact
            ):
                placed.append(entry[5])
                continue
            start = days(d.date)
            last = days(d.end) if d.end is not None else start
            first, stop = start[1], last[2] + 1
            width = widths.get(d.title)
            if width is None:
                width = metrics.horizontalAdvance(d.title) if exact else int(len(d.title) * average)
                if exact:
                    widths[d.title] = width
            p = Placed(d, first, max(stop, first + 1), d.end is not None, width)
            known[id(d)] = (d, d.date, d.end, d.title, exact, p)
            placed.append(p)
        placed.sort(key=lambda p: p.start)
        self._placed = placed
        if placed:
            lo = min(p.start for p in placed)
            hi = max(p.stop for p in placed)
            # Whole years around the data, so the axis starts and ends on a year.
            self._day0 = _dt.date(_dt.date.fromordinal(lo).year, 1, 1).toordinal()
            last_year = _dt.date.fromordinal(hi - 1).year
            self._day1 = _dt.date(last_year, 12, 31).toordinal() + 1

    def _day_range(self, date: PartialDate) -> tuple[PartialDate, int, int]:
        entry = self._days.get(id(date))
        if entry is None or entry[0] is not date:
            entry = (date, date.first_day().toordinal(), date.last_day().toordinal())
            self._days[id(date)] = entry
        return entry

    def developments(self) -> list[Development]:
        self._ensure_layout()
        return [p.dev for p in self._placed]

    def set_selected(self, dev_id: str | None, ensure_visible: bool = True) -> None:
        self._selected = dev_id
        if dev_id is not None and ensure_visible:
            self._ensure_layout()
            placed = self._find(dev_id)
            if placed is not None:
                self.ensureVisible(
                    QRectF(placed.marker_left, self._lane_y(placed.lane), 1, LANE_HEIGHT),
                    60,
                    0,
                )
        self.viewport().update()

    def selected(self) -> str | None:
        return self._selected

    def zoom_in(self) -> None:
        self._ensure_layout()
        self._zoom_by(ZOOM_STEP, self.viewport().width() / 2)

    def zoom_out(self) -> None:
        self._ensure_layout()
        self._zoom_by(1 / ZOOM_STEP, self.viewport().width() / 2)

    def zoom_fit(self) -> None:
        self._ensure_layout()
        self._fit = True
        self._relayout()
        self.horizontalScrollBar().setValue(0)
        self.zoomChanged.emit()

    @property
    def px_per_day(self) -> float:
        self._ensure_layout()
        return self._px_per_day

    def x_of_day(self, day: float) -> float:
        self._ensure_layout()
        return self._x(day)

    def _x(self, day: float) -> float:
        return MARGIN_X + (day - self._day0) * self._px_per_day

    def item_rect(self, dev_id: str) -> QRectF | None:
        """Where a development's marker is drawn, in scene coordinates (for tests)."""
        self._ensure_layout()
        p = self._find(dev_id)
        if p is None:
            return None
        y = self._lane_y(p.lane)
        return QRectF(p.marker_left, y, p.marker_right - p.marker_left, LANE_HEIGHT)

    def _fit_scale(self) -> float:
        days = max(self._day1 - self._day0, 1)
        width = max(self.viewport().width() - MARGIN_X - RIGHT_ROOM, 50)
        return width / days

    def _lanes(self) -> int:
        return lanes_for(self.viewport().height())

    def _lane_y(self, lane: int) -> float:
        return TOP + lane * LANE_HEIGHT

    def _relayout(self) -> None:
        fit = self._fit_scale()
        if self._fit or self._px_per_day <= 0:
            self._px_per_day = fit
        self._px_per_day = min(max(self._px_per_day, fit), MAX_PX_PER_DAY)
        self._place_all()
        viewport_width = self.viewport().width()
        if self._fit and self._placed:
            # Fitting means the labels too: squeeze time until the last label ends in view.
            overflow = self._max_right + 12 - viewport_width
            usable = viewport_width - MARGIN_X - RIGHT_ROOM - overflow
            if overflow > 0 and usable > viewport_width * 0.5:
                self._px_per_day = usable / max(self._day1 - self._day0, 1)
                self._place_all()
        right = self._max_right if self._placed else 0.0
        width = max(self._x(self._day1) + RIGHT_ROOM, right + 12, viewport_width)
        rect = QRectF(0, 0, width, self.viewport().height())
        self.scene().setSceneRect(rect)
        self._item.set_rect(rect)
        self.viewport().update()

    def _place_all(self) -> None:
        """Position every development at the current scale (see ``strip_layout``)."""
        extent = place_all(self._placed, self._day0, self._px_per_day, self._lanes())
        self._starts = extent.starts
        self._max_width = extent.max_width
        self._max_right = extent.max_right

    def _zoom_by(self, factor: float, anchor_x: float) -> None:
        self._ensure_layout()
        if not self._placed:
            return
        old = self._px_per_day
        day = self._day0 + (self.horizontalScrollBar().value() + anchor_x - MARGIN_X) / old
        self._fit = False
        self._px_per_day = old * factor
        self._relayout()
        if self._px_per_day <= self._fit_scale() + 1e-9:
            self._fit = True
        self.horizontalScrollBar().setValue(round(self._x(day) - anchor_x))
        self.zoomChanged.emit()

    def can_zoom_in(self) -> bool:
        if self._incoming is not None:  # not laid out yet: fitted, or the zoom kept
            return bool(self._incoming) and (self._fit or self._px_per_day < MAX_PX_PER_DAY)
        return bool(self._placed) and self._px_per_day < MAX_PX_PER_DAY - 1e-9

    def can_zoom_out(self) -> bool:
        if self._incoming is not None:
            return bool(self._incoming) and not self._fit
        return bool(self._placed) and not self._fit

    def _find(self, dev_id: str) -> Placed | None:
        return next((p for p in self._placed if p.dev.id == dev_id), None)

    def _visible_range(self, left: float, right: float) -> range:
        lo = bisect.bisect_left(self._starts, left - self._max_width - MARKER)
        hi = bisect.bisect_right(self._starts, right + MARKER)
        return range(lo, hi)

    def placed_at(self, scene_pos: QPointF) -> Development | None:
        """The development drawn at a scene position (its marker or its label)."""
        self._ensure_layout()
        x, y = scene_pos.x(), scene_pos.y()
        lane = int((y - TOP) // LANE_HEIGHT)
        if y < TOP or lane >= self._lanes():
            return None
        best: Placed | None = None
        for i in self._visible_range(x, x):
            p = self._placed[i]
            if p.lane != lane:
                continue
            if p.marker_left - 3 <= x <= p.right + 3:
                best = p  # the last drawn is on top
        return best.dev if best is not None else None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._incoming is None:  # else laid out once the size has settled
            self._relayout()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if (delta.x() and not delta.y()) or event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            # Horizontal wheels and Shift+wheel pan.
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - (delta.x() or delta.y()))
            event.accept()
            return
        if delta.y():
            factor = ZOOM_STEP ** (delta.y() / 120)
            self._zoom_by(factor, event.position().x())
            event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        super().mouseReleaseEvent(event)
        if (
            event.button() == Qt.MouseButton.LeftButton
            and press is not None
            and (event.position().toPoint() - press).manhattanLength() < 5
        ):
            event.accept()  # a click, not the end of a drag
            dev = self.placed_at(self.mapToScene(event.position().toPoint()))
            if dev is not None:
                self.set_selected(dev.id, ensure_visible=False)
                self.developmentClicked.emit(dev.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.zoom_fit()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.developments():
            self._step_selection(-1 if key == Qt.Key.Key_Left else 1)
        else:
            super().keyPressEvent(event)

    def _step_selection(self, step: int) -> None:
        ids = [p.dev.id for p in self._placed]
        if self._selected in ids:
            i = min(max(ids.index(self._selected) + step, 0), len(ids) - 1)
        else:
            i = 0 if step > 0 else len(ids) - 1
        self.set_selected(ids[i])
        self.developmentClicked.emit(ids[i])

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            dev = self.placed_at(self.mapToScene(event.pos()))
            if dev is None:
                QToolTip.hideText()
                event.ignore()
                return True
            text = f"{display_span(dev.date, dev.end)}\n{dev.title}"
            if dev.approximate:
                text += "\n(approximate date)"
            QToolTip.showText(event.globalPos(), tooltip(text), self.viewport())
            return True
        return super().viewportEvent(event)
