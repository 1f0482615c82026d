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
