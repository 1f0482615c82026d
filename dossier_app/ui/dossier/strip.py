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
from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
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
from ..widgets.colours import is_dark, mix
from ..widgets.text import tooltip

ACCENT = QColor("#2F5F9E")
ACCENT_LIGHT = QColor("#9FB7D9")
SELECTED = QColor("#E07B00")


class StripInk(NamedTuple):
    """The strip's colours that sit on its background, mixed from the palette."""

    label: QColor  # development titles
    selected_label: QColor
    axis: QColor  # year and month names, year ticks
    axis_line: QColor
    grid: QColor  # year lines across the lanes
    tick: QColor  # month ticks


def strip_ink(palette: QPalette) -> StripInk:
    """Colours for text and lines on the strip, readable on a light or a dark base."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    return StripInk(
        label=mix(base, text, 0.88),
        selected_label=SELECTED.lighter(125) if is_dark(palette) else SELECTED.darker(130),
        axis=mix(base, text, 0.65),
        axis_line=mix(base, text, 0.4),
        grid=mix(base, text, 0.1),
        tick=mix(base, text, 0.2),
    )

MARGIN_X = 48  # room left and right of the first and last date
TOP = 10
LANE_HEIGHT = 22
AXIS_HEIGHT = 30
MARKER = 10  # dot diameter
BAR_HEIGHT = 10
LABEL_GAP = 6
LANE_GAP = 10  # space between one item's drawing and the next in its lane
RIGHT_ROOM = 190  # after the last year, for the labels of the last developments
LABEL_MAX = 240
MIN_LABEL = 40  # a label narrower than this is not worth drawing
MAX_PX_PER_DAY = 24.0
EXACT_LABELS = 3000  # beyond this many developments, label widths are estimated
DENSE = 1500  # beyond this many in view, draw ticks instead of markers and labels
EAGER = 2000  # up to this many are laid out at once; more wait for the first paint
ZOOM_STEP = 1.25


@dataclass(slots=True)
class _Placed:
    """One development laid out on the strip (x in scene pixels), set by ``_place_all``."""

    dev: Development
    start: int  # first day (ordinal)
    stop: int  # day after the last (ordinal)
    is_span: bool
    label_width: int  # natural width of the title
    x0: float = 0.0  # the bar, or the bracket of the month or year a date may mean
    x1: float = 0.0
    marker_left: float = 0.0  # the bar, or the dot
    marker_right: float = 0.0
    label_x: float = 0.0
    lane: int = 0
    label_room: float = 0.0  # how wide the label may be drawn (0: no label)

    @property
    def right(self) -> float:
        """Where the drawing ends, label included."""
        if self.label_room:
            return self.label_x + self.label_room
        return self.label_x - LABEL_GAP


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
        self._strip.paint_strip(painter, option.exposedRect)


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

        self._placed: list[_Placed] = []  # sorted by start
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

        self._font = QFont(self.font())
        self._ink = strip_ink(self.palette())
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._axis_font = QFont(self._font)
        self._axis_font.setPointSizeF(self._font.pointSizeF() * 0.9)
        self._metrics = QFontMetrics(self._font)
        self._bold_metrics = QFontMetrics(self._bold)
        self._label_widths: dict[str, int] = {}
        # First and last day (ordinals) of each date object seen, by identity: loaded
        # dossiers share equal dates, and hashing a dataclass costs more than this.
        self._days: dict[int, tuple[PartialDate, int, int]] = {}
        # Each development's placing, kept (by identity) while its date, end and title
        # are the same objects: a filter change on a big timeline then neither measures
        # nor allocates every development again (100k new objects also wake the GC).
        self._placings: dict[int, tuple[Development, object, object, str, bool, _Placed]] = {}
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
        metrics = self._metrics
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
            p = _Placed(d, first, max(stop, first + 1), d.end is not None, width)
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

    # -- layout -----------------------------------------------------------------
    def _fit_scale(self) -> float:
        days = max(self._day1 - self._day0, 1)
        width = max(self.viewport().width() - MARGIN_X - RIGHT_ROOM, 50)
        return width / days

    def _lanes(self) -> int:
        usable = self.viewport().height() - TOP - AXIS_HEIGHT
        return max(1, usable // LANE_HEIGHT)

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
        """Position every development at the current scale and give each a lane.

        Items come in order of start. Each goes to the first lane where the
        previous drawing, label included, has ended; when every lane is busy, a
        previous label is shortened to make room, and failing that the item
        overlaps without a label. Written as one plain loop: it runs over every
        development on each zoom step.
        """
        day0, ppd, half = self._day0, self._px_per_day, MARKER / 2
        lanes_max = self._lanes()
        lane_end: list[float] = []  # where the last drawing of each lane ends
        lane_last: list[_Placed] = []
        max_width = 0.0
        max_right = 0.0
        for p in self._placed:
            x0 = MARGIN_X + (p.start - day0) * ppd
            x1 = MARGIN_X + (p.stop - day0) * ppd
            if p.is_span:
                left, mark_right = x0, x1
            else:
                mid = (x0 + x1) / 2
                if x1 - x0 < MARKER:  # too narrow to show the precision: a plain dot
                    x0, x1 = mid - half, mid + half
                left, mark_right = mid - half, mid + half
            end = x1 if x1 > mark_right else mark_right
            label_x = end + LABEL_GAP
            room = float(p.label_width if p.label_width < LABEL_MAX else LABEL_MAX)
            p.x0, p.x1, p.marker_left, p.marker_right, p.label_x = x0, x1, left, mark_right, label_x
            lane = -1
            if lane_end and min(lane_end) + LANE_GAP <= left:
                for i, lane_right in enumerate(lane_end):
                    if lane_right + LANE_GAP <= left:
                        lane = i
                        break
            elif len(lane_end) < lanes_max:
                lane = len(lane_end)
                lane_end.append(0.0)
                lane_last.append(p)
            if lane < 0:
                # Every lane is busy: shorten the label that leaves most room, or
                # failing that overlap where the last marker ends first, unlabelled.
                best_room = -1.0
                first_free, first_x1 = 0, float("inf")
                for i, q in enumerate(lane_last):
                    if q.label_x - LABEL_GAP + LANE_GAP <= left:
                        space = left - LANE_GAP - q.label_x
                        if space > best_room:
                            lane, best_room = i, space
                    if q.x1 < first_x1:
                        first_free, first_x1 = i, q.x1
                if lane >= 0:
                    lane_last[lane].label_room = best_room if best_room >= MIN_LABEL else 0.0
                else:
                    lane = first_free
                    room = 0.0
            p.lane = lane
            p.label_room = room
            lane_last[lane] = p
            right = label_x + room if room else end
            lane_end[lane] = right
            if right > max_right:
                max_right = right
            width = label_x + LABEL_MAX + 80 - x0
            if width > max_width:
                max_width = width
        # Monotonic in the order of the list (x0 of a dot may sit half a dot earlier).
        self._starts = [MARGIN_X + (p.start - day0) * ppd for p in self._placed]
        self._max_width = max_width
        self._max_right = max_right

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

    # -- hit testing ------------------------------------------------------------
    def _find(self, dev_id: str) -> _Placed | None:
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
        best: _Placed | None = None
        for i in self._visible_range(x, x):
            p = self._placed[i]
            if p.lane != lane:
                continue
            if p.marker_left - 3 <= x <= p.right + 3:
                best = p  # the last drawn is on top
        return best.dev if best is not None else None

    # -- painting ---------------------------------------------------------------
    def paint_strip(self, painter: QPainter, exposed: QRectF) -> None:
        pal = self.palette()
        self._ink = strip_ink(pal)
        painter.fillRect(exposed, pal.color(QPalette.ColorRole.Base))
        if self._incoming is not None:
            # Not laid out yet: right after this paint, at the size the strip has now.
            self._layout_timer.start()
            return
        self._paint_axis(painter, exposed)
        if not self._placed:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.setFont(self._font)
            shown = self.mapToScene(self.viewport().rect()).boundingRect()
            painter.drawText(
                shown.adjusted(0, 0, 0, -AXIS_HEIGHT),
                Qt.AlignmentFlag.AlignCenter,
                self._empty_text,
            )
            return
        visible = self._visible_range(exposed.left(), exposed.right())
        if len(visible) > DENSE:
            self._paint_dense(painter, visible)
            return
        selected = None
        for i in visible:
            p = self._placed[i]
            if p.dev.id == self._selected:
                selected = p  # drawn last, on top
                continue
            self._paint_one(painter, p, False)
        if selected is not None:
            self._paint_one(painter, selected, True)

    def _paint_dense(self, painter: QPainter, visible: range) -> None:
        """Too many to draw one by one: a tick per occupied pixel column and lane."""
        ticks: set[tuple[int, int]] = set()
        bars: list[QRectF] = []
        placed = self._placed
        for i in visible:
            p = placed[i]
            if p.is_span and p.x1 - p.x0 > 3:
                y = TOP + p.lane * LANE_HEIGHT + LANE_HEIGHT / 2
                bars.append(QRectF(p.x0, y - 2, p.x1 - p.x0, 4))
            else:
                ticks.add((p.lane, int(p.marker_left + MARKER / 2)))
        painter.setPen(Qt.PenStyle.NoPen)
        faded = QColor(ACCENT)
        faded.setAlpha(110)
        painter.setBrush(faded)
        if bars:
            painter.drawRects(bars)
        painter.setBrush(ACCENT)
        painter.drawRects(
            [
                QRectF(x - 1, TOP + lane * LANE_HEIGHT + LANE_HEIGHT / 2 - 4, 2, 8)
                for lane, x in ticks
            ]
        )
        chosen = self._find(self._selected) if self._selected is not None else None
        if chosen is not None:
            self._paint_one(painter, chosen, True)

    def _paint_axis(self, painter: QPainter, exposed: QRectF) -> None:
        height = self.viewport().height()
        axis_y = height - AXIS_HEIGHT + 4
        ppd = self._px_per_day
        if ppd <= 0:
            return
        first_year = _dt.date.fromordinal(self._day0).year
        last_year = _dt.date.fromordinal(self._day1 - 1).year + 1  # the closing tick
        year_px = ppd * 365.25
        step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if s * year_px >= 56), 100)
        painter.setFont(self._axis_font)
        ink = self._ink
        grid_pen = QPen(ink.grid, 1)
        text_pen = QPen(ink.axis)
        # Month ticks when a month is wide enough to tell apart.
        month_px = ppd * 30.4
        for year in range(first_year, last_year + 1):
            x = self._x(_dt.date(year, 1, 1).toordinal())
            if x > exposed.right() + 1 or x + year_px < exposed.left() - 1:
                continue
            if month_px >= 8:
                painter.setPen(QPen(ink.tick, 1))
                for month in range(2, 13):
                    mx = self._x(_dt.date(year, month, 1).toordinal())
                    painter.drawLine(QPointF(mx, axis_y), QPointF(mx, axis_y + 4))
                    if month_px >= 44:
                        painter.setPen(text_pen)
                        painter.drawText(
                            QRectF(mx + 3, axis_y + 2, month_px - 4, AXIS_HEIGHT - 8),
                            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                            _dt.date(year, month, 1).strftime("%b"),
                        )
                        painter.setPen(QPen(ink.tick, 1))
            if (year - first_year) % step:
                continue
            painter.setPen(grid_pen)
            painter.drawLine(QPointF(x, TOP - 4), QPointF(x, axis_y))
            painter.setPen(QPen(ink.axis, 1))
            painter.drawLine(QPointF(x, axis_y), QPointF(x, axis_y + 7))
            painter.setPen(text_pen)
            painter.drawText(
                QRectF(x + 4, axis_y + 2, 60, AXIS_HEIGHT - 8),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(year),
            )
        painter.setPen(QPen(ink.axis_line, 1))
        painter.drawLine(QPointF(exposed.left(), axis_y), QPointF(exposed.right(), axis_y))

    def _paint_one(self, painter: QPainter, p: _Placed, selected: bool) -> None:
        y = self._lane_y(p.lane) + LANE_HEIGHT / 2
        colour = SELECTED if selected else ACCENT
        approximate = p.dev.approximate
        dashed = QPen(colour, 1.6, Qt.PenStyle.DashLine)
        dashed.setDashPattern([3, 2])
        if p.is_span:
            rect = QRectF(p.x0, y - BAR_HEIGHT / 2, max(p.x1 - p.x0, 4), BAR_HEIGHT)
            if approximate:
                # A circa span: paler, fading out at both ends, with a dashed edge.
                grad = QLinearGradient(rect.topLeft(), rect.topRight())
                fill = QColor(colour)
                fill.setAlpha(150)
                edge = QColor(colour)
                edge.setAlpha(0)
                fade = min(0.3, max(28 / max(rect.width(), 1), 0.12))
                grad.setColorAt(0.0, edge)
                grad.setColorAt(fade, fill)
                grad.setColorAt(1 - fade, fill)
                grad.setColorAt(1.0, edge)
                painter.setBrush(QBrush(grad))
                thin = QPen(colour.lighter(130), 1, Qt.PenStyle.DashLine)
                painter.setPen(thin)
            else:
                painter.setBrush(colour)
                painter.setPen(QPen(colour.darker(120), 1))
            painter.drawRoundedRect(rect, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
        else:
            mid = (p.x0 + p.x1) / 2
            if p.x1 - p.x0 > MARKER + 2:
                # The month or year the date may mean: a thin bracket.
                pen = QPen(ACCENT_LIGHT if not selected else SELECTED.lighter(140), 1.5)
                painter.setPen(pen)
                painter.drawLine(QPointF(p.x0, y), QPointF(p.x1, y))
                painter.drawLine(QPointF(p.x0, y - 4), QPointF(p.x0, y + 4))
                painter.drawLine(QPointF(p.x1, y - 4), QPointF(p.x1, y + 4))
            dot = QRectF(mid - MARKER / 2, y - MARKER / 2, MARKER, MARKER)
            if approximate:
                painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
                painter.setPen(dashed)
            else:
                painter.setBrush(colour)
                painter.setPen(QPen(colour.darker(120), 1))
            painter.drawEllipse(dot)
        if selected:
            ring = QPen(SELECTED, 2)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(ring)
            left = p.marker_left - 3
            painter.drawRoundedRect(
                QRectF(left, y - MARKER / 2 - 3, p.marker_right - left + 3, MARKER + 6), 6, 6
            )
        width = p.label_room
        if selected:
            # The selected title is always readable, over whatever it covers.
            width = min(self._bold_metrics.horizontalAdvance(p.dev.title), LABEL_MAX + 80)
            backdrop = QColor(self.palette().color(QPalette.ColorRole.Base))
            backdrop.setAlpha(235)
            painter.setPen(QPen(SELECTED.lighter(160), 1))
            painter.setBrush(backdrop)
            painter.drawRoundedRect(
                QRectF(p.label_x - 3, y - LANE_HEIGHT / 2 + 2, width + 8, LANE_HEIGHT - 4), 3, 3
            )
        if width <= 0:
            return
        painter.setFont(self._bold if selected else self._font)
        painter.setPen(self._ink.selected_label if selected else self._ink.label)
        metrics = self._bold_metrics if selected else self._metrics
        title = p.dev.title
        # elidedText at exactly the measured width may still elide (fractional advances).
        if metrics.horizontalAdvance(title) > width:
            title = metrics.elidedText(title, Qt.TextElideMode.ElideRight, round(width))
        painter.drawText(
            QRectF(p.label_x, y - LANE_HEIGHT / 2, width + 8, LANE_HEIGHT),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title,
        )

    # -- events -----------------------------------------------------------------
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
