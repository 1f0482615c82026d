"""Which developments and sources a briefing holds, and how sources are numbered (no Qt)."""

from __future__ import annotations

import pytest

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Source
from dossier_app.export.options import ExportOptions, select_developments
from dossier_app.export.references import number_sources, paragraphs


def _dossier() -> Dossier:
    p = PartialDate.parse
    return Dossier(
        company=Company("ACME"),
        sources=[Source("a", "A"), Source("b", "B"), Source("c", "C")],
        timeline=[
            Development("late", p("2021-09"), "Late", sources=["b"], tags=["cloud"]),
            Development("year", p("2021"), "Year", sources=["c", "b"]),
            Development("span", p("2017-01"), "Span", end=p("2021-01"), tags=["cloud"]),
            Development("early", p("2016"), "Early", sources=["a"]),
        ],
    )


def _ids(devs: list[Development]) -> list[str]:
    return [d.id for d in devs]


def test_all_developments_in_date_order() -> None:
    assert _ids(select_developments(_dossier(), ExportOptions())) == [
        "early",
        "span",
        "year",
        "late",
    ]


def test_date_range_keeps_what_overlaps_it() -> None:
    opts = ExportOptions(date_from=PartialDate(2020, 6), date_to=PartialDate(2021, 3))
    # The span reaches into the range; "2021" may mean any day of 2021.
    assert _ids(select_developments(_dossier(), opts)) == ["span", "year"]
    assert opts.filter_description() == "Jun 2020 to Mar 2021"


def test_tag_and_viewer_subset() -> None:
    assert _ids(select_developments(_dossier(), ExportOptions(tag="cloud"))) == ["span", "late"]
    subset = ExportOptions(development_ids=frozenset({"late", "early"}))
    assert _ids(select_developments(_dossier(), subset)) == ["early", "late"]
    assert subset.filters_timeline and not ExportOptions().filters_timeline


@pytest.mark.parametrize(
    "kwargs",
    [{"marking": "SECRET"}, {"page_size": "A3"}, {"sections": ("appendix",)}, {"sections": ()}],
)
def test_bad_options_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ExportOptions(**kwargs)  # type: ignore[arg-type]


def test_sources_are_numbered_in_order_of_first_citation() -> None:
    d = _dossier()
    devs = d.chronological()
    refs = number_sources(d, [dev.sources for dev in devs], include_uncited=True)
    assert [s.id for s in refs.sources] == ["a", "c", "b"]
    assert refs.citation(["b", "c", "missing"]) == "[2][3]"
    assert refs.citation([]) == ""


def test_a_filtered_briefing_lists_only_what_it_cites() -> None:
    d = _dossier()
    refs = number_sources(d, [["b"]], include_uncited=False)
    assert [s.id for s in refs.sources] == ["b"]
    assert refs.citation(["a", "b"]) == "[1]"


def test_paragraphs_reflow_hand_wrapped_lines() -> None:
    text = "First line\nwrapped here.\n\nSecond paragraph.\n- a list item\n- another\n"
    assert paragraphs(text) == [
        "First line wrapped here.",
        "Second paragraph.",
        "- a list item",
        "- another",
    ]
    assert paragraphs(None) == [] and paragraphs("  \n") == []


def _on(*devs: Development) -> Dossier:
    return Dossier(company=Company("ACME"), timeline=list(devs))


@pytest.mark.parametrize(
    ("date", "end", "kept"),
    [
        ("2020-06-01", None, True),  # on the `from` day
        ("2020-05-31", None, False),  # the day before
        ("2020-05", None, False),  # a month that ends the day before
        ("2020-06", None, True),  # a month that holds the `from` day
        ("2019", "2020-06-01", True),  # a span that ends on the `from` day
        ("2019", "2020-05-31", False),  # a span that ends the day before
        ("2019", "2020-06", True),  # a span whose last month holds it
        ("2020-09-30", None, True),  # on the `to` day
        ("2020-10-01", None, False),  # the day after
        ("2020-09", "2021", True),  # a span that starts in the last month
        ("2020-10", "2021", False),  # a span that starts after the range
        ("2020-09-30", "2021", True),  # a span that starts on the `to` day
    ],
)
def test_date_range_bounds_are_inclusive_to_the_day(date: str, end: str | None, kept: bool) -> None:
    p = PartialDate.parse
    dev = Development("d", p(date), "D", end=p(end) if end else None)
    opts = ExportOptions(date_from=p("2020-06-01"), date_to=p("2020-09-30"))
    assert _ids(select_developments(_on(dev), opts)) == (["d"] if kept else [])


def test_open_ended_ranges_keep_a_development_on_their_one_bound() -> None:
    p = PartialDate.parse
    devs = _on(
        Development("before", p("2020-05-31"), "Before"),
        Development("on", p("2020-06-01"), "On"),
        Development("span", p("2019"), "Span", end=p("2020-06-01")),
        Development("after", p("2020-06-02"), "After"),
    )
    since = ExportOptions(date_from=p("2020-06-01"))
    assert _ids(select_developments(devs, since)) == ["span", "on", "after"]
    until = ExportOptions(date_to=p("2020-06-01"))
    assert _ids(select_developments(devs, until)) == ["span", "before", "on"]
    assert since.filter_description() == "from 1 Jun 2020"
    assert until.filter_description() == "up to 1 Jun 2020"
