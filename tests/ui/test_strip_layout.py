"""The timeline strip's layout, without Qt: lanes, and labels that never run over anything."""

from __future__ import annotations

import datetime as _dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier_app.fileio.loader import load_dossier
from dossier_app.ui.dossier.strip_layout import (
    MARGIN_X,
    MIN_LABEL,
    RIGHT_ROOM,
    Placed,
    lanes_for,
    overlaps,
    place_all,
)

from ..conftest import ALIBABA

DAY0 = _dt.date(2010, 1, 1).toordinal()


def _item(name: str, start: int, days: int = 1, span: bool = False, width: int = 120) -> Placed:
    return Placed(name, DAY0 + start, DAY0 + start + days, span, width)


def _fit(items: list[Placed], width: float = 900) -> float:
    last = max(p.stop for p in items)
    return (width - MARGIN_X - RIGHT_ROOM) / (last - DAY0)


def test_developments_of_one_day_go_to_different_lanes() -> None:
    items = [_item(f"d{i}", 100) for i in range(4)]
    place_all(items, DAY0, 2.0, lanes_max=6)
    assert sorted(p.lane for p in items) == [0, 1, 2, 3]
    assert overlaps(items) == []


def test_a_later_development_reuses_a_lane_once_the_label_has_ended() -> None:
    first, second = _item("a", 0, width=100), _item("b", 400, width=100)
    place_all([first, second], DAY0, 1.0, lanes_max=4)
    assert first.lane == second.lane == 0
    assert first.label_room == second.label_room == 100


def test_when_lanes_run_out_a_label_is_shortened_before_the_next_marker() -> None:
    items = [_item("a", 0, width=200), _item("b", 0, width=200), _item("c", 120, width=200)]
    place_all(items, DAY0, 1.0, lanes_max=2)
    a, _b, c = items
    assert c.lane == a.lane
    assert MIN_LABEL <= a.label_room < 200
    assert a.label_x + a.label_room < c.marker_left
    assert overlaps(items) == []


def test_markers_may_share_a_moment_but_no_label_lies_under_one() -> None:
    items = [_item(f"d{i}", 10, width=150) for i in range(5)]
    place_all(items, DAY0, 1.0, lanes_max=2)
    assert overlaps(items) == []
    assert sum(1 for p in items if p.label_room) <= 2


def test_three_hundred_developments_on_a_narrow_strip_never_overlap() -> None:
    rng = random.Random(7)
    items = []
    for i in range(300):
        start = rng.randrange(0, 3650)
        span = rng.random() < 0.15
        days = rng.randrange(30, 900) if span else rng.choice((1, 30, 365))
        items.append(_item(f"d{i}", start, days, span, rng.randrange(30, 400)))
    items.sort(key=lambda p: p.start)
    extent = place_all(items, DAY0, _fit(items), lanes_for(214))
    assert overlaps(items) == []
    assert {p.lane for p in items} == set(range(lanes_for(214)))
    assert extent.starts == sorted(extent.starts)


def test_every_bundled_development_gets_a_label_at_the_default_size() -> None:
    dossier = load_dossier(ALIBABA)
    items = []
    for dev in dossier.timeline:
        first = dev.date.first_day().toordinal()
        stop = (dev.end or dev.date).last_day().toordinal() + 1
        items.append(Placed(dev, first, stop, dev.end is not None, len(dev.title) * 7))
    items.sort(key=lambda p: p.start)
    day0 = _dt.date(2016, 1, 1).toordinal()
    last = max(p.stop for p in items)
    place_all(items, day0, (900 - MARGIN_X - RIGHT_ROOM) / (last - day0), lanes_for(210))
    assert overlaps(items) == []
    assert all(p.label_room >= MIN_LABEL for p in items)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 2000), st.integers(1, 700), st.booleans(), st.integers(0, 500)),
        min_size=1,
        max_size=60,
    ),
    st.integers(1, 8),
    st.floats(0.05, 24.0),
)
def test_no_label_ever_runs_over_a_label_or_a_marker(
    specs: list[tuple[int, int, bool, int]], lanes: int, scale: float
) -> None:
    items = sorted(
        (_item(f"d{i}", s, d, span, w) for i, (s, d, span, w) in enumerate(specs)),
        key=lambda p: p.start,
    )
    place_all(items, DAY0, scale, lanes)
    assert overlaps(items) == []
    assert all(0 <= p.lane < lanes for p in items)
