"""Edits to a dossier's lists, as pure functions, with no Qt."""

from __future__ import annotations

import pytest

from dossier_app.domain import edits
from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Development, Figure


def _dev(ident: str, date: str, sources: list[str] | None = None) -> Development:
    return Development(ident, PartialDate.parse(date), ident, sources=sources or [])


def test_a_new_development_goes_after_those_of_the_same_date() -> None:
    timeline = [_dev("a", "2020"), _dev("b", "2021-03"), _dev("c", "2021-03"), _dev("d", "2022")]
    assert edits.chronological_index(timeline, PartialDate.parse("2021-03")) == 3
    assert edits.chronological_index(timeline, PartialDate.parse("2021")) == 1
    assert edits.chronological_index(timeline, PartialDate.parse("2019")) == 0
    assert edits.chronological_index(timeline, PartialDate.parse("2030")) == 4


def test_replacing_keeps_the_place_unless_the_date_moves() -> None:
    timeline = [_dev("a", "2020"), _dev("b", "2021"), _dev("c", "2022")]
    same = edits.replace_development(timeline, "b", _dev("b2", "2021"))
    assert [d.id for d in same] == ["a", "b2", "c"]
    moved = edits.replace_development(timeline, "a", _dev("a", "2022"))
    assert [d.id for d in moved] == ["b", "c", "a"]
    assert [d.id for d in timeline] == ["a", "b", "c"]  # the old list is intact
    with pytest.raises(LookupError):
        edits.replace_development(timeline, "nope", _dev("x", "2020"))


def test_renaming_and_dropping_a_source_touch_only_the_items_citing_it() -> None:
    cites = _dev("a", "2020", ["s1", "s2"])
    other = _dev("b", "2020", ["s3"])
    figure = Figure("f", "Revenue", 1, "USD", sources=["s1"])
    renamed = edits.rename_source([cites, other], "s1", "new")
    assert renamed[0].sources == ["new", "s2"] and renamed[1] is other
    assert cites.sources == ["s1", "s2"]  # swapped, never changed in place
    assert edits.drop_source([figure], "s1")[0].sources == []
    assert edits.drop_source([other], "s1")[0] is other
