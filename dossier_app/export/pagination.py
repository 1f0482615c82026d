"""Where pages break: keep entries whole, headings with what follows, tables by rows (no Qt).

The document is laid out once as one long page; this module cuts it into
page slices. Qt's own pagination splits any block at any line and knows
nothing of "keep with next", so the cuts are chosen here, at positions
where nothing is split that could have stayed together. A table (or chart)
cut across pages repeats its header row (or title) at the top of the next
page: the slice says which band of the layout to repeat.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

# Layout positions are floats; this much overlap still counts as fitting.
_EPS = 0.5

#: A band of the layout, (top, bottom), painted again at the top of a page.
Band = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Box:
    """A run of content that should stay on one page, in layout units from the top.

    ``breaks`` are positions inside the box where a cut is allowed (line and
    table-row tops). A box is cut only when it is taller than a page, unless it
    is ``splittable`` (a table, a chart): that fills the page and goes on on the
    next. ``header`` is the band repeated at the top of each page it goes on
    to. ``keep_with_next`` glues a heading to the box after it.
    """

    top: float
    bottom: float
    keep_with_next: bool = False
    breaks: tuple[float, ...] = field(default_factory=tuple)
    splittable: bool = False
    header: Band | None = None


@dataclass(frozen=True, slots=True)
class PageSlice:
    """The layout band ``[top, bottom)`` one page shows, after ``repeat`` when set."""

    top: float
    bottom: float
    repeat: Band | None = None

    @property
    def repeat_height(self) -> float:
        return self.repeat[1] - self.repeat[0] if self.repeat else 0.0

    def contains(self, y: float) -> bool:
        return self.top - _EPS <= y < self.bottom - _EPS


def paginate(boxes: Sequence[Box], page_height: float, total_height: float) -> list[PageSlice]:
    """Cut ``[0, total_height]`` into slices that fit ``page_height`` with their repeated band.

    A box that fits on a page is never cut (unless splittable): the page ends
    before it, or before the headings glued to it. A box taller than a page is
    cut at its last allowed break that fits, and only as a last resort in the
    middle of a line.
    """
    if page_height <= 0:
        raise ValueError("page height must be positive")
    slices: list[PageSlice] = []
    start = 0.0
    repeat: Band | None = None
    i = 0
    while i < len(boxes):
        box = boxes[i]
        room = page_height - (repeat[1] - repeat[0] if repeat else 0.0)
        if room < page_height / 2:  # a header band that would crowd out the content is dropped
            repeat, room = None, page_height
        limit = start + room
        if box.bottom - start <= room + _EPS:
            i += 1
            continue
        # The box overflows this page. Its headings come along wherever it goes.
        j = i
        while j > 0 and boxes[j - 1].keep_with_next and boxes[j - 1].top > start + _EPS:
            j -= 1
        head = boxes[j].top
        fits_whole = box.bottom - head <= page_height + _EPS
        fitting = [b for b in box.breaks if max(start, box.top) + _EPS < b <= limit + _EPS]
        if box.splittable and fitting:
            end = max(fitting)  # fill the page, go on on the next
        elif fits_whole and head > start + _EPS:
            end = head  # the box and its headings move to the next page
        elif fitting:
            end = max(fitting)  # too tall for any page: cut as late as allowed
        elif head > start + _EPS:
            end = head
        else:
            end = limit  # nowhere to cut: in the middle of a line
        slices.append(PageSlice(start, end, repeat))
        inside = box.top + _EPS < end < box.bottom - _EPS
        repeat = box.header if inside and box.header and box.header[1] <= end + _EPS else None
        start = end
        if end <= head + _EPS:
            i = j
    end = max(total_height, start)
    if end - start > _EPS or not slices:
        # Anything left after the last box (or an empty document) is one more page.
        while end - start > page_height + _EPS:
            slices.append(PageSlice(start, start + page_height))
            start += page_height
        slices.append(PageSlice(start, max(end, start), repeat if end > start else None))
    return slices


def page_of(slices: Sequence[PageSlice], y: float) -> int:
    """The index of the page showing layout position ``y``."""
    index = bisect.bisect_right([page.top for page in slices], y + _EPS) - 1
    return min(max(index, 0), len(slices) - 1)
