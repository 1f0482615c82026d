"""The briefing content model, without Qt: what every format of the briefing says."""

from __future__ import annotations

import pytest

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Figure, Judgement, Source
from dossier_app.export.compose import compose_briefing, series_charts
from dossier_app.export.options import ExportOptions, MarkingDowngradeError


def _dossier() -> Dossier:
    p = PartialDate.parse
    return Dossier(
        company=Company("ACME Corp", short_name="ACME", aliases=["Acme"]),
        marking="TLP:AMBER",
        bottom_line="ACME will be fined.\nSoon.",
        judgements=[
            Judgement("fine", "ACME will be fined.", "moderate", "likely", ["late", "rev"])
        ],
        sources=[Source("a", "A", reliability="B"), Source("b", "B"), Source("c", "C")],
        timeline=[
            Development("early", p("2016"), "Early", sources=["a"], tags=["x"], credibility=2),
            Development("late", p("2021-09"), "Late", sources=["b"], tags=["y"]),
        ],
        figures=[
            Figure("rev", "Revenue", 10, "USD", as_of=p("2020"), sources=["c"]),
            Figure("rev2", "Revenue", 12, "USD", as_of=p("2021"), sources=["c"]),
            Figure("staff", "Staff", 100, "employees", as_of=p("2021")),
        ],
    )


def test_judgements_cite_the_sources_of_their_grounds_first() -> None:
    b = compose_briefing(_dossier(), ExportOptions())
    (j,) = b.judgements
    assert j.citation == "[1][2]" and j.grounds == ("Late", "Revenue")
    assert j.assessment == "Moderate confidence · likely (55–80 %)"
    assert [r.id for r in b.references] == ["b", "c", "a"]
    assert b.bottom_line == ("ACME will be fined. Soon.",)
    assert b.also_known_as == ("ACME", "Acme")
    assert ("Name", "ACME Corp") not in b.profile  # the title block has the names


def test_counts_and_figures_follow_the_filters() -> None:
    options = ExportOptions(date_from=PartialDate(2021), tags=("y", "z"))
    b = compose_briefing(_dossier(), options)
    assert [e.id for e in b.timeline] == ["late"]
    assert [f.id for f in b.figures] == ["rev2", "staff"]
    assert b.contents == (
        "1 key judgement · 1 of 2 developments (from 2021, any of the tags y, z) · "
        "2 of 3 key figures · 2 of 3 sources"
    )
    assert b.cut_off == PartialDate(2021)  # "2021" may mean any day of 2021, later than Sep


def test_one_chart_per_measure_and_none_for_a_single_value() -> None:
    charts = series_charts(_dossier().figures)
    assert [(c.label, c.unit, [bar.label for bar in c.bars]) for c in charts] == [
        ("Revenue", "USD", ["2020", "2021"])
    ]


def test_a_lowered_marking_needs_confirmation() -> None:
    with pytest.raises(MarkingDowngradeError, match="TLP:AMBER"):
        compose_briefing(_dossier(), ExportOptions(marking="TLP:CLEAR"))
    b = compose_briefing(_dossier(), ExportOptions(marking="TLP:CLEAR", downgrade_marking=True))
    assert b.marking_lowered_from == "TLP:AMBER" and "lowered from TLP:AMBER" in b.subject
    raised = compose_briefing(_dossier(), ExportOptions(marking="TLP:RED"))
    assert raised.marking_lowered_from is None


def test_the_grade_key_counts_the_grades_used() -> None:
    key = compose_briefing(_dossier(), ExportOptions()).grade_key
    assert key is not None and "Admiralty" in key.system
    assert [(g.code, g.used) for g in key.reliability][:2] == [("A", 0), ("B", 1)]
    assert [(g.code, g.used) for g in key.credibility][1] == ("2", 1)
    assert key.second_hand == 0 and key.second_hand_note == ""


def test_a_second_hand_source_says_so() -> None:
    d = _dossier()
    d.sources[1].extra["via"] = "a"
    b = compose_briefing(d, ExportOptions())
    entry = next(r for r in b.references if r.id == "b")
    assert entry.second_hand == "Second-hand: reports from [3]"
    assert b.grade_key is not None and b.grade_key.second_hand == 1
