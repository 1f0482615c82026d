"""The bottom line and key judgements: loaded, checked with stable codes, written back."""

from __future__ import annotations

from dossier_app.domain.model import DOSSIER_KEYS, Judgement
from dossier_app.fileio.loader import parse_dossier_bytes
from dossier_app.fileio.writer import dump_dossier

from ..conftest import MINIMAL_DOSSIER

WITH_JUDGEMENTS = (
    MINIMAL_DOSSIER
    + """\
figures:
  - id: f1
    label: Revenue
    value: 12.5
    unit: USD
    sources: [s1]
bottom_line: |
  Example is likely to sell its cloud arm.
  Watch the regulator.
judgements:
  - id: sale
    text: Example will sell its cloud arm within a year.
    confidence: moderate
    likelihood: very likely
    based_on: [f1, d1]
  - id: staff
    text: Staff numbers will not fall.
    confidence: low
"""
)


def _codes(text: str) -> list[tuple[str, str]]:
    result = parse_dossier_bytes(text.encode(), "x.yaml")
    return [(p.severity, p.code) for p in result.problems]


def test_judgements_load_into_the_model() -> None:
    result = parse_dossier_bytes(WITH_JUDGEMENTS.encode(), "x.yaml")
    d = result.dossier
    assert d is not None, result.problems
    assert d.bottom_line == "Example is likely to sell its cloud arm.\nWatch the regulator.\n"
    assert d.judgements == [
        Judgement("sale", "Example will sell its cloud arm within a year.", "moderate",
                  "very likely", ["f1", "d1"]),
        Judgement("staff", "Staff numbers will not fall.", "low"),
    ]  # fmt: skip
    assert [x.id for x in d.grounds(d.judgements[0])] == ["f1", "d1"]
    assert d.judgement("staff") is d.judgements[1] and d.judgement("nope") is None
    assert [p.code for p in result.problems] == ["judgement-without-grounds"]


def test_canonical_order_puts_the_briefing_keys_after_tags() -> None:
    d = parse_dossier_bytes(WITH_JUDGEMENTS.encode(), "x.yaml").dossier
    assert d is not None
    text = dump_dossier(d)
    top = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert top == [k for k in DOSSIER_KEYS if k in top]
    assert top.index("bottom_line") < top.index("judgements") < top.index("sources")
    again = parse_dossier_bytes(text.encode(), "x.yaml").dossier
    assert again == d
    assert dump_dossier(again) == text


def test_problem_codes_are_stable() -> None:
    bad = (
        WITH_JUDGEMENTS.replace("[f1, d1]", "[f1, gone]")
        .replace("value: 12.5", "value: .nan")
        .replace("  - id: staff", "  - id: sale")
    )
    assert sorted(_codes(bad)) == [
        ("error", "duplicate-judgement-id"),
        ("error", "non-finite-number"),
        ("error", "unknown-judgement-ground"),
        ("warning", "judgement-without-grounds"),
    ]


def test_a_judgement_can_rest_on_a_figure_or_a_development_but_not_a_source() -> None:
    assert ("error", "unknown-judgement-ground") in _codes(
        WITH_JUDGEMENTS.replace("[f1, d1]", "[s1]")
    )


def test_grounds_follow_a_renamed_or_removed_item() -> None:
    d = parse_dossier_bytes(WITH_JUDGEMENTS.encode(), "x.yaml").dossier
    assert d is not None
    assert [j.id for j in d.judgements_resting_on("d1")] == ["sale"]
    d.rename_ground("d1", "d1-new")
    assert d.judgements[0].based_on == ["f1", "d1-new"]
    d.remove_ground_references("f1")
    assert d.judgements[0].based_on == ["d1-new"]
    assert d.judgements_resting_on("f1") == []
