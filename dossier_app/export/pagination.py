"""Where pages break: keep entries whole, headings with what follows (no Qt).

The document is laid out once as one long page; this module cuts it into
page slices. Qt's own pagination splits any block at any line and knows
nothing of "keep with next", so the cuts are chosen here, at positions
where nothing is split that could have stayed together.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

# Layout positions are floats; this much overlap still counts as fitting.
_EPS = 0.5


@dataclass(frozen=True, slots=True)
class Box:
    """A run of content that should stay on one page, in layout units from the top.

    ``breaks`` are positions inside the box where a cut is allowed when the box
    is taller than a page (line and table-row tops). ``keep_with_next`` glues a
    heading to the box after it.
    """

    top: float
    bottom: float
    keep_with_next: bool = False
    breaks: tuple[float, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class PageSlice:
    top: float
    bottom: float

    def contains(self, y: float) -> bool:
        return self.top - _EPS <= y < self.bottom - _EPS


def paginate(boxes: Sequence[Box], page_height: float, total_height: float) -> list[PageSlice]:
    """Cut ``[0, total_height]`` into slices at most ``page_height`` tall.

    A box that fits on a page is never cut: the page ends before it (or before
    the headings glued to it). A box taller than a page is cut at its last
    allowed break that fits, and only as a last resort in the middle of a line.
    """
    if page_height <= 0:
        raise ValueError("page height must be positive")
    slices: list[PageSlice] = []
    start = 0.0
    i = 0
    while i < len(boxes):
        box = boxes[i]
        if box.bottom - start <= page_height + _EPS:
            i += 1
            continue
        # The box overflows this page. Move it, with any headings glued to it, to the next page.
        j = i
        while j > 0 and boxes[j - 1].keep_with_next and boxes[j - 1].top > start + _EPS:
            j -= 1
        head = boxes[j].top
        if head > start + _EPS and box.bottom - head <= page_height + _EPS:
            slices.append(PageSlice(start, head))
            start = head
            i = j
            continue
        # Too tall for any page: cut inside it, as late as an allowed break allows.
        limit = start + page_height
        fitting = [b for b in box.breaks if start + _EPS < b <= limit + _EPS]
        if fitting:
            end = max(fitting)
        elif head > start + _EPS:
            end = head
        else:
            end = limit
        slices.append(PageSlice(start, end))
        start = end
    end = max(total_height, start)
    if end - start > _EPS or not slices:
        # Anything left after the last box (or an empty document) is one more page.
        while end - start > page_height + _EPS:
            slices.append(PageSlice(start, start + page_height))
            start += page_height
        slices.append(PageSlice(start, max(end, start)))
    return slices


def page_of(slices: Sequence[PageSlice], y: float) -> int:
    """The index of the page showing layout position ``y``."""
    index = bisect.bisect_right([page.top for page in slices], y + _EPS) - 1
    return min(max(index, 0), len(slices) - 1)
