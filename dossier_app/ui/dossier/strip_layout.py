"""Where each development goes on the timeline strip: x positions, lanes, label room (no Qt).

The strip draws a development as a dot at the middle of what its date may mean
(with a bracket across that month or year) or, for a span, as a bar, and its
title to the right. Items are placed in order of start, each in the first lane
where the previous drawing, label included, has ended. When every lane is busy,
the label before it in some lane is shortened to end before it (or dropped when
too little would be left), so a label never runs over another label, a dot or
a bar: only markers may overlap, when more developments share a moment than
there are lanes. The strip elides a shortened label and shows the whole title
in its tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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
DENSE = 1500  # beyond this many in view, draw ticks instead of markers and labels


@dataclass(slots=True)
class Placed:
    """One development laid out on the strip (x in scene pixels), set by ``place_all``."""

    dev: Any  # the Development (any object: the layout only needs the fields below)
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
    def marker_end(self) -> float:
        """Where the marker (bar, dot or bracket) ends."""
        return self.x1 if self.x1 > self.marker_right else self.marker_right

    @property
    def right(self) -> float:
        """Where the drawing ends, label included."""
        if self.label_room:
            return self.label_x + self.label_room
        return self.label_x - LABEL_GAP


@dataclass(frozen=True, slots=True)
class Extent:
    """What a layout needs to know about its result: where items start and how far it reaches."""

    starts: list[float]  # x0 of each item, in order, for bisecting the visible range
    max_width: float  # the widest drawing from its start, label included
    max_right: float  # where the rightmost drawing ends


def lanes_for(height: float) -> int:
    """How many lanes a strip of this (viewport) height holds."""
    return max(1, int((height - TOP - AXIS_HEIGHT) // LANE_HEIGHT))


def place_all(placed: Sequence[Placed], day0: int, px_per_day: float, lanes_max: int) -> Extent:
    """Position every item (sorted by start) at this scale and give each a lane and label room.

    Written as one plain loop: it runs over every development on each zoom step.
    """
    ppd, half = px_per_day, MARKER / 2
    lane_end: list[float] = []  # where the drawings of each lane end, labels included
    lane_marks: list[float] = []  # where the markers of each lane end
    lane_last: list[Placed] = []
    lane_labelled: list[list[Placed]] = []  # items of each lane whose label may still be in reach
    max_width = 0.0
    max_right = 0.0
    for p in placed:
        x0 = MARGIN_X + (p.start - day0) * ppd
        # No later item's marker starts left of this (items come in order of start).
        reach = x0 - half - LANE_GAP
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
            lane_marks.append(0.0)
            lane_last.append(p)
            lane_labelled.append([])
        if lane < 0:
            lane = _make_room(lane_last, lane_marks, left)
            # No label of the lane may run over this marker; where markers overlap,
            # this one goes unlabelled.
            _cut_labels(lane_labelled[lane], left, end, reach)
            if lane_marks[lane] + LANE_GAP > left:
                room = 0.0
        p.lane = lane
        p.label_room = room
        lane_last[lane] = p
        if room:
            lane_labelled[lane].append(p)
        right = label_x + room if room else end
        lane_marks[lane] = max(lane_marks[lane], end)
        lane_end[lane] = max(lane_marks[lane], right)
        if right > max_right:
            max_right = right
        width = label_x + LABEL_MAX + 80 - x0
        if width > max_width:
            max_width = width
    starts = [MARGIN_X + (p.start - day0) * ppd for p in placed]
    return Extent(starts, max_width, max_right)


def _make_room(lane_last: list[Placed], lane_marks: list[float], left: float) -> int:
    """Every lane is busy at ``left``: the lane to use, with its last label cut to fit.

    The lane whose markers all end before ``left`` and whose last label would keep
    the most room is taken, and that label is shortened to end a gap before
    ``left`` (or dropped when less than ``MIN_LABEL`` would be left). When every
    lane has a marker reaching ``left``, the one whose markers end first is taken
    and its last label dropped: the markers overlap, but no label lies under one.
    """
    best, best_room = -1, -1.0
    first_free, first_end = 0, float("inf")
    for i, q in enumerate(lane_last):
        marks = lane_marks[i]
        if marks + LANE_GAP <= left:
            space = left - LANE_GAP - q.label_x
            if space > best_room:
                best, best_room = i, space
        if marks < first_end:
            first_free, first_end = i, marks
    if best >= 0:
        q = lane_last[best]
        q.label_room = min(q.label_room, best_room) if best_room >= MIN_LABEL else 0.0
        return best
    lane_last[first_free].label_room = 0.0
    return first_free


def _cut_labels(labelled: list[Placed], left: float, end: float, reach: float) -> None:
    """Shorten (or drop) every label that runs over a marker from ``left`` to ``end``; forget
    the labels that end before ``reach``, which no later marker can meet."""
    kept = []
    for q in labelled:
        if not q.label_room:
            continue
        label_end = q.label_x + q.label_room
        if q.label_x < end + LABEL_GAP and label_end + LANE_GAP > left:
            room = left - LANE_GAP - q.label_x
            q.label_room = room if room >= MIN_LABEL else 0.0
        if q.label_room and q.label_x + q.label_room > reach:
            kept.append(q)
    labelled[:] = kept


def overlaps(placed: Sequence[Placed]) -> list[tuple[Placed, Placed]]:
    """Pairs where a label runs over another item's label or marker in the same lane.

    The layout promises there are none; the tests hold it to that.
    """
    by_lane: dict[int, list[Placed]] = {}
    for p in placed:
        by_lane.setdefault(p.lane, []).append(p)
    found = []
    for items in by_lane.values():
        for a in items:
            if not a.label_room:
                continue
            label = (a.label_x, a.label_x + a.label_room)
            for b in items:
                if b is a:
                    continue
                drawn = [(b.marker_left, b.marker_end)]
                if b.label_room:
                    drawn.append((b.label_x, b.label_x + b.label_room))
                if any(lo < label[1] and label[0] < hi for lo, hi in drawn):
                    found.append((a, b))
    return found


def year_step(px_per_day: float) -> int:
    """Label every n-th year so that year labels are at least 56 pixels apart."""
    year_px = px_per_day * 365.25
    return next((s for s in (1, 2, 5, 10, 20, 50, 100) if s * year_px >= 56), 100)
