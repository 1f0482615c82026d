"""Corroboration flags on small dossiers: origins through ``via``, grades, age."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

import pytest

from dossier_app.domain import clock
from dossier_app.domain.corroboration import (
    FLAGS,
    SINGLE_ORIGIN,
    STALE,
    UNCITED,
    WEAK_SOURCING,
    Corroboration,
    describe_flags,
    independent_origins,
    legend,
    origin,
    stale_cutoff,
    via_chain,
    via_cycles,
)
from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Figure, Source

TODAY = _dt.date(2026, 12, 3)


def dossier(sources: list[Source], timeline: Sequence[Development] = (),
            figures: Sequence[Figure] = ()) -> Dossier:
    return Dossier(company=Company(name="Acme"), sources=list(sources),
                   timeline=list(timeline), figures=list(figures))


def dev(sources: list[str], credibility: int | None = None, ident: str = "d") -> Development:
    return Development(id=ident, date=PartialDate(2021), title="T", sources=sources,
                       credibility=credibility)


def fig(sources: list[str], as_of: PartialDate | None = None) -> Figure:
    return Figure(id="f", label="F", value=1, unit="USD", sources=sources, as_of=as_of)


def flags(d: Dossier, claim: Development | Figure) -> tuple[str, ...]:
    return Corroboration(d, TODAY).flags(claim)


# -- origins ------------------------------------------------------------------

def test_via_chain_follows_to_the_root() -> None:
    via = {"hill": "reuters", "blog": "hill", "reuters": None}
    assert via_chain("blog", via) == ["blog", "hill", "reuters"]
    assert origin("blog", via) == "reuters"
    assert origin("reuters", via) == "reuters"


def test_independent_origins_count_each_root_once() -> None:
    via = {"hill": "reuters", "blog": "hill", "reuters": None, "ap": None}
    assert independent_origins(["hill", "blog", "reuters"], via) == ["reuters"]
    assert independent_origins(["blog", "ap", "hill"], via) == ["reuters", "ap"]
    assert independent_origins(["missing"], via) == []


def test_cycles_are_found_once_from_their_first_member() -> None:
    via = {"a": "b", "b": "c", "c": "a", "d": "d", "e": None, "f": "a"}
    assert via_cycles(via) == [["a", "b", "c"], ["d"]]
    # Members of a cycle share one origin, so they count once.
    assert independent_origins(["a", "b", "c"], via) == ["a"]
    assert via_cycles({"x": "y", "y": None}) == []


def test_a_via_to_an_unknown_id_stops_there() -> None:
    assert via_chain("hill", {"hill": "nowhere"}) == ["hill"]


# -- flags ----------------------------------------------------------------------

def test_hill_via_reuters_is_single_origin() -> None:
    d = dossier([Source("reuters", "R"), Source("hill", "H", via="reuters")],
                [dev(["reuters", "hill"])])
    assert flags(d, d.timeline[0]) == (SINGLE_ORIGIN,)
    assert Corroboration(d, TODAY).origins(d.timeline[0]) == ["reuters"]


def test_two_independent_origins_raise_no_flag() -> None:
    d = dossier([Source("reuters", "R"), Source("ap", "AP")], [dev(["reuters", "ap"])])
    assert flags(d, d.timeline[0]) == ()
    assert not Corroboration(d, TODAY).needs_corroboration(d.timeline[0])


def test_uncited_claim_is_flagged_uncited_only() -> None:
    d = dossier([Source("r", "R", reliability="E")], [dev([], credibility=6)])
    assert flags(d, d.timeline[0]) == (UNCITED,)


@pytest.mark.parametrize(
    ("grades", "credibility", "weak"),
    [
        (["D", "E"], None, True),
        (["F"], 2, True),
        (["D", "B"], None, False),
        (["D", None], None, False),
        ([None], 5, True),
        (["A"], 6, True),
        (["A"], 4, False),
    ],
)
def test_weak_sourcing(grades: list[str | None], credibility: int | None, weak: bool) -> None:
    sources = [Source(f"s{i}", "S", reliability=g) for i, g in enumerate(grades)]
    d = dossier(sources, [dev([s.id for s in sources], credibility)])
    assert (WEAK_SOURCING in flags(d, d.timeline[0])) is weak


def test_stale_figure_by_as_of() -> None:
    d = dossier([Source("a", "A"), Source("b", "B")])
    old = fig(["a", "b"], as_of=PartialDate(2024, 11))
    fresh = fig(["a", "b"], as_of=PartialDate(2024, 12))  # ends 2024-12-31, after the cut-off
    assert flags(d, old) == (STALE,)
    assert flags(d, fresh) == ()


def test_stale_figure_without_as_of_goes_by_its_newest_source() -> None:
    d = dossier([Source("a", "A", published=PartialDate(2019)),
                 Source("b", "B", published=PartialDate(2025, 6, 1))])
    assert STALE not in flags(d, fig(["a", "b"]))
    assert STALE in flags(d, fig(["a"]))
    assert STALE not in flags(d, fig([]))  # undated: nothing to judge by


def test_stale_threshold_is_a_parameter() -> None:
    d = dossier([Source("a", "A"), Source("b", "B")])
    f = fig(["a", "b"], as_of=PartialDate(2025, 6))
    assert Corroboration(d, TODAY, stale_years=1).flags(f) == (STALE,)
    assert Corroboration(d, TODAY, stale_years=2).flags(f) == ()


def test_stale_cutoff_on_a_leap_day() -> None:
    assert stale_cutoff(_dt.date(2028, 2, 29), 2) == _dt.date(2026, 2, 28)


def test_today_comes_from_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: _dt.date(2022, 1, 1))
    d = dossier([Source("a", "A"), Source("b", "B")])
    assert Corroboration(d).flags(fig(["a", "b"], as_of=PartialDate(2021))) == ()
    monkeypatch.setattr(clock, "today", lambda: _dt.date(2030, 1, 1))
    assert Corroboration(d).flags(fig(["a", "b"], as_of=PartialDate(2021))) == (STALE,)


def test_counts_and_flagged_cover_every_claim() -> None:
    d = dossier(
        [Source("r", "R", reliability="E"), Source("h", "H", via="r"), Source("ap", "AP")],
        [dev(["r", "h"], ident="one"), dev(["r", "ap"], ident="two"), dev([], ident="three")],
        [fig(["h"], as_of=PartialDate(2020))],
    )
    c = Corroboration(d, TODAY)
    assert c.counts() == {SINGLE_ORIGIN: 2, WEAK_SOURCING: 0, UNCITED: 1, STALE: 1}
    assert [claim.id for claim, _ in c.flagged()] == ["one", "three", "f"]


def test_descriptions_and_legend_are_plain_text() -> None:
    text = describe_flags([SINGLE_ORIGIN, STALE])
    assert text.splitlines() == [
        f"{FLAGS[SINGLE_ORIGIN].name}: {FLAGS[SINGLE_ORIGIN].description}",
        f"{FLAGS[STALE].name}: {FLAGS[STALE].description}",
    ]
    terms = [term for term, _ in legend()]
    assert terms[:4] == [info.name for info in FLAGS.values()]
    assert "Source F" in terms and "Information 6" in terms


def test_relaying_sources_and_removing_references() -> None:
    d = dossier([Source("r", "R"), Source("h", "H", via="r"), Source("b", "B", via="h")],
                [dev(["r", "h"])])
    assert [s.id for s in d.relaying("r")] == ["h"]
    from dossier_app.domain import edits

    d.timeline = edits.drop_source(d.timeline, "r")
    d.sources = edits.drop_via([s for s in d.sources if s.id != "r"], "r")
    assert d.timeline[0].sources == ["h"]
    assert d.source("h").via is None  # type: ignore[union-attr]
    assert d.source("b").via == "h"  # type: ignore[union-attr]
